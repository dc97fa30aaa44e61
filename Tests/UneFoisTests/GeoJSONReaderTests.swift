import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class GeoJSONReaderTests: XCTestCase {
    func read(_ name: String) throws -> SourceTable {
        let data = try TestSupport.fixture("geojson/" + name)
        return try data.withUnsafeBytes { try GeoJSONReader.read(bytes: $0, source: "lizmap", file: name) }
    }

    func testCRSMemberAndNullGeometry() throws {
        let t = try read("crs-2154-null-geometry.geojson")
        XCTAssertEqual(t.columns.first, "@id")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(t.records[0].point, RawPoint(x: 861000.5, y: 6305000.25, epsg: 2154))
        XCTAssertFalse(t.records[0].geometryMissing)
        XCTAssertNil(t.records[1].point)
        XCTAssertTrue(t.records[1].geometryMissing)
        XCTAssertEqual(t.records[1].value(t.index(of: "@id")), .text("lm.2"))
        XCTAssertEqual(t.records[0].line, 5)
        XCTAssertTrue(t.detections.contains { $0.contains("EPSG:2154") })
    }

    func testDefaultIs4326AndFirstPointOfOtherGeometries() throws {
        let t = try read("no-crs-wgs84.geojson")
        XCTAssertEqual(t.records[0].point, RawPoint(x: 5.0412, y: 43.8351, epsg: 4326))
        XCTAssertEqual(t.records[0].value(0), .text("7"), "numeric feature id as text")
        XCTAssertEqual(t.records[0].value(t.index(of: "services")), .list(["x", "y"]))
        XCTAssertEqual(t.records[1].point, RawPoint(x: 5.1, y: 43.9, epsg: 4326))
        XCTAssertEqual(t.records[1].value(0), .absent)
        XCTAssertTrue(t.issues.contains { $0.code == "geometry-not-point" })
        XCTAssertTrue(t.detections.contains { $0.contains("par défaut") })
    }

    func testOtherEPSGKeptForTheBuilderToJudge() throws {
        let t = try read("other-epsg-27572.geojson")
        XCTAssertEqual(t.records[0].point, RawPoint(x: 800000, y: 1900000, epsg: 27572))
        XCTAssertTrue(t.issues.isEmpty)
    }

    func testUnparseableCRSDropsCoordinatesWithIssue() throws {
        let t = try read("unparseable-crs.geojson")
        XCTAssertEqual(t.issues.first?.code, "crs-unexpected")
        XCTAssertNil(t.records[0].point)
        XCTAssertTrue(t.records[0].geometryMissing)
    }

    func testNotAFeatureCollectionThrows() {
        XCTAssertThrowsError(try TestSupport.withBytes(#"{"type": "Feature"}"#) { try GeoJSONReader.read(bytes: $0, source: "s", file: "f") }) {
            XCTAssertEqual(($0 as? OperationalError)?.kind, .dataUnusable)
        }
        XCTAssertThrowsError(try TestSupport.withBytes("{\"type\": ") { try GeoJSONReader.read(bytes: $0, source: "s", file: "f") }) {
            XCTAssertEqual(($0 as? OperationalError)?.kind, .dataUnusable)
        }
    }

    func testCRSNames() {
        XCTAssertEqual(CRSName.epsg(from: "urn:ogc:def:crs:EPSG::2154"), 2154)
        XCTAssertEqual(CRSName.epsg(from: "EPSG:4326"), 4326)
        XCTAssertEqual(CRSName.epsg(from: "urn:ogc:def:crs:OGC:1.3:CRS84"), 4326)
        XCTAssertEqual(CRSName.epsg(from: "http://www.opengis.net/def/crs/EPSG/0/2154"), 2154)
        XCTAssertNil(CRSName.epsg(from: "LAMBERT93"))
        XCTAssertTrue(CRSName.isLatitudeFirst("urn:ogc:def:crs:EPSG::4326"))
        XCTAssertFalse(CRSName.isLatitudeFirst("EPSG:4326"))
    }
}
