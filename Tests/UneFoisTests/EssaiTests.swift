import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// `unefois run --essai`: everything runs into a temporary folder; the published folder and its
/// state stay byte-identical; what would change is listed.
final class EssaiTests: XCTestCase {
    /// Every file of a folder and its subfolders (dotfiles included) with its bytes.
    func snapshot(_ dir: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: dir) where !FileManagerShim.isDirectory(dir + "/" + name) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        }
        return files
    }

    /// The trial folder named on the first line of standard output (removed at the end of the test).
    func trialFolder(_ stdout: String) throws -> String {
        let first = stdout.split(separator: "\n").first.map(String.init) ?? ""
        let start = try XCTUnwrap(first.range(of: "sont dans "), stdout)
        var path = String(first[start.upperBound...])
        if path.hasSuffix("/.") { path.removeLast(2) }
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testEssaiOfTheSameNightChangesNothing() throws {
        let out = try TestSupport.temporaryDirectory(self, "essai").path + "/publie"
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out]).status, 0)
        let before = try snapshot(out)
        let r = try TestSupport.runCLI(["run", "--essai", "--config", "samples/unefois.json", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let trial = try trialFolder(r.stdout)
        XCTAssertTrue(r.stdout.contains("Aucun changement"), r.stdout)
        XCTAssertEqual(try snapshot(out), before)
        XCTAssertTrue(FileManager.default.fileExists(atPath: trial + "/rapport.html"), "the trial's outputs can be read")
    }

    func testEssaiOfAModifiedNightListsTheChangesAndLeavesThePublishedFolderByteIdentical() throws {
        let dir = try TestSupport.temporaryDirectory(self, "essai")
        let out = dir.path + "/publie"
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out]).status, 0)
        let before = try snapshot(out)

        // Tonight's exports: one phone changed, one place gone, one new place.
        let samples = dir.appendingPathComponent("samples")
        try FileManager.default.copyItem(at: TestSupport.samplesDirectory, to: samples)
        let csvPath = samples.appendingPathComponent("national/cartographie-nationale-lmv.csv").path
        var lines = try String(contentsOfFile: csvPath, encoding: .utf8).components(separatedBy: "\n")
        let durance = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("\"conseiller-numerique-81acd616bcf9fd92b32f1053\"") })
        lines[durance] = lines[durance].replacingOccurrences(of: "\"+33490995102\"", with: "\"+33490000000\"")
        let gone = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("\"conseiller-numerique-29eab6f4ed3ed76c75aa2f50\"") })
        var added = lines[gone]
        lines.remove(at: gone)
        added = added.replacingOccurrences(of: "conseiller-numerique-29eab6f4ed3ed76c75aa2f50", with: "conseiller-numerique-essai-nouveau")
        lines.insert(added, at: 1)
        try lines.joined(separator: "\n").write(toFile: csvPath, atomically: false, encoding: .utf8)
        // The published phone is the freshest source's (survivorship): Lizmap's, in both its formats.
        for layer in ["lizmap/lieux-mediation-l93.geojson", "lizmap/lieux-mediation.gml"] {
            let path = samples.appendingPathComponent(layer).path
            let text = try String(contentsOfFile: path, encoding: .utf8)
            XCTAssertTrue(text.contains("04.90.99.51.02"))
            try text.replacingOccurrences(of: "04.90.99.51.02", with: "04.90.00.00.00").write(toFile: path, atomically: false, encoding: .utf8)
        }

        let r = try TestSupport.runCLI(["run", "--essai", "--config", samples.appendingPathComponent("unefois.json").path, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let trial = try trialFolder(r.stdout)
        XCTAssertEqual(try snapshot(out), before, "the published folder and its state are untouched")

        // What would change, checked against the trial's own outputs.
        let changes = Essai.compare(published: out, trial: trial)
        XCTAssertEqual(changes.ajoutes.count, 1)
        XCTAssertEqual(changes.retires.map(\.id), ["lmv-d43cf92309d2"])
        XCTAssertEqual(changes.modifies.map(\.id), ["lmv-a00dbed164af"])
        XCTAssertEqual(changes.modifies.first?.champs, ["telephone"])
        XCTAssertTrue(changes.fichiers.contains("lieux.csv"))
        XCTAssertTrue(changes.fichiers.contains("unefois.sqlite"))
        XCTAssertTrue(r.stdout.contains("Lieux : 1 ajouté, 1 retiré, 1 modifié."), r.stdout)
        XCTAssertTrue(r.stdout.contains("  - lmv-d43cf92309d2 "), r.stdout)
        XCTAssertTrue(r.stdout.contains("  ~ lmv-a00dbed164af Médiathèque La Durance (telephone)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Fichiers qui changeraient : "), r.stdout)

        // The same night really published gives what the trial showed.
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", samples.appendingPathComponent("unefois.json").path, "--out", out]).status, 0)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out + "/lieux.csv")), try Data(contentsOf: URL(fileURLWithPath: trial + "/lieux.csv")))
    }

    func testEssaiOnAFolderNeverPublishedCreatesNothingThere() throws {
        let out = try TestSupport.temporaryDirectory(self, "essai").path + "/jamais"
        let r = try TestSupport.runCLI(["run", "--essai", "--config", "samples/unefois.json", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        _ = try trialFolder(r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        XCTAssertTrue(r.stdout.contains("Lieux : 16 ajoutés, 0 retiré, 0 modifié."), r.stdout)
        XCTAssertTrue(r.stdout.contains("lieux.csv (nouveau)"), r.stdout)
    }
}
