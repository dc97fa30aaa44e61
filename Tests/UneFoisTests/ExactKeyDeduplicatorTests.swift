import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class ExactKeyDeduplicatorTests: XCTestCase {
    static func lieu(_ source: String, _ id: String, nom: String, insee: String = "84035", siret: String? = nil,
                     adresse: String? = nil, telephone: String? = nil) -> Lieu {
        var l = Lieu(idSource: id, provenance: Provenance(source: source, file: source + ".csv", line: 2))
        l.set(.nom, nom, colonne: "nom")
        l.set(.codeInsee, insee, colonne: "insee")
        if let siret { l.siret = siret; l.set(.pivot, siret, colonne: "siret") }
        l.set(.adresse, adresse, colonne: "adresse")
        l.set(.telephone, telephone, colonne: "tel")
        return l
    }

    let dedup = ExactKeyDeduplicator(priorite: ["national", "dora", "lizmap"])

    func keys(_ clusters: [Cluster]) -> [[String]] {
        clusters.map { $0.membres.map(\.cle) }
    }

    func testSameSiretSameCommune() {
        let c = dedup.clusters([Self.lieu("dora", "d1", nom: "Médiathèque", siret: "21840035000011", adresse: "27 av. du Pont"),
                                Self.lieu("national", "n1", nom: "Bibliothèque municipale", siret: "21840035000011", adresse: "27 AVENUE DU PONT")])
        XCTAssertEqual(keys(c), [["national--n1", "dora--d1"]], "priority order: national first")
        XCTAssertTrue(c[0].motifs["dora--d1"]?.contains("SIRET") ?? false)
        XCTAssertEqual(c[0].ancre.cle, "national--n1")
    }

    func testSameSiretAtAnotherAddressNotJoined() {
        // A town hall's SIRET often covers all its libraries: the SIRET alone must not join them.
        let c = dedup.clusters([Self.lieu("dora", "d1", nom: "Médiathèque Nord", siret: "21840035000011", adresse: "1 rue du Nord"),
                                Self.lieu("national", "n1", nom: "Médiathèque Sud", siret: "21840035000011", adresse: "9 rue du Sud")])
        XCTAssertEqual(c.count, 2)
    }

    func testSameSiretOtherCommuneNotJoined() {
        let c = dedup.clusters([Self.lieu("dora", "d1", nom: "A", insee: "84035", siret: "21840035000011"),
                                Self.lieu("national", "n1", nom: "B", insee: "84099", siret: "21840035000011")])
        XCTAssertEqual(c.count, 2)
    }

    func testSameFoldedName() {
        let c = dedup.clusters([Self.lieu("dora", "d1", nom: "Mediatheque la Durance"),
                                Self.lieu("national", "n1", nom: "MÉDIATHÈQUE LA DURANCE.")])
        XCTAssertEqual(c.count, 1)
        XCTAssertTrue(c[0].motifs["dora--d1"]?.contains("même nom") ?? false)
    }

    func testAddressAndPhone() {
        let a = Self.lieu("dora", "d1", nom: "Espace numérique", adresse: "12 av. de la Gare", telephone: "+33490123456")
        let b = Self.lieu("lizmap", "l1", nom: "EPN de la gare", adresse: "12 AVENUE DE LA GARE", telephone: "+33490123456")
        let c = Self.lieu("national", "n1", nom: "Autre lieu", adresse: "12 avenue de la Gare", telephone: "+33490000000")
        let clusters = dedup.clusters([a, b, c])
        XCTAssertEqual(keys(clusters).sorted { $0.count > $1.count }, [["dora--d1", "lizmap--l1"], ["national--n1"]])
    }

    func testUnknownSiretNeverJoins() {
        // The unknown SIRET is never stored in Lieu.siret by the builder; pivot alone does not join.
        var a = Self.lieu("dora", "d1", nom: "A")
        var b = Self.lieu("dora", "d2", nom: "B")
        a.set(.pivot, "00000000000000", colonne: "calcul")
        b.set(.pivot, "00000000000000", colonne: "calcul")
        XCTAssertEqual(dedup.clusters([a, b]).count, 2)
    }

    func testTransitive() {
        // a~b by SIRET at the same address, b~c by name: one cluster of three.
        let a = Self.lieu("national", "n1", nom: "Bibliothèque", siret: "21840035000011", adresse: "2 place de la Mairie")
        let b = Self.lieu("dora", "d1", nom: "Médiathèque", siret: "21840035000011", adresse: "2 pl. de la Mairie")
        let c = Self.lieu("lizmap", "l1", nom: "MEDIATHEQUE")
        let clusters = dedup.clusters([c, b, a])
        XCTAssertEqual(keys(clusters), [["national--n1", "dora--d1", "lizmap--l1"]])
    }

    func testDeterministicUnderPermutation() {
        let all = [
            Self.lieu("national", "n1", nom: "Bibliothèque", siret: "21840035000011", adresse: "2 place de la Mairie"),
            Self.lieu("dora", "d1", nom: "Médiathèque", siret: "21840035000011", adresse: "2 PLACE DE LA MAIRIE"),
            Self.lieu("lizmap", "l1", nom: "MEDIATHEQUE"),
            Self.lieu("lizmap", "l2", nom: "CCAS", insee: "84099"),
            Self.lieu("dora", "d2", nom: "ccas", insee: "84099"),
            Self.lieu("dora", "d3", nom: "Seul"),
            Self.lieu("other", "o1", nom: "Sans priorité"),
        ]
        let expected = keys(dedup.clusters(all))
        let expectedMotifs = dedup.clusters(all).map { $0.motifs }
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = all.shuffled(using: &rng)
            let got = dedup.clusters(shuffled)
            XCTAssertEqual(keys(got), expected)
            XCTAssertEqual(got.map { $0.motifs }, expectedMotifs)
        }
        XCTAssertEqual(expected.count, 4)
    }
}
