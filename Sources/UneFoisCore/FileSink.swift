#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file as it is produced, through a buffer, so a large output never has to sit whole
/// in memory; ``finish()`` flushes and syncs it to disk, and gives its size and SHA-256 (hashed as
/// the bytes go out, so `datapackage.json` need not read the file again). The caller names the file (a staged or
/// temporary path) and renames it once finished. Errors are French ``OperationalError``s.
///
/// On Linux the file is written with direct I/O (`O_DIRECT`) when its file system allows it: the
/// bytes go from the buffer to the disk without a copy into the page cache. A night writes some
/// 3 GB at national scale; copied into the page cache, they cost seconds of kernel time (more on
/// a virtual machine whose free pages have gone back to the host) and were all still to be
/// written out by the final `fsync`. Direct I/O needs a buffer, sizes and offsets aligned on the
/// device's blocks: the buffer is aligned on 4 KiB, every write but the last is a whole buffer,
/// and the last one is padded to a block then the file cut to its size (`ftruncate`). A file
/// system that refuses direct I/O gets ordinary writes.
public final class FileSink {
    public let path: String
    private let fd: Int32
    /// True while the file is written with direct I/O.
    private var direct: Bool
    /// `capacity` bytes aligned on ``alignment``.
    private let buffer: UnsafeMutableRawPointer
    private var used = 0
    private let capacity: Int
    private var hasher = SHA256()
    /// False: no SHA-256 is computed (``finish()`` gives an empty hash).
    private let hashing: Bool
    /// Bytes written so far (buffered included).
    public private(set) var count = 0

    /// Alignment of direct I/O's buffers, sizes and offsets (a page: a multiple of every block size).
    static let alignment = 4096

    /// `n` rounded up to a multiple of ``alignment``.
    static func aligned(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }

    #if os(Linux) && arch(x86_64)
    /// `O_DIRECT` (not exported by Swift's Glibc module; the value is the kernel ABI's for the architecture).
    static let directFlag: Int32? = 0o40000
    #elseif os(Linux) && arch(arm64)
    static let directFlag: Int32? = 0o200000
    #else
    static let directFlag: Int32? = nil
    #endif

    /// `hashing: false` when the caller needs no SHA-256 of the file; `directIO: false` writes
    /// through the page cache even where direct I/O is possible (tests of that path).
    public init(path: String, capacity: Int = 1 << 20, hashing: Bool = true, directIO: Bool = true) throws {
        self.path = path
        self.hashing = hashing
        self.capacity = max(FileSink.alignment, FileSink.aligned(capacity))
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        var fd: Int32 = -1
        if directIO, let d = FileSink.directFlag {
            fd = open(path, flags | d, 0o644)
        }
        direct = fd >= 0
        if fd < 0 { fd = open(path, flags, 0o644) }
        guard fd >= 0 else {
            throw OperationalError(.cannotCreate, "Impossible de créer \(path) : \(String(cString: strerror(errno))). Vérifiez les droits d'écriture du dossier de sortie.")
        }
        self.fd = fd
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, FileSink.alignment, self.capacity) == 0, let memory else {
            close(fd)
            throw OperationalError(.ioError, "Mémoire insuffisante pour écrire \(path).")
        }
        buffer = memory
    }

    deinit {
        if fd >= 0 { close(fd) }
        free(buffer)
    }

    /// Appends bytes (written out each time the buffer is full).
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends bytes (written out each time the buffer is full).
    public func write(_ src: UnsafeRawBufferPointer) throws {
        count += src.count
        var offset = 0
        while offset < src.count {
            let n = min(capacity - used, src.count - offset)
            (buffer + used).copyMemory(from: src.baseAddress! + offset, byteCount: n)
            used += n
            offset += n
            if used == capacity { try flush() }
        }
    }

    /// Writes the buffer out, syncs the file to disk; returns the file's size and SHA-256 (hex).
    /// Call once, at the end.
    @discardableResult
    public func finish() throws -> (bytes: Int, sha256: String) {
        try flush()
        guard fsync(fd) == 0 else { throw failure(errno) }
        return (count, hashing ? hasher.finalizeHex() : "")
    }

    /// Writes the buffered bytes. Only the last write of a file may be a partial buffer: with
    /// direct I/O it is padded with zeros to a whole block, and the file cut back to its size.
    private func flush() throws {
        guard used > 0 else { return }
        if hashing { hasher.update(UnsafeRawBufferPointer(start: buffer, count: used)) }
        let start = count - used  // bytes of the file before this buffer
        var length = used
        if direct && used % FileSink.alignment != 0 {
            length = FileSink.aligned(used)
            (buffer + used).initializeMemory(as: UInt8.self, repeating: 0, count: length - used)
        }
        do {
            try writeAll(length)
        } catch is DirectRefused {
            // The file system accepted `O_DIRECT` at open but refuses this write: ordinary writes
            // from here on, at the same offset.
            direct = false
            let flags = fcntl(fd, F_GETFL)
            guard let d = FileSink.directFlag, flags >= 0, fcntl(fd, F_SETFL, flags & ~d) == 0 else { throw failure(errno) }
            length = used
            try writeAll(length)
        }
        if length != used {
            guard ftruncate(fd, off_t(start + used)) == 0 else { throw failure(errno) }
        }
        used = 0
    }

    private struct DirectRefused: Error {}

    private func writeAll(_ length: Int) throws {
        var offset = 0
        while offset < length {
            let n = Glibc.write(fd, buffer + offset, length - offset)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EINVAL && direct && offset == 0 { throw DirectRefused() }
                throw failure(errno)
            }
            offset += n
        }
    }

    private func failure(_ err: Int32) -> OperationalError {
        OperationalError(.ioError, "Écriture impossible de \(path) : \(String(cString: strerror(err))). Vérifiez l'espace disque.")
    }
}
