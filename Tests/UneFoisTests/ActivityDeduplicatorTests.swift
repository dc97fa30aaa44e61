import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisConsolidate
@testable import UneFois

final class ActivityDeduplicatorTests: XCTestCase {
    func activite(_ id: String, _ date: String, source: String = "coop", file: String = "janvier-juin.csv", line: Int, participants: Int = 8, lieu: String = "Médiathèque La Durance") -> Activite {
        Activite(idSource: id, date: date, nature: .collectif, action: "1.1", lieuNom: lieu, participants: participants, atelier: "Safer Internet Day",
                 provenance: Provenance(source: source, file: file, line: line))
    }

    func testReSentExportWithOverlappingDatesCountsEachActivityOnce() {
        let first = [activite("cra-1", "2025-03-01", line: 2), activite("cra-2", "2025-04-10", line: 3)]
        let resent = [activite("cra-2", "2025-04-10", source: "coop-bis", file: "avril-decembre.csv", line: 2), activite("cra-3", "2025-05-02", source: "coop-bis", file: "avril-decembre.csv", line: 3)]
        let (kept, issues) = ActivityDeduplicator.deduplicate(resent + first)
        XCTAssertEqual(kept.map(\.idSource).sorted(), ["cra-1", "cra-2", "cra-3"])
        XCTAssertEqual(kept.first { $0.idSource == "cra-2" }?.provenance.file, "janvier-juin.csv", "the first in (source, file, line) order is kept")
        XCTAssertEqual(issues.map(\.code), ["activite-en-double"])
        XCTAssertEqual(issues.first?.file, "avril-decembre.csv")
        XCTAssertEqual(issues.first?.line, 2)
    }

    func testWithoutIdTheContentDecides() {
        let a = activite("", "2025-03-01", line: 2)
        let same = activite("", "2025-03-01", file: "renvoi.csv", line: 9, lieu: "MEDIATHEQUE LA DURANCE")
        let other = activite("", "2025-03-01", line: 3, participants: 9)
        let (kept, issues) = ActivityDeduplicator.deduplicate([a, same, other])
        XCTAssertEqual(kept.count, 2)
        XCTAssertEqual(issues.map(\.line), [9])
    }

    func testSameIdOnAnotherDateIsAnotherActivity() {
        let (kept, _) = ActivityDeduplicator.deduplicate([activite("7", "2025-03-01", line: 2), activite("7", "2025-03-02", source: "autre", line: 2)])
        XCTAssertEqual(kept.count, 2)
    }

    func testSamplesConfiguredTwiceCountActivitiesOnce() throws {
        var c = try Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("unefois.json").path)
        let once = try Pipeline(configuration: c, schemasPath: TestSupport.schemasPath).run()
        var again = c.sources.first { $0.nom == "coop" }!
        again.nom = "coop-renvoi"
        c.sources.append(again)
        let twice = try Pipeline(configuration: c, schemasPath: TestSupport.schemasPath).run()
        XCTAssertEqual(twice.activites.count, once.activites.count)
        XCTAssertEqual(twice.issues.filter { $0.code == "activite-en-double" }.count, once.activites.filter { $0.provenance.source == "coop" }.count)
    }
}
