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

    /// Parses one day's text into `HH:MM-HH:MM` ranges; nil when unreadable, [] when closed.
    public static func parseRanges(_ text: String) -> [String]? {
        let key = TextFolding.key(text)
        if key.isEmpty || key == "ferme" || key == "fermee" || key == "closed" || key == "off" { return [] }
        let pattern = #"(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?\s*(?:-|–|à|a|au)\s*(\d{1,2})\s*(?:h|H|:)\s*(\d{2})?"#
        guard let re = try? NSRegularExpression(pattern: pattern) else { return nil }
        let ns = text as NSString
        let matches = re.matches(in: text, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return nil }
        // Everything outside the matches must be separators (/, et, ,, ;, spaces).
        var rest = text
        for m in matches.reversed() { rest = (rest as NSString).replacingCharacters(in: m.range, with: " ") }
        let leftover = TextFolding.key(rest).replacingOccurrences(of: "et", with: "").trimmingCharacters(in: .whitespaces)
        guard leftover.isEmpty else { return nil }
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

    /// True when `text` is valid in the OSM subset: rules separated by `;`, each an optional
    /// weekday selector, then time ranges, `off`/`closed`, or a quoted comment.
    public static func isValidOSM(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t == "24/7" { return true }
        guard !t.isEmpty else { return false }
        let day = "(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|SH)"
        let daySel = "\(day)(?:\\[[-0-9,]+\\])?(?:-\(day))?(?:,\(day)(?:-\(day))?)*"
        let time = "(?:[01]\\d|2[0-4]):[0-5]\\d-(?:[01]\\d|2[0-4]):[0-5]\\d\\+?"
        let comment = "\"[^\"]*\""
        let rule = "^(?:(?:\(daySel))(?:\\s+(?:\(time)(?:,\(time))*|\\s+off|\\s+closed))?(?:\\s+\(comment))?|(?:\(time)(?:,\(time))*)(?:\\s+\(comment))?|\(comment))$"
        guard let re = try? NSRegularExpression(pattern: rule) else { return false }
        for part in t.components(separatedBy: ";") {
            let p = part.trimmingCharacters(in: .whitespaces)
            if p.isEmpty { return false }
            if re.firstMatch(in: p, range: NSRange(location: 0, length: (p as NSString).length)) == nil { return false }
        }
        return true
    }
}
