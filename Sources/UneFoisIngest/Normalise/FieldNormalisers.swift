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

    /// Digits of a French phone number → `+33…` (or the overseas prefixes of the standard).
    /// `6,12E+08` (Excel lost digits) is refused.
    public static func telephone(_ text: String) -> Result<String, Problem> {
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
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "mailto:", with: "")
        if emailPattern.firstMatch(in: t, range: NSRange(location: 0, length: (t as NSString).length)) != nil, !t.contains("..") { return .success(t) }
        return .failure(Problem("constraint-error", "adresse électronique « \(text) » invalide."))
    }

    /// Adds `https://` to a web address without scheme; refuses anything that is not http(s).
    public static func siteWeb(_ text: String) -> Result<String, Problem> {
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
        let digits = text.filter { !($0 == " " || $0 == "." || $0 == "\u{00A0}" || $0 == "-") }
        guard digits.count == 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return .failure(Problem("constraint-error", "SIRET « \(text) » : 14 chiffres attendus."))
        }
        if digits == "00000000000000" { return .success(nil) }
        let d = digits.map { Int(String($0))! }
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
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard t.count == 10, t.hasPrefix("W"), t.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return t
    }

    /// Postal code: 5 digits. A 4-digit code is repaired only when the commune confirms it.
    public static func codePostal(_ text: String, communeCode: String?) -> Result<String, Problem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count == 5, t.allSatisfy({ $0.isASCII && $0.isNumber }) { return .success(t) }
        if t.count == 4, t.allSatisfy({ $0.isASCII && $0.isNumber }) {
            if let expected = communeCode, expected == "0" + t { return .success(expected) }
            return .failure(Problem("leading-zero-lost", "code postal « \(t) » à 4 chiffres : un 0 initial a peut-être été perdu, mais la commune ne permet pas de le confirmer. Corrigez-le à la source."))
        }
        return .failure(Problem("constraint-error", "code postal « \(t) » : 5 chiffres attendus."))
    }

}
