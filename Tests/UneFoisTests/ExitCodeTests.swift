import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Exit codes of `unefois run` (sysexits), with the real executable.
final class ExitCodeTests: XCTestCase {
    func run(_ args: [String]) throws -> TestSupport.ProcessOutput {
        try TestSupport.runCLI(["run"] + args)
    }

    func testMissingInputFileIs66WithFrenchMessageNamingTheFile() throws {
        let out = try TestSupport.temporaryDirectory(self, "exit")
        let r = try run(["--source", "dora:samples/dora/absent-du-dossier.json", "--out", out.path])
        XCTAssertEqual(r.status, 66, r.stderr)
        XCTAssertTrue(r.stderr.contains("samples/dora/absent-du-dossier.json"), r.stderr)
        XCTAssertTrue(r.stderr.contains("introuvable"), r.stderr)
    }

    func testMissingInputAmongGoodSourcesIs66AndOthersStillPublished() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let doraPath = TestSupport.samplesDirectory.appendingPathComponent("dora/dora-structures-page1.json").path
        let config = try TestSupport.write("""
        {"sources": [{"nom": "dora", "format": "dora", "chemin": "\(doraPath)"},
                     {"nom": "absente", "format": "geojson", "chemin": "absente.geojson"}]}
        """, to: "unefois.json", in: dir)
        let out = dir.path + "/out"
        let r = try run(["--config", config, "--out", out])
        XCTAssertEqual(r.status, 66, r.stderr)
        XCTAssertTrue(r.stderr.contains("absente.geojson"), r.stderr)
        XCTAssertEqual(TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/lieux.csv"))).count, 11)
        XCTAssertTrue(try String(contentsOfFile: out + "/rejets.csv", encoding: .utf8).contains("source-missing"))
    }

    func testBadConfigurationJSONIs78() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let config = try TestSupport.write("{\n  \"sources\": [\n", to: "unefois.json", in: dir)
        let r = try run(["--config", config, "--out", dir.path + "/out"])
        XCTAssertEqual(r.status, 78, r.stderr)
        XCTAssertTrue(r.stderr.contains("JSON invalide"), r.stderr)
        XCTAssertTrue(r.stderr.contains("ligne"), r.stderr)
    }

    func testUnknownConfigurationKeyIs78NamingTheKey() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let config = try TestSupport.write(#"{"sources": [{"format": "dora", "chemin": "x.json", "fichier": "y"}]}"#, to: "unefois.json", in: dir)
        let r = try run(["--config", config, "--out", dir.path + "/out"])
        XCTAssertEqual(r.status, 78, r.stderr)
        XCTAssertTrue(r.stderr.contains("« sources[0].fichier »"), r.stderr)
        XCTAssertTrue(r.stderr.contains("clé inconnue"), r.stderr)
        let root = try TestSupport.write(#"{"source": []}"#, to: "racine.json", in: dir)
        let r2 = try run(["--config", root, "--out", dir.path + "/out"])
        XCTAssertEqual(r2.status, 78, r2.stderr)
        XCTAssertTrue(r2.stderr.contains("« source »"), r2.stderr)
    }

    func testMissingConfigurationFileIs78() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let r = try run(["--config", dir.path + "/absente.json", "--out", dir.path + "/out"])
        XCTAssertEqual(r.status, 78, r.stderr)
        XCTAssertTrue(r.stderr.contains("absente.json"), r.stderr)
    }

    func testCorruptGeoPackageIs65AndOtherSourcesStillPublish() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let corrupt = TestSupport.fixtureURL("gpkg/corrupt.gpkg").path
        let r = try run(["--source", "carte=gpkg:" + corrupt, "--source", "dora:samples/dora/dora-structures-page1.json", "--out", dir.path + "/out"])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("corrupt.gpkg"), r.stderr)
        XCTAssertTrue(r.stderr.contains("quarantaine"), r.stderr)
        let lieux = try String(contentsOfFile: dir.path + "/out/lieux.csv", encoding: .utf8)
        XCTAssertEqual(lieux.split(separator: "\n").count, 11, "the DORA places are published: header + 10")
    }

    func testUnknownFormatAndBadOptionAre78() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        XCTAssertEqual(try run(["--source", "xlsx:x.xlsx", "--out", dir.path]).status, 78)
        XCTAssertEqual(try run(["--source", "sans-deux-points", "--out", dir.path]).status, 78)
        XCTAssertEqual(try run(["--sortie", dir.path]).status, 78)
        XCTAssertEqual(try run(["--out"]).status, 78)
    }

    func testUnterminatedQuoteRejectsOnlyItsLineAndTheSourceIsPublished() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let broken = TestSupport.fixtureURL("csv/unterminated-quote.csv").path
        let out = dir.path + "/out"
        let r = try run(["--source", "dora:samples/dora/dora-structures-page1.json", "--source", "casse=mednum:" + broken, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let corr = TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/correspondances.csv"))).filter { $0.first == "casse" }
        XCTAssertEqual(corr.count, 3, "one row per record: A, the broken line, C")
        XCTAssertTrue(corr.contains { $0[3] == "rejete" && $0[4] == "unterminated-quote" })
        let rejets = TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/rejets.csv")))
        XCTAssertTrue(rejets.contains { $0[0] == "casse" && $0[2] == "3" && $0[4] == "unterminated-quote" }, "\(rejets)")
    }

    func testXXEGMLSourceIs65AndOthersStillPublished() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let xxe = TestSupport.fixtureURL("gml/xxe-file.xml").path
        let out = dir.path + "/out"
        let r = try run(["--source", "dora:samples/dora/dora-structures-page1.json", "--source", "wfs=gml:" + xxe, "--out", out])
        XCTAssertEqual(r.status, 65, r.stderr)
        let lieux = TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/lieux.csv")))
        XCTAssertEqual(lieux.count, 11, "header + the 10 DORA places")
        let report = try String(contentsOfFile: out + "/rapport.md", encoding: .utf8)
        XCTAssertTrue(report.contains("quarantaine"))
        XCTAssertFalse(try String(contentsOfFile: out + "/lieux.csv", encoding: .utf8).contains("root:"), "no file content leaked")
    }

    func testLockHeldIs75() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        let lock = try RunLock(directory: dir.path)
        let r = try run(["--source", "dora:samples/dora/dora-structures-page1.json", "--out", dir.path])
        withExtendedLifetime(lock) {}
        XCTAssertEqual(r.status, 75, r.stderr)
        XCTAssertTrue(r.stderr.contains("verrou"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path + "/lieux.csv"), "nothing written while locked")
    }

    func testUnwritableOutputIs73Or74() throws {
        let r = try run(["--source", "dora:samples/dora/dora-structures-page1.json", "--out", "/proc/unefois-test"])
        XCTAssertTrue([73, 74].contains(r.status), "status \(r.status): \(r.stderr)")
        XCTAssertTrue(r.stderr.hasPrefix("unefois : "), r.stderr)
    }

    func testUnwritableExistingFolderIs73Or74() throws {
        guard getuid() != 0 else { throw XCTSkip("root ignores folder permissions") }
        let dir = try TestSupport.temporaryDirectory(self, "exit")
        chmod(dir.path, 0o555)
        let r = try run(["--source", "dora:samples/dora/dora-structures-page1.json", "--out", dir.path])
        XCTAssertTrue([73, 74].contains(r.status), "status \(r.status): \(r.stderr)")
    }

    func testNoCommandIs64AndUnknownCommandIs64() throws {
        XCTAssertEqual(try TestSupport.runCLI([]).status, 64)
        let r = try TestSupport.runCLI(["lancer"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("« lancer » inconnue"), r.stderr)
    }

    func testTemporaryFilesOfAKilledRunAreCleanedUp() throws {
        let out = try TestSupport.temporaryDirectory(self, "stale")
        XCTAssertTrue(FileManager.default.createFile(atPath: out.path + "/.lieux.csv.tmp-99999", contents: Data("half".utf8)))
        let r = try run(["--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        XCTAssertFalse(names.contains { $0.contains(".tmp-") }, "\(names)")
    }
}
