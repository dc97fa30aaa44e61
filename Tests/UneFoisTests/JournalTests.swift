import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// The state keeps a journal of runs and of every change of a published value between nights.
final class JournalTests: XCTestCase {
    func configuration(national: String) throws -> Configuration {
        var c = try Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("unefois.json").path)
        c.sources[0].chemin = national
        return c
    }

    func testFirstRunRerunAndAChangedNight() throws {
        let dir = try TestSupport.temporaryDirectory(self, "journal")
        let original = TestSupport.samplesDirectory.appendingPathComponent("national/cartographie-nationale-lmv.csv").path
        let national = dir.appendingPathComponent("national.csv").path
        try FileManager.default.copyItem(atPath: original, toPath: national)
        let out = dir.appendingPathComponent("sortie").path

        // Night 1: the journal starts, with no changes listed.
        let first = try RunJob.run(configuration: configuration(national: national), out: out, schemasPath: TestSupport.schemasPath)
        XCTAssertEqual(first.executions.map(\.rang), [1])
        XCTAssertTrue(first.changements.isEmpty)

        // Same inputs again: nothing is appended.
        let again = try RunJob.run(configuration: configuration(national: national), out: out, schemasPath: TestSupport.schemasPath)
        XCTAssertEqual(again.executions.map(\.rang), [1])

        // Night 2: a place is renamed at the source.
        let text = try String(contentsOfFile: national, encoding: .utf8)
        XCTAssertTrue(text.contains("Médiathèque de Robion"))
        try text.replacingOccurrences(of: "Médiathèque de Robion", with: "Médiathèque Jean-Moulin").write(toFile: national, atomically: false, encoding: .utf8)
        let second = try RunJob.run(configuration: configuration(national: national), out: out, schemasPath: TestSupport.schemasPath)
        XCTAssertEqual(second.executions.map(\.rang), [1, 2])
        let robion = try XCTUnwrap(first.publies.first { $0[.nom] == "Médiathèque de Robion" }?[.id])
        XCTAssertEqual(second.changements, [Changement(rangExecution: 2, lieuId: robion, champ: "nom", avant: "Médiathèque de Robion", apres: "Médiathèque Jean-Moulin")])
        XCTAssertTrue(second.publies.contains { $0[.id] == robion }, "the id is kept")

        // The journal survives into the next night, and explain shows it.
        let previous = StateStore.previous(path: out + "/unefois.sqlite")
        XCTAssertEqual(previous.executions.count, 2)
        XCTAssertEqual(previous.historique.count, 1)
        let rapport = try String(contentsOfFile: out + "/journal.md", encoding: .utf8)
        XCTAssertTrue(rapport.contains("Changements depuis l'exécution précédente") && rapport.contains("Médiathèque Jean-Moulin"))
        let explain = try TestSupport.runCLI(["explain", robion, "--out", out])
        XCTAssertTrue(explain.stdout.contains("Historique") && explain.stdout.contains("« Médiathèque de Robion » → « Médiathèque Jean-Moulin »"), explain.stdout)
    }

    func testChangesListNewAndRemovedPlaces() {
        var l = Lieu(idSource: "a", provenance: Provenance(source: "s", file: "f", line: 2))
        l.set(.id, "lmv-new", colonne: "calcul")
        l.set(.nom, "Nouveau lieu", colonne: "nom")
        let changes = StateStore.changes(from: ["lmv-old": ["nom": "Ancien lieu"]], to: [l], rang: 3)
        XCTAssertEqual(changes, [
            Changement(rangExecution: 3, lieuId: "lmv-new", champ: "(lieu)", avant: nil, apres: "Nouveau lieu"),
            Changement(rangExecution: 3, lieuId: "lmv-old", champ: "(lieu)", avant: "Ancien lieu", apres: nil),
        ])
    }
}
