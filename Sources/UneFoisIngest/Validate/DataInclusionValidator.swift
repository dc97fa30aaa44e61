import UneFoisCore
import UneFoisModel
/// Validates a data·inclusion v1 file (a JSON array, a DORA-style `{"results": [...]}` page, or
/// JSON Lines) of structures or services against the schemas `data-inclusion/v1/structure.json`
/// and `service.json`, with ``JSONSchemaSubset``. An object with a `structure_id` is a service,
/// otherwise a structure. Adds the rules the schemas state only in prose: `tous-publics` must
/// stand alone in `publics`, and `id` is unique per kind in the file.
///
/// Problems are ``Issue`` values: `missing-field` (required), `type-error`, `format-error`,
/// `constraint-error` (enum, pattern, lengths, minimum, items), `unique-error`, and `json-error`
/// when the file is not JSON. See https://github.com/gip-inclusion/data-inclusion-schema.
public struct DataInclusionValidator: Sendable {
    /// The structure schema.
    public let structure: JSONSchemaSubset
    /// The service schema.
    public let service: JSONSchemaSubset

    /// Loads both schemas from `schemasDirectory` (the `schemas/` folder); throws an
    /// ``OperationalError`` if they cannot be read.
    public init(schemasDirectory: String) throws {
        structure = try JSONSchemaSubset(path: SchemaCatalogue(root: schemasDirectory).dataInclusionStructureSchema)
        service = try JSONSchemaSubset(path: SchemaCatalogue(root: schemasDirectory).dataInclusionServiceSchema)
    }

    /// Validates the whole file `bytes`; `file` names it in the report.
    public func validate(bytes: UnsafeRawBufferPointer, file: String) -> ValidationReport {
        var report = ValidationReport(file: file, schema: "data·inclusion v1 (structure.json / service.json)")
        var objects: [(line: Int, value: JSONValue)] = []
        do {
            let doc = try JSONParser.parse(bytes)
            if let a = doc.arrayValue {
                objects = a.map { ($0.objectValue?.line ?? 0, $0) }
            } else if let a = doc["results"]?.arrayValue {
                report.detections.append("page d'API { \"results\": [ … ] } : les objets de « results » sont vérifiés")
                objects = a.map { ($0.objectValue?.line ?? 0, $0) }
            } else if let o = doc.objectValue {
                objects = [(o.line, doc)]
            }
        } catch let whole as JSONParser.Failure {
            let lines = JSONParser.parseLines(bytes)
            if lines.count > 1, lines.contains(where: { if case .success = $0.result { return true } else { return false } }) {
                report.detections.append("JSON Lines : un objet par ligne")
                for (line, result) in lines {
                    switch result {
                    case .success(let v): objects.append((line, v))
                    case .failure(let f):
                        report.issues.append(Issue(code: "json-error", severity: .error, message: "Ligne illisible en JSON (\(f.message)) : corrigez-la.", source: "validate", file: file, line: line))
                    }
                }
            } else {
                report.issues.append(Issue(code: "json-error", severity: .error,
                    message: "Le fichier n'est pas du JSON valide (\(whole.message)). Vérifiez l'export (virgule en trop, guillemet manquant).",
                    source: "validate", file: file, line: whole.line))
                return report
            }
        } catch {
            report.issues.append(Issue(code: "json-error", severity: .error, message: "Fichier JSON illisible.", source: "validate", file: file))
            return report
        }
        report.recordCount = objects.count
        var counts = (structures: 0, services: 0)
        var seen: [String: Int] = [:]
        for (index, item) in objects.enumerated() {
            let (line, value) = item
            guard let obj = value.objectValue else {
                report.issues.append(Issue(code: "type-error", severity: .error, message: "Objet n° \(index) : un objet { … } est attendu, pas \(JSONSchemaSubset.describe(value)).", source: "validate", file: file, line: line))
                continue
            }
            let isService = obj["structure_id"] != nil
            if isService { counts.services += 1 } else { counts.structures += 1 }
            let kind = isService ? "service" : "structure"
            let idText = obj["id"]?.scalarText.map { " (id « \($0) »)" } ?? ""
            var violations = (isService ? service : structure).validate(value)
            if let publics = obj["publics"]?.arrayValue, publics.count > 1, publics.contains(.string("tous-publics")) {
                violations.append(.init(keyword: "tous-publics", path: "publics", message: "« tous-publics » doit être seul dans « publics » : retirez les autres publics ou retirez « tous-publics »."))
            }
            if let id = obj["id"]?.scalarText {
                let key = kind + "\u{0}" + id
                if let first = seen[key] {
                    violations.append(.init(keyword: "unique", path: "id", message: "l'identifiant « \(id) » est déjà celui du \(kind) n° \(first) : chaque \(kind) doit avoir un id unique."))
                } else {
                    seen[key] = index
                }
            }
            for v in violations {
                report.issues.append(Issue(code: DataInclusionValidator.code(for: v.keyword), severity: .error,
                                           message: "\(kind.capitalized) n° \(index)\(idText) : \(v.message)",
                                           source: "validate", file: file, line: line, field: v.path))
            }
        }
        report.detections.append("\(counts.structures) structure(s) et \(counts.services) service(s) (un objet avec « structure_id » est un service)")
        return report
    }

    /// The issue code for a violated keyword.
    public static func code(for keyword: String) -> String {
        switch keyword {
        case "required": return "missing-field"
        case "type": return "type-error"
        case "format": return "format-error"
        case "unique": return "unique-error"
        default: return "constraint-error"
        }
    }
}
