/// The byte range of one field inside the scanned buffer.
public struct CSVField: Sendable {
    /// Offset of the first content byte (after an opening quote).
    public var start: Int
    /// Offset one past the last content byte (before a closing quote).
    public var end: Int
    /// True when the field contained `""` escapes that must be collapsed when decoded.
    public var hasEscapedQuotes: Bool
    /// True when the field was quoted.
    public var quoted: Bool
}

/// One record: the fields' ranges (reused between calls) and where the record starts.
public struct CSVRecord: Sendable {
    public var fields: [CSVField] = []
    /// Physical line (1-based) where the record starts. Quoted newlines make it differ from the
    /// record number.
    public var line: Int = 0
    /// Byte offset of the record's first byte in the file.
    public var byteOffset: Int = 0
    /// True if a quoted field was still open at the end of the file.
    public var unterminatedQuote: Bool = false
    /// True if a closing quote was followed by something other than a separator or line end.
    public var strayQuote: Bool = false

    public init() {}

    /// True when every field is empty (a blank row such as `;;;;`).
    public var isBlank: Bool {
        for f in fields where f.end > f.start { return false }
        return true
    }
}

/// A pure RFC 4180 scanner over bytes: no I/O, no allocation per field, no `String` until a
/// caller asks for one. Accepts CRLF, LF and lone CR line ends, and newlines inside quoted fields.
///
/// The caller owns the buffer and must keep it alive while scanning.
/// See https://www.rfc-editor.org/rfc/rfc4180.
public struct CSVScanner {
    public let base: UnsafePointer<UInt8>
    public let count: Int
    public let separator: UInt8
    public let quote: UInt8 = 0x22
    /// Current read offset.
    public private(set) var position: Int
    /// Current physical line (1-based).
    public private(set) var line: Int = 1

    /// Creates a scanner over `bytes`, starting at `start` (e.g. after a BOM).
    public init(bytes: UnsafeRawBufferPointer, separator: UInt8, start: Int = 0) {
        if let b = bytes.baseAddress {
            base = b.assumingMemoryBound(to: UInt8.self)
        } else {
            base = UnsafePointer(bitPattern: 1)!
        }
        count = bytes.count
        self.separator = separator
        position = min(start, bytes.count)
    }

    /// True when there is nothing left to read.
    public var atEnd: Bool { position >= count }

    /// Goes back to the line after the first physical line of `record` (a record whose quote was
    /// never closed: everything after its opening line would otherwise be one value), so reading
    /// resumes there with the right line numbers.
    public mutating func resume(afterFirstLineOf record: CSVRecord) {
        var p = record.byteOffset
        while p < count && base[p] != 0x0A && base[p] != 0x0D { p += 1 }
        if p < count && base[p] == 0x0D { p += 1 }
        if p < count && base[p] == 0x0A && (p == record.byteOffset || base[p - 1] != 0x0A) { p += 1 }
        position = p
        line = record.line + 1
    }

    /// Reads the next record into `record` (its storage is reused). Returns false at end of input.
    @inline(__always)
    public mutating func next(into record: inout CSVRecord) -> Bool {
        guard position < count else { return false }
        record.fields.removeAll(keepingCapacity: true)
        record.line = line
        record.byteOffset = position
        record.unterminatedQuote = false
        record.strayQuote = false
        let sep = separator
        var p = position
        while true {
            // Start of a field.
            if p < count && base[p] == quote {
                p += 1
                let start = p
                var escaped = false
                var closed = false
                while p < count {
                    let b = base[p]
                    if b == quote {
                        if p + 1 < count && base[p + 1] == quote {
                            escaped = true
                            p += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if b == 0x0A {
                        line += 1
                    } else if b == 0x0D {
                        if !(p + 1 < count && base[p + 1] == 0x0A) { line += 1 }
                    }
                    p += 1
                }
                let end = p
                if closed { p += 1 } else { record.unterminatedQuote = true }
                // Anything between the closing quote and the next separator is kept (lenient) but flagged.
                var extraEnd = p
                while extraEnd < count {
                    let b = base[extraEnd]
                    if b == sep || b == 0x0A || b == 0x0D { break }
                    extraEnd += 1
                }
                if extraEnd > p { record.strayQuote = true }
                record.fields.append(CSVField(start: start, end: end, hasEscapedQuotes: escaped, quoted: true))
                p = extraEnd
            } else {
                let start = p
                while p < count {
                    let b = base[p]
                    if b == sep || b == 0x0A || b == 0x0D { break }
                    p += 1
                }
                record.fields.append(CSVField(start: start, end: p, hasEscapedQuotes: false, quoted: false))
            }
            // After a field: separator, line end or end of input.
            if p >= count {
                position = count
                return true
            }
            let b = base[p]
            if b == sep {
                p += 1
                if p >= count {
                    // Trailing separator at end of file: one more empty field.
                    record.fields.append(CSVField(start: p, end: p, hasEscapedQuotes: false, quoted: false))
                    position = count
                    return true
                }
                continue
            }
            // Line end.
            if b == 0x0D && p + 1 < count && base[p + 1] == 0x0A { p += 2 } else { p += 1 }
            line += 1
            position = p
            return true
        }
    }

    /// The raw bytes of a field (quotes removed, `""` escapes not collapsed).
    @inline(__always)
    public func rawBytes(_ field: CSVField) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + field.start, count: field.end - field.start)
    }

    /// Decodes a field to a `String` in `encoding`, collapsing `""` escapes.
    public func string(_ field: CSVField, encoding: TextEncoding) -> String {
        if !field.hasEscapedQuotes {
            return encoding.decode(rawBytes(field))
        }
        var buf: [UInt8] = []
        buf.reserveCapacity(field.end - field.start)
        var i = field.start
        while i < field.end {
            let b = base[i]
            buf.append(b)
            if b == quote && i + 1 < field.end && base[i + 1] == quote { i += 2 } else { i += 1 }
        }
        return buf.withUnsafeBytes { encoding.decode($0) }
    }
}
