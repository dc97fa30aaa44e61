/// A parsed JSON value that keeps what data pipelines need and `JSONSerialization` loses:
/// the source text of numbers (so `"08100"` vs `8100` can be told apart and reported) and the
/// line where each object starts (so an issue can name it).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number with its exact source text.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value as text when it is a string, a number or a boolean.
    public var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var doubleValue: Double? {
        switch self {
        case .number(let n): return Double(n)
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Member lookup on objects (nil for other values).
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

/// A JSON object: members in source order, and the physical line of its `{`.
public struct JSONObject: Sendable, Equatable {
    public var members: [(key: String, value: JSONValue)]
    public var line: Int

    public init(members: [(key: String, value: JSONValue)] = [], line: Int = 0) {
        self.members = members
        self.line = line
    }

    public subscript(key: String) -> JSONValue? {
        for m in members where m.key == key { return m.value }
        return nil
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.members.count == b.members.count else { return false }
        for (x, y) in zip(a.members, b.members) where x.key != y.key || x.value != y.value { return false }
        return true
    }
}
