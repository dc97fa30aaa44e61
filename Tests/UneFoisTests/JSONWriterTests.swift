import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class JSONWriterTests: XCTestCase {
    func testPrettyDocument() {
        let v = JSONValue.object(JSONObject(members: [("a", .number("1")), ("b", .array([.string("x"), .null, .bool(true)])), ("c", .object(JSONObject())), ("d", .array([]))]))
        let text = String(decoding: JSONWriter.document(v), as: UTF8.self)
        XCTAssertEqual(text, "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    null,\n    true\n  ],\n  \"c\": {},\n  \"d\": []\n}\n")
        XCTAssertEqual(String(decoding: JSONWriter.document(v, pretty: false), as: UTF8.self), "{\"a\":1,\"b\":[\"x\",null,true],\"c\":{},\"d\":[]}\n")
    }

    func testStringEscapes() {
        let text = String(decoding: JSONWriter.document(.string("a\"b\\c\nd\te\r\u{01}é/"), pretty: false), as: UTF8.self)
        XCTAssertEqual(text, "\"a\\\"b\\\\c\\nd\\te\\r\\u0001é/\"\n")
    }

    func testNumbers() {
        XCTAssertEqual(JSONWriter.number(5), "5")
        XCTAssertEqual(JSONWriter.number(-0.5), "-0.5")
        XCTAssertEqual(JSONWriter.number(43.8377), "43.8377")
        XCTAssertEqual(JSONWriter.number(.nan), "null")
        XCTAssertEqual(JSONWriter.number(1e20), "1e+20")
    }

    func testDeterministicAndRoundTrips() throws {
        let source = #"{"z": [1, 2.50, "é\u00e9"], "a": {"k": null, "b": false}}"#
        let v = try JSONParser.parse(source)
        let once = JSONWriter.document(v)
        let twice = JSONWriter.document(v)
        XCTAssertEqual(once, twice)
        XCTAssertEqual(try once.withUnsafeBytes { try JSONParser.parse($0) }, v)
        XCTAssertEqual(String(decoding: JSONWriter.document(v, pretty: false), as: UTF8.self), "{\"z\":[1,2.50,\"éé\"],\"a\":{\"k\":null,\"b\":false}}\n", "member order as given, number text kept")
    }
}
