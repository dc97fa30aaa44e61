import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class StateStoreTests: XCTestCase {
    func result() -> RunResult {
        var r = RunResult(configuration: Configuration())
        var lieux = [ProbabilisticDeduplicatorTests.lieu("dora", "d1", nom: "Médiathèque"),
                     ProbabilisticDeduplicatorTests.lieu("dora", "d2", nom: "CCAS", insee: "84099")]
        lieux[0].set(.dateMaj, "2025-01-21", colonne: "maj")
        var clusters = ProbabilisticDeduplicatorTests.matcher().clusters(lieux)
        var reg = IdentifierRegistry()
        reg.assign(&clusters)
        r.clusters = clusters
        r.publies = clusters.map(Consolidation.merge)
        r.identifiants = reg.assignments
        r.schemaVersion = "v1.0.2"
        return r
    }

    func testWriteThenPreviousIdentifiersReadsBack() throws {
        let dir = try TestSupport.temporaryDirectory(self, "state")
        let path = dir.path + "/unefois.sqlite"
        let r = result()
        try StateStore.write(r, to: path)
        let (back, problem) = StateStore.previousIdentifiers(path: path)
        XCTAssertNil(problem)
        XCTAssertEqual(back.count, 2)
        for (k, v) in r.identifiants {
            XCTAssertEqual(back[k]?.id, v.id, k)
            XCTAssertEqual(back[k]?.rang, v.rang, k)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["unefois.sqlite"], "no temporary file left")
        let db = try SQLiteDatabase(path: path, mode: .readOnlyUntrusted)
        XCTAssertEqual(try db.rows("SELECT count(*) FROM lieux"), [["2"]])
        XCTAssertEqual(try db.rows("SELECT version_schema FROM execution"), [["v1.0.2"]])
    }

    func testRewriteIsByteIdentical() throws {
        let dir = try TestSupport.temporaryDirectory(self, "state")
        try StateStore.write(result(), to: dir.path + "/a.sqlite")
        try StateStore.write(result(), to: dir.path + "/b.sqlite")
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("a.sqlite")), try Data(contentsOf: dir.appendingPathComponent("b.sqlite")))
    }

    func testMissingOrCorruptStateGivesNoIdentifiers() throws {
        let dir = try TestSupport.temporaryDirectory(self, "state")
        let absent = StateStore.previousIdentifiers(path: dir.path + "/absent.sqlite")
        XCTAssertTrue(absent.ids.isEmpty)
        XCTAssertNil(absent.problem, "a first run is not a problem")
        let garbage = try TestSupport.write("ceci n'est pas une base SQLite", to: "corrompu.sqlite", in: dir)
        let corrupt = StateStore.previousIdentifiers(path: garbage)
        XCTAssertTrue(corrupt.ids.isEmpty)
        XCTAssertNotNil(corrupt.problem, "a lost state must be said")
    }

    func testUnreadableStateIsReportedByTheRun() throws {
        let out = try TestSupport.temporaryDirectory(self, "state")
        try Data("ceci n'est pas une base SQLite".utf8).write(to: out.appendingPathComponent("unefois.sqlite"))
        let r = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rejets = try String(contentsOf: out.appendingPathComponent("rejets.csv"), encoding: .utf8)
        XCTAssertTrue(rejets.contains("state-unreadable"), rejets)
        // The new state replaced the broken one.
        XCTAssertNil(try SQLiteDatabase(path: out.appendingPathComponent("unefois.sqlite").path, mode: .readOnlyUntrusted).quickCheckProblem())
    }
}
