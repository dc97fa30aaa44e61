#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteDatabase {
    /// Builds a database file atomically: a temporary file beside `path` is created, filled by
    /// `body`, checked (`quick_check`), synced to disk, then renamed over `path`. On any
    /// failure the temporary file is removed and the previous file stays as it was.
    /// `label` names the file in French messages (« la base », « le GeoPackage »). `pageSize`
    /// is set before the cache: SQLite counts the cache in pages of the size current when
    /// `cache_size` is set, so a larger page set afterwards multiplies the cache (8 MiB of 4 KiB
    /// pages would become 64 MiB of 32 KiB pages).
    public static func buildAtomically(at path: String, label: String, pageSize: Int = 4096, _ body: (SQLiteDatabase) throws -> Void) throws {
        let tmp = AtomicFile.temporaryPath(for: path)
        FileManagerShim.remove(tmp)
        do {
            do {
                let db = try SQLiteDatabase(path: tmp, mode: .create)
                // A fresh temporary file renamed only once complete and checked: no rollback
                // journal or fsync per transaction is needed (a crash leaves a temp file the next
                // run removes). Filled in one go, in a deterministic order, it needs no VACUUM.
                try db.execute("PRAGMA page_size = \(pageSize); PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8192")
                try body(db)
                if let problem = db.quickCheckProblem() {
                    throw OperationalError(.ioError, "\(label.prefix(1).uppercased() + label.dropFirst()) \(path) écrit est incohérent (quick_check : \(problem)) : l'ancien fichier est conservé.")
                }
            }  // the connection is closed before the rename
            // synchronous = OFF above: the file reaches the disk here, before it replaces the old one.
            let fd = open(tmp, O_RDONLY | O_CLOEXEC)
            let synced = fd >= 0 && fsync(fd) == 0
            if fd >= 0 { close(fd) }
            guard synced else {
                throw OperationalError(.ioError, "Écriture impossible de \(label) \(path) : synchronisation sur disque refusée. L'ancien fichier est conservé ; vérifiez l'espace disque.")
            }
            try AtomicFile.commit(temporary: tmp, to: path)
        } catch let e as SQLiteError {
            FileManagerShim.remove(tmp)
            // The statement (e.sql) is for developers: a person reads what went wrong, not SQL.
            let full = e.code == 13 // SQLITE_FULL
            throw OperationalError(.ioError, code: full ? "disk-full" : "sqlite-write", location: .init(file: path),
                                   "Écriture impossible de \(label) \(path) : " + (full ? "le disque est plein" : "SQLite a refusé l'écriture (code \(e.code) : \(e.message))") + ". L'ancien fichier est conservé.",
                                   remedy: full ? "libérez de la place sur le disque du dossier de sortie, puis relancez." : "vérifiez l'espace disque et les droits d'écriture du dossier de sortie, puis relancez.")
        } catch {
            FileManagerShim.remove(tmp)
            throw error
        }
    }
}
