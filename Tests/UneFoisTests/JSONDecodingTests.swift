import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFois

/// JSON decoding that changes nothing silently: invalid UTF-8 repaired and reported, a document
/// followed by garbage is an error at the garbage's line (never JSON Lines), a wrong shape is an
/// error for the source, API pages must add up.
final class JSONDecodingTests: XCTestCase {
    func read(_ text: [UInt8]) throws -> SourceTable {
        try TestSupport.withBytes(text) { try JSONRecordReader.read(bytes: $0, source: "dora", file: "page.json") }
    }

    static let place = #"{"id": "s1", "nom": "Médiathèque", "commune": "Cavaillon", "code_postal": "84300", "code_insee": "84035", "adresse": "1 rue A", "date_maj": "2025-02-01"}"#

    func testDORAPageFollowedByATruncatedLineIsAnErrorNotJSONLines() throws {
        let page = #"{"count": 1, "next": null, "previous": null, "results": [\#(Self.place)]}"# + "\n" + #"{"count": 1, "res"#
        XCTAssertThrowsError(try read(Array(page.utf8))) { error in
            let e = error as? OperationalError
            XCTAssertEqual(e?.code, "json-invalid", "\(error)")
            XCTAssertEqual(e?.location.line, 2)
        }
    }

    func testArrayFollowedByGarbageIsAnErrorAtTheGarbagesLine() throws {
        let doc = "[\n" + Self.place + "\n]\n\nceci n'est pas du JSON\n"
        XCTAssertThrowsError(try read(Array(doc.utf8))) { error in
            XCTAssertEqual((error as? OperationalError)?.code, "json-invalid")
            XCTAssertEqual((error as? OperationalError)?.location.line, 5)
        }
    }

    func testGenuineJSONLinesStillRead() throws {
        let lines = Self.place + "\n" + Self.place.replacingOccurrences(of: "s1", with: "s2") + "\n"
        XCTAssertEqual(try read(Array(lines.utf8)).records.count, 2)
    }

    func testResultsThatIsNotAnArrayIsAnErrorForTheSource() throws {
        let doc = #"{"count": 1, "next": null, "results": {"id": "s1"}}"#
        XCTAssertThrowsError(try read(Array(doc.utf8))) { XCTAssertEqual(($0 as? OperationalError)?.code, "json-shape") }
        XCTAssertThrowsError(try read(Array(#"{"count": 3, "next": null}"#.utf8))) { XCTAssertEqual(($0 as? OperationalError)?.code, "json-shape") }
    }

    func testInvalidUTF8InJSONIsRepairedAndReportedWithItsLine() throws {
        var bytes = Array("[\n{\"id\": \"s1\", \"nom\": \"M".utf8)
        bytes += [0xE9] + Array("diath\u{E8}que\"}\n]\n".utf8)
        let t = try read(bytes)
        XCTAssertEqual(t.records.first?.values.compactMap(\.text).contains("Médiathèque"), true)
        XCTAssertEqual(t.issues.filter { $0.code == "encoding-repaired" }.map(\.line), [2])
    }

    func testAPIPagesThatDoNotAddUpAreIssuesInRejets() throws {
        let dir = try TestSupport.temporaryDirectory(self, "json")
        let page = #"{"count": 40, "next": "https://api.dora.inclusion.beta.gouv.fr/api/v2/structures/?page=2", "previous": null, "results": [\#(Self.place)]}"#
        let path = try TestSupport.write(page, to: "page1.json", in: dir)
        let out = dir.path + "/sortie"
        let r = try TestSupport.runCLI(["run", "--silencieux", "--source", "dora=dora:" + path, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let codes = TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/rejets.csv"))).map { $0.count > 4 ? $0[4] : "" }
        XCTAssertTrue(codes.contains("api-pages-missing"), "\(codes)")
        XCTAssertTrue(codes.contains("api-count-mismatch"))
    }
}
