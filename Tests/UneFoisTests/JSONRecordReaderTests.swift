import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class JSONRecordReaderTests: XCTestCase {
    func read(_ text: String) throws -> SourceTable {
        try TestSupport.withBytes(text) { try JSONRecordReader.read(bytes: $0, source: "test", file: "t.json") }
    }

    func readFixture(_ name: String) throws -> SourceTable {
        let data = try TestSupport.fixture("json/" + name)
        return try data.withUnsafeBytes { try JSONRecordReader.read(bytes: $0, source: "test", file: name) }
    }

    func v(_ t: SourceTable, _ row: Int, _ col: String) -> RawValue {
        t.records[row].value(t.index(of: col))
    }

    func testPlainArray() throws {
        let t = try read(#"[{"id": "1", "nom": "A"}, {"id": 2, "nom": "B", "extra": true}]"#)
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(t.columns, ["id", "nom", "extra"])
        XCTAssertEqual(v(t, 1, "id"), .text("2"))
        XCTAssertEqual(v(t, 0, "extra"), .absent, "early records padded")
        XCTAssertEqual(v(t, 1, "extra"), .text("true"))
        XCTAssertEqual(t.records[0].values.count, 3)
    }

    func testDoraPageFlattensAndNotesNextPage() throws {
        let t = try readFixture("dora-page.json")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(v(t, 0, "adresse.commune"), .text("Cavaillon"))
        XCTAssertEqual(v(t, 0, "adresse.code_postal"), .text("84300"))
        XCTAssertEqual(v(t, 0, "thematiques"), .list(["numerique", "numerique--acceder-a-une-connexion-internet"]))
        XCTAssertEqual(v(t, 1, "siret"), .absent, "null is absent")
        XCTAssertEqual(t.records[0].line, 6)
        XCTAssertTrue(t.detections.contains { $0.contains("page d'API paginée") && $0.contains("sur 3 annoncés") }, "\(t.detections)")
        XCTAssertTrue(t.detections.contains { $0.contains("page suivante") })
    }

    func testDataWrapper() throws {
        let t = try read(#"{"data": [{"id": "x"}, {"id": "y"}]}"#)
        XCTAssertEqual(t.records.count, 2)
        XCTAssertTrue(t.detections.contains { $0.contains("« data »") })
    }

    func testSingleObject() throws {
        let t = try read(#"{"id": "x", "nom": "Seul"}"#)
        XCTAssertEqual(t.records.count, 1)
        XCTAssertEqual(v(t, 0, "nom"), .text("Seul"))
    }

    func testNonObjectItemsReported() throws {
        let t = try read(#"[{"id": "x"}, 3, "texte"]"#)
        XCTAssertEqual(t.records.count, 1)
        XCTAssertEqual(t.issues.filter { $0.code == "json-error" }.count, 2)
    }

    func testJSONLinesWithOneBadLine() throws {
        let t = try readFixture("json-lines-one-bad-line.jsonl")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(v(t, 1, "id"), .text("b"))
        let bad = t.issues.filter { $0.code == "json-error" }
        XCTAssertEqual(bad.map(\.line), [4])
        XCTAssertTrue(t.detections.contains { $0.contains("JSON Lines") })
    }

    /// Each JSON Lines line is parsed alone, so every object reports line 1 and issues about
    /// the records of a JSON Lines file all point to line 1.
    func testKnownBug_jsonLinesRecordsCarryTheirPhysicalLine() throws {
        let t = try readFixture("json-lines-one-bad-line.jsonl")
        XCTAssertEqual(t.records.map(\.line), [1, 2])
    }

    func testUnreadableDocumentThrowsWithLine() {
        XCTAssertThrowsError(try read("[\n{\"id\": 1},\n{\"id\": }\n]")) { error in
            guard let e = error as? OperationalError else { return XCTFail("\(error)") }
            XCTAssertEqual(e.kind, .dataUnusable)
            XCTAssertEqual(e.code, "json-invalid")
            XCTAssertEqual(e.location.line, 3, e.message)
        }
    }

    func testScalarDocumentThrows() {
        XCTAssertThrowsError(try read("42")) { XCTAssertEqual(($0 as? OperationalError)?.kind, .dataUnusable) }
    }
}
