import UneFoisCore
import UneFoisModel
import Foundation

/// Small, pure normalisers for single fields. Each returns the normalised value or a reason,
/// never an invented value.
public enum FieldNormalisers {
    /// A failure with its issue code and a French explanation.
    public struct Problem: Error, Sendable, Equatable {
        public var code: String
        public var message: String
        public init(_ code: String, _ message: String) { self.code = code; self.message = message }
    }

    /// Known acronyms kept in capitals when fixing ALL-CAPS names.
    static let acronyms: Set<String> = ["CCAS", "CIAS", "MSA", "CAF", "CPAM", "CARSAT", "ANTS", "DGFIP", "LMV", "EPN", "MJC", "PIMMS", "MDPH", "MFR", "CIDFF", "FJT", "II", "III", "IV", "PIJ", "BIJ", "ASSO", "CSC", "QPV", "ESS", "CNFS", "PMI", "EHPAD"]
    static let lowerWords: Set<String> = ["de", "du", "des", "la", "le", "les", "et", "en", "au", "aux", "à", "sur", "sous", "d", "l"]

    /// Trims, collapses spaces, strips trailing dots, and rewrites ALL-CAPS names in readable
    /// case keeping acronyms (`MEDIATHEQUE LA DURANCE` → `Mediatheque la Durance`). Accents are
    /// never added: the source's spelling is kept otherwise.
    public static func nom(_ text: String) -> String {
        var t = TextFolding.clean(text)
        // The common case, without Foundation: plain ASCII ends (nothing left to trim, no trailing
        // dot) and a lowercase letter (so not an ALL-CAPS name).
        if t.utf8.last != UInt8(ascii: "."), !hasUntrimmedSpaceAtEnds(t), t.utf8.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) {
            return t
        }
        while t.hasSuffix(".") && !t.hasSuffix("etc.") { t.removeLast() }
        t = t.trimmingCharacters(in: .whitespaces)
        let letters = t.unicodeScalars.filter { CharacterSet.letters.contains($0) }
        let upper = letters.filter { CharacterSet.uppercaseLetters.contains($0) }
        guard letters.count >= 4, upper.count == letters.count else { return t }
        var words: [String] = []
        for (i, w) in t.split(separator: " ", omittingEmptySubsequences: true).enumerated() {
            let word = String(w)
            if acronyms.contains(word.uppercased()) { words.append(word); continue }
            let lower = word.lowercased()
            if i > 0 && lowerWords.contains(lower) { words.append(lower); continue }
            // Capitalise each part of hyphenated / apostrophe words: "CHEVAL-BLANC" → "Cheval-Blanc".
            var out = ""
            var capitalizeNext = true
            for ch in lower {
                out.append(capitalizeNext ? Character(String(ch).uppercased()) : ch)
                capitalizeNext = ch == "-" || ch == "'" || ch == "’"
            }
            if out.count == 2, out.hasSuffix("'") || out.hasSuffix("’") { out = out.lowercased() }
            // Elided article inside a name: « D'Oppede » → « d'Oppede », « L'Emploi » → « l'Emploi ».
            if i > 0, out.count > 2, let second = out.dropFirst().first, second == "'" || second == "’", ["D", "L"].contains(out.first!) {
                out = out.prefix(1).lowercased() + out.dropFirst()
            }
            words.append(out)
        }
        return words.joined(separator: " ")
    }

    /// True when `t` (already through ``TextFolding/clean(_:)``) may still start or end with a
    /// white space that `trimmingCharacters(in: .whitespaces)` removes but `clean` does not
    /// (U+1680 ogham, U+205F mathematical space).
    static func hasUntrimmedSpaceAtEnds(_ t: String) -> Bool {
        let u = t.utf8
        guard let first = u.first, let last = u.last else { return false }
        if first < 0x80 && last < 0x80 { return false }
        return t.unicodeScalars.first.map { $0.properties.generalCategory == .spaceSeparator } ?? false
            || t.unicodeScalars.last.map { $0.properties.generalCategory == .spaceSeparator } ?? false
    }

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// An ASCII letter, either case.
    @inline(__always) static func isASCIILetter(_ c: UInt8) -> Bool { c | 0x20 >= 0x61 && c | 0x20 <= 0x7A }

    /// The digits of `text` once spaces, dots, hyphens and non-breaking spaces are removed, read on
    /// bytes; nil when another character is there (the general path then decides).
    static func siretDigits(_ text: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(14)
        var t = text
        let ok = t.withUTF8 { b -> Bool in
            var i = 0
            while i < b.count {
                let c = b[i]
                if isDigit(c) { out.append(c) }
                else if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { i += 1 }
                else if c != 0x20 && c != 0x2E && c != 0x2D { return false }
                i += 1
            }
            return true
        }
        return ok ? String(decoding: out, as: UTF8.self) : nil
    }

    /// An address already in the form ``courriel(_:)`` returns, read on bytes: lowercase ASCII,
    /// `local@label.label`, the local part in the regex's characters, labels of letters, digits
    /// and inner hyphens, no `..`.
    /// Punctuation the e-mail pattern allows in the local part.
    static let emailLocalPunctuation = Set("!#$%&'*+/=?^_`{|}~.-".utf8)
    /// Characters a URL may carry unescaped after its host (besides letters and digits).
    static let urlPunctuation = Set("-._~:/?@!$&'()*+,;=".utf8)

    static func isPlainEmail(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard let at = b.firstIndex(of: 0x40), at > 0, at < b.count - 1 else { return false }
        let localExtra = emailLocalPunctuation
        @inline(__always) func alnum(_ c: UInt8) -> Bool { isDigit(c) || (c >= 0x61 && c <= 0x7A) }
        for (i, c) in b[..<at].enumerated() {
            guard alnum(c) || localExtra.contains(c) else { return false }
            if c == 0x2E, i > 0, b[i - 1] == 0x2E { return false }
        }
        let labels = b[(at + 1)...].split(separator: 0x2E, omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for l in labels {
            guard let first = l.first, let last = l.last, alnum(first), alnum(last), l.allSatisfy({ alnum($0) || $0 == 0x2D }) else { return false }
        }
        return true
    }

    /// An `http://` or `https://` address that ``siteWeb(_:)`` keeps as it is, read on bytes:
    /// a host of letters, digits, dots and hyphens with at least one dot, then only characters
    /// a URL allows unescaped (a `%` followed by two hex digits, one `#` at most).
    static func isPlainWebAddress(_ text: String) -> Bool {
        let b = Array(text.utf8)
        let start: Int
        if b.starts(with: "https://".utf8) { start = 8 } else if b.starts(with: "http://".utf8) { start = 7 } else { return false }
        var i = start, dot = false
        while i < b.count, b[i] != 0x2F, b[i] != 0x3F, b[i] != 0x23 {
            let c = b[i]
            guard isDigit(c) || isASCIILetter(c) || c == 0x2D || c == 0x2E else { return false }
            if c == 0x2E { dot = true }
            i += 1
        }
        guard dot, i > start, b[start] != 0x2E, b[i - 1] != 0x2E else { return false }
        var hashes = 0
        while i < b.count {
            let c = b[i]
            if c == 0x25 {
                guard i + 2 < b.count, b[i + 1...i + 2].allSatisfy({ isDigit($0) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else { return false }
                i += 3
                continue
            }
            if c == 0x23 { hashes += 1; guard hashes == 1 else { return false } }
            else { guard isDigit(c) || isASCIILetter(c) || urlPunctuation.contains(c) else { return false } }
            i += 1
        }
        return true
    }

    /// Digits of a French phone number → `+33…` (or the overseas prefixes of the standard).
    /// `6,12E+08` (Excel lost digits) is refused.
    public static func telephone(_ text: String) -> Result<String, Problem> {
        // Already international (+33 and 9 digits), or 10 digits starting with one 0: no Foundation.
        let u = text.utf8
        if u.count == 12, u.first == 0x2B, u.dropFirst().starts(with: [0x33, 0x33]), u.dropFirst().allSatisfy(isDigit) { return .success(text) }
        if u.count == 10, u.first == 0x30, u.dropFirst().first != 0x30, u.allSatisfy(isDigit) { return .success("+33" + text.dropFirst()) }
        return telephoneGeneral(text)
    }

    static func telephoneGeneral(_ text: String) -> Result<String, Problem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.uppercased().contains("E+") {
            return .failure(Problem("excel-number-format", "numéro « \(t) » abîmé par Excel (notation scientifique, chiffres perdus) : impossible à reconstituer. Saisissez le numéro comme du texte dans le tableur."))
        }
        var digits = t.filter { $0.isASCII && $0.isNumber }
        let plus = t.hasPrefix("+") || t.hasPrefix("00")
        if t.hasPrefix("00") { digits.removeFirst(2) }
        let overseas = ["590", "594", "262", "596", "269", "687", "689", "508", "681"]
        if plus || (digits.hasPrefix("33") && digits.count == 11) {
            if digits.hasPrefix("33"), digits.count == 11 { return .success("+" + digits) }
            for p in overseas where digits.hasPrefix(p) && (digits.count - p.count) >= 6 && (digits.count - p.count) <= 9 {
                return .success("+" + digits)
            }
            if digits.hasPrefix("330"), digits.count == 12 { return .success("+33" + digits.dropFirst(3)) }
            return .failure(Problem("constraint-error", "numéro « \(t) » : indicatif non pris en charge par le standard (+33 et outre-mer)."))
        }
        if digits.count == 10, digits.hasPrefix("0") {
            return .success("+33" + digits.dropFirst())
        }
        if digits.count == 9, !digits.hasPrefix("0") {
            return .failure(Problem("leading-zero-lost", "numéro « \(t) » à 9 chiffres : le 0 initial a probablement été perdu par un tableur. Vérifiez le numéro à la source."))
        }
        return .failure(Problem("constraint-error", "numéro « \(t) » : 10 chiffres attendus (ex. 04 90 12 34 56)."))
    }

    /// Compiled once (NSRegularExpression is immutable and safe to share for matching).
    static let emailPattern = try! NSRegularExpression(pattern: #"^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$"#)

    /// Lowercases and checks an e-mail address (one address; lists are split by the caller).
    public static func courriel(_ text: String) -> Result<String, Problem> {
        isPlainEmail(text) ? .success(text) : courrielGeneral(text)
    }

    static func courrielGeneral(_ text: String) -> Result<String, Problem> {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "mailto:", with: "")
        if emailPattern.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil, !t.contains("..") { return .success(t) }
        return .failure(Problem("constraint-error", "adresse électronique « \(text) » invalide."))
    }

    /// Adds `https://` to a web address without scheme; refuses anything that is not http(s).
    public static func siteWeb(_ text: String) -> Result<String, Problem> {
        isPlainWebAddress(text) ? .success(text) : siteWebGeneral(text)
    }

    static func siteWebGeneral(_ text: String) -> Result<String, Problem> {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.lowercased().hasPrefix("www.") || (!t.contains("://") && t.contains(".") && !t.contains(" ") && !t.contains("@")) { t = "https://" + t }
        guard let u = URL(string: t), let s = u.scheme?.lowercased(), s == "http" || s == "https", let h = u.host, h.contains(".") else {
            return .failure(Problem("constraint-error", "adresse web « \(text) » invalide."))
        }
        return .success(t)
    }

    /// Cleans a SIRET (spaces, dots) and checks it (Luhn; La Poste's SIREN 356000000 uses a
    /// digit sum divisible by 5). `00000000000000` means unknown and gives nil.
    public static func siret(_ text: String) -> Result<String?, Problem> {
        let digits = siretDigits(text) ?? text.filter { !($0 == " " || $0 == "." || $0 == "\u{00A0}" || $0 == "-") }
        // 14 ASCII digits (on bytes: one per character).
        guard digits.utf8.count == 14, digits.utf8.allSatisfy(isDigit) else {
            return .failure(Problem("constraint-error", "SIRET « \(text) » : 14 chiffres attendus."))
        }
        if digits == "00000000000000" { return .success(nil) }
        let d = digits.utf8.map { Int($0 - 0x30) }
        var sum = 0
        for (i, x) in d.enumerated() {
            var v = x
            if i % 2 == 0 { v *= 2; if v > 9 { v -= 9 } }
            sum += v
        }
        if sum % 10 == 0 { return .success(digits) }
        // La Poste's establishments (SIREN 356000000) use a digit sum divisible by 5 instead.
        if digits.hasPrefix("356000000"), d.reduce(0, +) % 5 == 0 { return .success(digits) }
        return .failure(Problem("constraint-error", "SIRET « \(text) » invalide (clé de contrôle de Luhn fausse) : vérifiez-le sur l'annuaire des entreprises."))
    }

    /// RNA number: `W` + 9 digits.
    public static func rna(_ text: String) -> String? {
        // An RNA number starts with W (after optional white space).
        guard let f = text.utf8.first, f == 0x57 || f == 0x77 || f <= 0x20 || f >= 0x80 else { return nil }
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard t.count == 10, t.hasPrefix("W"), t.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return t
    }

    /// Postal code: 5 digits. A 4-digit code is repaired only when the commune confirms it.
    public static func codePostal(_ text: String, communeCode: String?) -> Result<String, Problem> {
        if text.utf8.count == 5, text.utf8.allSatisfy(isDigit) { return .success(text) }
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 5, t.allSatisfy({ $0.isASCII && $0.isNumber }) { return .success(t) }
        if t.count == 4, t.allSatisfy({ $0.isASCII && $0.isNumber }) {
            if let expected = communeCode, expected == "0" + t { return .success(expected) }
            return .failure(Problem("leading-zero-lost", "code postal « \(t) » à 4 chiffres : un 0 initial a peut-être été perdu, mais la commune ne permet pas de le confirmer. Corrigez-le à la source."))
        }
        return .failure(Problem("constraint-error", "code postal « \(t) » : 5 chiffres attendus."))
    }

}
