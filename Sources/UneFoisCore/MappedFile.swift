#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory map of a whole file.
///
/// The pages are backed by the file, so reading a large export does not grow the process's
/// private memory with the file size. An empty file maps to an empty buffer.
/// Throws ``OperationalError`` with `.inputMissing` when the file cannot be opened.
public final class MappedFile: @unchecked Sendable {
    /// The file's bytes; valid as long as this object lives.
    public let bytes: UnsafeRawBufferPointer
    /// The path it was opened from, as given.
    public let path: String
    private let mapping: UnsafeMutableRawPointer?
    private let length: Int

    /// Maps `path` read-only.
    public init(path: String) throws {
        self.path = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused just below).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            let why = PathDiagnosis.reading(path, errno: errno)
            throw OperationalError(.inputMissing, code: why.code, location: .init(file: path),
                                   why.code == "input-unreadable" ? "Fichier illisible : \(path) (\(why.reason))." : "Fichier introuvable : \(path) (\(why.reason)).",
                                   remedy: why.code == "input-unreadable" ? "donnez à l'utilisateur de la tâche de nuit le droit de lire ce fichier." : "vérifiez le chemin dans la configuration, ou déposez le fichier.")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw OperationalError(.inputMissing, "Impossible de lire les informations du fichier \(path).")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw OperationalError(.inputMissing, "\(path) est un dossier, pas un fichier.")
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            let kind: String
            switch info.st_mode & S_IFMT {
            case S_IFIFO: kind = "un tube nommé (FIFO)"
            case S_IFCHR, S_IFBLK: kind = "un périphérique"
            case S_IFSOCK: kind = "une socket"
            default: kind = "un fichier spécial"
            }
            throw OperationalError(.dataUnusable, "\(path) est \(kind), pas un fichier ordinaire : unefois ne lit que des fichiers ordinaires (sa lecture pourrait ne jamais finir). Indiquez le fichier exporté lui-même.")
        }
        length = Int(info.st_size)
        if length == 0 {
            mapping = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0)
        guard let p, p != MAP_FAILED else {
            throw OperationalError(.inputMissing, "Impossible de lire le fichier \(path) (mmap).")
        }
        madvise(p, length, MADV_SEQUENTIAL)
        mapping = p
        bytes = UnsafeRawBufferPointer(start: p, count: length)
    }

    /// Tells the kernel the pages before `offset` will not be read again, so a sequential reader
    /// keeps a constant resident size whatever the file size (they are re-read from the file if
    /// touched again).
    public func release(before offset: Int) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = (min(offset, self.length) / page) * page
        if length > 0 { madvise(mapping, length, MADV_DONTNEED) }
    }

    /// ``StableHash`` of the whole file (read as ``forEachChunk(_:)`` does).
    public func fingerprint() -> String {
        var h = StableHash()
        forEachChunk { h.combine(bytes: $0) }
        return h.hex
    }

    /// SHA-256 (hex) of the whole file (read as ``forEachChunk(_:)`` does): a file just written
    /// (a SQLite database of several hundred MB) is hashed without its pages staying resident.
    public func sha256() -> String {
        var h = SHA256()
        forEachChunk { h.update($0) }
        return h.finalizeHex()
    }

    /// Hands the file to `body` in 32 MiB chunks, in order, releasing each chunk's pages once read:
    /// the mapped pages count in the process's resident size, which then stays small whatever
    /// the file size.
    public func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var offset = 0
        let chunk = 32 << 20
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try body(UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            offset = end
            release(before: offset)
        }
    }

    deinit {
        if let mapping { munmap(mapping, length) }
    }
}
