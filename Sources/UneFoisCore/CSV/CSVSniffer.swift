/// What is known of a CSV file before its records are read: encoding, separator and where the
/// header is, each either declared (by a mapping file) or detected from the bytes. One value
/// serves `run`, `inspect` and `validate`, so the three always agree on how a file is read.
public struct CSVSniff: Sendable, Equatable {
    /// Encoding the bytes are decoded with.
    public var encoding: TextEncoding
    /// Invalid UTF-8 sequences in a file read as UTF-8 (0 for a clean file): its fields holding
    /// them are repaired one by one (``TextEncoding/decodeRepairingUTF8(_:)``) and reported.
    public var invalidUTF8 = 0
    /// True when ``encoding`` was detected rather than declared.
    public var encodingDetected: Bool
    /// Encoding the bytes alone suggest (BOM, strict UTF-8, else Windows-1252).
    public var detectedEncoding: TextEncoding
    /// Offset of the first byte after a byte order mark.
    public var start: Int
    public var separator: UInt8
    /// True when ``separator`` was detected rather than declared.
    public var separatorDetected: Bool
    /// Physical record number (1-based) of the header row; nil = the first non-blank record.
    public var headerRecord: Int?

    /// The dialect (encoding and separator) for messages and readers.
    public var dialect: CSVDialect {
        CSVDialect(encoding: encoding, separator: separator, separatorDetected: separatorDetected, encodingDetected: encodingDetected)
    }
}

/// Detects how a CSV file is written. Declared values win; the separator is sniffed on the header
/// and what follows, never on title lines above a declared header row.
public enum CSVSniffer {
    /// Sniffs `bytes` (UTF-8, UTF-8 with BOM or Windows-1252; UTF-16LE files are to be transcoded
    /// first, see ``withUTF8(_:_:)``). `progress` is called every 32 MiB while the encoding is
    /// checked (to release the pages of a memory map).
    public static func sniff(_ bytes: UnsafeRawBufferPointer, encoding declaredEncoding: TextEncoding? = nil,
                             separator declaredSeparator: UInt8? = nil, headerRecord: Int? = nil,
                             progress: ((Int) -> Void)? = nil) -> CSVSniff {
        let evidence = TextEncoding.detectWithEvidence(bytes, progress: progress)
        let detected = evidence.encoding
        var encoding = declaredEncoding ?? detected
        if encoding == .utf8 && detected == .utf8BOM { encoding = .utf8BOM }
        let start = encoding.bomLength > 0 && detected == encoding ? encoding.bomLength : 0
        var sniffStart = start
        if let h = headerRecord, h > 1 {
            var skipped = 0
            while sniffStart < bytes.count && skipped < h - 1 {
                if bytes[sniffStart] == 0x0A { skipped += 1 }
                sniffStart += 1
            }
        }
        let separator = declaredSeparator ?? CSVDialect.sniffSeparator(bytes, start: sniffStart)
        var sniff = CSVSniff(encoding: encoding, encodingDetected: declaredEncoding == nil, detectedEncoding: detected,
                             start: start, separator: separator, separatorDetected: declaredSeparator == nil, headerRecord: headerRecord)
        if encoding == .utf8 || encoding == .utf8BOM {
            sniff.invalidUTF8 = detected == .windows1252 ? max(1, TextEncoding.utf8Evidence(bytes).invalid) : evidence.invalidUTF8
        }
        return sniff
    }

    /// True when `bytes` start with UTF-16LE's byte order mark.
    public static func isUTF16LE(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE
    }

    /// Calls `body` with bytes a CSV scanner can read: `bytes` themselves, or their UTF-8
    /// transcoding when they are UTF-16LE (the second argument then says so).
    public static func withUTF8<T>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, _ transcodedFromUTF16: Bool) throws -> T) rethrows -> T {
        guard isUTF16LE(bytes) else { return try body(bytes, false) }
        let utf8 = transcodeUTF16LE(UnsafeRawBufferPointer(rebasing: bytes[2...]))
        return try utf8.withUnsafeBytes { try body($0, true) }
    }
}
