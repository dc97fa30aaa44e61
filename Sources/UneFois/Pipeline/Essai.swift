import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `unefois run --essai`: the whole run into a temporary folder that starts as a copy of the
/// published one (so the state, ids and journal are the same), then what would change in the
/// published folder. The published folder is only read: never locked, never written.
public enum Essai {
    /// Creates the trial folder (`$TMPDIR/unefois-essai-XXXXXX`) holding a copy of everything a
    /// run reads in `published` (the state, the last good copies of the sources, the files it
    /// compares with), not the lock nor half-written files. `published` may not exist yet.
    public static func prepare(published: String) throws -> String {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((base + "/unefois-essai-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw OperationalError(.cannotCreate, "Impossible de créer le dossier d'essai dans \(base) : \(FileManagerShim.frenchReason(errno)).")
        }
        let trial = String(cString: made)
        for path in FileManagerShim.filesRecursively(published) where isCopied(path) {
            let target = trial + "/" + path
            try FileManagerShim.createDirectory(FileManagerShim.directory(of: target))
            try FileManagerShim.copy(from: published + "/" + path, to: target)
        }
        return trial
    }

    /// False for the lock, temporary and staged files and the generation marker.
    static func isCopied(_ path: String) -> Bool {
        let name = FileManagerShim.fileName(path)
        return name != ".unefois.lock" && !name.contains(".tmp-") && !name.hasSuffix(".nouveau") && name != ".unefois-generation"
    }

    /// The published files a person sees (hidden files and folders, the run's own, left out),
    /// relative to `folder`.
    static func publishedFiles(_ folder: String) -> [String] {
        FileManagerShim.filesRecursively(folder).filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
    }

    /// What the trial would change in the published folder.
    public struct Changes: Sendable, Equatable {
        /// Places (id, name) in the trial's `lieux.csv` and not in the published one.
        public var ajoutes: [Lieu] = []
        /// Places published now that the trial no longer publishes.
        public var retires: [Lieu] = []
        /// Places in both whose values differ, with the columns that differ.
        public var modifies: [Lieu] = []
        /// Files whose bytes would differ (or that would be new).
        public var fichiers: [String] = []
        /// Files the trial writes that the published folder does not have yet.
        public var nouveaux: [String] = []
        /// Files of the published folder the run would remove (an older night's hub-named copy).
        public var supprimes: [String] = []

        /// One place of the comparison.
        public struct Lieu: Sendable, Equatable {
            public var id: String
            public var nom: String
            /// Columns whose values differ (modified places only).
            public var champs: [String] = []
        }

        public var isEmpty: Bool { ajoutes.isEmpty && retires.isEmpty && modifies.isEmpty && fichiers.isEmpty && supprimes.isEmpty }
    }

    /// Compares the trial folder with the published one.
    public static func compare(published: String, trial: String) -> Changes {
        var c = Changes()
        for name in publishedFiles(trial) {
            let a = published + "/" + name
            if !FileManagerShim.isFile(a) {
                c.fichiers.append(name)
                c.nouveaux.append(name)
            } else if !sameBytes(a, trial + "/" + name) {
                c.fichiers.append(name)
            }
        }
        let written = Set(publishedFiles(trial))
        c.supprimes = publishedFiles(published).filter { !written.contains($0) }
        let before = places(published + "/lieux.csv")
        let after = places(trial + "/lieux.csv")
        let header = after.header.isEmpty ? before.header : after.header
        for (id, row) in after.rows.sorted(by: { $0.key < $1.key }) {
            guard let old = before.rows[id] else {
                c.ajoutes.append(.init(id: id, nom: name(row, after.header)))
                continue
            }
            if old != row {
                var champs: [String] = []
                for (i, col) in header.enumerated() where (i < old.count ? old[i] : "") != (i < row.count ? row[i] : "") { champs.append(col) }
                c.modifies.append(.init(id: id, nom: name(row, after.header), champs: champs))
            }
        }
        for (id, row) in before.rows.sorted(by: { $0.key < $1.key }) where after.rows[id] == nil {
            c.retires.append(.init(id: id, nom: name(row, before.header)))
        }
        return c
    }

    private static func name(_ row: [String], _ header: [String]) -> String {
        guard let i = header.firstIndex(of: "nom"), i < row.count else { return "" }
        return row[i]
    }

    private static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard let fa = try? MappedFile(path: a), let fb = try? MappedFile(path: b) else { return false }
        return fa.bytes.count == fb.bytes.count && (fa.bytes.count == 0 || memcmp(fa.bytes.baseAddress!, fb.bytes.baseAddress!, fa.bytes.count) == 0)
    }

    /// The rows of a published `lieux.csv` by id (first column); empty when absent.
    static func places(_ path: String) -> (header: [String], rows: [String: [String]]) {
        guard FileManagerShim.isFile(path), let f = try? MappedFile(path: path) else { return ([], [:]) }
        var scanner = CSVScanner(bytes: f.bytes, separator: UInt8(ascii: ","))
        var record = CSVRecord()
        var header: [String] = []
        var rows: [String: [String]] = [:]
        while scanner.next(into: &record) {
            let cells = record.fields.map { scanner.string($0, encoding: .utf8) }
            if header.isEmpty { header = cells; continue }
            if let id = cells.first, !id.isEmpty { rows[id] = cells }
        }
        return (header, rows)
    }
}

extension Essai.Changes {
    /// The French text printed after a trial (standard output).
    public func texte(published: String, trial: String, lignesMax: Int = 50) -> String {
        var out = ["Essai : rien n'a été écrit dans \(published)/ ; les résultats de l'essai sont dans \(trial)/."]
        if isEmpty {
            out.append("Aucun changement : le dossier publié resterait identique.")
            return out.joined(separator: "\n") + "\n"
        }
        out.append("Lieux : \(ajoutes.count) ajouté\(ajoutes.count > 1 ? "s" : ""), \(retires.count) retiré\(retires.count > 1 ? "s" : ""), \(modifies.count) modifié\(modifies.count > 1 ? "s" : "").")
        var lines: [String] = []
        lines += ajoutes.map { "  + \($0.id) \($0.nom)" }
        lines += retires.map { "  - \($0.id) \($0.nom)" }
        lines += modifies.map { "  ~ \($0.id) \($0.nom) (\($0.champs.joined(separator: ", ")))" }
        out += lines.prefix(lignesMax)
        if lines.count > lignesMax { out.append("  … et \(lines.count - lignesMax) autres (comparez les deux lieux.csv).") }
        if fichiers.isEmpty && supprimes.isEmpty {
            out.append("Fichiers : aucun ne changerait.")
        } else if !fichiers.isEmpty {
            out.append("Fichiers qui changeraient : " + fichiers.map { nouveaux.contains($0) ? "\($0) (nouveau)" : $0 }.joined(separator: ", ") + ".")
        }
        if !supprimes.isEmpty { out.append("Fichiers qui seraient supprimés : " + supprimes.joined(separator: ", ") + ".") }
        return out.joined(separator: "\n") + "\n"
    }
}
