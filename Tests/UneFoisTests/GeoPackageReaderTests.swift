import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// GeoPackageReader on fixtures named by their content or defect (Fixtures/gpkg/, made by
/// tools/make_gpkg_fixtures.py) and on the Lizmap sample GeoPackage.
final class GeoPackageReaderTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures/gpkg")
    static let samples = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    func read(_ name: String, table: String? = nil) throws -> SourceTable {
        try GeoPackageReader.read(path: Self.fixtures.appendingPathComponent(name).path, source: "lizmap", file: name, table: table)
    }

    func refusal(_ name: String, code: String, line: UInt = #line) {
        XCTAssertThrowsError(try read(name), line: line) {
            guard let e = $0 as? OperationalError else { return XCTFail("\($0)", line: line) }
            XCTAssertEqual(e.kind, .dataUnusable, line: line)
            XCTAssertEqual(e.code, code, e.message, line: line)
            XCTAssertTrue(e.message.hasPrefix(name), e.message, line: line)
            XCTAssertTrue(e.message.contains("Que faire"), e.message, line: line)
        }
    }

    func text(_ t: SourceTable, _ record: Int, _ column: String) -> String? {
        t.records[record].value(t.index(of: column)).text
    }

    func testPoints4326BothByteOrdersAndEnvelopes() throws {
        let t = try read("lieux-4326.gpkg")
        XCTAssertEqual(t.columns, ["@id", "fid", "nom", "code_insee", "capacite", "surface"])  // BLOB column skipped
        XCTAssertEqual(t.records.map(\.line), [1, 2, 3])
        XCTAssertEqual(t.records.map(\.point), [RawPoint(x: 5.0386, y: 43.8377, epsg: 4326),
                                                RawPoint(x: 5.1245, y: 43.8021, epsg: 4326),
                                                RawPoint(x: 5.2195, y: 43.8672, epsg: 4326)])
        XCTAssertEqual(text(t, 0, "nom"), "Médiathèque La Durance")
        XCTAssertEqual(text(t, 0, "capacite"), "12")
        XCTAssertEqual(text(t, 0, "surface"), "350.5")
        XCTAssertNil(text(t, 1, "capacite"))
        XCTAssertEqual(t.detections.first, "GeoPackage, table « lieux » (entités), 3 lignes, système de coordonnées EPSG:4326")
        XCTAssertTrue(t.issues.isEmpty, "\(t.issues)")
    }

    func testLambert93AndOtherGeometries() throws {
        let t = try read("lieux-2154.gpkg")
        XCTAssertEqual(t.records.map(\.line), [10, 11, 12, 13, 14, 15])
        XCTAssertEqual(t.records[0].point, RawPoint(x: 863955.73, y: 6306415.33, epsg: 2154))
        XCTAssertEqual(t.records[1].point, RawPoint(x: 866104.67, y: 6302391.53, epsg: 2154))  // polygon: first point
        XCTAssertEqual(t.records[2].point, RawPoint(x: 870000.5, y: 6310000.25, epsg: 2154))   // BE multipoint Z
        XCTAssertEqual(t.records[3].point, RawPoint(x: 871000, y: 6311000, epsg: 2154))        // EWKB Z
        XCTAssertNil(t.records[4].point)
        XCTAssertTrue(t.records[4].geometryMissing)  // empty point
        XCTAssertTrue(t.records[5].geometryMissing)  // NULL
        XCTAssertEqual(t.issues.filter { $0.code == "geometry-not-point" }.map(\.line), [11, 12])
    }

    func testAttributesOnly() throws {
        let t = try read("attributes-only.gpkg")
        XCTAssertEqual(t.columns, ["@id", "fid", "lieu", "participants", "duree"])
        XCTAssertEqual(text(t, 1, "@id"), "activites.2")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(text(t, 0, "duree"), "1.5")
        XCTAssertNil(t.records[0].point)
        XCTAssertFalse(t.records[0].geometryMissing)
        XCTAssertTrue(t.detections[0].contains("attributs"))
    }

    func testUnexpectedSRS() throws {
        let t = try read("srs-3857.gpkg")
        XCTAssertEqual(t.issues.map(\.code), ["crs-unexpected"])
        XCTAssertTrue(t.issues[0].message.contains("EPSG:3857"))
        XCTAssertNil(t.records[0].point)
        XCTAssertTrue(t.records[0].geometryMissing)
    }

    func testGeometryGarbage() throws {
        let t = try read("geometry-garbage.gpkg")
        XCTAssertEqual(t.issues.filter { $0.code == "geometry-unreadable" }.map(\.line), [1, 2, 3, 4, 5])
        XCTAssertEqual(t.records[5].point, RawPoint(x: 5.0462, y: 43.8339, epsg: 4326))
    }

    func testMissingApplicationIDIsAWarning() throws {
        let t = try read("no-application-id.gpkg")
        XCTAssertEqual(t.issues.map(\.code), ["gpkg-application-id"])
        XCTAssertEqual(t.records.count, 1)
    }

    func testCorruptAndTruncatedRefused() {
        refusal("corrupt.gpkg", code: "sqlite-integrity")
        refusal("truncated.gpkg", code: "sqlite-integrity")
    }

    func testNotAGeoPackage() {
        refusal("not-a-gpkg.gpkg", code: "gpkg-not-geopackage")
    }

    func testTableSelection() throws {
        XCTAssertEqual(try read("lieux-4326.gpkg", table: "lieux").records.count, 3)
        XCTAssertThrowsError(try read("lieux-4326.gpkg", table: "autre")) {
            XCTAssertEqual(($0 as? OperationalError)?.code, "gpkg-table")
        }
        XCTAssertThrowsError(try read("absent.gpkg")) {
            XCTAssertEqual(($0 as? OperationalError)?.kind, .inputMissing)
        }
    }

    func testDecodeGeometryHeaders() {
        func blob(flags: UInt8, envelope: Int, littleWKB: Bool = true) -> [UInt8] {
            var b: [UInt8] = [0x47, 0x50, 0, flags]
            let srs: UInt32 = 2154
            b += flags & 1 == 1 ? withUnsafeBytes(of: srs.littleEndian, Array.init) : withUnsafeBytes(of: srs.bigEndian, Array.init)
            b += [UInt8](repeating: 0, count: envelope)
            let x = 1.5, y = -2.25
            if littleWKB {
                b += [1] + withUnsafeBytes(of: UInt32(1).littleEndian, Array.init)
                b += withUnsafeBytes(of: x.bitPattern.littleEndian, Array.init) + withUnsafeBytes(of: y.bitPattern.littleEndian, Array.init)
            } else {
                b += [0] + withUnsafeBytes(of: UInt32(1).bigEndian, Array.init)
                b += withUnsafeBytes(of: x.bitPattern.bigEndian, Array.init) + withUnsafeBytes(of: y.bitPattern.bigEndian, Array.init)
            }
            return b
        }
        for (kind, size) in [(0, 0), (1, 32), (2, 48), (3, 48), (4, 64)] {
            for order: UInt8 in [0, 1] {
                let g = GeoPackageReader.decodeGeometry(blob(flags: UInt8(kind << 1) | order, envelope: size, littleWKB: order == 0))
                XCTAssertEqual(g?.srsID, 2154, "kind \(kind)")
                XCTAssertEqual(g?.x, 1.5)
                XCTAssertEqual(g?.y, -2.25)
            }
        }
        XCTAssertNil(GeoPackageReader.decodeGeometry(blob(flags: 5 << 1, envelope: 0)))  // kind 5 invalid
        XCTAssertNil(GeoPackageReader.decodeGeometry(blob(flags: 0x21, envelope: 0)))    // extended
        XCTAssertNil(GeoPackageReader.decodeGeometry(Array(blob(flags: 1, envelope: 0).prefix(20))))
        XCTAssertNil(GeoPackageReader.decodeGeometry([]))
        XCTAssertEqual(GeoPackageReader.decodeGeometry([0x47, 0x50, 0, 0x11, 0xE6, 0x10, 0, 0])?.isEmpty, true)
    }

    /// The sample GeoPackage holds the same layer as the sample GeoJSON (EPSG:2154).
    func testLizmapSampleMatchesGeoJSON() throws {
        let gpkg = try GeoPackageReader.read(path: Self.samples.appendingPathComponent("lizmap/lieux-mediation.gpkg").path,
                                             source: "lizmap", file: "lieux-mediation.gpkg")
        let jsonFile = try MappedFile(path: Self.samples.appendingPathComponent("lizmap/lieux-mediation-l93.geojson").path)
        let json = try GeoJSONReader.read(bytes: jsonFile.bytes, source: "lizmap", file: "l93.geojson")
        XCTAssertEqual(gpkg.records.count, json.records.count)
        XCTAssertEqual(gpkg.records.map(\.point), json.records.map(\.point))
        XCTAssertEqual(gpkg.records.map(\.geometryMissing), json.records.map(\.geometryMissing))
        for column in gpkg.columns {
            for (a, b) in zip(gpkg.records, json.records) {
                XCTAssertEqual(a.value(gpkg.index(of: column)).text, b.value(json.index(of: column)).text, "\(column) fid \(a.line)")
            }
        }
        XCTAssertTrue(gpkg.detections[0].contains("EPSG:2154"))
    }
}
