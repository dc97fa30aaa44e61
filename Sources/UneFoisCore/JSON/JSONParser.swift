/// A strict RFC 8259 JSON parser over bytes, with line numbers for errors and objects.
///
/// Depth is capped (``maxDepth``) so hostile input cannot exhaust the stack.
public struct JSONParser {
    /// Why a document could not be parsed, with its position.
    public struct Failure: Error, Sendable {
        /// What is wrong; its raw value is a stable code.
        public enum Reason: String, Sendable {
            case trailingContent = "json-trailing-content"
            case unexpectedEnd = "json-unexpected-end"
            case unexpectedCharacter = "json-unexpected-character"
            case unknownWord = "json-unknown-word"
            case invalidNumber = "json-invalid-number"
            case leadingZero = "json-leading-zero"
            case controlCharacter = "json-control-character"
            case invalidEscape = "json-invalid-escape"
            case unterminatedString = "json-unterminated-string"
            case incompleteUnicodeEscape = "json-incomplete-unicode-escape"
            case invalidUnicodeEscape = "json-invalid-unicode-escape"
            case tooDeep = "json-too-deep"
            case unterminatedArray = "json-unterminated-array"
            case arraySeparatorExpected = "json-array-separator-expected"
            case memberNameExpected = "json-member-name-expected"
            case colonExpected = "json-colon-expected"
            case unterminatedObject = "json-unterminated-object"
            case objectSeparatorExpected = "json-object-separator-expected"
        }

        public var reason: Reason
        /// The character or word found, for the reasons that quote one.
        public var found: String?
        public var line: Int
        public var byteOffset: Int

        /// The stable code of the failure.
        public var code: String { reason.rawValue }
    }

    public static let maxDepth = 200

    private let bytes: UnsafeRawBufferPointer
    private var p: Int
    private var line = 1
    private var depth = 0
    /// Lines where the elements of record arrays start: the top-level array (key "") and the
    /// arrays that are members of the top-level object (key = member name).
    public private(set) var elementLines: [String: [Int]] = [:]
    private var topLevelKey: String?

    private init(bytes: UnsafeRawBufferPointer, start: Int) {
        self.bytes = bytes
        p = start
    }

    /// Parses one JSON document (a UTF-8 BOM is skipped).
    /// `firstLine` is the physical line of the first byte (JSON Lines parse one line at a time).
    public static func parse(_ bytes: UnsafeRawBufferPointer, firstLine: Int = 1) throws -> JSONValue {
        try parseWithElementLines(bytes, firstLine: firstLine).value
    }

    /// Parses one document and also returns the lines where the elements of its record arrays
    /// start (see ``elementLines``), so a reader can locate an element that is not an object.
    public static func parseWithElementLines(_ bytes: UnsafeRawBufferPointer, firstLine: Int = 1) throws -> (value: JSONValue, elementLines: [String: [Int]]) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var parser = JSONParser(bytes: bytes, start: start)
        parser.line = firstLine
        parser.skipSpace()
        let v = try parser.value()
        parser.skipSpace()
        if parser.p < bytes.count {
            throw parser.fail(.trailingContent)
        }
        return (v, parser.elementLines)
    }

    /// Parses a whole string (tests, small files).
    public static func parse(_ text: String) throws -> JSONValue {
        var copy = Array(text.utf8)
        return try copy.withUnsafeMutableBytes { buf in
            try parse(UnsafeRawBufferPointer(buf))
        }
    }

    /// Parses JSON Lines: one document per non-blank line. Bad lines are returned as failures,
    /// good ones as values, each with its line number.
    public static func parseLines(_ bytes: UnsafeRawBufferPointer) -> [(line: Int, result: Result<JSONValue, Failure>)] {
        var out: [(Int, Result<JSONValue, Failure>)] = []
        var lineStart = 0
        var lineNo = 1
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 0x0A {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<i])
                var blank = true
                for b in slice where !(b == 0x20 || b == 0x09 || b == 0x0D) { blank = false; break }
                if !blank {
                    do {
                        out.append((lineNo, .success(try parse(slice, firstLine: lineNo))))
                    } catch let e as Failure {
                        var e = e
                        e.line = lineNo
                        out.append((lineNo, .failure(e)))
                    } catch {}
                }
                lineStart = i + 1
                lineNo += 1
            }
            i += 1
        }
        return out
    }

    private func fail(_ reason: Failure.Reason, _ found: String? = nil) -> Failure {
        Failure(reason: reason, found: found, line: line, byteOffset: p)
    }

    private mutating func skipSpace() {
        while p < bytes.count {
            let b = bytes[p]
            if b == 0x20 || b == 0x09 || b == 0x0D { p += 1 }
            else if b == 0x0A { p += 1; line += 1 }
            else { break }
        }
    }

    private mutating func value() throws -> JSONValue {
        guard p < bytes.count else { throw fail(.unexpectedEnd) }
        switch bytes[p] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail(.unexpectedCharacter, String(Character(Unicode.Scalar(bytes[p]))))
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard p + n <= bytes.count else { throw fail(.unexpectedEnd) }
        let w = word.utf8Start
        for i in 0..<n where bytes[p + i] != w[i] { throw fail(.unknownWord, "\(word)") }
        p += n
    }

    private mutating func number() throws -> String {
        let start = p
        if bytes[p] == UInt8(ascii: "-") { p += 1 }
        var digits = 0
        let intStart = p
        while p < bytes.count, bytes[p] >= 0x30, bytes[p] <= 0x39 { p += 1; digits += 1 }
        guard digits > 0 else { throw fail(.invalidNumber) }
        if digits > 1 && bytes[intStart] == 0x30 {
            throw fail(.leadingZero)
        }
        if p < bytes.count, bytes[p] == UInt8(ascii: ".") {
            p += 1
            var frac = 0
            while p < bytes.count, bytes[p] >= 0x30, bytes[p] <= 0x39 { p += 1; frac += 1 }
            guard frac > 0 else { throw fail(.invalidNumber) }
        }
        if p < bytes.count, bytes[p] == UInt8(ascii: "e") || bytes[p] == UInt8(ascii: "E") {
            p += 1
            if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
            var exp = 0
            while p < bytes.count, bytes[p] >= 0x30, bytes[p] <= 0x39 { p += 1; exp += 1 }
            guard exp > 0 else { throw fail(.invalidNumber) }
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)
    }

    private mutating func string() throws -> String {
        p += 1  // opening quote
        let start = p
        // Fast path: no escapes.
        while p < bytes.count {
            let b = bytes[p]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<p]), as: UTF8.self)
                p += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail(.controlCharacter) }
            p += 1
        }
        var out = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<min(p, bytes.count)]))
        while p < bytes.count {
            let b = bytes[p]
            if b == UInt8(ascii: "\"") {
                p += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw fail(.controlCharacter) }
            if b != UInt8(ascii: "\\") { out.append(b); p += 1; continue }
            p += 1
            guard p < bytes.count else { break }
            let e = bytes[p]
            p += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if code >= 0xD800 && code < 0xDC00 {
                    // Surrogate pair.
                    if p + 1 < bytes.count, bytes[p] == UInt8(ascii: "\\"), bytes[p + 1] == UInt8(ascii: "u") {
                        p += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else { code = 0xFFFD }
                    } else { code = 0xFFFD }
                } else if code >= 0xDC00 && code < 0xE000 { code = 0xFFFD }
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(code) ?? "\u{FFFD}")).utf8))
            default:
                throw fail(.invalidEscape)
            }
        }
        throw fail(.unterminatedString)
    }

    private mutating func hex4() throws -> UInt32 {
        guard p + 4 <= bytes.count else { throw fail(.incompleteUnicodeEscape) }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[p]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw fail(.invalidUnicodeEscape)
            }
            v = v * 16 + d
            p += 1
        }
        return v
    }

    private mutating func array() throws -> JSONValue {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail(.tooDeep) }
        defer { depth -= 1 }
        p += 1
        var items: [JSONValue] = []
        // Record element lines for the top-level array, or an array member of the top-level object.
        let recordKey: String? = depth == 1 ? "" : (depth == 2 ? topLevelKey : nil)
        let savedKey = topLevelKey
        skipSpace()
        if p < bytes.count, bytes[p] == UInt8(ascii: "]") { p += 1; return .array(items) }
        while true {
            skipSpace()
            if let recordKey { elementLines[recordKey, default: []].append(line) }
            items.append(try value())
            topLevelKey = savedKey
            skipSpace()
            guard p < bytes.count else { throw fail(.unterminatedArray) }
            if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
            if bytes[p] == UInt8(ascii: "]") { p += 1; return .array(items) }
            throw fail(.arraySeparatorExpected)
        }
    }

    private mutating func object() throws -> JSONValue {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail(.tooDeep) }
        defer { depth -= 1 }
        var obj = JSONObject(line: line)
        p += 1
        skipSpace()
        if p < bytes.count, bytes[p] == UInt8(ascii: "}") { p += 1; return .object(obj) }
        while true {
            skipSpace()
            guard p < bytes.count, bytes[p] == UInt8(ascii: "\"") else { throw fail(.memberNameExpected) }
            let key = try string()
            skipSpace()
            guard p < bytes.count, bytes[p] == UInt8(ascii: ":") else { throw fail(.colonExpected) }
            p += 1
            skipSpace()
            if depth == 1 { topLevelKey = key }
            obj.members.append((key, try value()))
            skipSpace()
            guard p < bytes.count else { throw fail(.unterminatedObject) }
            if bytes[p] == UInt8(ascii: ",") { p += 1; continue }
            if bytes[p] == UInt8(ascii: "}") { p += 1; return .object(obj) }
            throw fail(.objectSeparatorExpected)
        }
    }
}
