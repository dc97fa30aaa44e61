/// Deterministic JSON output: keys in the order given (callers pass them sorted), `\n` line ends,
/// two-space indentation, numbers formatted by ``JSONWriter/number(_:)``.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var indentLevel = 0
    private let pretty: Bool
    /// For each object opened by ``beginObject()`` and not yet closed: has it a member yet?
    private var hasMembers: [Bool] = []

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
    public static func items<S: Sequence>(_ items: S, level: Int, emit: ([UInt8]) throws -> Void, _ value: (S.Element) -> JSONValue) rethrows {
        try self.items(items, level: level, emit: emit) { w, item in w.write(value(item)) }
    }

    /// ``items(_:level:emit:_:)`` where `write` writes each item straight into the writer (with
    /// ``beginObject()``, ``key(_:)``, ``string(_:)``…), without building a ``JSONValue``.
    public static func items<S: Sequence>(_ items: S, level: Int, emit: ([UInt8]) throws -> Void, write: (inout JSONWriter, S.Element) -> Void) rethrows {
        var w = JSONWriter(indentLevel: level + 1)
        var empty = true
        for item in items {
            if !empty { w.bytes.append(UInt8(ascii: ",")) }
            empty = false
            w.newline()
            write(&w, item)
            if w.bytes.count >= 1 << 20 {
                try emit(w.bytes)
                w.bytes.removeAll(keepingCapacity: true)
            }
        }
        w.indentLevel = level
        if !empty { w.newline() }
        w.bytes.append(UInt8(ascii: "]"))
        try emit(w.bytes)
    }

    /// Shortest round-trip decimal text for a double (`43.8377`, `5`, `-0.5`); integers have no `.0`.
    public static func number(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
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
        hasMembers.append(false)
    }

    /// Starts a member of the object being written: separator, line break, key and colon.
    public mutating func key(_ key: String) {
        if hasMembers[hasMembers.count - 1] { bytes.append(UInt8(ascii: ",")) } else { hasMembers[hasMembers.count - 1] = true }
        newline()
        writeString(key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
    }

    /// Closes the object opened by the matching ``beginObject()``.
    public mutating func endObject() {
        indentLevel -= 1
        if hasMembers.removeLast() { newline() }
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
        bytes.append(0x0A)
        if indentLevel <= JSONWriter.spaces.count / 2 {
            bytes.append(contentsOf: JSONWriter.spaces[0..<2 * indentLevel])
        } else {
            for _ in 0..<indentLevel { bytes.append(0x20); bytes.append(0x20) }
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 32)

    private mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func writeString(_ s: String) {
        var contiguous = s
        contiguous.withUTF8 { writeString($0) }
    }

    private mutating func writeString(_ buf: UnsafeBufferPointer<UInt8>) {
        bytes.append(0x22)
        // Most strings need no escape: copied in one go.
        if !buf.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            bytes.append(contentsOf: buf)
            bytes.append(0x22)
            return
        }
        for b in buf {
            switch b {
            case 0x22: bytes.append(0x5C); bytes.append(0x22)
            case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
            case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex = String(b, radix: 16)
                append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
            default: bytes.append(b)
            }
        }
        bytes.append(0x22)
    }
}
