import CZlib

/// A read-only view of a zip archive held in memory (an `.xlsx` workbook, usually a
/// ``MappedFile``), hardened for untrusted files.
///
/// Implements the subset of PKWARE's APPNOTE (<https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT>)
/// office files use: the end-of-central-directory record (searched backwards over the
/// trailing comment), the central directory, and entries stored (method 0) or deflated
/// (method 8, inflated by the system zlib in raw mode). ZIP64, encryption, multi-disk archives
/// and other methods are refused.
///
/// Hardening (see `PITFALLS.md`, "Reading untrusted files"): caps on the number of entries,
/// the total declared uncompressed size and the compression ratio of each entry (``Limits``);
/// names with a `..` segment, a leading `/` or `\`, a drive letter or a NUL are refused;
/// inflation stops as soon as the output exceeds the declared size; the declared size and the
/// CRC-32 are checked after extraction.
///
/// Every failure is an ``OperationalError`` `.dataUnusable` whose French message names the
/// file, contains a stable code in parentheses (`zip-limit` for a safety cap, `zip-unreadable`
/// for a damaged or unsupported archive) and says what to do.
///
/// The archive does not copy `bytes`: the caller keeps them alive while using it.
public struct ZipArchive {
    /// Safety caps applied when opening and extracting.
    public struct Limits: Sendable {
        /// Most entries accepted in the central directory.
        public var maxEntries = 10_000
        /// Largest sum of the entries' declared uncompressed sizes (bytes).
        public var maxTotalUncompressed = 512 << 20
        /// Largest accepted uncompressed/compressed ratio of one entry...
        public var maxRatio = 200
        /// ...checked only for entries larger than this (tiny repetitive files compress well).
        public var ratioFloor = 1 << 20

        /// The default caps: 10 000 entries, 512 MiB, 200:1 above 1 MiB.
        public init() {}
    }

    /// One member of the archive, as the central directory declares it.
    public struct Entry: Sendable, Equatable {
        /// Path inside the archive (`xl/workbook.xml`), `/`-separated.
        public var name: String
        /// Compression method: 0 stored, 8 deflate.
        public var method: UInt16
        /// General purpose flags (bit 0: encrypted).
        public var flags: UInt16
        /// CRC-32 of the uncompressed bytes.
        public var crc32: UInt32
        /// Size of the data in the archive (bytes).
        public var compressedSize: Int
        /// Declared size once extracted (bytes).
        public var uncompressedSize: Int
        /// Offset of the entry's local header from the start of the archive.
        public var localHeaderOffset: Int
    }

    /// The entries, in central-directory order.
    public let entries: [Entry]
    /// The file name used in messages.
    public let file: String
    private let bytes: UnsafeRawBufferPointer
    private let limits: Limits
    private let indexByName: [String: Int]

    /// Opens the archive in `bytes` (the whole file) and reads its central directory.
    ///
    /// - Parameters:
    ///   - file: name of the file, for messages.
    /// - Throws: ``OperationalError`` `.dataUnusable` (`zip-unreadable`: not a zip, truncated,
    ///   ZIP64, encrypted, multi-disk; `zip-limit`: too many entries, too large, suspicious
    ///   ratio, unsafe name).
    public init(bytes: UnsafeRawBufferPointer, file: String, limits: Limits = Limits()) throws {
        self.bytes = bytes
        self.file = file
        self.limits = limits
        let n = bytes.count
        guard n >= 22 else { throw ZipArchive.unreadable(file, "fichier trop court pour être une archive zip") }
        // End of central directory: 22 bytes + comment (≤ 65 535), searched backwards.
        var eocd = -1
        var p = n - 22
        let lowest = max(0, n - 22 - 65_535)
        while p >= lowest {
            if ZipArchive.u32(bytes, p) == 0x0605_4B50 { eocd = p; break }
            p -= 1
        }
        guard eocd >= 0 else {
            throw ZipArchive.unreadable(file, "fin de répertoire zip introuvable (fichier tronqué, ou pas un classeur .xlsx)")
        }
        let disk = ZipArchive.u16(bytes, eocd + 4), cdDisk = ZipArchive.u16(bytes, eocd + 6)
        let onDisk = Int(ZipArchive.u16(bytes, eocd + 8)), total = Int(ZipArchive.u16(bytes, eocd + 10))
        let cdSize = Int(ZipArchive.u32(bytes, eocd + 12)), cdOffset = Int(ZipArchive.u32(bytes, eocd + 16))
        if total == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            throw ZipArchive.unreadable(file, "archive ZIP64 non prise en charge")
        }
        guard disk == 0, cdDisk == 0, onDisk == total else {
            throw ZipArchive.unreadable(file, "archive en plusieurs volumes non prise en charge")
        }
        if total > limits.maxEntries {
            throw ZipArchive.limit(file, "\(total) entrées, au-delà de la limite de \(limits.maxEntries)")
        }
        guard cdOffset <= eocd, cdSize <= eocd - cdOffset else {
            throw ZipArchive.unreadable(file, "répertoire central hors du fichier (archive tronquée)")
        }
        var list: [Entry] = []
        list.reserveCapacity(total)
        var names: [String: Int] = [:]
        var sum = 0
        var q = cdOffset
        let cdEnd = cdOffset + cdSize
        for _ in 0..<total {
            guard q + 46 <= cdEnd, ZipArchive.u32(bytes, q) == 0x0201_4B50 else {
                throw ZipArchive.unreadable(file, "répertoire central abîmé (archive tronquée ou modifiée)")
            }
            let flags = ZipArchive.u16(bytes, q + 8)
            let method = ZipArchive.u16(bytes, q + 10)
            let crc = ZipArchive.u32(bytes, q + 16)
            let csize = Int(ZipArchive.u32(bytes, q + 20)), usize = Int(ZipArchive.u32(bytes, q + 24))
            let nameLength = Int(ZipArchive.u16(bytes, q + 28))
            let extraLength = Int(ZipArchive.u16(bytes, q + 30)), commentLength = Int(ZipArchive.u16(bytes, q + 32))
            let local = Int(ZipArchive.u32(bytes, q + 42))
            let next = q + 46 + nameLength + extraLength + commentLength
            guard next <= cdEnd else { throw ZipArchive.unreadable(file, "répertoire central abîmé (archive tronquée ou modifiée)") }
            if csize == 0xFFFF_FFFF || usize == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
                throw ZipArchive.unreadable(file, "archive ZIP64 non prise en charge")
            }
            let nameBytes = UnsafeRawBufferPointer(rebasing: bytes[(q + 46)..<(q + 46 + nameLength)])
            if let why = ZipArchive.unsafeName(nameBytes) {
                throw ZipArchive.limit(file, "nom d'entrée dangereux « \(String(decoding: nameBytes, as: UTF8.self)) » (\(why))")
            }
            let name = String(decoding: nameBytes, as: UTF8.self)
            if usize > limits.ratioFloor, usize / max(csize, 1) > limits.maxRatio {
                throw ZipArchive.limit(file, "entrée « \(name) » compressée plus de \(limits.maxRatio) fois (\(usize) octets annoncés pour \(csize)), signe d'une « bombe zip »")
            }
            sum += usize
            if sum > limits.maxTotalUncompressed {
                throw ZipArchive.limit(file, "plus de \(limits.maxTotalUncompressed >> 20) Mio une fois décompressé")
            }
            if names[name] == nil { names[name] = list.count }
            list.append(Entry(name: name, method: method, flags: flags, crc32: crc, compressedSize: csize,
                              uncompressedSize: usize, localHeaderOffset: local))
            q = next
        }
        entries = list
        indexByName = names
    }

    /// The first entry named exactly `name`, or nil.
    public func entry(named name: String) -> Entry? {
        indexByName[name].map { entries[$0] }
    }

    /// The uncompressed bytes of `entry`.
    ///
    /// - Throws: ``OperationalError`` `.dataUnusable`: `zip-unreadable` when the local header or
    ///   data are out of the file, the method or encryption is unsupported, the deflate stream
    ///   is broken, or the size or CRC-32 differ from the declared ones; `zip-limit` when the
    ///   output grows past the declared size.
    public func extract(_ entry: Entry) throws -> [UInt8] {
        let n = bytes.count
        let h = entry.localHeaderOffset
        guard h <= n - 30, ZipArchive.u32(bytes, h) == 0x0403_4B50 else {
            throw ZipArchive.unreadable(file, "en-tête de l'entrée « \(entry.name) » introuvable (archive tronquée ou modifiée)")
        }
        if entry.flags & 1 != 0 {
            throw ZipArchive.unreadable(file, "entrée « \(entry.name) » chiffrée (classeur protégé par mot de passe)")
        }
        let start = h + 30 + Int(ZipArchive.u16(bytes, h + 26)) + Int(ZipArchive.u16(bytes, h + 28))
        guard start <= n, entry.compressedSize <= n - start else {
            throw ZipArchive.unreadable(file, "données de l'entrée « \(entry.name) » hors du fichier (archive tronquée)")
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[start..<(start + entry.compressedSize)])
        var out: [UInt8]
        switch entry.method {
        case 0:
            out = Array(data)
        case 8:
            out = try inflate(data, entry: entry)
        default:
            throw ZipArchive.unreadable(file, "méthode de compression \(entry.method) de l'entrée « \(entry.name) » non prise en charge")
        }
        guard out.count == entry.uncompressedSize else {
            throw ZipArchive.unreadable(file, "entrée « \(entry.name) » de \(out.count) octets au lieu des \(entry.uncompressedSize) annoncés")
        }
        let crc = out.withUnsafeBytes { buf -> UInt32 in
            guard let base = buf.baseAddress, buf.count > 0 else { return 0 }
            return UInt32(truncatingIfNeeded: crc32(0, base.assumingMemoryBound(to: Bytef.self), uInt(buf.count)))
        }
        guard crc == entry.crc32 else {
            throw ZipArchive.unreadable(file, "somme de contrôle CRC-32 fausse pour l'entrée « \(entry.name) » (données abîmées)")
        }
        return out
    }

    /// The uncompressed bytes of the entry named `name`, nil when there is none.
    public func extract(named name: String) throws -> [UInt8]? {
        guard let e = entry(named: name) else { return nil }
        return try extract(e)
    }

    /// Raw-inflates `data` into a buffer grown in chunks, stopping one byte past the declared size.
    private func inflate(_ data: UnsafeRawBufferPointer, entry: Entry) throws -> [UInt8] {
        var stream = z_stream()
        guard unefois_inflate_init_raw(&stream) == Z_OK else {
            throw ZipArchive.unreadable(file, "zlib n'a pas pu démarrer la décompression")
        }
        defer { inflateEnd(&stream) }
        let cap = entry.uncompressedSize + 1
        var out: [UInt8] = []
        out.reserveCapacity(min(cap, 1 << 20))
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        stream.next_in = UnsafeMutablePointer(mutating: data.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(data.count)
        while true {
            let (rc, produced) = chunk.withUnsafeMutableBytes { buf -> (Int32, Int) in
                stream.next_out = buf.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(min(buf.count, cap - out.count))
                let before = Int(stream.avail_out)
                let rc = CZlib.inflate(&stream, Z_NO_FLUSH)
                return (rc, before - Int(stream.avail_out))
            }
            out.append(contentsOf: chunk[0..<produced])
            if out.count > entry.uncompressedSize {
                throw ZipArchive.limit(file, "l'entrée « \(entry.name) » dépasse à la décompression la taille annoncée de \(entry.uncompressedSize) octets")
            }
            if rc == Z_STREAM_END { return out }
            if rc == Z_BUF_ERROR && stream.avail_in == 0 || rc != Z_OK && rc != Z_BUF_ERROR {
                throw ZipArchive.unreadable(file, "données compressées de l'entrée « \(entry.name) » abîmées ou tronquées (zlib \(rc))")
            }
            if rc == Z_OK && produced == 0 && stream.avail_in == 0 {
                throw ZipArchive.unreadable(file, "données compressées de l'entrée « \(entry.name) » tronquées")
            }
        }
    }

    // MARK: - Helpers

    /// Why an entry name is unsafe (`..` segment, absolute, drive letter, NUL, backslash root), or nil.
    static func unsafeName(_ name: UnsafeRawBufferPointer) -> String? {
        if name.isEmpty { return "nom vide" }
        if name[0] == 0x2F || name[0] == 0x5C { return "chemin absolu" }
        if name.count >= 2, name[1] == 0x3A { return "lettre de lecteur" }
        var segmentStart = 0
        for i in 0...name.count {
            if i < name.count, name[i] == 0 { return "octet nul" }
            if i == name.count || name[i] == 0x2F || name[i] == 0x5C {
                if i - segmentStart == 2, name[segmentStart] == 0x2E, name[segmentStart + 1] == 0x2E { return "segment « .. »" }
                segmentStart = i + 1
            }
        }
        return nil
    }

    static func u16(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt16 {
        guard i >= 0, i + 2 <= b.count else { return 0 }
        return UInt16(b[i]) | UInt16(b[i + 1]) << 8
    }

    static func u32(_ b: UnsafeRawBufferPointer, _ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= b.count else { return 0 }
        return UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    static func unreadable(_ file: String, _ detail: String) -> OperationalError {
        OperationalError(.dataUnusable, code: "zip-unreadable", "\(file) : archive zip illisible, \(detail) (zip-unreadable). Que faire : téléchargez de nouveau le fichier depuis son site d'origine, ou ouvrez-le dans un tableur et réenregistrez-le au format .xlsx.")
    }

    static func limit(_ file: String, _ detail: String) -> OperationalError {
        OperationalError(.dataUnusable, code: "zip-limit", "\(file) : archive zip refusée par sécurité, \(detail) (zip-limit). Que faire : un export normal n'en contient jamais ; téléchargez de nouveau le fichier depuis son site d'origine plutôt qu'une copie d'origine inconnue.")
    }
}
