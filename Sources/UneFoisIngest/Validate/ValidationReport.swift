import UneFoisCore
import UneFoisModel
/// The result of validating one file on its own (`unefois validate`): verdict, what was detected,
/// and every problem as an ``Issue`` (frictionless codes for CSV files, see
/// https://framework.frictionlessdata.io/docs/errors/).
///
/// Render it with ``text(limit:)`` (French, for people) or ``json()`` (for tests and scripts).
public struct ValidationReport: Sendable {
    /// The file as given on the command line.
    public var file: String
    /// What the file was checked against, in French (e.g. « standard des lieux de médiation
    /// numérique, schéma v1.0.2 »).
    public var schema: String
    /// Detections worth telling (encoding, separator, schema version chosen), in French.
    public var detections: [String] = []
    /// Every problem found, in file order.
    public var issues: [Issue] = []
    /// Number of data rows (CSV) or objects (JSON) read.
    public var recordCount: Int = 0

    /// Creates an empty report (valid until issues are added).
    public init(file: String, schema: String) {
        self.file = file
        self.schema = schema
    }

    /// True when no issue is an error.
    public var valid: Bool { !issues.contains { $0.severity == .error } }

    /// Issue counts per code, sorted by code.
    public var countsByCode: [(code: String, count: Int)] {
        var counts: [String: Int] = [:]
        for i in issues { counts[i.code, default: 0] += 1 }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The French report: file, schema, verdict, counts per code, then each problem (at most
    /// `limit` of them, followed by how many were left out), and what to do next.
    public func text(limit: Int = 200) -> String {
        var out = "Fichier : \(file)\n"
        out += "Vérifié avec : \(schema)\n"
        for d in detections { out += "  - \(d)\n" }
        out += "Enregistrements lus : \(recordCount)\n"
        if valid {
            out += "Verdict : valide ✓\n"
            if !issues.isEmpty { out += "(\(issues.count) remarque(s) sans gravité ci-dessous)\n" }
        } else {
            let n = issues.filter { $0.severity == .error }.count
            out += "Verdict : invalide ✗ (\(n) erreur\(n > 1 ? "s" : ""))\n"
        }
        if !issues.isEmpty {
            out += "\nErreurs par type :\n"
            for (code, count) in countsByCode {
                out += "  \(code) : \(count) — \(ValidationReport.codeTitles[code] ?? "")\n"
            }
            out += "\nDétail :\n"
            for issue in issues.prefix(limit) {
                var loc: [String] = []
                if let l = issue.line { loc.append("ligne \(l)") }
                if let f = issue.field, !f.isEmpty { loc.append("« \(f) »") }
                out += "  [\(issue.code)] \(loc.isEmpty ? "" : loc.joined(separator: ", ") + " : ")\(issue.message)\n"
            }
            if issues.count > limit {
                out += "  … et \(issues.count - limit) autre(s) erreur(s) non affichée(s) (option --json pour tout voir).\n"
            }
        }
        if !valid {
            out += "\nQue faire : corrigez les lignes signalées dans le fichier source (ou dans l'outil qui l'exporte), puis relancez « unefois validate ».\n"
        }
        return out
    }

    /// The machine-readable report: `{"valid": bool, "schema": "…", "errors": [{"code", "line",
    /// "field", "message"}]}`, keys sorted, deterministic.
    public func json() -> String {
        var errors: [JSONValue] = []
        for i in issues {
            var members: [(key: String, value: JSONValue)] = [("code", .string(i.code))]
            members.append(("field", i.field.map { .string($0) } ?? .null))
            members.append(("line", i.line.map { .number(String($0)) } ?? .null))
            members.append(("message", .string(i.message)))
            errors.append(.object(JSONObject(members: members)))
        }
        let doc = JSONValue.object(JSONObject(members: [
            ("errors", .array(errors)),
            ("file", .string(file)),
            ("records", .number(String(recordCount))),
            ("schema", .string(schema)),
            ("valid", .bool(valid)),
        ]))
        return String(decoding: JSONWriter.document(doc), as: UTF8.self)
    }

    /// One-line French titles of the codes, for the counts table.
    public static let codeTitles: [String: String] = [
        "missing-label": "colonne attendue absente de l'en-tête",
        "extra-label": "colonne en trop dans l'en-tête",
        "blank-label": "colonne sans nom dans l'en-tête",
        "duplicate-label": "nom de colonne en double",
        "incorrect-label": "nom de colonne différent de celui du standard à cette position",
        "blank-header": "en-tête vide",
        "blank-row": "ligne vide",
        "extra-cell": "cellule en trop",
        "missing-cell": "cellule manquante",
        "type-error": "valeur du mauvais type (nombre, date…)",
        "constraint-error": "valeur qui ne respecte pas une règle du schéma",
        "unique-error": "valeur en double dans une colonne à valeurs uniques",
        "primary-key": "identifiant (clé primaire) absent ou en double",
        "encoding-error": "octets illisibles dans l'encodage détecté",
        "source-error": "fichier illisible",
        "missing-field": "champ obligatoire absent",
        "format-error": "valeur au mauvais format (date, courriel, adresse web)",
    ]
}
