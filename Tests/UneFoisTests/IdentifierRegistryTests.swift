import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class IdentifierRegistryTests: XCTestCase {
    typealias L = ProbabilisticDeduplicatorTests
    let dedup = ProbabilisticDeduplicatorTests.matcher()

    /// Runs dedup + id assignment like the pipeline; returns id by member key and the registry.
    func run(_ lieux: [Lieu], previous: [String: (id: String, rang: Int)] = [:]) -> (ids: [String: String], registry: IdentifierRegistry, clusters: [Cluster]) {
        var clusters = dedup.clusters(lieux)
        var reg = IdentifierRegistry(previous: previous)
        reg.assign(&clusters)
        var ids: [String: String] = [:]
        for c in clusters { for m in c.membres { ids[m.cle] = c.id } }
        return (ids, reg, clusters)
    }

    var base: [Lieu] {
        [L.lieu("national", "n1", nom: "Médiathèque La Durance", siret: "21840035000011"),
         L.lieu("dora", "d1", nom: "Mediatheque la Durance"),
         L.lieu("lizmap", "l1", nom: "CCAS", insee: "84099", adresse: "3 rue Haute", telephone: "+33490000003"),
         L.lieu("dora", "d2", nom: "Tiers-lieu")]
    }

    func testFreshIdsAreHashesOfTheSmallestMemberKey() {
        let r = run(base)
        // Not the anchor (national, first by priority) but the smallest key: independent of the source order.
        XCTAssertEqual(r.ids["national--n1"], "lmv-" + String(StableHash.hex(of: "dora--d1").prefix(12)))
        XCTAssertEqual(r.ids["national--n1"], r.ids["dora--d1"])
        XCTAssertEqual(Set(r.ids.values).count, 3)
        for id in r.ids.values { XCTAssertTrue(id.hasPrefix("lmv-") && id.count == 16, id) }
    }

    func testFreshIdsDoNotDependOnSourcePriority() {
        let first = run(base)
        var clusters = ProbabilisticDeduplicator(priorite: ["lizmap", "dora", "national"], poids: ProbabilisticDeduplicatorTests.poids).clusters(base.reversed())
        var reg = IdentifierRegistry()
        reg.assign(&clusters)
        for c in clusters { for m in c.membres { XCTAssertEqual(c.id, first.ids[m.cle], m.cle) } }
    }

    func testADisappearedPlaceIsNotRenumbered() {
        let first = run(base)
        // Tiers-lieu disappears one night, then a new record takes its smallest key's place in a new cluster.
        let second = run(base.filter { $0.cle != "dora--d2" }, previous: first.registry.assignments)
        XCTAssertEqual(second.registry.assignments["dora--d2"]?.id, first.ids["dora--d2"], "the closed place's id stays in the state")
        XCTAssertFalse(second.ids.values.contains(first.ids["dora--d2"]!))
        XCTAssertEqual(Set(second.ids.values).count, 2)
    }

    func testStableWhenInputOrderChanges() {
        let first = run(base)
        let second = run(base.reversed(), previous: first.registry.assignments)
        XCTAssertEqual(first.ids, second.ids)
        let fresh = run(base.reversed())
        XCTAssertEqual(first.ids, fresh.ids, "even without state")
    }

    func testStableWhenClusterGainsAMember() {
        let first = run(base)
        // A new national record joins the CCAS cluster and becomes its anchor (higher priority).
        let gained = base + [L.lieu("national", "n0", nom: "ccas", insee: "84099", adresse: "3 r. Haute", telephone: "+33490000003")]
        let second = run(gained, previous: first.registry.assignments)
        XCTAssertEqual(second.ids["lizmap--l1"], first.ids["lizmap--l1"])
        XCTAssertEqual(second.ids["national--n0"], first.ids["lizmap--l1"])
        for k in first.ids.keys { XCTAssertEqual(second.ids[k], first.ids[k], k) }
    }

    func testStableWhenClusterLosesItsAnchor() {
        let first = run(base)
        let lost = base.filter { $0.cle != "national--n1" }
        let second = run(lost, previous: first.registry.assignments)
        XCTAssertEqual(second.ids["dora--d1"], first.ids["national--n1"], "the remaining member keeps the cluster's id")
    }

    func testOldestAssignmentWinsOnMerge() {
        // Night 1: two separate places.
        let night1 = run([L.lieu("dora", "d1", nom: "Espace A"), L.lieu("lizmap", "l1", nom: "Espace B")])
        // Night 2: the lizmap one appears first in a previous state with an older rank.
        var previous = night1.registry.assignments
        let idA = night1.ids["dora--d1"]!, idB = night1.ids["lizmap--l1"]!
        XCTAssertNotEqual(idA, idB)
        let rankA = previous["dora--d1"]!.rang, rankB = previous["lizmap--l1"]!.rang
        let older = rankA < rankB ? idA : idB
        // Night 2: a SIRET now joins them.
        var a = L.lieu("dora", "d1", nom: "Espace Haute-Ville", siret: "21840035000011", adresse: "1 rue Haute", telephone: "+33490000001")
        var b = L.lieu("lizmap", "l1", nom: "EPN Haute Ville", siret: "21840035000011", adresse: "1 rue Haute", telephone: "+33490000001")
        a.provenance.line = 3; b.provenance.line = 4
        let night2 = run([b, a], previous: previous)
        XCTAssertEqual(night2.ids["dora--d1"], older)
        XCTAssertEqual(night2.ids["lizmap--l1"], older)
        // Force the other order of ranks: the lizmap id is older.
        previous["lizmap--l1"] = (idB, 0)
        let night2b = run([a, b], previous: previous)
        XCTAssertEqual(night2b.ids["dora--d1"], idB)
    }

    func testSplitKeepsOneIdAndGivesTheOtherANewOne() {
        let joined = run([L.lieu("dora", "d1", nom: "Espace", siret: "21840035000011", adresse: "1 rue Haute", telephone: "+33490000001"),
                          L.lieu("lizmap", "l1", nom: "Autre", siret: "21840035000011", adresse: "1 rue Haute", telephone: "+33490000001")])
        let id = joined.ids["dora--d1"]!
        XCTAssertEqual(joined.ids["lizmap--l1"], id)
        let split = run([L.lieu("dora", "d1", nom: "Espace"), L.lieu("lizmap", "l1", nom: "Autre")], previous: joined.registry.assignments)
        XCTAssertNotEqual(split.ids["dora--d1"], split.ids["lizmap--l1"], "ids stay unique")
        XCTAssertTrue([split.ids["dora--d1"], split.ids["lizmap--l1"]].contains(id))
    }

    func testRanksRecorded() {
        let r = run(base)
        let ranks = Set(r.registry.assignments.values.map(\.rang))
        XCTAssertEqual(ranks.count, 3, "one rank per new cluster")
        XCTAssertEqual(r.registry.assignments["national--n1"]?.rang, r.registry.assignments["dora--d1"]?.rang)
    }
}
