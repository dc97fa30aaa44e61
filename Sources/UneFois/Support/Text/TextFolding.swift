import Foundation

/// Text keys for matching, never for display: lowercase, accents removed, punctuation to spaces,
/// spaces collapsed. `"Médiathèque  La-Durance."` → `"mediatheque la durance"`.
public enum TextFolding {
    /// The folded matching key of `text`.
    public static func key(_ text: String) -> String {
        let lowered = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in lowered.unicodeScalars {
            if CharacterSet.alphanumerics.contains(s) {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                switch s {
                case "œ": out.append("o"); out.append("e")
                case "æ": out.append("a"); out.append("e")
                case "ß": out.append("s"); out.append("s")
                default: out.append(s)
                }
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// Trims white space (including non-breaking spaces) and collapses inner runs to one space.
    public static func clean(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for ch in text {
            if ch.isWhitespace || ch == "\u{00A0}" || ch == "\u{202F}" {
                pendingSpace = true
            } else {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        return out
    }

    /// Levenshtein distance, for short strings (commune names).
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
