import UneFoisCore
import UneFoisModel
/// Coordinates as partners write them in one cell: « 43.8376, 5.0386 », « 43,8376 ; 5,0386 »
/// (decimal commas), « 43,8376 5,0386 », « 43.8376;5.0386 ». Never guesses between readings:
/// a cell that could be split two ways is refused.
public enum CoordinateText {
    /// The two numbers of a combined cell, in cell order, with `.` decimals; nil when the cell
    /// does not hold exactly two numbers.
    public static func split(_ text: String) -> (String, String)? {
        let t = text.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "\u{00A0}", with: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: "()[] "))
        guard !t.isEmpty else { return nil }
        var parts: [String]
        if t.contains(";") || t.contains("/") || t.contains("|") {
            parts = t.components(separatedBy: CharacterSet(charactersIn: ";/|"))
        } else if t.contains(", ") {
            // « 43.83, 5.04 » or « 43,83, 5,04 »: the comma followed by a space separates.
            parts = t.components(separatedBy: ", ")
        } else {
            let commas = t.filter { $0 == "," }.count
            let dots = t.filter { $0 == "." }.count
            if t.contains(" ") {
                parts = t.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            } else if commas == 1 && dots == 2 {
                parts = t.components(separatedBy: ",")
            } else if commas == 3 {
                // « 43,83,5,04 »: decimal commas and a comma separator; the middle one separates.
                let p = t.components(separatedBy: ",")
                parts = [p[0] + "." + p[1], p[2] + "." + p[3]]
            } else if commas == 1 && dots == 0 {
                // « 43,5 » could be one number: refuse unless both sides are plausible integers.
                return nil
            } else {
                return nil
            }
        }
        parts = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count == 2 else { return nil }
        var out: [String] = []
        for p in parts {
            let n = p.replacingOccurrences(of: ",", with: ".")
            guard n.filter({ $0 == "." }).count <= 1, Double(n) != nil, n.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) else { return nil }
            out.append(n)
        }
        return (out[0], out[1])
    }
}

import Foundation
