import XCTest
@testable import UneFoisModel

/// The compact per-field store of a place behaves like the dictionary it replaced.
final class LieuStorageTests: XCTestCase {
    func testChampOrderIsTheDeclarationOrder() {
        XCTAssertEqual(MemoryLayout<Champ>.size, 1)
        for (i, c) in Champ.allCases.enumerated() {
            XCTAssertEqual(c.order, i, c.rawValue)
            XCTAssertEqual(Champ.at(i), c)
        }
        XCTAssertEqual(Champ.count, 32)
        XCTAssertEqual(Set(Champ.allCases).count, 32)
    }

    func testValeursSetGetRemoveAndIterateInFieldOrder() {
        var v = Lieu.Valeurs()
        XCTAssertTrue(v.isEmpty)
        v[.priseRdv] = .init(["https://rdv"], colonne: "rdv")
        v[.id] = .init(["a"], colonne: "id")
        v[.services] = .init(["S1", "S2"], colonne: "thematiques")
        v[.nom] = .init(["Nom"], colonne: "nom")
        XCTAssertEqual(v.keys, [.id, .nom, .services, .priseRdv])
        XCTAssertEqual(v.count, 4)
        XCTAssertEqual(v[.services]?.items, ["S1", "S2"])
        XCTAssertEqual(v[.services]?.joined(separator: "|"), "S1|S2")
        XCTAssertNil(v[.adresse])
        v[.nom] = .init(["Autre"], colonne: "nom2")
        XCTAssertEqual(v[.nom]?.colonne, "nom2")
        v[.nom] = nil
        XCTAssertEqual(v.keys, [.id, .services, .priseRdv])
        XCTAssertEqual(v.map(\.value.premier), ["a", "S1", "https://rdv"])
        var w = Lieu.Valeurs()
        w[.services] = .init(["S1", "S2"], colonne: "thematiques")
        w[.priseRdv] = .init(["https://rdv"], colonne: "rdv")
        w[.id] = .init(["a"], colonne: "id")
        XCTAssertEqual(v, w)
    }

    func testSetDropsEmptyItemsAndDuplicates() {
        var l = Lieu(idSource: "1", provenance: Provenance(source: "s", file: "f", line: 2))
        l.set(.courriels, ["a@b.fr", "", "a@b.fr", "c@d.fr"], colonne: "mail")
        XCTAssertEqual(l.liste(.courriels), ["a@b.fr", "c@d.fr"])
        XCTAssertEqual(l[.courriels], "a@b.fr")
        l.set(.nom, [""], colonne: "nom")
        XCTAssertNil(l[.nom])
        XCTAssertNil(l.valeurs[.nom])
        XCTAssertEqual(l.liste(.nom), [])
    }
}
