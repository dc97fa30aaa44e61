import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Runs the real `unefois` binary (built next to the test bundle) for `validate` and `inspect`:
/// exit codes, `--json` output, `--ecrire`. Skipped when the binary has not been built.
final class ValidateInspectCLITests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repo.appendingPathComponent("Tests/UneFoisTests/Fixtures/validate")

    func binary() throws -> URL {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir.deleteLastPathComponent() }
        for candidate in [dir, Bundle(for: Self.self).bundleURL.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("unefois")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("binaire unefois introuvable à côté des tests (lancez swift build)")
    }

    func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = try binary()
        p.arguments = args
        p.currentDirectoryURL = Self.repo
        var env = ProcessInfo.processInfo.environment
        env["UNEFOIS_SCHEMAS"] = Self.repo.appendingPathComponent("Sources/UneFois/Resources/schemas").path
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    func testValidateExitCodesAndJSON() throws {
        let ok = try run(["validate", Self.fixtures.appendingPathComponent("valid-two-rows.csv").path])
        XCTAssertEqual(ok.status, 0)
        XCTAssertTrue(ok.stdout.contains("Verdict : valide"))

        let bad = try run(["validate", "--json", Self.fixtures.appendingPathComponent("bad-code-postal.csv").path])
        XCTAssertEqual(bad.status, 65)
        let doc = try JSONParser.parse(bad.stdout)
        XCTAssertEqual(doc["valid"], .bool(false))
        let first = doc["errors"]?.arrayValue?.first
        XCTAssertEqual(first?["code"]?.stringValue, "constraint-error")
        XCTAssertEqual(first?["field"]?.stringValue, "code_postal")
        XCTAssertEqual(first?["line"]?.scalarText, "2")

        let missing = try run(["validate", "absent.csv"])
        XCTAssertEqual(missing.status, 66)
        XCTAssertTrue(missing.stderr.contains("introuvable"))

        let usage = try run(["validate", "x.csv", "--schema", "inconnu"])
        XCTAssertEqual(usage.status, 66)  // the file is checked first
    }

    func testValidateDataInclusionJSON() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unefois-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("structures.json")
        try Data(#"[{"source": "lmv", "id": "lmv--1", "nom": "Lieu", "date_maj": "2025-01-01", "code_postal": "843"}]"#.utf8).write(to: file)
        let r = try run(["validate", "--json", file.path])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stdout.contains("code_postal"))
        XCTAssertTrue(r.stdout.contains("Structure n° 0"))
    }

    func testInspectWritesALoadableDraft() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unefois-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let draft = dir.appendingPathComponent("brouillon.json").path
        let r = try run(["inspect", "samples/mediatheques/coop-activites-2025.csv", "--ecrire", draft])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Encodage : Windows-1252"))
        XCTAssertTrue(r.stdout.contains("Enregistrements : 628"))
        let crosswalks = try CrosswalkStore(directory: Self.repo.appendingPathComponent("Sources/UneFois/Resources/schemas/correspondances/tables").path)
        let mapping = try MappingLoader.load(path: draft, crosswalks: crosswalks)
        XCTAssertEqual(mapping.cible, .activite)
        XCTAssertEqual(try run(["inspect", "absent.csv"]).status, 66)
    }
}
