import Foundation

/// Text keys for matching, never for display: lowercase, accents removed, punctuation to spaces,
/// spaces collapsed. `"Médiathèque  La-Durance."` → `"mediatheque la durance"`.
public enum TextFolding {
    /// The folded matching key of `text`.
    ///
    /// A byte-level fast path handles ASCII and the Latin-1 letters of French (é, È, ç, œ...);
    /// other scripts go through Foundation's folding.
    public static func key(_ text: String) -> String {
        var t = text
        if let fast = t.withUTF8({ fastKey($0) }) { return fast }
        return foundationKey(text)
    }

    /// Folded forms of U+00C0...U+00FF ("" = left to Foundation: Ð ð Ø ø Þ þ).
    static let latin1: [String] = ["a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "", "n", "o", "o", "o", "o", "o", " ", "", "u", "u", "u", "u", "y", "", "ss", "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "", "n", "o", "o", "o", "o", "o", " ", "", "u", "u", "u", "u", "y", "", "y"]

    /// `latin1` as bytes: up to two folded bytes per letter (0 = none), 0xFF = left to Foundation.
    static let latin1Bytes: [(UInt8, UInt8)] = latin1.map { f in
        if f.isEmpty { return (0xFF, 0) }
        let u = Array(f.utf8)
        return (u[0], u.count > 1 ? u[1] : 0)
    }

    static func fastKey(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        // Folding never lengthens the text (é → e, æ → ae, « → space), so the key is written in
        // place into a string of the input's size.
        var failed = false
        let key = String(unsafeUninitializedCapacity: b.count) { out -> Int in
            var n = 0
            var pendingSpace = false
            @inline(__always) func emit(_ c: UInt8) {
                if pendingSpace && n > 0 { out[n] = 0x20; n += 1 }
                pendingSpace = false
                out[n] = c
                n += 1
            }
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    if c >= 0x61 && c <= 0x7A || c >= 0x30 && c <= 0x39 { emit(c) }
                    else if c >= 0x41 && c <= 0x5A { emit(c + 0x20) }
                    else { pendingSpace = true }
                    i += 1
                } else if c == 0xC3, i + 1 < b.count, b[i + 1] >= 0x80, b[i + 1] <= 0xBF {
                    let (f0, f1) = latin1Bytes[Int(b[i + 1] - 0x80)]
                    if f0 == 0xFF { failed = true; return 0 }
                    if f0 == 0x20 { pendingSpace = true } else { emit(f0); if f1 != 0 { emit(f1) } }
                    i += 2
                } else if c == 0xC5, i + 1 < b.count, b[i + 1] == 0x92 || b[i + 1] == 0x93 {  // Œ œ
                    emit(0x6F); emit(0x65)
                    i += 2
                } else if c == 0xC2, i + 1 < b.count, b[i + 1] >= 0x80, b[i + 1] <= 0xBF, b[i + 1] != 0xAA, b[i + 1] != 0xB2, b[i + 1] != 0xB3, b[i + 1] != 0xB5, b[i + 1] != 0xB9, b[i + 1] != 0xBA, b[i + 1] < 0xBC {
                    pendingSpace = true  // Latin-1 punctuation and symbols (« » ° NBSP...)
                    i += 2
                } else if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80 {
                    pendingSpace = true  // General punctuation: ’ – — … NNBSP
                    i += 3
                } else {
                    failed = true
                    return 0
                }
            }
            return n
        }
        return failed ? nil : key
    }

    static func foundationKey(_ text: String) -> String {
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
    /// Works on UTF-8 bytes and returns the string itself when nothing changes (the common case).
    public static func clean(_ text: String) -> String {
        var t = text
        return t.withUTF8 { (b: UnsafeBufferPointer<UInt8>) -> String in
            // Length of the white-space sequence starting at i (0 if none).
            @inline(__always) func space(_ i: Int) -> Int {
                let c = b[i]
                if c == 0x20 || (c >= 0x09 && c <= 0x0D) { return 1 }
                if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { return 2 }  // U+00A0
                if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0xAF || (b[i + 2] >= 0x80 && b[i + 2] <= 0x8A) { return 3 }  // U+202F, U+2000–200A
                if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }  // U+3000
                return 0
            }
            // Fast path: no leading/trailing space, only single plain spaces inside.
            var needsWork = false
            var i = 0
            var previousSpace = true
            while i < b.count {
                let n = space(i)
                if n == 0 { previousSpace = false; i += 1; continue }
                if previousSpace || n != 1 || b[i] != 0x20 { needsWork = true; break }
                previousSpace = true
                i += 1
            }
            if !needsWork && !previousSpace { return text }
            if !needsWork && b.isEmpty { return text }
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pending = false
            i = 0
            while i < b.count {
                let n = space(i)
                if n > 0 { pending = true; i += n; continue }
                if pending && !out.isEmpty { out.append(0x20) }
                pending = false
                out.append(b[i])
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// `text` cut at every ASCII byte of `separators` (UTF-8 never uses ASCII bytes inside a
    /// multi-byte character, so cutting bytes cuts characters). Empty pieces are kept; a text
    /// without separator comes back as itself, without copying.
    public static func split(_ text: String, separators: StaticString) -> [String] {
        var t = text
        return t.withUTF8 { b -> [String] in
            let seps = UnsafeBufferPointer(start: separators.utf8Start, count: separators.utf8CodeUnitCount)
            guard b.contains(where: { seps.contains($0) }) else { return [text] }
            var out: [String] = []
            var start = 0
            for i in 0...b.count where i == b.count || seps.contains(b[i]) {
                out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
                start = i + 1
            }
            return out
        }
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
