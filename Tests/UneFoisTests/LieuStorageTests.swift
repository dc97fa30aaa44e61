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

    /// A place with lists, a column other than the field's name, an item containing `|`, an
    /// empty first item and a long value.
    private func sample() -> Lieu.Valeurs {
        var v = Lieu.Valeurs()
        v[.id] = .init("a", colonne: "id")
        v[.nom] = .init("Médiathèque « La Durance »", colonne: "Nom du lieu")
        v[.services] = .init(["S1", "S|2", "S3"], colonne: "thematiques")
        v[.publicsSpecifiquementAdresses] = .init(["", "Jeunes"], colonne: "publics_specifiquement_adresses")
        v[.presentationDetail] = .init(String(repeating: "é", count: 300), colonne: "detail")
        return v
    }

    func testPackedFormReadsLikeTheUnpackedOne() {
        let v = sample()
        var p = v
        p.pack()
        XCTAssertTrue(p.isPacked)
        XCTAssertEqual(p, v)
        XCTAssertEqual(v, p)
        XCTAssertEqual(p.keys, v.keys)
        XCTAssertEqual(p.count, 5)
        for c in Champ.allCases {
            XCTAssertEqual(p[c], v[c], c.rawValue)
            XCTAssertEqual(p.first(c), v.first(c), c.rawValue)
            XCTAssertEqual(p.cell(c), v.cell(c), c.rawValue)
            XCTAssertEqual(p.items(c), v.items(c), c.rawValue)
            XCTAssertEqual(p.colonne(c), v[c]?.colonne, c.rawValue)
            XCTAssertEqual(p.withFirstBytes(c) { String(decoding: $0, as: UTF8.self) }, v.first(c), c.rawValue)
            XCTAssertEqual(v.withFirstBytes(c) { String(decoding: $0, as: UTF8.self) }, v.first(c), c.rawValue)
            XCTAssertEqual(p.contains(c), v[c] != nil, c.rawValue)
            XCTAssertEqual(p.withCellBytes(c) { String(decoding: $0, as: UTF8.self) }, v.cell(c), c.rawValue)
        }
        XCTAssertEqual(p[.services]?.items, ["S1", "S|2", "S3"])
        XCTAssertEqual(p.cell(.services), "S1|S|2|S3")
        XCTAssertEqual(p[.nom]?.colonne, "Nom du lieu")
        XCTAssertEqual(p[.id]?.colonne, "id")
        XCTAssertEqual(p.first(.publicsSpecifiquementAdresses), nil)
        XCTAssertEqual(p[.publicsSpecifiquementAdresses]?.items, ["", "Jeunes"])
        XCTAssertEqual(Array(p.map(\.key)), v.keys)
        XCTAssertEqual(p.map(\.value), v.map(\.value))
    }

    func testPackingLongValuesIsExactAndTakesNoSpareCapacity() {
        // Lengths of 128 bytes and more take two-byte varints; a column name of 130 bytes too.
        let long = String(repeating: "é", count: 100) + String(repeating: "x", count: 60)
        let column = String(repeating: "c", count: 130)
        var v = Lieu.Valeurs()
        v[.nom] = .init(long, colonne: column)
        v[.services] = .init([long, "", "b", long + "|"], colonne: "services")
        v[.adresse] = .init("", colonne: "adresse")
        var p = v
        p.pack()
        XCTAssertEqual(p, v)
        for c in Champ.allCases {
            XCTAssertEqual(p[c], v[c], c.rawValue)
            XCTAssertEqual(p.cell(c), v.cell(c), c.rawValue)
        }
        XCTAssertEqual(p.items(.services), [long, "", "b", long + "|"])
        XCTAssertEqual(p.colonne(.nom), column)
        // Allocated once at its size, not grown by appends (which left up to half unused).
        XCTAssertLessThan(p.packed.capacity - p.packed.count, 24)
        var changed = p
        changed[.nom] = .init(long + long, colonne: "nom")
        XCTAssertLessThan(changed.packed.capacity - changed.packed.count, 24)
        XCTAssertEqual(changed.first(.nom), long + long)
        XCTAssertEqual(changed.items(.services), p.items(.services))
    }

    func testRelocateCopiesThePackedBytesIntoANewBuffer() {
        var p = sample()
        p.pack()
        let before = p
        let address = p.packed.withUnsafeBufferPointer { $0.baseAddress }
        p.relocate()
        XCTAssertTrue(p.isPacked)
        XCTAssertEqual(p.packed, before.packed)
        XCTAssertEqual(p, before)
        XCTAssertNotEqual(p.packed.withUnsafeBufferPointer { $0.baseAddress }, address, "a buffer of its own")
        XCTAssertLessThan(p.packed.capacity - p.packed.count, 24)
        var unpacked = sample()
        unpacked.relocate()
        XCTAssertFalse(unpacked.isPacked, "an unpacked place stays as it is")
        XCTAssertEqual(unpacked, sample())
    }

    func testChangingAPackedPlaceKeepsItPackedAndEqualToTheSameChangeUnpacked() {
        let changes: [(Champ, Lieu.Valeur?)] = [
            (.id, .init("b", colonne: "calcul")),          // replaced, first slot
            (.commune, .init("Cavaillon", colonne: "commune")),  // added in the middle
            (.adresse, nil),                                // absent, removed: nothing changes
            (.services, nil),                               // removed in the middle
            (.dateMaj, .init("2026-11-30", colonne: "date_maj")),  // added at the end
            (.pivot, .init(["1", "2"], colonne: "siret")),  // added after the first slot
        ]
        var p = sample(), u = sample()
        p.pack()
        for (c, value) in changes {
            p[c] = value
            u[c] = value
            XCTAssertTrue(p.isPacked)
            XCTAssertEqual(p, u, c.rawValue)
            XCTAssertEqual(p.keys, u.keys)
            var again = u
            again.pack()
            XCTAssertEqual(p.packed, again.packed, "a change gives the bytes packing gives")
        }
        for c in p.keys { p[c] = nil }
        XCTAssertTrue(p.isEmpty)
        XCTAssertFalse(p.isPacked)
        XCTAssertEqual(p, Lieu.Valeurs())
    }

    func testLieuReadsThroughEitherForm() {
        var l = Lieu(idSource: "1", provenance: Provenance(source: "s", file: "f", line: 2))
        l.set(.nom, "Espace France Services", colonne: "nom")
        l.set(.courriels, ["a@b.fr", "c@d.fr"], colonne: "mail")
        let before = (l[.nom], l.liste(.courriels), l.standardRow())
        l.valeurs.pack()
        XCTAssertEqual(l[.nom], before.0)
        XCTAssertEqual(l.liste(.courriels), before.1)
        XCTAssertEqual(l.standardRow(), before.2)
        XCTAssertEqual(l.standardCell(.courriels), .text("a@b.fr|c@d.fr"))
        XCTAssertEqual(l.standardCell(.adresse), .empty)
        for c in Champ.allCases where c != .latitude && c != .longitude {
            let text = l.withStandardText(c) { String(decoding: $0, as: UTF8.self) }
            if case .text(let t) = l.standardCell(c) { XCTAssertEqual(text, t, c.rawValue) } else { XCTAssertNil(text, c.rawValue) }
        }
    }
}
