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

    func testProvenanceIsStoredOnceAsIdsAndReadBackThroughTheValeursView() throws {
        let dir = try TestSupport.temporaryDirectory(self, "state")
        let path = dir.path + "/unefois.sqlite"
        let r = result()
        try StateStore.write(r, to: path)
        let db = try SQLiteDatabase(path: path, mode: .readOnlyUntrusted)
        // Published values live only in `lieux`; `valeurs` is a view over ids.
        XCTAssertEqual(try db.rows("SELECT type FROM sqlite_schema WHERE name IN ('valeurs', 'origines') ORDER BY name"), [["table"], ["view"]])
        XCTAssertEqual(try db.rows("SELECT source, fichier FROM fichiers"), [["dora", "dora.csv"]])
        let id = r.publies[0][.id]!
        let rows = try db.rows("SELECT champ, valeur, source, ligne, colonne FROM valeurs WHERE lieu_id = ? ORDER BY champ_rang", [.text(id)])
        XCTAssertEqual(rows.first { $0[0] == "date_maj" }, ["date_maj", "2025-01-21", "dora", "2", "maj"])
        XCTAssertEqual(rows.count, r.publies[0].valeurs.count)
        // The journal reads the published values back from `lieux`.
        XCTAssertEqual(StateStore.previous(path: path).etat, path)
        XCTAssertEqual(StateStore.publishedValues(path: path)[id]?["date_maj"], "2025-01-21")
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

    func testCorruptStateIsMovedAsideAndStopsTheRunUntilANewStateIsAskedFor() throws {
        let out = try TestSupport.temporaryDirectory(self, "state")
        let first = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        let lieux = try Data(contentsOf: out.appendingPathComponent("lieux.csv"))
        let garbage = Data("ceci n'est pas une base SQLite".utf8)
        try garbage.write(to: out.appendingPathComponent("unefois.sqlite"))
        let r = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(r.status, 80, r.stderr)
        // Moved aside with a dated name, never overwritten; nothing published.
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
        let aside = names.filter { $0.hasPrefix("unefois.sqlite.abime-") }
        XCTAssertEqual(aside.count, 1, "\(names)")
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent(aside[0])), garbage)
        XCTAssertFalse(names.contains("unefois.sqlite"))
        XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("lieux.csv")), lieux)
        // A lost state, next night: still stopped (ids would silently change).
        XCTAssertEqual(try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path]).status, 80)
        // The explicit option starts a new state, and says so.
        let fresh = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path, "--nouvel-etat"])
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertNil(try SQLiteDatabase(path: out.appendingPathComponent("unefois.sqlite").path, mode: .readOnlyUntrusted).quickCheckProblem())
    }

    func testCorruptStateWithNewStateOptionIsReportedAndMovedAside() throws {
        let out = try TestSupport.temporaryDirectory(self, "state")
        try Data("ceci n'est pas une base SQLite".utf8).write(to: out.appendingPathComponent("unefois.sqlite"))
        let r = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path, "--nouvel-etat"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rejets = try String(contentsOf: out.appendingPathComponent("rejets.csv"), encoding: .utf8)
        XCTAssertTrue(rejets.contains("state-unreadable"), rejets)
        XCTAssertTrue(try FileManager.default.contentsOfDirectory(atPath: out.path).contains { $0.hasPrefix("unefois.sqlite.abime-") })
        XCTAssertNil(try SQLiteDatabase(path: out.appendingPathComponent("unefois.sqlite").path, mode: .readOnlyUntrusted).quickCheckProblem())
    }

    /// The journal compares tonight's places with the state row by row; it lists exactly what the
    /// comparison of every value held in dictionaries lists: a changed field, a field removed, a
    /// new place, a place gone, in the journal's order.
    func testStreamedChangesEqualTheChangesOfAllValuesHeld() throws {
        let dir = try TestSupport.temporaryDirectory(self, "state")
        let path = dir.path + "/unefois.sqlite"
        let r = result()
        try StateStore.write(r, to: path)
        let previous = StateStore.previous(path: path)
        XCTAssertEqual(previous.etat, path)
        XCTAssertTrue(previous.valeurs.isEmpty, "the values stay in the state")
        var tonight = r.publies
        tonight[0].set(.nom, "Médiathèque Jean-Moulin", colonne: "nom")
        tonight[0].remove(.dateMaj)
        tonight[1].valeurs.pack()
        var nouveau = Lieu(idSource: "d3", provenance: Provenance(source: "dora", file: "f", line: 4))
        nouveau.set(.id, "lmv-000", colonne: "calcul")
        nouveau.set(.nom, "Nouveau", colonne: "nom")
        tonight.append(nouveau)
        let gone = Array(tonight.dropFirst())
        for places in [tonight, gone, [], r.publies] {
            let streamed = StateStore.changes(since: previous, to: places, rang: 2)
            XCTAssertEqual(streamed, StateStore.changes(from: StateStore.publishedValues(path: path), to: places, rang: 2))
        }
        let streamed = StateStore.changes(since: previous, to: tonight, rang: 2)
        XCTAssertEqual(Set(streamed.map(\.champ)), ["nom", "date_maj", "(lieu)"])
        XCTAssertTrue(StateStore.changes(since: previous, to: r.publies, rang: 2).isEmpty)
    }
}
