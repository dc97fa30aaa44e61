import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisPublish
@testable import UneFois

/// One generation at a time: staged files, `datapackage.json` last, a full disk leaves every old
/// file, a crash during the renames is finished by the next run.
final class GenerationTests: XCTestCase {
    static func configuration(_ arguments: [String]) throws -> Configuration {
        var c = Configuration()
        c.sources = try arguments.map { try SourceSpec.parse(argument: $0) }
        c.base = "."
        return c
    }

    static let dora = "dora=dora:" + TestSupport.samplesDirectory.appendingPathComponent("dora/dora-structures-page1.json").path
    static let geojson = "lizmap=geojson:" + TestSupport.samplesDirectory.appendingPathComponent("lizmap/lieux-mediation-l93.geojson").path
    static let national = "nationale=mednum:" + TestSupport.samplesDirectory.appendingPathComponent("national/cartographie-nationale-lmv.csv").path

    /// Every resource of `datapackage.json` has the bytes and SHA-256 it declares, and every
    /// published file is a resource. Returns the problems (empty when the folder is one generation).
    static func disagreements(_ dir: String) throws -> [String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/datapackage.json"))
        let package = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let resources = package?["resources"] as? [[String: Any]] ?? []
        var problems: [String] = []
        var listed = Set<String>()
        for r in resources {
            let path = r["path"] as? String ?? ""
            listed.insert(path)
            guard let bytes = try? [UInt8](Data(contentsOf: URL(fileURLWithPath: dir + "/" + path))) else { problems.append("absent: \(path)"); continue }
            if bytes.count != r["bytes"] as? Int { problems.append("bytes: \(path)") }
            if "sha256:" + SHA256.hex(bytes) != r["hash"] as? String { problems.append("hash: \(path)") }
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") && name != "datapackage.json" && name != "retours" && !listed.contains(name) {
            problems.append("not listed: \(name)")
        }
        return problems
    }

    static func snapshot(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir) where name != ".unefois.lock" && !FileManagerShim.isDirectory(dir + "/" + name) {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        }
        return out
    }

    func testSHA256MatchesFIPSVectors() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        var streamed = SHA256()
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        for start in stride(from: 0, to: million.count, by: 777) { streamed.update(Array(million[start..<min(million.count, start + 777)])) }
        XCTAssertEqual(streamed.finalizeHex(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// The processor's SHA instructions (when present) and the portable code give the same digests,
    /// whatever the length and the way the bytes arrive.
    func testSHA256HardwareAndPortableAgree() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 4096, 99_999, 100_000] {
            var hardware = SHA256(), portable = SHA256()
            portable.usesHardware = false
            for start in stride(from: 0, to: length, by: 333) {
                let chunk = Array(bytes[start..<min(length, start + 333)])
                hardware.update(chunk)
                portable.update(chunk)
            }
            XCTAssertEqual(hardware.finalizeHex(), portable.finalizeHex(), "\(length) bytes")
        }
    }

    func testDataPackageDescribesEveryPublishedFileWithSizeHashAndLicence() throws {
        let out = try TestSupport.temporaryDirectory(self, "gen").path
        _ = try RunJob.run(configuration: Self.configuration([Self.dora, Self.geojson]), out: out, schemasPath: TestSupport.schemasPath)
        XCTAssertEqual(try Self.disagreements(out), [])
        let package = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/datapackage.json"))) as? [String: Any]
        let resources = package?["resources"] as? [[String: Any]] ?? []
        XCTAssertEqual(Set(resources.compactMap { $0["path"] as? String }), Set(RunJob.outputs.filter { $0 != "datapackage.json" }))
        XCTAssertEqual((package?["licenses"] as? [[String: Any]])?.first?["name"] as? String, "etalab-2.0")
        let lieux = resources.first { $0["path"] as? String == "lieux.csv" }
        XCTAssertEqual(lieux?["mediatype"] as? String, "text/csv")
        XCTAssertNotNil((lieux?["schema"] as? [String: Any])?["fields"], "the standard's schema, inline")
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: out).contains { $0.hasSuffix(".nouveau") || $0 == OutputGeneration.marker })
    }

    func testFullDiskBeforeTheRenamesLeavesEveryOldFileAndSaysSo() throws {
        let out = try TestSupport.temporaryDirectory(self, "gen").path
        _ = try RunJob.run(configuration: Self.configuration([Self.dora]), out: out, schemasPath: TestSupport.schemasPath)
        let before = try Self.snapshot(out)
        // The disk fills up at several points of the staging: after 0 bytes, mid-way, just before the end.
        for capacity in [0, 30_000, 200_000] {
            XCTAssertThrowsError(try RunJob.run(configuration: Self.configuration([Self.dora, Self.geojson]), out: out,
                                                schemasPath: TestSupport.schemasPath, seam: WriteSeam(capacity: capacity))) { error in
                let e = error as? OperationalError
                XCTAssertEqual(e?.exitCode, 74, "\(error)")
                XCTAssertTrue(e?.message.contains("Aucun fichier publié n'a été remplacé") == true, "\(error)")
            }
            XCTAssertEqual(try Self.snapshot(out), before, "capacity \(capacity): the folder is the old generation, byte for byte, no staged file left")
        }
    }

    func testCrashDuringTheRenamesIsFinishedByTheNextRun() throws {
        let out = try TestSupport.temporaryDirectory(self, "gen").path
        _ = try RunJob.run(configuration: Self.configuration([Self.dora]), out: out, schemasPath: TestSupport.schemasPath)
        let two = try Self.configuration([Self.dora, Self.geojson])
        XCTAssertThrowsError(try RunJob.run(configuration: two, out: out, schemasPath: TestSupport.schemasPath, seam: WriteSeam(crashAfterRenames: 3)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + OutputGeneration.marker), "the marker says the publication is unfinished")
        XCTAssertFalse(try Self.disagreements(out).isEmpty, "mid-rename the folder mixes two runs (until repaired)")
        // Repair alone (what the next run does first) gives the staged generation.
        XCTAssertEqual(OutputGeneration.repair(directory: out).count, RunJob.outputs.count - 3)
        XCTAssertEqual(try Self.disagreements(out), [])
        // And a full run after a crash reports the repair.
        XCTAssertThrowsError(try RunJob.run(configuration: two, out: out, schemasPath: TestSupport.schemasPath, seam: WriteSeam(crashAfterRenames: 1)))
        let r = try RunJob.run(configuration: two, out: out, schemasPath: TestSupport.schemasPath)
        XCTAssertTrue(r.issues.contains { $0.code == "generation-repaired" })
        XCTAssertEqual(try Self.disagreements(out), [])
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: out).contains { $0.hasSuffix(".nouveau") || $0 == OutputGeneration.marker })
    }

    func testStagedFilesOfAnUnfinishedStagingAreRemovedAndOldFilesKept() throws {
        let out = try TestSupport.temporaryDirectory(self, "gen").path
        _ = try RunJob.run(configuration: Self.configuration([Self.dora]), out: out, schemasPath: TestSupport.schemasPath)
        let before = try Self.snapshot(out)
        // A kill -9 during the staging leaves staged files and no marker.
        try Data("moitié".utf8).write(to: URL(fileURLWithPath: out + "/.lieux.csv.nouveau"))
        XCTAssertEqual(OutputGeneration.repair(directory: out), [])
        XCTAssertEqual(try Self.snapshot(out), before)
    }
}
