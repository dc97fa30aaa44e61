import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisPublish

/// The published files are written item by item; the bytes must be those of the whole document.
final class PublisherStreamingTests: XCTestCase {
    func testEmptyRunGivesTheWholeDocumentsBytes() {
        let p = Publisher(result: RunResult(configuration: Configuration()))
        XCTAssertEqual(p.structuresJSON(), JSONWriter.document(.array([])))
        XCTAssertEqual(p.servicesJSON(), JSONWriter.document(.array([])))
        XCTAssertEqual(p.lieuxGeoJSON(), JSONWriter.document(.object(JSONObject(members: [("type", .string("FeatureCollection")), ("features", .array([]))]))))
    }

    func testItemsAreWrittenAsInsideTheDocument() {
        let items: [JSONValue] = [.object(JSONObject(members: [("a", .array([.string("x"), .null])), ("b", .object(JSONObject(members: [])))])), .string("é\n")]
        for level in 0...2 {
            var streamed: [UInt8] = [UInt8(ascii: "[")]
            JSONWriter.items(items, level: level, emit: { streamed += $0 }) { $0 }
            var whole = JSONWriter(indentLevel: level)
            whole.write(.array(items))
            XCTAssertEqual(String(decoding: streamed, as: UTF8.self), String(decoding: whole.bytes, as: UTF8.self), "level \(level)")
        }
    }
}
