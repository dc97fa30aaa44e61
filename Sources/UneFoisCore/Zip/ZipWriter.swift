import CZlib

/// Writes a zip archive in memory (for `.xlsx` workbooks): entries stored or raw-deflated by the
/// system zlib, CRC-32 from zlib, a fixed timestamp (1980-01-01) so the same entries give the
/// same bytes. No ZIP64: refuses more than 65 535 entries or 4 GiB.
///
/// Format: PKWARE APPNOTE 4.3 (local file headers, central directory, end record).
public struct ZipWriter {
    private var bytes: [UInt8] = []
    private var central: [UInt8] = []
    private var count = 0

    public init() {}

    /// Appends an entry; `deflate` compresses it (method 8), else it is stored (method 0).
    public mutating func add(_ name: String, _ data: [UInt8], deflate: Bool = true) throws {
        guard count < 65_535, bytes.count < Int(UInt32.max) - data.count else {
            throw OperationalError(.ioError, "Archive zip trop grande (plus de 65 535 entrées ou 4 Gio).")
        }
        let crc = data.withUnsafeBytes { b in UInt32(truncatingIfNeeded: crc32(0, b.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(b.count))) }
        var payload = data
        var method: UInt16 = 0
        if deflate, let c = try? ZipWriter.deflateRaw(data), c.count < data.count {
            payload = c
            method = 8
        }
        let nameBytes = Array(name.utf8)
        let offset = UInt32(bytes.count)
        func header(_ sig: UInt32, central: Bool) -> [UInt8] {
            var h: [UInt8] = []
            h.le32(sig)
            if central { h.le16(20) }      // version made by
            h.le16(20)                      // version needed
            h.le16(0x0800)                  // UTF-8 names
            h.le16(method)
            h.le16(0); h.le16(0x21)         // 00:00, 1980-01-01
            h.le32(crc)
            h.le32(UInt32(payload.count))
            h.le32(UInt32(data.count))
            h.le16(UInt16(nameBytes.count))
            h.le16(0)                       // extra
            if central {
                h.le16(0); h.le16(0); h.le16(0)  // comment, disk, internal attributes
                h.le32(0)                   // external attributes
                h.le32(offset)
            }
            return h + nameBytes
        }
        bytes += header(0x0403_4B50, central: false)
        bytes += payload
        central += header(0x0201_4B50, central: true)
        count += 1
    }

    /// The finished archive.
    public func finish() -> [UInt8] {
        var out = bytes
        out += central
        out.le32(0x0605_4B50)
        out.le16(0); out.le16(0)
        out.le16(UInt16(count)); out.le16(UInt16(count))
        out.le32(UInt32(central.count))
        out.le32(UInt32(bytes.count))
        out.le16(0)
        return out
    }

    static func deflateRaw(_ data: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard unefois_deflate_init_raw(&stream, 6) == Z_OK else { throw OperationalError(.ioError, "zlib : compression impossible.") }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(data.count))) + 16)
        var input = data
        let status: Int32 = input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress
                stream.avail_in = uInt(inp.count)
                stream.next_out = o.baseAddress
                stream.avail_out = uInt(o.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw OperationalError(.ioError, "zlib : compression inachevée (\(status)).") }
        return Array(out.prefix(Int(stream.total_out)))
    }
}

extension Array where Element == UInt8 {
    mutating func le16(_ v: UInt16) { append(UInt8(v & 0xFF)); append(UInt8(v >> 8)) }
    mutating func le32(_ v: UInt32) { for k in 0..<4 { append(UInt8((v >> (8 * UInt32(k))) & 0xFF)) } }
}
