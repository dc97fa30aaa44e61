import UneFoisCore
import UneFoisModel

/// Published values are safe to click, to open in a spreadsheet and to load: applied to every
/// place before the schema checks (``LieuValidator``).
///
/// Rules (each with its issue code, a warning: the place is kept):
/// - `url-scheme-refused`: in the URL fields (`site_web`, `prise_rdv`, `fiche_acces_libre`) only
///   `http://` and `https://` addresses are kept (`javascript:`, `data:`, `file:`… are dropped).
/// - `control-character`: control characters (NUL, C0 except tab and line ends, DEL, C1) are
///   removed from every value.
/// - `field-too-long`: a value longer than ``maxLength(_:)`` characters is cut to that length.
/// - `formula-injection`: a value a spreadsheet would run as a formula (`=`, `@`, tab or CR first,
///   or `+`/`-` followed by a formula rather than a number) is flagged; the open-data files keep
///   it as is, the office-oriented files (`lieux-bureautique.csv`, `correspondances.csv`,
///   `rejets.csv`) neutralise it as OWASP recommends.
public enum SafeValues {
    /// Whether a field's values are web addresses.
    public static func isURLField(_ champ: Champ) -> Bool {
        switch champ {
        case .siteWeb, .priseRdv, .ficheAccesLibre: return true
        default: return false
        }
    }

    /// Longest value kept for a field, in characters (data·inclusion's 10,000 for the long
    /// description, 2,000 elsewhere: beyond that it is a mistake, not a place).
    public static func maxLength(_ champ: Champ) -> Int {
        champ == .presentationDetail ? 10_000 : 2_000
    }

    /// Cleans `lieu` in place, appending one issue per field repaired or flagged.
    public static func apply(_ lieu: inout Lieu, issues: inout [Issue]) {
        for (champ, v) in lieu.valeurs {
            let max = maxLength(champ)
            let url = isURLField(champ)
            // The common case, items with nothing to do, is decided on their bytes.
            func untouched(_ s: String) -> Bool {
                s.utf8.count <= max && !hasControl(s) && !looksLikeFormula(s) && (!url || isWebAddress(s))
            }
            if untouched(v.premier) && v.suite.allSatisfy(untouched) { continue }
            var items = v.items
            var controls = false
            var cut = false
            for i in items.indices {
                if hasControl(items[i]) {
                    items[i] = String(String.UnicodeScalarView(items[i].unicodeScalars.filter { !isControl($0) }))
                    controls = true
                }
                // UTF-8 bytes bound the characters: count them only when the bytes exceed.
                if items[i].utf8.count > max, items[i].count > max {
                    items[i] = String(items[i].prefix(max))
                    cut = true
                }
            }
            if controls {
                issues.append(Issue("control-character", .warning, "Caractères de contrôle (invisibles, par exemple NUL) retirés de « \(champ.rawValue) ». Corrigez la valeur à la source.", at: lieu.provenance, field: v.colonne))
            }
            if cut {
                issues.append(Issue("field-too-long", .warning, "Valeur de « \(champ.rawValue) » trop longue : coupée à \(max) caractères. Vérifiez-la à la source (colonne décalée, texte collé par erreur ?).", at: lieu.provenance, field: v.colonne))
            }
            if url {
                let refused = items.filter { !isWebAddress($0) }
                if !refused.isEmpty {
                    items.removeAll { !isWebAddress($0) }
                    issues.append(Issue("url-scheme-refused", .warning, "Adresse « \(refused[0].prefix(60)) » de « \(champ.rawValue) » refusée : seules les adresses http:// et https:// sont publiées. Corrigez-la à la source.", at: lieu.provenance, field: v.colonne))
                }
            }
            if let item = items.first(where: looksLikeFormula) {
                issues.append(Issue("formula-injection", .warning, "La valeur « \(item.prefix(40)) » de « \(champ.rawValue) » commence par « \(item.prefix(1)) » : un tableur pourrait l'exécuter comme une formule. Elle est neutralisée dans lieux-bureautique.csv ; vérifiez-la à la source.", at: lieu.provenance, field: v.colonne))
            }
            if items != v.items { lieu.set(champ, items, colonne: v.colonne) }
        }
    }

    /// True when `s` holds a character of ``isControl(_:)``, read on its UTF-8 bytes (C1
    /// controls are `C2 80`…`C2 9F`).
    static func hasControl(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { b in
            var previous: UInt8 = 0
            for c in b {
                if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F || (previous == 0xC2 && c >= 0x80 && c <= 0x9F) { return true }
                previous = c
            }
            return false
        }
    }

    /// NUL and the other C0 controls except tab, LF and CR; DEL; C1 controls.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || (v >= 0x80 && v <= 0x9F)
    }

    /// `http://…` or `https://…` (any case), nothing else.
    public static func isWebAddress(_ s: String) -> Bool {
        if s.hasPrefix("https://") || s.hasPrefix("http://") { return true }
        let t = s.lowercased()
        return t.hasPrefix("https://") || t.hasPrefix("http://")
    }

    /// True when a spreadsheet would read the value as a formula.
    public static func looksLikeFormula(_ s: String) -> Bool {
        guard let b = s.utf8.first, b == 0x3D || b == 0x40 || b == 0x09 || b == 0x0D || b == 0x2B || b == 0x2D else { return false }
        if b != 0x2B && b != 0x2D { return true }  // =, @, tab, CR
        // « +33 4 90 … » and « -5 » are numbers; « +SUM(A1) » and « -cmd| … » are formulas. ASCII
        // bytes are decided on their own (the common case: a telephone number); from the first
        // other byte on, the scalars' Unicode properties decide.
        for (k, c) in s.utf8.dropFirst().enumerated() {
            if c >= 0x80 {
                return s.unicodeScalars.dropFirst(k + 1).contains { $0.properties.isAlphabetic || $0 == "(" || $0 == "!" || $0 == "|" }
            }
            if FieldNormalisers.isASCIILetter(c) || c == 0x28 || c == 0x21 || c == 0x7C { return true }
        }
        return false
    }
}
