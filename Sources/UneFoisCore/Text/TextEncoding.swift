/// The character encodings unefois reads, detected from the bytes or declared by a mapping file.
///
/// Detection is strict: a file is UTF-8 only if every byte sequence is valid UTF-8; otherwise,
/// Windows-1252 (French Excel's "CSV (séparateur : point-virgule)") is used and the run report
/// says so. UTF-16LE is recognised by its byte order mark only.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-sig"
    case windows1252 = "windows-1252"
    case utf16LE = "utf-16le"

    /// French label for reports.
    public var label: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf8BOM: return "UTF-8 avec BOM"
        case .windows1252: return "Windows-1252"
        case .utf16LE: return "UTF-16LE avec BOM"
        }
    }

    /// Number of leading bytes (byte order mark) to skip.
    public var bomLength: Int {
        switch self {
        case .utf8BOM: return 3
        case .utf16LE: return 2
        default: return 0
        }
    }

    /// Parses a declared encoding name (mapping files, command line). Accepts common aliases.
    public init?(declared name: String) {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "utf-8-sig", "utf-8-bom", "utf8-bom": self = .utf8BOM
        case "windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1", "iso-8859-15", "ansi": self = .windows1252
        case "utf-16", "utf-16le", "utf16": self = .utf16LE
        default: return nil
        }
    }

    /// Detects the encoding of `bytes`: BOM first, then UTF-8 unless invalid sequences outnumber
    /// the valid multi-byte ones (see ``utf8Evidence(_:progress:)``), else Windows-1252.
    /// `progress` is called every 32 MiB with the offset reached (to release read pages).
    public static func detect(_ bytes: UnsafeRawBufferPointer, progress: ((Int) -> Void)? = nil) -> TextEncoding {
        detectWithEvidence(bytes, progress: progress).encoding
    }

    /// ``detect(_:progress:)`` and the number of invalid UTF-8 sequences a UTF-8 file holds (to
    /// be repaired field by field, see ``decodeRepairingUTF8(_:)``).
    public static func detectWithEvidence(_ bytes: UnsafeRawBufferPointer, progress: ((Int) -> Void)? = nil) -> (encoding: TextEncoding, invalidUTF8: Int) {
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (.utf16LE, 0) }
        let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let e = utf8Evidence(bytes, progress: progress)
        if bom { return (.utf8BOM, e.invalid) }
        if e.invalid == 0 { return (.utf8, 0) }
        // The rule: a file is UTF-8 when its valid multi-byte sequences (é = C3 A9…) are at
        // least as many as its invalid bytes. A few stray bytes (a Windows-1252 « é » pasted in
        // a UTF-8 export) do not turn every row into mojibake; a Windows-1252 file has no valid
        // multi-byte sequence, or far fewer.
        return e.validMultibyte >= e.invalid ? (.utf8, e.invalid) : (.windows1252, 0)
    }

    /// Valid multi-byte UTF-8 sequences and invalid bytes in `bytes` (one pass).
    public static func utf8Evidence(_ bytes: UnsafeRawBufferPointer, progress: ((Int) -> Void)? = nil) -> (validMultibyte: Int, invalid: Int) {
        var i = 0
        var valid = 0
        var invalid = 0
        var nextProgress = 32 << 20
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
                if i >= nextProgress, let progress { progress(i); nextProgress += 32 << 20 }
                continue
            }
            let len = validSequenceLength(bytes, at: i)
            if len > 0 { valid += 1; i += len } else { invalid += 1; i += 1 }
        }
        return (valid, invalid)
    }

    /// Length of the valid UTF-8 multi-byte sequence starting at `i`, or 0.
    @inline(__always)
    static func validSequenceLength(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Int {
        let n = bytes.count
        let b = bytes[i]
        let len: Int
        if b & 0xE0 == 0xC0 { len = 2; if b < 0xC2 { return 0 } }
        else if b & 0xF0 == 0xE0 { len = 3 }
        else if b & 0xF8 == 0xF0 { len = 4; if b > 0xF4 { return 0 } }
        else { return 0 }
        if i + len > n { return 0 }
        for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return 0 }
        if len == 3 {
            let b1 = bytes[i + 1]
            if b == 0xE0 && b1 < 0xA0 { return 0 }
            if b == 0xED && b1 > 0x9F { return 0 }
        } else if len == 4 {
            let b1 = bytes[i + 1]
            if b == 0xF0 && b1 < 0x90 { return 0 }
            if b == 0xF4 && b1 > 0x8F { return 0 }
        }
        return len
    }

    /// `bytes` with each invalid UTF-8 byte replaced by the UTF-8 of its Windows-1252 character
    /// (the same rule as ``decodeRepairingUTF8(_:)``), and the offsets of the bytes replaced.
    /// Line ends are untouched, so line numbers stay right.
    public static func repairingUTF8(_ bytes: UnsafeRawBufferPointer) -> (bytes: [UInt8], repaired: [Int]) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var repaired: [Int] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { out.append(b); i += 1; continue }
            let len = validSequenceLength(bytes, at: i)
            if len > 0 {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + len)]))
                i += len
            } else {
                repaired.append(i)
                let scalar = b >= 0x80 && b <= 0x9F ? Unicode.Scalar(cp1252High[Int(b - 0x80)])! : Unicode.Scalar(b)
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
                i += 1
            }
        }
        return (out, repaired)
    }

    /// Decodes UTF-8 whose invalid bytes are each read as Windows-1252 (the stated repair rule:
    /// « Ã© »-free, and nothing replaced by « � »). Returns the text and whether it repaired.
    public static func decodeRepairingUTF8(_ bytes: UnsafeRawBufferPointer) -> (text: String, repaired: Bool) {
        var scalars = String.UnicodeScalarView()
        var repaired = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 { scalars.append(Unicode.Scalar(b)); i += 1; continue }
            let len = validSequenceLength(bytes, at: i)
            if len > 0 {
                scalars.append(contentsOf: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + len)]), as: UTF8.self).unicodeScalars)
                i += len
            } else {
                repaired = true
                scalars.append(b >= 0x80 && b <= 0x9F ? Unicode.Scalar(cp1252High[Int(b - 0x80)])! : Unicode.Scalar(b))
                i += 1
            }
        }
        return (String(scalars), repaired)
    }

    /// Offset of the first byte that is not part of a valid UTF-8 sequence, or nil.
    public static func firstInvalidUTF8(_ bytes: UnsafeRawBufferPointer, progress: ((Int) -> Void)? = nil) -> Int? {
        var i = 0
        let n = bytes.count
        var nextProgress = 32 << 20
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                if i >= nextProgress, let progress { progress(i); nextProgress += 32 << 20 }
                continue
            }
            let len: Int
            if b & 0xE0 == 0xC0 { len = 2; if b < 0xC2 { return i } }
            else if b & 0xF0 == 0xE0 { len = 3 }
            else if b & 0xF8 == 0xF0 { len = 4; if b > 0xF4 { return i } }
            else { return i }
            if i + len > n { return i }
            for k in 1..<len where bytes[i + k] & 0xC0 != 0x80 { return i }
            if len == 3 {
                let b1 = bytes[i + 1]
                if b == 0xE0 && b1 < 0xA0 { return i }
                if b == 0xED && b1 > 0x9F { return i }
            } else if len == 4 {
                let b1 = bytes[i + 1]
                if b == 0xF0 && b1 < 0x90 { return i }
                if b == 0xF4 && b1 > 0x8F { return i }
            }
            i += len
        }
        return nil
    }

    /// Decodes a byte slice to a `String` (invalid UTF-8 becomes U+FFFD).
    @inline(__always)
    public func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        switch self {
        case .utf8, .utf8BOM, .utf16LE:
            // UTF-16 input is transcoded to UTF-8 before parsing (see `TextSource`).
            return String(decoding: bytes, as: UTF8.self)
        case .windows1252:
            var ascii = true
            for b in bytes where b >= 0x80 { ascii = false; break }
            if ascii { return String(decoding: bytes, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            for b in bytes {
                if b >= 0x80 && b <= 0x9F {
                    scalars.append(Unicode.Scalar(TextEncoding.cp1252High[Int(b - 0x80)])!)
                } else {
                    scalars.append(Unicode.Scalar(b))
                }
            }
            return String(scalars)
        }
    }

    /// Windows-1252 code points for bytes 0x80...0x9F (undefined bytes map to themselves, as Python does
    /// with `errors="surrogateescape"`-free C1 controls).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

/// Transcodes UTF-16LE bytes (after the BOM) to UTF-8, so the byte-level parsers can work on them.
public func transcodeUTF16LE(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var i = 0
    while i + 1 < bytes.count {
        units.append(UInt16(bytes[i]) | (UInt16(bytes[i + 1]) << 8))
        i += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
}
