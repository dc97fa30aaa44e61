/// Deterministic JSON output: keys in the order given (callers pass them sorted), `\n` line ends,
/// two-space indentation, numbers formatted by ``JSONWriter/number(_:)``.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var indentLevel = 0
    private let pretty: Bool

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
        var out: [UInt8] = []
        var empty = true
        let indent = [UInt8](repeating: 0x20, count: 2 * (level + 1))
        for item in items {
            out.append(contentsOf: empty ? [0x0A] : [UInt8(ascii: ","), 0x0A])
            empty = false
            out.append(contentsOf: indent)
            var w = JSONWriter(indentLevel: level + 1)
            w.write(value(item))
            out.append(contentsOf: w.bytes)
            if out.count >= 1 << 20 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !empty {
            out.append(0x0A)
            out.append(contentsOf: [UInt8](repeating: 0x20, count: 2 * level))
        }
        out.append(UInt8(ascii: "]"))
        try emit(out)
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
        for _ in 0..<indentLevel { bytes.append(0x20); bytes.append(0x20) }
    }

    private mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    private mutating func writeString(_ s: String) {
        bytes.append(0x22)
        // Most strings need no escape: copied in one go.
        let plain = s.utf8.withContiguousStorageIfAvailable { buf in
            !buf.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        }
        if plain == true {
            bytes.append(contentsOf: s.utf8)
            bytes.append(0x22)
            return
        }
        for b in s.utf8 {
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
