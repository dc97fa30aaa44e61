#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The true reason a path could not be opened or created, from `errno` and what is on disk:
/// a file absent from a folder that exists, a folder of the path that does not exist, a part of
/// the path that is a file, missing rights, or a special file system (/proc, /sys) where nothing
/// can be created. Each reason has a stable code for tests and log collectors.
public struct PathDiagnosis: Sendable, Equatable {
    public var code: String
    /// French, without a final full stop.
    public var reason: String

    /// Why `path`, which does not exist, is missing: file absent from its folder, or folder absent.
    public static func missing(_ path: String) -> PathDiagnosis { reading(path, errno: ENOENT) }

    /// Why opening `path` for reading failed with `errno` `error`.
    public static func reading(_ path: String, errno error: Int32) -> PathDiagnosis {
        switch error {
        case ENOENT:
            let dir = FileManagerShim.directory(of: path)
            if FileManagerShim.isDirectory(dir) {
                return PathDiagnosis(code: "input-file-absent", reason: "le fichier « \(FileManagerShim.fileName(path)) » n'est pas dans le dossier \(dir), qui existe")
            }
            if let missing = firstMissing(path) {
                return PathDiagnosis(code: "input-folder-absent", reason: "le dossier \(missing) n'existe pas")
            }
            return PathDiagnosis(code: "input-file-absent", reason: FileManagerShim.frenchReason(error))
        case ENOTDIR:
            let part = firstNonFolder(path) ?? path
            return PathDiagnosis(code: "input-folder-absent", reason: "\(part) est un fichier, pas un dossier")
        case EACCES, EPERM:
            return PathDiagnosis(code: "input-unreadable", reason: "droits insuffisants pour lire ce fichier ou ouvrir un de ses dossiers")
        default:
            return PathDiagnosis(code: "input-unreadable", reason: FileManagerShim.frenchReason(error))
        }
    }

    /// Why `mkdir` of `folder` (whose parent exists) failed with `errno` `error`.
    public static func creating(_ folder: String, errno error: Int32) -> PathDiagnosis {
        let parent = FileManagerShim.directory(of: folder)
        if let fs = specialFileSystem(parent) {
            return PathDiagnosis(code: "output-special-filesystem",
                                 reason: "\(parent) est un système de fichiers spécial (\(fs)) où l'on ne peut pas créer de dossier")
        }
        switch error {
        case ENOENT:
            if let missing = firstMissing(folder), missing != folder {
                return PathDiagnosis(code: "output-folder", reason: "le dossier \(missing) n'existe pas")
            }
            return PathDiagnosis(code: "output-folder", reason: "\(parent) n'accepte pas de nouveau dossier")
        case EACCES, EPERM:
            return PathDiagnosis(code: "output-not-writable", reason: "pas le droit d'écrire dans \(parent)")
        case EROFS:
            return PathDiagnosis(code: "output-not-writable", reason: "\(parent) est en lecture seule")
        default:
            return PathDiagnosis(code: "output-folder", reason: FileManagerShim.frenchReason(error))
        }
    }

    /// The first folder of `path` (from the root) that does not exist, if any.
    static func firstMissing(_ path: String) -> String? {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if !FileManagerShim.exists(current) { return current.hasPrefix("./") && !path.hasPrefix("./") ? String(current.dropFirst(2)) : current }
        }
        return nil
    }

    /// The first part of `path` that exists and is not a folder, if any.
    static func firstNonFolder(_ path: String) -> String? {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/").dropLast() {
            current += "/" + part
            if FileManagerShim.exists(current) && !FileManagerShim.isDirectory(current) {
                return current.hasPrefix("./") && !path.hasPrefix("./") ? String(current.dropFirst(2)) : current
            }
        }
        return nil
    }

    /// The name of a kernel pseudo file system (proc, sysfs...) holding `path`, nil otherwise
    /// (from the mount table: the longest mount point that contains the path).
    public static func specialFileSystem(_ path: String) -> String? {
        guard let table = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return nil }
        var resolved = path
        if let r = realpath(path, nil) { resolved = String(cString: r); free(r) }
        var best: (point: String, type: String)?
        for line in table.split(separator: "\n") {
            let f = line.split(separator: " ")
            guard f.count >= 3 else { continue }
            let point = f[1].replacingOccurrences(of: "\\040", with: " ")
            let inside = point == "/" || resolved == point || resolved.hasPrefix(point + "/")
            if inside, point.count >= (best?.point.count ?? -1) { best = (point, String(f[2])) }
        }
        guard let type = best?.type else { return nil }
        return ["proc", "sysfs", "devpts", "cgroup", "cgroup2", "debugfs", "securityfs", "tracefs", "configfs", "bpf", "pstore"].contains(type) ? type : nil
    }
}
