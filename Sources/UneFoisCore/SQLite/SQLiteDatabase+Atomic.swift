extension SQLiteDatabase {
    /// Builds a database file atomically: a temporary file beside `path` is created, filled by
    /// `body`, compacted (`VACUUM`) and checked (`quick_check`), then renamed over `path`. On any
    /// failure the temporary file is removed and the previous file stays as it was.
    /// `label` names the file in French messages (« la base », « le GeoPackage »).
    public static func buildAtomically(at path: String, label: String, _ body: (SQLiteDatabase) throws -> Void) throws {
        let tmp = AtomicFile.temporaryPath(for: path)
        FileManagerShim.remove(tmp)
        do {
            do {
                let db = try SQLiteDatabase(path: tmp, mode: .create)
                try body(db)
                try db.execute("VACUUM")
                if let problem = db.quickCheckProblem() {
                    throw OperationalError(.ioError, "\(label.prefix(1).uppercased() + label.dropFirst()) \(path) écrit est incohérent (quick_check : \(problem)) : l'ancien fichier est conservé.")
                }
            }  // the connection is closed before the rename
            try AtomicFile.commit(temporary: tmp, to: path)
        } catch let e as SQLiteError {
            FileManagerShim.remove(tmp)
            throw OperationalError(.ioError, "Écriture impossible de \(label) \(path) : \(e). L'ancien fichier est conservé ; vérifiez l'espace disque.")
        } catch {
            FileManagerShim.remove(tmp)
            throw error
        }
    }
}
