import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
import Foundation
import UneFois

/// The command line of a command that works on one existing file: `COMMANDE FICHIER [options]`.
/// Errors are French `OperationalError`s (78 for usage, 66 for a missing file).
struct FileArguments {
    var path: String
    /// Options that take a value, by name.
    var values: [String: String] = [:]
    /// Options given without value.
    var flags: Set<String> = []

    /// Parses `args`. `valued` maps each option taking a value (aliases allowed) to the hint shown
    /// when the value is missing; `flags` lists the options without value. Returns nil after
    /// printing `usage` for `--help`.
    static func parse(_ args: [String], usage: String, what: String, valued: [String: String] = [:], flags: Set<String> = []) throws -> FileArguments? {
        var path: String?
        var result = FileArguments(path: "")
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--help" || a == "-h" {
                print(usage)
                return nil
            } else if let hint = valued[a] {
                guard i + 1 < args.count else { throw OperationalError(.configuration, "L'option \(a) attend une valeur (\(hint)).") }
                i += 1
                result.values[a] = args[i]
            } else if flags.contains(a) {
                result.flags.insert(a)
            } else if a.hasPrefix("-") {
                throw OperationalError(.configuration, "Option « \(a) » inconnue. \(usage)")
            } else {
                guard path == nil else { throw OperationalError(.configuration, "Un seul fichier à la fois. \(usage)") }
                path = a
            }
            i += 1
        }
        guard let path else { throw OperationalError(.configuration, "Indiquez le fichier à \(what). \(usage)") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw OperationalError(.inputMissing, "Fichier « \(path) » introuvable : vérifiez le chemin.")
        }
        result.path = path
        return result
    }
}
