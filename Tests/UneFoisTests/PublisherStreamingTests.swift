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

    /// `description` and `accessibilite_lieu` are written from the place's bytes when that is
    /// safe: the same members as the rule on `String`s (more than four characters, cut to 10,000;
    /// a link starting with `http`), packed or not.
    func testStructureTextsFromBytesFollowTheStringRule() throws {
        let texts = ["", "abcd", "abcde", "abc\r\n", "abcd\r\n", "e\u{301}e\u{301}e\u{301}e\u{301}", "e\u{301}e\u{301}e\u{301}e\u{301}e", "éééé", "ééééé",
                     "abcde\u{301}", "abcd\u{301}", String(repeating: "a", count: 10000), String(repeating: "a", count: 10001), String(repeating: "é", count: 6000),
                     "http", "https://x.fr", "http\u{301}://x", "htt", "HTTP://X", "ftp://x", "http\r\n", "http:// « x »"]
        var result = RunResult(configuration: Configuration())
        var expected: [(description: String?, lien: String?)] = []
        for (k, (detail, resume)) in zip(texts, texts.reversed() + [""]).enumerated() {
            for packed in [false, true] {
                var l = Lieu(idSource: "x\(k)", provenance: Provenance(source: "s", file: "f.csv", line: k))
                l.set(.id, "id\(k)", colonne: "id")
                l.set(.nom, "Lieu \(k)", colonne: "nom")
                l.set(.presentationDetail, detail, colonne: "detail")
                l.set(.presentationResume, resume, colonne: "resume")
                l.set(.ficheAccesLibre, detail, colonne: "fiche")
                if packed { l.valeurs.pack() }
                result.publies.append(l)
                let description = (l[.presentationDetail] ?? l[.presentationResume]).flatMap { !$0.dropFirst(4).isEmpty ? Publisher.prefix($0, 10000) : nil }
                expected.append((description, l[.ficheAccesLibre].flatMap { $0.hasPrefix("http") ? $0 : nil }))
            }
        }
        let structures = try Publisher(result: result).structuresJSON().withUnsafeBytes { try JSONParser.parse($0) }
        let items = try XCTUnwrap(structures.arrayValue)
        XCTAssertEqual(items.count, expected.count)
        for (item, want) in zip(items, expected) {
            let o = try XCTUnwrap(item.objectValue)
            let description = try XCTUnwrap(o.members.first { $0.key == "description" }?.value)
            let lien = try XCTUnwrap(o.members.first { $0.key == "accessibilite_lieu" }?.value)
            XCTAssertEqual(description.stringValue, want.description)
            XCTAssertEqual(description.isNull, want.description == nil)
            XCTAssertEqual(lien.stringValue, want.lien)
            XCTAssertEqual(lien.isNull, want.lien == nil)
        }
    }
}
