#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a crash never leaves half a file: temp file in the same folder,
/// `fsync`, `rename`, then `fsync` of the folder.
public enum AtomicFile {
    /// Replaces `path` with `bytes` atomically.
    /// Throws ``OperationalError`` (`.cannotCreate` / `.ioError`) with a French message.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        let tmp = temporaryPath(for: path)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OperationalError(.cannotCreate, "Impossible de créer \(tmp) : \(FileManagerShim.frenchReason(errno)). Vérifiez les droits d'écriture du dossier de sortie.")
        }
        var ok = true
        bytes.withUnsafeBytes { buf in
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    ok = false
                    return
                }
                offset += n
            }
        }
        if ok && fsync(fd) != 0 { ok = false }
        let err = errno
        close(fd)
        guard ok else {
            unlink(tmp)
            throw OperationalError(.ioError, "Écriture impossible de \(path) : \(FileManagerShim.frenchReason(err)). Vérifiez l'espace disque.")
        }
        try commit(temporary: tmp, to: path)
    }

    /// Renames a finished temporary file over `path` and syncs the folder.
    public static func commit(temporary tmp: String, to path: String) throws {
        guard rename(tmp, path) == 0 else {
            let err = errno
            unlink(tmp)
            throw OperationalError(.ioError, "Impossible de remplacer \(path) : \(FileManagerShim.frenchReason(err)).")
        }
        syncDirectory(of: path)
    }

    /// The temporary name used beside `path` (hidden, same folder so `rename` is atomic).
    public static func temporaryPath(for path: String) -> String {
        let (dir, name) = split(path)
        return dir + "/." + name + ".tmp-\(getpid())"
    }

    public static func syncDirectory(of path: String) {
        let (dir, _) = split(path)
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    static func split(_ path: String) -> (String, String) {
        if let slash = path.lastIndex(of: "/") {
            let dir = String(path[..<slash])
            return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
        }
        return (".", path)
    }
}
