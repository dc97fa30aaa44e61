import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class ExplainCommandTests: XCTestCase {
    func testExplainsMembersAndProvenanceOfAPublishedPlace() throws {
        let out = try TestSupport.temporaryDirectory(self, "explain")
        let run = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        // The DORA record of Médiathèque La Durance, asked by its source key.
        let r = try TestSupport.runCLI(["explain", "dora--24fc2f5c-1b15-4c0c-8c53-23664b693f8e", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Médiathèque La Durance"), r.stdout)
        XCTAssertTrue(r.stdout.contains("ancre"), r.stdout)
        XCTAssertTrue(r.stdout.contains("score ") && r.stdout.contains("nom identique (+10.1), même adresse (+7.4)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("code_postal = « 84300 »"), r.stdout)
        XCTAssertTrue(r.stdout.contains("national/cartographie-nationale-lmv.csv, ligne 2"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Score de qualité"), r.stdout)
    }

    func testRejectedRecordAndUnknownIdAndMissingState() throws {
        let out = try TestSupport.temporaryDirectory(self, "explain")
        XCTAssertEqual(try TestSupport.runCLI(["explain", "lmv-x", "--out", out.path]).status, 66)
        _ = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path])
        let rejected = try TestSupport.runCLI(["explain", "lizmap-geojson--lieux_mediation.25", "--out", out.path])
        XCTAssertEqual(rejected.status, 0)
        XCTAssertTrue(rejected.stdout.contains("n'est pas publié") && rejected.stdout.contains("missing-cell"), rejected.stdout)
        XCTAssertEqual(try TestSupport.runCLI(["explain", "lmv-inexistant", "--out", out.path]).status, 81, "an unknown id has its own exit code")
    }
}
