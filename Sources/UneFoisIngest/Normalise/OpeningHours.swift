import UneFoisCore
import UneFoisModel
import Foundation

/// Opening hours: French free text per day → OSM `opening_hours`, and a validator for the subset
/// of the OSM syntax the national standard uses (`Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00`).
///
/// See https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification.
public enum OpeningHours {
    /// A day whose text could not be read.
    public struct Failure: Error, Sendable {
        public var jour: String
        public var text: String
        public var colonne: String?
    }

    static let days = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    static let frenchDays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// Builds OSM opening hours from per-day texts such as `9h-12h / 14h-17h`, `8h30-12h`, `Fermé`.
    /// Days with the same hours are grouped (`Mo-Fr`). Empty result (all closed) gives `"off"`-less "".
    public static func fromDailyText(_ perDay: [(jour: String, text: String)]) -> Result<String, Failure> {
        var ranges: [String: [String]] = [:]
        for (jour, text) in perDay {
            guard let r = parseRanges(text) else { return .failure(Failure(jour: jour, text: text, colonne: nil)) }
            ranges[jour] = r
        }
        let s = compose(ranges)
        return .success(s)
    }

    /// « 9h-12h », « 9 h 30 à 12 h », « 14:00-17:00 » (compiled once).
    static let rangePattern = try! NSRegularExpression(pattern: #"(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?\s*(?:-|–|à|a|au)\s*(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?"#)

    /// Parses one day's text into `HH:MM-HH:MM` ranges; nil when unreadable, [] when closed.
    public static func parseRanges(_ text: String) -> [String]? {
        let key = TextFolding.key(text)
        if key.isEmpty || key == "ferme" || key == "fermee" || key == "closed" || key == "off" { return [] }
        let re = rangePattern
        let ns = text as NSString
        let matches = re.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return nil }
        // Everything outside the matches must be separators (/, et, ,, ;, spaces).
        var rest = text
        for m in matches.reversed() { rest = (rest as NSString).replacingCharacters(in: m.range, with: " ") }
        // Around the ranges, only joining words may stand: « de 9h à 12h et de 14h à 17h ».
        let joining: Set<String> = ["et", "de", "puis", "matin", "apres", "midi", "soir", "le"]
        guard TextFolding.key(rest).split(separator: " ").allSatisfy({ joining.contains(String($0)) }) else { return nil }
        var out: [String] = []
        for m in matches {
            func group(_ i: Int) -> Int? {
                let r = m.range(at: i)
                return r.location == NSNotFound ? nil : Int(ns.substring(with: r))
            }
            guard let h1 = group(1), let h2 = group(3) else { return nil }
            let m1 = group(2) ?? 0, m2 = group(4) ?? 0
            guard h1 <= 24, h2 <= 24, m1 < 60, m2 < 60, h1 * 60 + m1 < h2 * 60 + m2 else { return nil }
            out.append(String(format: "%02d:%02d-%02d:%02d", h1, m1, h2, m2))
        }
        return out
    }

    /// Groups consecutive days with identical ranges: `Mo-Fr 09:00-12:00; Sa 09:00-12:00`.
    static func compose(_ ranges: [String: [String]]) -> String {
        var rules: [String] = []
        var i = 0
        while i < days.count {
            guard let r = ranges[days[i]], !r.isEmpty else { i += 1; continue }
            var j = i
            while j + 1 < days.count, ranges[days[j + 1]] == r { j += 1 }
            let sel = i == j ? days[i] : (j == i + 1 ? "\(days[i]),\(days[j])" : "\(days[i])-\(days[j])")
            rules.append(sel + " " + r.joined(separator: ","))
            i = j + 1
        }
        return rules.joined(separator: "; ")
    }

    /// True when `text` is valid in the OSM subset the standard uses: rules separated by `;`,
    /// each an optional weekday selector (`Mo-Fr`, `Tu,Th`, `Mo[1]`, `PH`), then time spans
    /// (`09:00-12:00,14:00-18:30`, `18:00+`) or `off`/`closed`/`open`, then an optional quoted
    /// comment; or `24/7`.
    public static func isValidOSM(_ text: String) -> Bool {
        var bytes = text
        return bytes.withUTF8(acceptsCommonForm) || isValidGeneral(text)
    }

    /// The general check behind ``isValidOSM``.
    static func isValidGeneral(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return false }
        if t == "24/7" { return true }
        for part in t.components(separatedBy: ";") {
            if !isValidRule(part.trimmingCharacters(in: .whitespaces)) { return false }
        }
        return true
    }

    /// Byte-level check of the common form, `Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00`:
    /// rules joined by `;` (one optional space after it), each an optional selector of plain
    /// days (`Mo`, `Mo-Fr`, `Tu,Th-Sa`, `PH`) and one space, then `HH:MM-HH:MM` spans joined by
    /// `,`. True only for text that ``isValidRule`` also accepts; false means « not this form »,
    /// and the general check decides.
    static func acceptsCommonForm(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        var i = 0
        @inline(__always) func digit(_ k: Int) -> Int? {
            k < n && b[k] >= 0x30 && b[k] <= 0x39 ? Int(b[k] - 0x30) : nil
        }
        func day() -> Bool {
            guard i + 1 < n else { return false }
            switch (b[i], b[i + 1]) {
            case (0x4D, 0x6F), (0x54, 0x75), (0x57, 0x65), (0x54, 0x68), (0x46, 0x72), (0x53, 0x61), (0x53, 0x75), (0x50, 0x48), (0x53, 0x48):
                i += 2  // Mo Tu We Th Fr Sa Su PH SH
                return true
            default: return false
            }
        }
        func days() -> Bool {
            repeat {
                guard day() else { return false }
                if i < n && b[i] == 0x2D { i += 1; guard day() else { return false } }  // -
                guard i < n && b[i] == 0x2C else { return true }  // ,
                i += 1
            } while true
        }
        func time() -> Int? {
            guard let h1 = digit(i), let h2 = digit(i + 1), i + 2 < n, b[i + 2] == 0x3A, let m1 = digit(i + 3), let m2 = digit(i + 4) else { return nil }
            let h = h1 * 10 + h2, m = m1 * 10 + m2
            guard h <= 24, m < 60 else { return nil }
            i += 5
            return h * 60 + m
        }
        guard n > 0 else { return false }
        while true {
            let start = i
            if days(), i < n, b[i] == 0x20 { i += 1 } else { i = start }
            while true {
                guard let a = time(), i < n, b[i] == 0x2D, ({ i += 1; return true })(), let z = time(), a != z else { return false }
                guard i < n, b[i] == 0x2C else { break }
                i += 1
            }
            if i == n { return true }
            guard b[i] == 0x3B else { return false }  // ;
            i += 1
            if i < n && b[i] == 0x20 { i += 1 }
            guard i < n else { return false }
        }
    }

    static func isValidRule(_ rule: String) -> Bool {
        guard !rule.isEmpty else { return false }
        var body = rule
        // Trailing comment.
        if let q = body.firstIndex(of: "\"") {
            let comment = body[q...]
            guard comment.count >= 2, comment.last == "\"", comment.dropFirst().dropLast().allSatisfy({ $0 != "\"" }) else { return false }
            body = String(body[..<q]).trimmingCharacters(in: .whitespaces)
            if body.isEmpty { return true }
        }
        let words = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard !words.isEmpty, words.count <= 2 else { return false }
        var i = 0
        if isWeekdaySelector(words[0]) { i = 1 }
        if i == words.count { return i == 1 }
        let rest = words[i]
        if ["off", "closed", "open"].contains(rest) { return i + 1 == words.count }
        return i + 1 == words.count && rest.split(separator: ",", omittingEmptySubsequences: false).allSatisfy { isTimeSpan(String($0)) }
    }

    static let weekdays: Set<String> = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH", "SH"]

    static func isWeekdaySelector(_ w: String) -> Bool {
        // Commas separate days, except inside the brackets of an ordinal (`Fr[1,3]`).
        var parts: [Substring] = []
        var depth = 0, start = w.startIndex
        for i in w.indices {
            if w[i] == "[" { depth += 1 } else if w[i] == "]" { depth -= 1 }
            else if w[i] == ",", depth == 0 { parts.append(w[start..<i]); start = w.index(after: i) }
        }
        parts.append(w[start...])
        return parts.allSatisfy { part in
            var p = String(part)
            if let b = p.firstIndex(of: "[") {
                guard p.hasSuffix("]") else { return false }
                let inner = p[p.index(after: b)..<p.index(before: p.endIndex)]
                guard !inner.isEmpty, inner.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "," }) else { return false }
                p = String(p[..<b])
            }
            let ends = p.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            return (ends.count == 1 || ends.count == 2) && ends.allSatisfy { weekdays.contains($0) }
        }
    }

    static func minutes(_ hm: Substring) -> Int? {
        let p = hm.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, p[0].count == 2, p[1].count == 2, let h = Int(p[0]), let m = Int(p[1]), h <= 24, m < 60, p[0].allSatisfy(\.isNumber), p[1].allSatisfy(\.isNumber) else { return nil }
        return h * 60 + m
    }

    static func isTimeSpan(_ s: String) -> Bool {
        var span = Substring(s)
        if span.hasSuffix("+") { span = span.dropLast() }
        let ends = span.split(separator: "-", omittingEmptySubsequences: false)
        if ends.count == 1 { return s.hasSuffix("+") && minutes(ends[0]) != nil }
        guard ends.count == 2, let a = minutes(ends[0]), let b = minutes(ends[1]) else { return false }
        return a != b && b <= 48 * 60
    }
}
