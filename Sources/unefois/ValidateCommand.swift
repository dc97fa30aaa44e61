import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
import Foundation
import UneFois

/// `unefois validate FICHIER [--schema mednum|datainclusion] [--json] [--max N]`: validates one
/// file on its own and prints a French report (or, with `--json`, a machine-readable one).
///
/// `mednum` (default, except for `.json`/`.jsonl` files) checks a CSV against the standard's
/// Table Schema as `frictionless validate` does (v0.1.1 or v1.0.2, chosen from the header);
/// `datainclusion` checks a JSON array or JSON Lines of structures/services against the
/// data·inclusion v1 schemas. Exit codes: 0 valid, 65 invalid, 66 file missing, 78 bad usage.
enum ValidateCommand {
    static let usage = "Utilisation : unefois validate FICHIER [--schema mednum|datainclusion] [--json] [--max N]"

    static func run(_ args: [String]) throws {
        guard let a = try FileArguments.parse(args, usage: usage, what: "valider",
                                              valued: ["--schema": "mednum ou datainclusion", "--max": "un nombre de lignes, ex. --max 50"],
                                              flags: ["--json"]) else { return }
        let path = a.path
        let schemaName = a.values["--schema"]
        let json = a.flags.contains("--json")
        var limit = 200
        if let m = a.values["--max"] {
            guard let n = Int(m), n >= 0 else { throw OperationalError(.configuration, "L'option --max attend un nombre de lignes (ex. --max 50).") }
            limit = n
        }
        let ext = (path as NSString).pathExtension.lowercased()
        let kind = schemaName ?? (["json", "jsonl", "ndjson"].contains(ext) ? "datainclusion" : "mednum")
        let file = try MappedFile(path: path)
        let report: ValidationReport
        switch kind {
        case "mednum", "standard":
            report = try StandardFileValidator.validateStandard(bytes: file.bytes, file: path, schemasDirectory: Resources.schemas)
        case "datainclusion", "data-inclusion":
            report = try DataInclusionValidator(schemasDirectory: Resources.schemas).validate(bytes: file.bytes, file: path)
        default:
            throw OperationalError(.configuration, "Schéma « \(kind) » inconnu : utilisez --schema mednum (standard des lieux de médiation numérique, CSV) ou --schema datainclusion (JSON).")
        }
        print(json ? report.json() : report.text(limit: limit), terminator: json ? "" : "")
        if !report.valid { exit(65) }
    }
}
