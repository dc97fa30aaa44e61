import Foundation
import UneFoisCore

/// The state database of a published folder, opened read-only for `explain` and `doublons`.
enum PublishedState {
    /// Opens `out/unefois.sqlite`; a missing file is exit 66 (run first), an unreadable one 65.
    static func open(out: String) throws -> (db: SQLiteDatabase, path: String) {
        let path = out + "/unefois.sqlite"
        guard FileManager.default.fileExists(atPath: path) else {
            throw OperationalError(.inputMissing, "Pas de résultats dans \(out) (\(path) absent) : lancez d'abord « unefois run --out \(out) ».")
        }
        do { return (try SQLiteDatabase(path: path, mode: .readOnlyUntrusted), path) } catch {
            throw OperationalError(.dataUnusable, "\(path) illisible : \(error).")
        }
    }
}
