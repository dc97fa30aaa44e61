#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    /// Each missing folder of the path is made with `mkdir`; the message names the part in the
    /// way and why, in French (never a Foundation error domain).
    public static func createDirectory(_ path: String) throws {
        if isDirectory(path) { return }
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if isDirectory(current) { continue }
            if exists(current) {
                throw OperationalError(.cannotCreate, code: "output-not-folder", "Impossible de créer le dossier \(path) : \(current) existe déjà et n'est pas un dossier.",
                                       remedy: "indiquez avec --out un dossier, ou un nom qui n'est pas déjà pris par un fichier.")
            }
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                let why = PathDiagnosis.creating(current, errno: errno)
                throw OperationalError(.cannotCreate, code: why.code, location: .init(file: path), "Impossible de créer le dossier \(current) : \(why.reason).",
                                       remedy: why.code == "output-special-filesystem" ? "choisissez avec --out un dossier sur un disque ordinaire (par exemple /srv/unefois/sortie)."
                                           : "vérifiez les droits d'écriture et la place sur le disque, ou choisissez un autre dossier avec --out.")
            }
        }
    }

    /// A French reason for the usual `errno` values of file operations.
    public static func frenchReason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "droits insuffisants"
        case EROFS: return "le système de fichiers est en lecture seule"
        case ENOSPC: return "plus de place sur le disque"
        case ENOTDIR: return "un élément du chemin est un fichier, pas un dossier"
        case ENOENT: return "fichier ou dossier absent"
        case EEXIST: return "le nom est déjà pris"
        case ENAMETOOLONG: return "nom trop long"
        case EDQUOT: return "quota disque dépassé"
        default: return "erreur système \(code)"
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
            throw OperationalError(.cannotCreate, code: "copy-failed", "Impossible de copier \(from) vers \(to).", remedy: "vérifiez les droits d'écriture et la place sur le disque.")
        }
    }

    /// Paths (relative to `directory`, `/`-separated, sorted) of every regular file below it.
    public static func filesRecursively(_ directory: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let p = e.nextObject() as? String {
            if isFile(directory + "/" + p) { files.append(p) }
        }
        return files.sorted()
    }

    /// True when `path` is a regular file (not a folder).
    public static func isFile(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && !d.boolValue
    }
}
