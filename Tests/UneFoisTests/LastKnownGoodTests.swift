import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisPublish
@testable import UneFois

/// A bad night never unpublishes good data: last known good per source, the mass-change guard,
/// and special files refused instead of hanging the night.
final class LastKnownGoodTests: XCTestCase {
    /// A copy of the samples' configuration and inputs in a temporary folder (so a test can
    /// remove or truncate a source), returns the configuration's path.
    func samplesCopy(_ dir: URL) throws -> String {
        let copy = dir.appendingPathComponent("entrees")
        try FileManager.default.copyItem(at: TestSupport.samplesDirectory, to: copy)
        return copy.appendingPathComponent("unefois.json").path
    }

    func run(_ args: [String]) throws -> TestSupport.ProcessOutput {
        try TestSupport.runCLI(["run", "--silencieux"] + args)
    }

    func text(_ dir: String, _ name: String) throws -> String {
        try String(contentsOfFile: dir + "/" + name, encoding: .utf8)
    }

    /// A standard CSV of `count` places in Cavaillon, ids lieu-0…
    static func places(_ count: Int, from: Int = 0) -> String {
        var s = "id,nom,commune,code_postal,code_insee,adresse,latitude,longitude,date_maj,services,frais_a_charge\n"
        for i in from..<(from + count) {
            s += "lieu-\(i),Lieu n° \(i),Cavaillon,84300,84035,\(i) avenue du Pont,43.83\(i % 10),5.03\(i % 10),2025-06-12,Aide aux démarches administratives,Gratuit\n"
        }
        return s
    }

    func testMissingSourceIsPublishedAgainFromItsLastGoodReadMarkedStale() throws {
        let dir = try TestSupport.temporaryDirectory(self, "lkg")
        let config = try samplesCopy(dir)
        let out = dir.path + "/sortie"
        XCTAssertEqual(try run(["--config", config, "--out", out]).status, 0)
        let lieux = try text(out, "lieux.csv")
        let geojson = try text(out, "lieux.geojson")
        // The DORA export is missing tonight.
        try FileManager.default.removeItem(atPath: dir.path + "/entrees/dora/dora-structures-page1.json")
        let r = try run(["--config", config, "--out", out])
        XCTAssertEqual(r.status, 66, "the night is still not clean: \(r.stderr)")
        XCTAssertEqual(try text(out, "lieux.csv"), lieux, "no place removed, no merged place loses a field")
        XCTAssertEqual(try text(out, "lieux.geojson"), geojson)
        let rejets = try text(out, "rejets.csv")
        XCTAssertTrue(rejets.contains("source-missing") && rejets.contains("source-stale"), rejets)
        let dora = try text(out, "correspondances.csv").split(separator: "\n").filter { $0.hasPrefix("dora,") }
        XCTAssertFalse(dora.isEmpty)
        XCTAssertTrue(dora.allSatisfy { $0.contains("périmé") }, "correspondances.csv says the DORA records are stale")
        let db = try SQLiteDatabase(path: out + "/unefois.sqlite", mode: .readOnlyUntrusted)
        XCTAssertEqual(try db.rows("SELECT perime, rang FROM sources_derniers_bons WHERE source = 'dora'"), [["1", "1"]], "the state says so, and since when")
        XCTAssertEqual(try GenerationTests.disagreements(out), [])
        // The file comes back: fresh again, exit 0.
        try FileManager.default.copyItem(at: TestSupport.samplesDirectory.appendingPathComponent("dora/dora-structures-page1.json"),
                                         to: URL(fileURLWithPath: dir.path + "/entrees/dora/dora-structures-page1.json"))
        let back = try run(["--config", config, "--out", out])
        XCTAssertEqual(back.status, 0, back.stderr)
        XCTAssertEqual(try text(out, "lieux.csv"), lieux)
        XCTAssertFalse(try text(out, "correspondances.csv").contains("périmé"))
    }

    func testTruncatedSourceIsPublishedAgainFromItsLastGoodRead() throws {
        let dir = try TestSupport.temporaryDirectory(self, "lkg")
        let config = try samplesCopy(dir)
        let out = dir.path + "/sortie"
        XCTAssertEqual(try run(["--config", config, "--out", out]).status, 0)
        let lieux = try text(out, "lieux.csv")
        let path = dir.path + "/entrees/lizmap/lieux-mediation.gml"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let r = try run(["--config", config, "--out", out])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertEqual(try text(out, "lieux.csv"), lieux)
    }

    func testEverySourceMissingKeepsTheWholePublication() throws {
        let dir = try TestSupport.temporaryDirectory(self, "lkg")
        let config = try samplesCopy(dir)
        let out = dir.path + "/sortie"
        XCTAssertEqual(try run(["--config", config, "--out", out]).status, 0)
        let lieux = try text(out, "lieux.csv")
        // The share is not mounted: every input file is gone.
        for sub in ["dora", "lizmap", "national", "france-services", "mediatheques"] {
            try FileManager.default.removeItem(atPath: dir.path + "/entrees/" + sub)
        }
        try FileManager.default.removeItem(atPath: dir.path + "/entrees/suivi-actions.csv")
        let r = try run(["--config", config, "--out", out])
        XCTAssertEqual(r.status, 66, r.stderr)
        XCTAssertEqual(try text(out, "lieux.csv"), lieux, "never an empty lieux.csv over a good one")
    }

    func testSourceLosingMostOfItsPlacesPublishesNothingUntilAcceptedOnce() throws {
        let dir = try TestSupport.temporaryDirectory(self, "guard")
        let export = try TestSupport.write(Self.places(200), to: "export.csv", in: dir)
        let out = dir.path + "/sortie"
        XCTAssertEqual(try run(["--source", "lieux=mednum:" + export, "--out", out]).status, 0)
        let before = try GenerationTests.snapshot(out)
        // 200 → 20 places: still a valid file, but 90 % fewer.
        try TestSupport.write(Self.places(20), to: "export.csv", in: dir)
        let refused = try run(["--source", "lieux=mednum:" + export, "--out", out])
        XCTAssertEqual(refused.status, 79, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--accepter-baisse"), "the message says how to accept it")
        XCTAssertEqual(try GenerationTests.snapshot(out), before, "nothing published")
        // A header-only export too.
        try TestSupport.write(Self.places(0), to: "export.csv", in: dir)
        XCTAssertEqual(try run(["--source", "lieux=mednum:" + export, "--out", out]).status, 79)
        XCTAssertEqual(try GenerationTests.snapshot(out), before)
        // Accepted once from the command line: published, and the journal keeps it.
        try TestSupport.write(Self.places(20), to: "export.csv", in: dir)
        let accepted = try run(["--source", "lieux=mednum:" + export, "--out", out, "--accepter-baisse"])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        XCTAssertEqual(TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/lieux.csv"))).count, 21)
        let db = try SQLiteDatabase(path: out + "/unefois.sqlite", mode: .readOnlyUntrusted)
        XCTAssertEqual(try db.rows("SELECT perimetre, avant, apres FROM baisses_acceptees ORDER BY perimetre"),
                       [["(publication)", "200", "20"], ["lieux", "200", "20"]])
        XCTAssertTrue(try text(out, "rejets.csv").contains("mass-change-accepted"))
    }

    func testAcceptanceByConfigurationKeyIsValidForTheseInputsOnly() throws {
        let dir = try TestSupport.temporaryDirectory(self, "guard")
        let export = try TestSupport.write(Self.places(100), to: "export.csv", in: dir)
        let out = dir.path + "/sortie"
        func configuration(accept: String?) throws -> Configuration {
            var c = Configuration()
            c.sources = [try SourceSpec.parse(argument: "lieux=mednum:" + export)]
            c.accepterBaisse = accept
            return c
        }
        _ = try RunJob.run(configuration: configuration(accept: nil), out: out, schemasPath: TestSupport.schemasPath)
        try TestSupport.write(Self.places(60), to: "export.csv", in: dir)
        XCTAssertThrowsError(try RunJob.run(configuration: configuration(accept: nil), out: out, schemasPath: TestSupport.schemasPath)) {
            XCTAssertEqual(($0 as? OperationalError)?.exitCode, 79)
        }
        XCTAssertThrowsError(try RunJob.run(configuration: configuration(accept: "0123456789abcdef"), out: out, schemasPath: TestSupport.schemasPath),
                             "an acceptance for other inputs does not apply")
        var h = StableHash()
        h.combine("lieux")
        h.combine(try MappedFile(path: export).fingerprint())
        let r = try RunJob.run(configuration: configuration(accept: h.hex), out: out, schemasPath: TestSupport.schemasPath)
        XCTAssertEqual(r.publies.count, 60)
        XCTAssertEqual(r.baissesAcceptees.map(\.perimetre), ["lieux", "(publication)"])
    }

    func testSmallDropsAndAThresholdFromTheConfigurationAreRespected() throws {
        let dir = try TestSupport.temporaryDirectory(self, "guard")
        try TestSupport.write(Self.places(100), to: "export.csv", in: dir)
        let out = dir.path + "/sortie"
        let config = try TestSupport.write(#"{"publication": {"baisse_max": 0.5}, "sources": [{"nom": "lieux", "format": "mednum", "chemin": "export.csv"}]}"#, to: "unefois.json", in: dir)
        XCTAssertEqual(try run(["--config", config, "--out", out]).status, 0)
        try TestSupport.write(Self.places(75), to: "export.csv", in: dir)
        XCTAssertEqual(try run(["--config", config, "--out", out]).status, 0, "25 % is below the threshold")
        try TestSupport.write(Self.places(40), to: "export.csv", in: dir)
        XCTAssertEqual(try run(["--config", config, "--out", out]).status, 0, "75 → 40 is -47 %, below 50 %")
        try TestSupport.write(Self.places(10), to: "export.csv", in: dir)
        XCTAssertEqual(try run(["--config", config, "--out", out]).status, 79)
        let bad = try TestSupport.write(#"{"publication": {"baisse_max": 3}, "sources": []}"#, to: "mauvais.json", in: dir)
        XCTAssertEqual(try run(["--config", bad, "--out", out]).status, 78)
    }

    func testNoSourcesAtAllPublishesNothingOverAGoodSet() throws {
        let dir = try TestSupport.temporaryDirectory(self, "guard")
        let export = try TestSupport.write(Self.places(50), to: "export.csv", in: dir)
        let out = dir.path + "/sortie"
        XCTAssertEqual(try run(["--source", "lieux=mednum:" + export, "--out", out]).status, 0)
        let before = try GenerationTests.snapshot(out)
        let empty = try TestSupport.write(#"{"sources": []}"#, to: "vide.json", in: dir)
        XCTAssertEqual(try run(["--config", empty, "--out", out]).status, 79)
        XCTAssertEqual(try GenerationTests.snapshot(out), before)
    }

    func testFIFOAndDeviceAreRefusedAtOnceNotReadForever() throws {
        let dir = try TestSupport.temporaryDirectory(self, "special")
        let fifo = dir.path + "/export.csv"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        let r = try run(["--source", "tube=mednum:" + fifo, "--source", "dora:samples/dora/dora-structures-page1.json", "--out", dir.path + "/sortie"])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("FIFO"), r.stderr)
        let z = try run(["--source", "zero=mednum:/dev/zero", "--source", "dora:samples/dora/dora-structures-page1.json", "--out", dir.path + "/sortie2"])
        XCTAssertEqual(z.status, 65, z.stderr)
        XCTAssertThrowsError(try MappedFile(path: "/dev/null")) { XCTAssertEqual(($0 as? OperationalError)?.kind, .dataUnusable) }
    }
}
