import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// GMLReader on tiny fixtures named by their shape or defect (Fixtures/gml/), and on the Lizmap
/// sample when present. XMLStreamReader's defences are tested here too, through GMLReader and
/// directly.
final class GMLReaderTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/gml")

    func read(_ name: String) throws -> SourceTable {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
        return try read(data: data, file: name)
    }

    func read(data: Data, file: String) throws -> SourceTable {
        try data.withUnsafeBytes { try GMLReader.read(bytes: $0, source: "lizmap", file: file) }
    }

    /// The operational error thrown for `data`, failing the test when nothing is thrown.
    func refusal(data: Data, file: String, line: UInt = #line) -> OperationalError? {
        do {
            _ = try read(data: data, file: file)
            XCTFail("\(file) should be refused", line: line)
            return nil
        } catch let error as OperationalError {
            XCTAssertEqual(error.exitCode, 65, line: line)
            return error
        } catch {
            XCTFail("unexpected error \(error)", line: line)
            return nil
        }
    }

    func refusal(_ name: String, line: UInt = #line) throws -> OperationalError? {
        refusal(data: try Data(contentsOf: Self.fixtures.appendingPathComponent(name)), file: name, line: line)
    }

    func value(_ table: SourceTable, _ record: Int, _ column: String) -> RawValue {
        table.records[record].value(table.index(of: column))
    }

    // MARK: - Shapes

    func testWFS10GML2() throws {
        let t = try read("wfs10-gml2.xml")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(t.columns.first, "@id")
        XCTAssertEqual(t.columns, ["@id", "nom", "commune", "code_insee", "telephone", "remarque", "services"])
        XCTAssertEqual(value(t, 0, "@id"), .text("lieux_mediation.2"))
        XCTAssertEqual(value(t, 0, "nom"), .text("Médiathèque La Durance"))
        XCTAssertEqual(value(t, 0, "telephone"), .absent)
        XCTAssertEqual(value(t, 0, "remarque"), .text("Accès <PMR> & parking"))
        XCTAssertEqual(value(t, 0, "services"), .absent)
        XCTAssertEqual(value(t, 1, "services"), .list(["Accès internet", "Démarches en ligne"]))
        XCTAssertNil(t.index(of: "geometry"), "the geometry property is not a column")
        XCTAssertEqual(t.records[0].line, 9)
        XCTAssertEqual(t.records[1].line, 23)
        XCTAssertEqual(t.records[0].point, RawPoint(x: 5.0412, y: 43.8351, epsg: 4326))
        // decimal="," cs=";" and the epsg.xml#4326 form (lon lat).
        XCTAssertEqual(t.records[1].point, RawPoint(x: 5.064, y: 43.801, epsg: 4326))
        XCTAssertTrue(t.records.allSatisfy { !$0.geometryMissing })
        XCTAssertEqual(t.issues, [])
        XCTAssertEqual(t.detections.first, "GML 2 (WFS 1.0), 2 entités, système de coordonnées EPSG:4326 (ordre lon lat)")
        XCTAssertTrue(t.detections.contains("type d'entité « lieux_mediation »"))
    }

    func testWFS11URNIsLatLonAndSwapped() throws {
        let t = try read("wfs11-gml3-urn-latlon.xml")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(t.columns, ["@id", "nom", "code_insee"], "gml:boundedBy is not a column")
        XCTAssertEqual(value(t, 0, "@id"), .text("lieux_mediation.2"))
        XCTAssertEqual(t.records[0].point, RawPoint(x: 5.0412, y: 43.8351, epsg: 4326))
        // No srsName on the point: inherited from the collection's Envelope.
        XCTAssertEqual(t.records[1].point, RawPoint(x: 5.1862, y: 43.8101, epsg: 4326))
        XCTAssertEqual(t.records[0].line, 10)
        XCTAssertEqual(t.issues, [])
        XCTAssertTrue(t.detections[0].hasPrefix("GML 3 (WFS 1.1), 2 entités, système de coordonnées EPSG:4326"), t.detections[0])
        XCTAssertTrue(t.detections[0].contains("ordre lat lon, remis en lon lat"), t.detections[0])
    }

    func testWFS11Lambert93StaysXY() throws {
        let t = try read("wfs11-gml3-epsg2154.xml")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(t.records[0].point, RawPoint(x: 863_955.730, y: 6_306_415.329, epsg: 2154))
        XCTAssertEqual(t.records[1].point, RawPoint(x: 870_000, y: 6_310_000, epsg: 2154))
        XCTAssertEqual(t.issues.map(\.code), ["geometry-not-point"], "MultiPoint: first point used")
        XCTAssertEqual(t.detections[0], "GML 3 (WFS 1.1), 2 entités, système de coordonnées EPSG:2154 (ordre X Y)")
    }

    func testFeatureWithoutGeometry() throws {
        let t = try read("feature-without-geometry.xml")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertTrue(t.records.allSatisfy { $0.geometryMissing && $0.point == nil })
        XCTAssertEqual(t.columns, ["@id", "nom", "commune"], "an empty <qgs:geometry/> is not a column")
        XCTAssertEqual(value(t, 1, "commune"), .text("Mérindol"))
        XCTAssertEqual(t.detections[0], "GML 2 (WFS 1.0), 2 entités")
    }

    func testUnknownSRS() throws {
        let t = try read("unknown-srs.xml")
        XCTAssertEqual(t.records.count, 1)
        XCTAssertNil(t.records[0].point)
        XCTAssertTrue(t.records[0].geometryMissing)
        XCTAssertEqual(value(t, 0, "nom"), .text("Médiathèque La Durance"))
        let issue = try XCTUnwrap(t.issues.first { $0.code == "crs-unexpected" })
        XCTAssertEqual(issue.severity, .error)
        XCTAssertEqual(issue.line, 4)
        XCTAssertEqual(issue.file, "unknown-srs.xml")
        XCTAssertTrue(issue.message.contains("EPSG:3857"))
        XCTAssertTrue(issue.message.contains("SRSNAME"), "says what to do")
    }

    func testEmptyCollection() throws {
        let t = try read("empty-collection.xml")
        XCTAssertEqual(t.records.count, 0)
        XCTAssertEqual(t.columns, ["@id"])
        XCTAssertEqual(t.detections[0], "GML 2 (WFS 1.0), 0 entité")
        XCTAssertEqual(t.issues.map(\.code), ["no-features"])
    }

    func testMissingSRSIsAssumedWithWarning() throws {
        let xml = """
        <wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:q="urn:q">
        <gml:featureMember><q:l fid="l.1"><q:g><gml:Point><gml:coord><gml:X>863955.73</gml:X><gml:Y>6306415.33</gml:Y></gml:coord></gml:Point></q:g></q:l></gml:featureMember>
        </wfs:FeatureCollection>
        """
        let t = try read(data: Data(xml.utf8), file: "no-srs.xml")
        XCTAssertEqual(t.records[0].point, RawPoint(x: 863_955.73, y: 6_306_415.33, epsg: 2154))
        XCTAssertEqual(t.issues.map(\.code), ["crs-missing"])
    }

    func testUnreadableCoordinates() throws {
        let xml = """
        <wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:q="urn:q">
        <gml:featureMember><q:l fid="l.1"><q:g><gml:Point srsName="EPSG:4326"><gml:coordinates>5.04,abc</gml:coordinates></gml:Point></q:g></q:l></gml:featureMember>
        </wfs:FeatureCollection>
        """
        let t = try read(data: Data(xml.utf8), file: "bad-coordinates.xml")
        XCTAssertTrue(t.records[0].geometryMissing)
        XCTAssertEqual(t.issues.map(\.code), ["geometry-unreadable"])
    }

    func testWFS20MembersAndTruncation() throws {
        let xml = """
        <wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs/2.0" xmlns:gml="http://www.opengis.net/gml/3.2" xmlns:q="urn:q" numberMatched="10" numberReturned="1">
        <wfs:member><q:l gml:id="l.1"><q:g><gml:Point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><gml:pos>43.8 5.0</gml:pos></gml:Point></q:g><q:nom>A</q:nom></q:l></wfs:member>
        </wfs:FeatureCollection>
        """
        let t = try read(data: Data(xml.utf8), file: "wfs20.xml")
        XCTAssertEqual(t.records[0].point, RawPoint(x: 5.0, y: 43.8, epsg: 4326))
        XCTAssertEqual(value(t, 0, "@id"), .text("l.1"))
        XCTAssertTrue(t.detections[0].hasPrefix("GML 3.2 (WFS 2.0), 1 entité"), t.detections[0])
        XCTAssertEqual(t.issues.map(\.code), ["wfs-truncated"])
    }

    func testExceptionReportIsAClearError() {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ServiceExceptionReport version="1.2.0" xmlns="http://www.opengis.net/ogc">
          <ServiceException code="RequestNotWellFormed">TypeName 'lieux' could not be found</ServiceException>
        </ServiceExceptionReport>
        """
        let error = refusal(data: Data(xml.utf8), file: "exception.xml")
        XCTAssertEqual(error?.code, "wfs-exception")
        // The server's own words are quoted so the officer can fix the request.
        XCTAssertTrue(error?.message.contains("TypeName 'lieux' could not be found") ?? false, error?.message ?? "")
    }

    func testLatin1IsDecoded() throws {
        let xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\" xmlns:gml=\"http://www.opengis.net/gml\" xmlns:q=\"urn:q\"><gml:featureMember><q:l fid=\"l.1\"><q:nom>Médiathèque</q:nom></q:l></gml:featureMember></wfs:FeatureCollection>"
        let t = try read(data: xml.data(using: .isoLatin1)!, file: "latin1.xml")
        XCTAssertEqual(value(t, 0, "nom"), .text("Médiathèque"))
        XCTAssertEqual(t.records[0].line, 2)
    }

    func testInvalidUTF8IsNotWellFormed() {
        var data = Data("<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\"><a>M".utf8)
        data.append(contentsOf: [0xE9, 0x64])
        data.append(contentsOf: Array("</a></wfs:FeatureCollection>".utf8))
        let error = refusal(data: data, file: "bad-utf8.xml")
        XCTAssertEqual(error?.code, "xml-not-well-formed", error?.message ?? "")
    }

    // MARK: - Refusals

    func testXXEIsRefusedAndNothingIsRead() throws {
        let error = try XCTUnwrap(try refusal("xxe-file.xml"))
        XCTAssertEqual(error.code, "xml-security-limit", error.message)
        XCTAssertTrue(error.message.hasPrefix("xxe-file.xml, ligne 2 : "), error.message)
        XCTAssertTrue(error.message.contains("Que faire"), error.message)
        XCTAssertFalse(error.message.contains("root:"), "no content of /etc/passwd")
    }

    func testXXEIsRefusedEvenBehindThePrologCheck() throws {
        // The second line of defence: libxml2 itself, with our options, must not load the entity.
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("xxe-file.xml"))
        var limits = XMLStreamReader.Limits()
        limits.screensProlog = false
        var texts: [String] = []
        XCTAssertThrowsError(try data.withUnsafeBytes { bytes in
            let r = try XMLStreamReader(bytes: bytes, limits: limits)
            while let kind = try r.next() { if kind == .text { texts.append(r.text) } }
        }) { error in
            XCTAssertEqual((error as? XMLStreamReader.Failure)?.code, "xml-security-limit")
        }
        XCTAssertFalse(texts.joined().contains("root:"))
    }

    func testBillionLaughsIsRefusedFast() throws {
        let start = Date()
        let error = try XCTUnwrap(try refusal("billion-laughs.xml"))
        XCTAssertEqual(error.code, "xml-security-limit", error.message)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testBillionLaughsIsRefusedFastEvenBehindThePrologCheck() throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("billion-laughs.xml"))
        var limits = XMLStreamReader.Limits()
        limits.screensProlog = false
        let start = Date()
        XCTAssertThrowsError(try data.withUnsafeBytes { bytes in
            let r = try XMLStreamReader(bytes: bytes, limits: limits)
            while try r.next() != nil {}
        }) { error in
            XCTAssertEqual((error as? XMLStreamReader.Failure)?.code, "xml-security-limit")
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testNotWellFormed() throws {
        let error = try XCTUnwrap(try refusal("not-well-formed.xml"))
        XCTAssertTrue(error.message.hasPrefix("not-well-formed.xml, ligne 5 : GML illisible"), error.message)
        XCTAssertEqual(error.code, "xml-not-well-formed", error.message)
        XCTAssertNotEqual(error.code, "xml-security-limit")
    }

    func testTruncatedFile() throws {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("wfs10-gml2.xml"))
        let error = refusal(data: data.prefix(600), file: "truncated.xml")
        XCTAssertEqual(error?.code, "xml-not-well-formed", error?.message ?? "")
    }

    func testNotAFeatureCollection() {
        let error = refusal(data: Data("<html><body>Erreur 502</body></html>".utf8), file: "proxy.html")
        XCTAssertEqual(error?.code, "gml-not-feature-collection", error?.message ?? "")
        XCTAssertEqual(error?.location.field, "html")
    }

    func testEmptyFile() {
        let error = refusal(data: Data(), file: "empty.xml")
        XCTAssertEqual(error?.code, "xml-not-well-formed", error?.message ?? "")
    }

    func testUndeclaredEntityIsRefused() {
        let xml = "<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\">&e;</wfs:FeatureCollection>"
        let error = refusal(data: Data(xml.utf8), file: "entity.xml")
        XCTAssertEqual(error?.code, "xml-security-limit", error?.message ?? "")
    }

    func testUTF7IsRefused() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-!DOCTYPE x+AD4-<a/>"
        let error = refusal(data: Data(xml.utf8), file: "utf7.xml")
        XCTAssertEqual(error?.code, "xml-security-limit", error?.message ?? "")
    }

    func testUTF16DoctypeIsRefused() {
        var data = Data([0xFF, 0xFE])
        data.append("<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>".data(using: .utf16LittleEndian)!)
        let error = refusal(data: data, file: "utf16.xml")
        XCTAssertEqual(error?.code, "xml-security-limit", error?.message ?? "")
    }

    func testDepthLimit() {
        let xml = "<wfs:FeatureCollection xmlns:wfs=\"http://www.opengis.net/wfs\">"
            + String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200) + "</wfs:FeatureCollection>"
        let error = refusal(data: Data(xml.utf8), file: "deep.xml")
        XCTAssertEqual(error?.code, "xml-security-limit", error?.message ?? "")
    }

    func testTextLimitPerElement() {
        let big = String(repeating: "x", count: (1 << 20) + 10)
        let xml = """
        <wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" xmlns:gml="http://www.opengis.net/gml" xmlns:q="urn:q">
        <gml:featureMember><q:l fid="l.1"><q:nom>\(big)</q:nom></q:l></gml:featureMember>
        </wfs:FeatureCollection>
        """
        let error = refusal(data: Data(xml.utf8), file: "big-text.xml")
        XCTAssertEqual(error?.code, "xml-security-limit", error?.message ?? "")
        XCTAssertTrue(error?.message.hasPrefix("big-text.xml, ligne 2") ?? false, error?.message ?? "")
    }

    // MARK: - XMLStreamReader

    func testStreamReaderPullAPI() throws {
        let xml = """
        <?xml version="1.0"?>
        <!-- comment -->
        <r xmlns="urn:r" xmlns:g="urn:g" a="1" g:b="2">
          <e/>
          <g:t>x &amp; y<![CDATA[<z>]]></g:t>
        </r>
        """
        var events: [String] = []
        try Data(xml.utf8).withUnsafeBytes { bytes in
            let r = try XMLStreamReader(bytes: bytes)
            while let kind = try r.next() {
                switch kind {
                case .startElement:
                    events.append("<\(r.localName)@\(r.depth)L\(r.line) \(r.namespaceURI ?? "-")")
                    if r.localNameIs("r") {
                        XCTAssertEqual(r.attribute("a"), "1")
                        XCTAssertEqual(r.attribute("b"), "2")
                        XCTAssertEqual(r.attribute("b", namespacePrefix: "urn:g"), "2")
                        XCTAssertNil(r.attribute("b", namespacePrefix: ""))
                        XCTAssertNil(r.attribute("g"), "namespace declarations are not attributes")
                    }
                case .endElement: events.append(">\(r.localName)")
                case .text: events.append("t:\(r.text)")
                case .cdata: events.append("c:\(r.text)")
                }
            }
            XCTAssertNil(try r.next())
            XCTAssertTrue(r.diagnostics.isEmpty)
        }
        XCTAssertEqual(events, ["<r@0L3 urn:r", "<e@1L4 urn:r", ">e", "<t@1L5 urn:g", "t:x & y", "c:<z>", ">t", ">r"])
    }

    // MARK: - The Lizmap sample

    func testLizmapSample() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../samples/lizmap/lieux-mediation.gml").standardized
        let path = FileManager.default.fileExists(atPath: url.path) ? url.path : "/work/main/samples/lizmap/lieux-mediation.gml"
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("samples/lizmap/lieux-mediation.gml absent") }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let t = try read(data: data, file: "lieux-mediation.gml")
        XCTAssertEqual(t.records.count, 11)
        XCTAssertEqual(value(t, 0, "@id"), .text("lieux_mediation.2"))
        XCTAssertEqual(value(t, 0, "nom"), .text("MEDIATHEQUE LA DURANCE"))
        XCTAssertEqual(value(t, 0, "code_insee"), .text("84035"))
        XCTAssertEqual(t.records[0].line, 9)
        for r in t.records {
            let p = try XCTUnwrap(r.point, "line \(r.line)")
            XCTAssertEqual(p.epsg, 4326)
            XCTAssertTrue((4.9...5.5).contains(p.x) && (43.7...44.0).contains(p.y), "line \(r.line): \(p)")
        }
        XCTAssertEqual(t.detections[0], "GML 2 (WFS 1.0), 11 entités, système de coordonnées EPSG:4326 (ordre lon lat)")
    }
}
