import UneFoisCore
import UneFoisModel
import Foundation

/// The page of every target field a mapping can fill, with its allowed values, generated from
/// the schemas (`docs/CHAMPS.md`): the standard's Table Schema (titles, descriptions, examples,
/// required flags, and the allowed values its regular expressions spell out), the keyword table
/// `inspect` uses, and the activity and follow-up vocabularies. A test regenerates it and
/// compares, so the page cannot drift from the schemas.
public enum FieldCatalogue {
    /// The values a list pattern of the standard allows: `(?:(?:^|\|)(A|B \(x\)|C))+$` → A, B (x), C.
    public static func allowedValues(pattern: String) -> [String]? {
        guard let start = pattern.range(of: "(?:^|\\|)("), pattern.hasSuffix("))+$") else { return nil }
        let body = pattern[start.upperBound..<pattern.index(pattern.endIndex, offsetBy: -4)]
        var values: [String] = []
        var current = ""
        var escaped = false
        for ch in body {
            if escaped { current.append(ch); escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "|": values.append(current); current = ""
            default: current.append(ch)
            }
        }
        values.append(current)
        return values.filter { !$0.isEmpty }
    }

    /// The Markdown page. Throws an ``OperationalError`` when a schema file cannot be read.
    public static func markdown(schemasPath: String) throws -> String {
        let file = try MappedFile(path: schemasPath + "/standard-mediation-num/schema_v1.0.2.json")
        let schema = try JSONParser.parse(file.bytes)
        var keywords: [String: [(mot: String, valeur: String)]] = [:]
        let kwPath = schemasPath + "/inspection/mots-cles-valeurs.csv"
        if let kw = try? MappedFile(path: kwPath) {
            let text = String(decoding: kw.bytes, as: UTF8.self)
            for line in text.split(separator: "\n").dropFirst() {
                let p = line.split(separator: ",", maxSplits: 2).map(String.init)
                guard p.count == 3, p[2] != "-" else { continue }
                keywords[p[0], default: []].append((p[1], p[2]))
            }
        }
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        var out = """
        # Champs cibles et valeurs admises

        Page générée à partir des schémas (`schemas/standard-mediation-num/schema_v1.0.2.json`,
        `schemas/inspection/mots-cles-valeurs.csv`) ; un test la régénère et la compare : ne la
        modifiez pas à la main (`UNEFOIS_RECORD_GOLDEN=1 swift test --filter FieldCatalogueTests`
        la réécrit). Le format des fichiers de correspondance est décrit dans
        [CORRESPONDANCES.md](CORRESPONDANCES.md).

        ## Lieux (`"type": "lieu"`) : les 32 colonnes du standard des lieux de médiation numérique v1.0.2

        Un champ **obligatoire** manquant empêche la publication du lieu. Pour les champs à
        plusieurs valeurs, la correspondance peut donner une liste ; le fichier publié les sépare
        par `|`. Une valeur hors de la liste admise est écartée et signalée (`retours/<source>.csv`).


        """
        let fields = schema["fields"]?.arrayValue ?? []
        for f in fields {
            guard let name = f["name"]?.stringValue else { continue }
            let title = f["title"]?.stringValue ?? name
            let constraints = f["constraints"]
            let required = constraints?["required"].flatMap { if case .bool(let b) = $0 { return b } else { return nil } } ?? false
            out += "### `\(name)` — \(title)\(required ? " (obligatoire)" : "")\n\n"
            if let d = f["description"]?.stringValue {
                // The schema's own description, without the value list it repeats below.
                var text = d
                if let r = text.range(of: "parmi la liste suivante") { text = String(text[..<r.lowerBound]).trimmingCharacters(in: .whitespaces) + " parmi les valeurs ci-dessous." }
                out += text.replacingOccurrences(of: "\n", with: " ") + "\n\n"
            }
            if let pattern = constraints?["pattern"]?.stringValue {
                if let values = allowedValues(pattern: pattern) {
                    out += "Valeurs admises :\n\n" + values.map { "- `\($0)`" }.joined(separator: "\n") + "\n\n"
                } else {
                    out += "Format : `\(pattern)`\n\n"
                }
            }
            if let e = f["example"]?.scalarText, !e.isEmpty { out += "Exemple : `\(e)`\n\n" }
            if let kws = keywords[name], !kws.isEmpty {
                var byValue: [(String, [String])] = []
                for (mot, valeur) in kws {
                    if let i = byValue.firstIndex(where: { $0.0 == valeur }) { byValue[i].1.append(mot) } else { byValue.append((valeur, [mot])) }
                }
                out += "Mots repérés par `unefois inspect` dans un texte libre (brouillon de règles `contient`) :\n\n"
                out += "| Valeur | Mots (sans accents ni majuscules) |\n| --- | --- |\n"
                for (v, mots) in byValue { out += "| \(cell(v)) | \(cell(mots.joined(separator: ", "))) |\n" }
                out += "\n"
            }
        }
        out += """
        ### `siret`, `rna` (en plus du standard)

        Le SIRET (14 chiffres, clé de Luhn vérifiée) ou le numéro RNA (`W` + 9 chiffres) de la
        structure : il remplit `pivot` et le SIRET des fichiers data·inclusion.

        ## Activités (`"type": "activite"`)

        | Champ | Valeurs admises |
        | --- | --- |
        | `date` | une date (`jj/mm/aaaa` ou `aaaa-mm-jj` ; `"format": "excel"` accepte les numéros de série d'Excel) |
        | `nature` | \(Activite.Nature.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", ")) |
        | `action` | \(ActiviteBuilder.actions.sorted { $0.compare($1, options: .numeric) == .orderedAscending }.map { "`\($0)`" }.joined(separator: ", ")) (actions de la feuille de route) |
        | `partenaire` | pour une démarche : \(ActiviteBuilder.partenaires.map { "`\($0)`" }.joined(separator: ", ")) |
        | `duree_min`, `participants`, `nombre` | un nombre entier positif |
        | `avec_rdv` | `oui` ou `non` (`"format": "oui_non"`) |
        | autres | \(MappingLoader.champsActivite.subtracting(["date", "nature", "action", "partenaire", "duree_min", "participants", "nombre", "avec_rdv"]).sorted().map { "`\($0)`" }.joined(separator: ", ")) : texte libre |

        ## Suivi des actions (`"type": "suivi"`)

        Champs : \(MappingLoader.champsSuivi.sorted().map { "`\($0)`" }.joined(separator: ", ")) ; `action` parmi les
        actions de la feuille de route ci-dessus, `participants` et `duree_heures` des nombres.

        """
        return out
    }
}
