import Foundation
import UneFois

/// `unefois inspect FICHIER [--ecrire CORRESPONDANCE.json]`: describes an unknown source file
/// (format, encoding, separator, header, rows, columns with samples and fill rates) and proposes
/// a draft mapping file, printed and, with `--ecrire`, written (atomically) to a file.
/// Exit codes: 0 done, 65 unreadable file, 66 file missing, 73/74 cannot write, 78 bad usage.
enum InspectCommand {
    static let usage = "Utilisation : unefois inspect FICHIER [--ecrire CORRESPONDANCE.json]"

    static func run(_ args: [String]) throws {
        var path: String?
        var output: String?
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--ecrire", "--write":
                guard i + 1 < args.count else { throw OperationalError(.configuration, "L'option --ecrire attend un nom de fichier (ex. --ecrire correspondances/ma-source.json).") }
                i += 1
                output = args[i]
            case "--help", "-h":
                print(usage)
                return
            default:
                if args[i].hasPrefix("-") { throw OperationalError(.configuration, "Option « \(args[i]) » inconnue. \(usage)") }
                guard path == nil else { throw OperationalError(.configuration, "Un seul fichier à la fois. \(usage)") }
                path = args[i]
            }
            i += 1
        }
        guard let path else { throw OperationalError(.configuration, "Indiquez le fichier à décrire. \(usage)") }
        guard FileManager.default.fileExists(atPath: path) else {
            throw OperationalError(.inputMissing, "Fichier « \(path) » introuvable : vérifiez le chemin.")
        }
        let synonyms = try Inspection.Synonyms(path: Resources.schemas + "/inspection/synonymes-colonnes.csv")
        let file = try MappedFile(path: path)
        let inspection = try Inspection.inspect(bytes: file.bytes, file: path, synonyms: synonyms)
        print(inspection.text(), terminator: "")
        if let output {
            try AtomicFile.write(JSONWriter.document(inspection.draftMapping()), to: output)
            print("\nBrouillon écrit dans \(output) : relisez-le, puis déclarez la source avec « \"correspondance\": \"\(output)\" » dans la configuration.")
        }
    }
}
