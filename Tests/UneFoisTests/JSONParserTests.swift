import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class JSONParserTests: XCTestCase {
    func testNumbersKeepTheirSourceText() throws {
        let v = try JSONParser.parse(#"{"cp": 8100, "a": 1.50, "b": -2e+3, "c": 84300}"#)
        XCTAssertEqual(v["cp"], .number("8100"))
        XCTAssertEqual(v["a"], .number("1.50"))
        XCTAssertEqual(v["b"], .number("-2e+3"))
        XCTAssertEqual(v["a"]?.doubleValue, 1.5)
        XCTAssertEqual(v["c"]?.scalarText, "84300")
    }

    /// The parser is documented as strict RFC 8259, which forbids leading zeros (`08100`), but it
    /// accepts them (number text kept as "08100").
    func testKnownBug_leadingZeroNumberAccepted() throws {
        XCTAssertThrowsError(try JSONParser.parse("[08100]"))
        XCTAssertThrowsError(try JSONParser.parse("[-01]"))
    }

    func testEscapes() throws {
        let v = try JSONParser.parse(#"["a\"b\\c\/d\n\t\r\b\f", "\u00e9\u0041"]"#)
        XCTAssertEqual(v.arrayValue?[0], .string("a\"b\\c/d\n\t\r\u{08}\u{0C}"))
        XCTAssertEqual(v.arrayValue?[1], .string("éA"))
    }

    func testSurrogatePairs() throws {
        XCTAssertEqual(try JSONParser.parse(#""\ud83d\ude00""#), .string("😀"))
        XCTAssertEqual(try JSONParser.parse(#""\ud83dx""#), .string("\u{FFFD}x"), "lone high surrogate")
        XCTAssertEqual(try JSONParser.parse(#""\ude00""#), .string("\u{FFFD}"), "lone low surrogate")
    }

    func testRawUTF8Kept() throws {
        XCTAssertEqual(try JSONParser.parse("\"Médiathèque d’Oppède\""), .string("Médiathèque d’Oppède"))
    }

    func testDepthLimit() {
        let ok = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        XCTAssertNoThrow(try JSONParser.parse(ok))
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        XCTAssertThrowsError(try JSONParser.parse(deep)) { error in
            XCTAssertEqual((error as? JSONParser.Failure)?.reason, .tooDeep, "\(error)")
        }
        // Far deeper input must fail cleanly, not crash the stack.
        let hostile = String(repeating: "[", count: 100_000)
        XCTAssertThrowsError(try JSONParser.parse(hostile))
    }

    func testObjectLinesRecorded() throws {
        let v = try JSONParser.parse("[\n  {\"a\": 1},\n\n  {\n    \"b\": 2\n  }\n]")
        XCTAssertEqual(v.arrayValue?[0].objectValue?.line, 2)
        XCTAssertEqual(v.arrayValue?[1].objectValue?.line, 4)
    }

    func testMembersKeepSourceOrder() throws {
        let o = try XCTUnwrap(try JSONParser.parse(#"{"z": 1, "a": 2, "m": 3}"#).objectValue)
        XCTAssertEqual(o.members.map(\.key), ["z", "a", "m"])
    }

    func testErrorsCarryLine() {
        XCTAssertThrowsError(try JSONParser.parse("{\n\"a\": 1,\n\"b\": tru\n}")) { error in
            let f = error as? JSONParser.Failure
            XCTAssertEqual(f?.line, 3)
        }
        XCTAssertThrowsError(try JSONParser.parse("[1, 2")) { error in
            XCTAssertNotNil(error as? JSONParser.Failure)
        }
        XCTAssertThrowsError(try JSONParser.parse("{\"a\": \"x\ny\"}"), "raw control character in a string")
        XCTAssertThrowsError(try JSONParser.parse("[1] [2]"), "trailing content")
        XCTAssertThrowsError(try JSONParser.parse("[1.]"))
        XCTAssertThrowsError(try JSONParser.parse("[\"\\x\"]"))
        XCTAssertThrowsError(try JSONParser.parse(""))
    }

    func testBOMSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("[true, false, null]".utf8)
        let v = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        XCTAssertEqual(v, .array([.bool(true), .bool(false), .null]))
    }

    func testParseLines() {
        let text = "{\"a\": 1}\n\n{\"a\": \n[3]\n"
        let lines = TestSupport.withBytes(text) { JSONParser.parseLines($0) }
        XCTAssertEqual(lines.map(\.line), [1, 3, 4])
        if case .success(let v) = lines[0].result { XCTAssertEqual(v["a"], .number("1")) } else { XCTFail() }
        if case .failure(let f) = lines[1].result { XCTAssertEqual(f.line, 3) } else { XCTFail() }
        if case .success(let v) = lines[2].result { XCTAssertEqual(v, .array([.number("3")])) } else { XCTFail() }
    }
}
