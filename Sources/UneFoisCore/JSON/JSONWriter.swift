/// Deterministic JSON output: keys in the order given (callers pass them sorted), `\n` line ends,
/// two-space indentation, numbers formatted by ``JSONWriter/number(_:)``.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var indentLevel = 0
    private let pretty: Bool
    /// Has the innermost object opened by ``beginObject()`` and not yet closed a member yet?
    private var hasMember = false
    /// The same for the objects around it, outermost first (kept apart so that ``key(_:)``
    /// touches a flag, not an array).
    private var outerHasMember: [Bool] = []

    public init(pretty: Bool = true) {
        self.pretty = pretty
    }

    /// A writer whose output sits `indentLevel` levels deep in a pretty document (to write the
    /// items of a large array one at a time, see ``items(_:level:emit:_:)``).
    public init(indentLevel: Int) {
        self.pretty = true
        self.indentLevel = indentLevel
    }

    /// Writes the items of a JSON array, byte for byte as ``write(_:)`` would inside a pretty
    /// document at `level` (the `[` already written), one item at a time, so the array never
    /// sits whole in memory: `value` builds each item, `emit` receives the bytes in chunks.
    public static func items<T>(_ items: [T], level: Int, emit: ([UInt8]) throws -> Void, _ value: (T) -> JSONValue) rethrows {
        try self.items(count: items.count, level: level, emit: emit) { w, i in w.write(value(items[i])) }
    }

    /// ``items(_:level:emit:_:)`` for `count` items, where `write` writes the item at an index
    /// straight into the writer (with ``beginObject()``, ``key(_:)``, ``string(_:)``…), without
    /// building a ``JSONValue``. Items are named by index so that a caller can read them in place
    /// (a large struct handed over by a generic iterator is copied, and its references retained).
    public static func items(count: Int, level: Int, emit: ([UInt8]) throws -> Void, write: (inout JSONWriter, Int) -> Void) rethrows {
        var w = JSONWriter(indentLevel: level + 1)
        for i in 0..<count {
            if i > 0 { w.bytes.append(UInt8(ascii: ",")) }
            w.newline()
            write(&w, i)
            if w.bytes.count >= 1 << 20 {
                try emit(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
            }
        }
        w.indentLevel = level
        if count > 0 { w.newline() }
        w.bytes.append(UInt8(ascii: "]"))
        try emit(w.bytes)
    }

    /// Shortest round-trip decimal text for a double (`43.8377`, `5`, `-0.5`); integers have no `.0`.
    public static func number(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        // Its `description` itself: an interpolation gives the same text through a buffer.
        return d.description
    }

    /// Appends `value` (object members in the order given).
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .number(let n): append(n)
        case .string(let s): writeString(s)
        case .array(let items):
            if items.isEmpty { append("[]"); return }
            append("[")
            indentLevel += 1
            for (i, item) in items.enumerated() {
                if i > 0 { append(",") }
                newline()
                write(item)
            }
            indentLevel -= 1
            newline()
            append("]")
        case .object(let obj):
            if obj.members.isEmpty { append("{}"); return }
            append("{")
            indentLevel += 1
            for (i, m) in obj.members.enumerated() {
                if i > 0 { append(",") }
                newline()
                writeString(m.key)
                append(pretty ? ": " : ":")
                write(m.value)
            }
            indentLevel -= 1
            newline()
            append("}")
        }
    }

    // Writing member by member, without a ``JSONValue`` tree (the large published arrays):
    // the same bytes as ``write(_:)`` for the same value.

    /// Opens an object: then ``key(_:)`` and a value for each member, then ``endObject()``.
    public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        indentLevel += 1
        outerHasMember.append(hasMember)
        hasMember = false
    }

    /// Starts a member of the object being written: separator, line break, key and colon.
    public mutating func key(_ key: String) {
        if key.utf8.withContiguousStorageIfAvailable({ self.key(utf8: $0) }) == nil {
            var contiguous = key
            contiguous.withUTF8 { self.key(utf8: $0) }
        }
    }

    /// ``key(_:)`` given as UTF-8 bytes.
    public mutating func key(utf8 key: UnsafeBufferPointer<UInt8>) {
        let comma = hasMember
        hasMember = true
        let width = 2 * indentLevel, lineBreak = JSONWriter.lineBreak
        // Usually `,\n    "key": ` is written in one copy: a short key that needs no escape.
        if pretty, width < lineBreak.utf8CodeUnitCount, key.count <= 64, JSONWriter.escaped.firstIndex(in: key) == key.count {
            bytes.appendPieces(capacity: 2 + width + key.count + 3) { start in
                var p = comma ? start.put(UInt8(ascii: ",")) : start
                p = p.put(UnsafeBufferPointer(start: lineBreak.utf8Start, count: 1 + width))
                p = p.put(0x22).put(key).put(0x22).put(UInt8(ascii: ":")).put(0x20)
                return p - start
            }
            return
        }
        if comma { bytes.append(UInt8(ascii: ",")) }
        newline()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
    }

    /// Closes the object opened by the matching ``beginObject()``.
    public mutating func endObject() {
        indentLevel -= 1
        if hasMember { newline() }
        hasMember = outerHasMember.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// A string value, or `null` when nil.
    public mutating func string(_ s: String?) {
        if let s { writeString(s) } else { append("null") }
    }

    /// A string value given as UTF-8 bytes.
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        writeString(utf8)
    }

    /// A number (``number(_:)``), or `null` when nil.
    public mutating func number(_ d: Double?) {
        if let d { append(JSONWriter.number(d)) } else { append("null") }
    }

    /// An array of strings (`[]` when empty).
    public mutating func strings(_ items: [String]) {
        array(items) { $0.writeString($1) }
    }

    /// An array of numbers (`[]` when empty).
    public mutating func numbers(_ items: [Double]) {
        array(items) { $0.append(JSONWriter.number($1)) }
    }

    private mutating func array<T>(_ items: [T], _ item: (inout JSONWriter, T) -> Void) {
        if items.isEmpty { append("[]"); return }
        bytes.append(UInt8(ascii: "["))
        indentLevel += 1
        for (i, x) in items.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            item(&self, x)
        }
        indentLevel -= 1
        newline()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes a whole document followed by a newline.
    public static func document(_ value: JSONValue, pretty: Bool = true) -> [UInt8] {
        var w = JSONWriter(pretty: pretty)
        w.write(value)
        w.bytes.append(0x0A)
        return w.bytes
    }

    private mutating func newline() {
        guard pretty else { return }
        // The line break and the indentation in one copy from a buffer of spaces.
        let width = 2 * indentLevel
        let lineBreak = JSONWriter.lineBreak
        if width < lineBreak.utf8CodeUnitCount {
            bytes.append(contentsOf: UnsafeBufferPointer(start: lineBreak.utf8Start, count: 1 + width))
        } else {
            bytes.append(0x0A)
            for _ in 0..<indentLevel { bytes.append(0x20); bytes.append(0x20) }
        }
    }

    /// `\n` followed by the indentation of 32 levels: a literal, so reading it retains nothing.
    private static var lineBreak: StaticString { "\n                                                                " }

    private mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func writeString(_ s: String) {
        // Native strings are contiguous: read in place, no copy of the string (nor retain).
        if s.utf8.withContiguousStorageIfAvailable({ writeString($0) }) == nil {
            var contiguous = s
            contiguous.withUTF8 { writeString($0) }
        }
    }

    /// Bytes a JSON string must escape: `"`, `\\` and the control characters (RFC 8259 §7).
    /// Everything else, U+2028 and U+2029 included, is copied as is.
    static let escaped = ByteFinder([0x22, 0x5C], below: 0x20)

    private mutating func writeString(_ buf: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        // Runs of bytes that need no escape are copied in one go (most strings are one run).
        let finder = JSONWriter.escaped
        var start = 0
        while true {
            let next = finder.firstIndex(in: buf, from: start)
            if next > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<next])) }
            if next == buf.count { break }
            appendEscape(buf[next])
            start = next + 1
        }
        bytes.append(0x22)
    }

    /// The escape of one byte ``escaped`` finds: `\"`, `\\`, `\n`, `\r`, `\t`, else `\u00XX`
    /// (lowercase hex).
    private mutating func appendEscape(_ b: UInt8) {
        bytes.append(0x5C)
        switch b {
        case 0x22, 0x5C: bytes.append(b)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hex.utf8Start[Int(b >> 4)])
            bytes.append(hex.utf8Start[Int(b & 0x0F)])
        }
    }
}
