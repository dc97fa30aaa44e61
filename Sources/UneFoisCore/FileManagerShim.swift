import Foundation

/// Small file-system helpers (the only place using `FileManager`).
public enum FileManagerShim {
    /// Names in a directory, sorted (deterministic).
    public static func list(_ directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// True when something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// True when `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    /// Creates a directory and its parents; throws `.cannotCreate` in French.
    public static func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OperationalError(.cannotCreate, "Impossible de créer le dossier \(path) : \(error.localizedDescription). Vérifiez les droits d'écriture.")
        }
    }

    /// Removes `path` if it exists (errors ignored: used for temporary files).
    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Resolves `path` relative to `base` directory unless absolute.
    public static func resolve(_ path: String, relativeTo base: String) -> String {
        if path.hasPrefix("/") { return path }
        return base.isEmpty ? path : base + "/" + path
    }

    /// The folder part of `path` (`.` when there is none).
    public static func directory(of path: String) -> String {
        let d = (path as NSString).deletingLastPathComponent
        return d.isEmpty ? "." : d
    }

    /// The last component of `path`.
    public static func fileName(_ path: String) -> String {
        (path as NSString).lastPathComponent
    }

    /// Copies the file at `from` to `to` (replacing it); throws `.cannotCreate` in French.
    public static func copy(from: String, to: String) throws {
        remove(to)
        do {
            try FileManager.default.copyItem(atPath: from, toPath: to)
        } catch {
            throw OperationalError(.cannotCreate, "Impossible de copier \(from) vers \(to) : \(error.localizedDescription).")
        }
    }

    /// True when `path` is a regular file (not a folder).
    public static func isFile(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && !d.boolValue
    }
}
