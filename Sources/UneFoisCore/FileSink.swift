#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file as it is produced, through a buffer, so a large output never has to sit whole
/// in memory; ``finish()`` flushes and syncs it to disk, and gives its size and SHA-256 (hashed as
/// the bytes go out, so `datapackage.json` need not read the file again). The caller names the file (a staged or
/// temporary path) and renames it once finished. Errors are French ``OperationalError``s.
public final class FileSink {
    public let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    private var hasher = SHA256()
    /// Bytes written so far (buffered included).
    public private(set) var count = 0

    public init(path: String, capacity: Int = 1 << 20) throws {
        self.path = path
        self.capacity = capacity
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw OperationalError(.cannotCreate, "Impossible de créer \(path) : \(String(cString: strerror(errno))). Vérifiez les droits d'écriture du dossier de sortie.")
        }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Appends bytes (written out when the buffer is full).
    public func write(_ bytes: [UInt8]) throws {
        count += bytes.count
        if buffer.count + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity { try raw(bytes); return }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Writes the buffer out, syncs the file to disk; returns the file's size and SHA-256 (hex).
    /// Call once, at the end.
    @discardableResult
    public func finish() throws -> (bytes: Int, sha256: String) {
        try flush()
        guard fsync(fd) == 0 else { throw failure(errno) }
        return (count, hasher.finalizeHex())
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try raw(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private func raw(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { buf in
            hasher.update(buf)
            var offset = 0
            while offset < buf.count {
                let n = Glibc.write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(errno)
                }
                offset += n
            }
        }
    }

    private func failure(_ err: Int32) -> OperationalError {
        OperationalError(.ioError, "Écriture impossible de \(path) : \(String(cString: strerror(err))). Vérifiez l'espace disque.")
    }
}
