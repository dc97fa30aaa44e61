import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest

/// Messages say what to fix without leaking internals; files are recognised by what they are.
final class MessagesAndKindsTests: XCTestCase {
    func testOutputFolderThatIsAFileIs73WithoutFoundationDomains() throws {
        let dir = try TestSupport.temporaryDirectory(self, "msg")
        let file = try TestSupport.write("x", to: "sortie", in: dir)
        let r = try TestSupport.runCLI(["run", "--silencieux", "--source", "dora:samples/dora/dora-structures-page1.json", "--out", file])
        XCTAssertEqual(r.status, 73, r.stderr)
        XCTAssertFalse(r.stderr.contains("Domain"), r.stderr)
        XCTAssertThrowsError(try FileManagerShim.createDirectory(file + "/dessous")) {
            XCTAssertEqual(($0 as? OperationalError)?.code, "output-not-folder")
        }
    }

    func testFileKinds() throws {
        let samples = TestSupport.samplesDirectory
        let xlsx = try MappedFile(path: samples.appendingPathComponent("mediatheques/coop-activites-2025.xlsx").path)
        XCTAssertEqual(FileKind.of(xlsx.bytes), .zip)
        XCTAssertEqual(Inspection.detectFormat(xlsx.bytes), .xlsx)
        let gpkg = try MappedFile(path: samples.appendingPathComponent("lizmap/lieux-mediation.gpkg").path)
        XCTAssertEqual(Inspection.detectFormat(gpkg.bytes), .gpkg)
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600)
        try TestSupport.withBytes(ole2) { b in
            XCTAssertEqual(FileKind.refusal(b, file: "classeur.xlsx")?.code, "xlsx-ole2")
            XCTAssertThrowsError(try XLSXReader.read(bytes: b, source: "s", file: "classeur.xlsx", options: CSVReadOptions())) {
                XCTAssertEqual(($0 as? OperationalError)?.code, "xlsx-ole2")
            }
        }
        try TestSupport.withBytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]) { XCTAssertEqual(FileKind.refusal($0, file: "x.csv")?.code, "binary-file") }
        try TestSupport.withBytes("nom;commune\nA;B\n") { XCTAssertEqual(FileKind.of($0), .text) }
    }

    func testInspectRecognisesWorkbooksGeoPackagesAndRefusesBinaryFiles() throws {
        XCTAssertEqual(try TestSupport.runCLI(["inspect", "samples/mediatheques/coop-activites-2025.xlsx"]).status, 0)
        XCTAssertEqual(try TestSupport.runCLI(["inspect", "samples/lizmap/lieux-mediation.gpkg"]).status, 0)
        XCTAssertEqual(try TestSupport.runCLI(["inspect", "samples/dora/dora-structures-page1.json"]).status, 0)
        let dir = try TestSupport.temporaryDirectory(self, "msg")
        let png = dir.appendingPathComponent("image.csv")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: png)
        XCTAssertEqual(try TestSupport.runCLI(["inspect", png.path]).status, 65)
        // And a run refuses it as a source (quarantine), the others are published.
        let r = try TestSupport.runCLI(["run", "--silencieux", "--source", "image=mednum:" + png.path, "--source", "dora:samples/dora/dora-structures-page1.json", "--out", dir.path + "/sortie"])
        XCTAssertEqual(r.status, 65, r.stderr)
    }
}
