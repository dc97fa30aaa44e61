import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
import Foundation
import UneFois

/// `unefois inspect FICHIER [--ecrire CORRESPONDANCE.json [--remplacer]]`: describes an unknown source file
/// (format, encoding, separator, header, rows, columns with samples and fill rates) and proposes
/// a draft mapping file, printed and, with `--ecrire`, written (atomically) to a file that must not
/// exist yet unless `--remplacer` is given (exit 73 otherwise).
/// Exit codes: 0 done, 65 unreadable file, 66 file missing, 73/74 cannot write, 78 bad usage.
enum InspectCommand {
    static let usage = "Utilisation : unefois inspect FICHIER [--ecrire CORRESPONDANCE.json [--remplacer]]"

    static func run(_ args: [String]) throws {
        let hint = "un nom de fichier, ex. --ecrire correspondances/ma-source.json"
        guard let a = try FileArguments.parse(args, usage: usage, what: "décrire", valued: ["--ecrire": hint, "--write": hint], flags: ["--remplacer", "--replace"]) else { return }
        let path = a.path
        let output = a.values["--ecrire"] ?? a.values["--write"]
        // A mapping file someone may have edited is never overwritten by a fresh draft unasked.
        if let output, FileManager.default.fileExists(atPath: output), a.flags.isDisjoint(with: ["--remplacer", "--replace"]) {
            throw OperationalError(.cannotCreate, code: "draft-exists",
                                   "Le fichier \(output) existe déjà : le brouillon n'est pas écrit, pour ne pas effacer une correspondance peut-être déjà relue et corrigée.",
                                   remedy: "choisissez un autre nom après --ecrire, ou ajoutez --remplacer pour écraser \(output).")
        }
        let synonyms = try Inspection.Synonyms(path: SchemaCatalogue(root: Resources.schemas).columnSynonyms)
        let file = try MappedFile(path: path)
        let inspection = try Inspection.inspect(bytes: file.bytes, file: path, synonyms: synonyms)
        print(inspection.text(), terminator: "")
        if let output {
            try AtomicFile.write(JSONWriter.document(inspection.draftMapping()), to: output)
            print("\nBrouillon écrit dans \(output) : relisez-le, puis déclarez la source avec « \"correspondance\": \"\(output)\" » dans la configuration.")
        }
    }
}
