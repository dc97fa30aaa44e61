import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Inputs found by the libFuzzer targets (`Fuzz/`), kept in `Fixtures/fuzz/<target>/` once the
/// crash, hang or memory blow-up they caused was fixed: each is read again through the same
/// entry points as its target and must come back (a table or an `OperationalError`), quickly.
final class FuzzRegressionTests: XCTestCase {
    func inputs(_ target: String) throws -> [(String, [UInt8])] {
        let dir = TestSupport.fixtureURL("fuzz/\(target)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return try names.filter { !$0.hasPrefix(".") }.sorted().map { ($0, Array(try Data(contentsOf: dir.appendingPathComponent($0)))) }
    }

    /// Runs `body` on each input and checks it takes less than `seconds`.
    func replay(_ target: String, seconds: Double = 5, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        for (name, bytes) in try inputs(target) {
            let start = Date()
            bytes.withUnsafeBytes { body($0) }
            XCTAssertLessThan(Date().timeIntervalSince(start), seconds, "\(target)/\(name) is too slow")
        }
    }

    func testCSVInputs() throws {
        try replay("csv") { bytes in
            for sep in CSVDialect.candidateSeparators {
                var scanner = CSVScanner(bytes: bytes, separator: sep)
                var record = CSVRecord()
                while scanner.next(into: &record) {}
            }
            for encoding in [nil, TextEncoding.utf8, .utf16LE] {
                _ = try? CSVTableReader.read(bytes: bytes, options: CSVReadOptions(encoding: encoding), source: "fuzz", file: "fuzz.csv")
            }
        }
    }

    func testJSONInputs() throws {
        try replay("json") { bytes in
            _ = try? JSONParser.parse(bytes)
            _ = JSONParser.parseLines(bytes)
            _ = try? JSONRecordReader.read(bytes: bytes, source: "fuzz", file: "fuzz.json")
        }
    }

    func testGeoJSONInputs() throws {
        try replay("geojson") { bytes in
            _ = try? GeoJSONReader.read(bytes: bytes, source: "fuzz", file: "fuzz.geojson")
        }
    }

    func testGMLInputs() throws {
        try replay("gml") { bytes in
            _ = try? GMLReader.read(bytes: bytes, source: "fuzz", file: "fuzz.gml")
        }
    }
}
