import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class MappingApplierTests: XCTestCase {
    func mapping(_ json: String, crosswalks: CrosswalkStore = CrosswalkStore()) throws -> Mapping {
        try MappingLoader.parse(try JSONParser.parse(json), name: "essai", where: "essai.json", crosswalks: crosswalks)
    }

    func table(_ columns: [String], _ rows: [[String?]]) -> SourceTable {
        var t = SourceTable(columns: columns)
        for (i, r) in rows.enumerated() {
            t.records.append(SourceRecord(line: i + 2, values: r.map { $0.map(RawValue.text) ?? .absent }))
        }
        return t
    }

    func apply(_ m: Mapping, _ t: SourceTable, row: Int = 0) -> MappedRecord {
        MappingApplier(mapping: m, table: t, source: "src", file: "f.csv").apply(t.records[row])
    }

    func testValeursWithCrosswalkTable() throws {
        let store = CrosswalkStore()
        store.add("publics", ["jeunes": ["Jeunes"], "seniors": ["Seniors"]])
        let m = try mapping(#"{"champs": {"publics_specifiquement_adresses": {"colonne": "Public", "separateur": ",", "valeurs": "@publics"}}}"#, crosswalks: store)
        let r = apply(m, table(["Public"], [["Jeunes, SENIORS, Martiens"]]))
        XCTAssertEqual(r.values["publics_specifiquement_adresses"], ["Jeunes", "Seniors"])
        let unknown = r.issues.filter { $0.code == "vocabulary-unknown" }
        XCTAssertEqual(unknown.count, 1)
        XCTAssertTrue(unknown[0].message.contains("Martiens"))
        XCTAssertEqual(unknown[0].line, 2)
        XCTAssertEqual(unknown[0].field, "Public")
    }

    func testInconnuGarderAndIgnorer() throws {
        let garder = try mapping(#"{"champs": {"services": {"colonne": "S", "separateur": "|", "valeurs": {"wifi": "Accès internet"}, "inconnu": "garder"}}}"#)
        let t = table(["S"], [["wifi|Autre chose"]])
        let g = apply(garder, t)
        XCTAssertEqual(g.values["services"], ["Accès internet", "Autre chose"])
        XCTAssertTrue(g.issues.isEmpty)
        let ignorer = try mapping(#"{"champs": {"services": {"colonne": "S", "separateur": "|", "valeurs": {"wifi": "Accès internet"}, "inconnu": "ignorer"}}}"#)
        let i = apply(ignorer, t)
        XCTAssertEqual(i.values["services"], ["Accès internet"])
        XCTAssertTrue(i.issues.isEmpty)
    }

    func testReglesContientAndEgal() throws {
        let m = try mapping("""
        {"champs": {"typologie": {"regles": [
            {"colonne": "Nom", "contient": ["mediatheque", "bibliotheque"], "alors": "BIB"},
            {"colonne": "Type", "egal": "ccas", "alors": "CCAS"},
            {"alors": "TIERS_LIEUX"}
        ]}}}
        """)
        let t = table(["Nom", "Type"], [["Médiathèque La Durance", "CCAS"], ["Espace", "CCAS de Cavaillon"]])
        XCTAssertEqual(apply(m, t, row: 0).values["typologie"], ["BIB", "CCAS", "TIERS_LIEUX"])
        XCTAssertEqual(apply(m, t, row: 1).values["typologie"], ["TIERS_LIEUX"], "egal needs the whole folded value")
        XCTAssertEqual(apply(m, t, row: 0).colonnes["typologie"], "Nom+Type")
    }

    func testJoursBecomeOSM() throws {
        let m = try mapping(#"{"champs": {"horaires": {"jours": {"Mo": "Lundi", "Tu": "Mardi", "We": "Mercredi", "Sa": "Samedi"}}}}"#)
        let t = table(["Lundi", "Mardi", "Mercredi", "Samedi"], [["9h-12h", "9h-12h", "9h-12h", "Fermé"], ["9h-12h", "le matin", nil, nil]])
        let ok = apply(m, t, row: 0)
        XCTAssertEqual(ok.values["horaires"], ["Mo-We 09:00-12:00"])
        XCTAssertEqual(ok.colonnes["horaires"], "Lundi+Mardi+Mercredi+Samedi")
        let bad = apply(m, t, row: 1)
        XCTAssertNil(bad.values["horaires"])
        XCTAssertEqual(bad.issues.first?.code, "opening-hours-unparsed")
        XCTAssertTrue(bad.issues.first?.message.contains("le matin") ?? false)
    }

    func testSeveralColumnsJoined() throws {
        let m = try mapping(#"{"champs": {"adresse": {"colonnes": ["Numero", "Voie"]}}}"#)
        XCTAssertEqual(apply(m, table(["Numero", "Voie"], [["12", " av. de la  Gare "]])).values["adresse"], ["12 av. de la Gare"])
    }

    func testConstanteDefautAndFormat() throws {
        let m = try mapping(#"{"champs": {"source": {"valeur": "Département"}, "frais_a_charge": {"colonne": "F", "defaut": "Gratuit"}, "date_maj": {"colonne": "D", "format": "jj/mm/aaaa"}}}"#)
        let r = apply(m, table(["F", "D"], [[nil, "31/02/2025"]]))
        XCTAssertEqual(r.values["source"], ["Département"])
        XCTAssertEqual(r.values["frais_a_charge"], ["Gratuit"])
        XCTAssertEqual(r.colonnes["frais_a_charge"], "défaut")
        XCTAssertNil(r.values["date_maj"])
        XCTAssertEqual(r.issues.first?.code, "type-error")
        XCTAssertEqual(r.issues.first?.severity, .error)
    }

    func testIdentifiantAndLineFallback() throws {
        let m = try mapping(#"{"identifiant": {"colonne": "Code"}, "champs": {"nom": "Nom"}}"#)
        let t = table(["Code", "Nom"], [["FS-1", "A"], [nil, "B"]])
        XCTAssertEqual(apply(m, t, row: 0).idSource, "FS-1")
        XCTAssertEqual(apply(m, t, row: 1).idSource, "L3")
    }

    func testMissingColumnsAndIgnoredRows() throws {
        let m = try mapping(#"{"ignorer": [{"colonne": "Nom", "valeurs": ["Total"]}], "champs": {"nom": "Nom", "telephone": "Tel"}}"#)
        let t = table(["Nom"], [["TOTAL"], ["A"]])
        let applier = MappingApplier(mapping: m, table: t, source: "src", file: "f.csv")
        XCTAssertEqual(applier.missingColumns, ["Tel"])
        // No identifier: ids are fingerprints of the name (said once, as an info), then the missing column.
        XCTAssertEqual(applier.fileIssues().map(\.code), ["id-from-content", "missing-label"])
        XCTAssertTrue(applier.isIgnored(t.records[0]))
        XCTAssertFalse(applier.isIgnored(t.records[1]))
    }

    func testColumnsMatchedByFoldedName() throws {
        let m = try mapping(#"{"champs": {"commune": "Commune"}}"#)
        XCTAssertEqual(apply(m, table(["COMMUNE "], [["Robion"]])).values["commune"], ["Robion"])
    }

    /// A mapped record's slots: read by name or by ``Champ``, iterated in slot order, and a name
    /// the shared layout lacks gets a slot of this record's own.
    func testMappedRecordSlots() {
        let prov = Provenance(source: "s", file: "f.csv", line: 2)
        let layout = MappedRecord.Layout(names: ["nom", "siret", "nom", "services"])
        XCTAssertEqual(layout.names, ["nom", "siret", "services"])
        var m = MappedRecord(layout: layout, provenance: prov, idSource: "1")
        XCTAssertNil(m.values["nom"])
        XCTAssertNil(m.items(.nom))
        m.set("services", ["A", "B"], colonne: "Services")
        m.set("nom", ["Médiathèque"], colonne: nil)
        m.set("autre", ["x"], colonne: "Autre")
        XCTAssertEqual(m.items(.services), ["A", "B"])
        XCTAssertEqual(m.colonne(.services), "Services")
        XCTAssertEqual(m.items(.nom), ["Médiathèque"])
        XCTAssertNil(m.colonne(.nom))
        XCTAssertNil(m.items(.adresse))
        XCTAssertEqual(m.first("autre"), "x")
        XCTAssertEqual(m.colonnes["autre"], "Autre")
        XCTAssertNil(m.values["siret"])
        XCTAssertEqual(m.values.count, 3)
        XCTAssertEqual(m.values.map(\.key), ["nom", "services", "autre"])
        XCTAssertEqual(layout.names, ["nom", "siret", "services"], "the shared layout is not changed")
        let other = MappedRecord(layout: layout, provenance: prov, idSource: "2")
        XCTAssertNil(other.values["autre"])
        let d = MappedRecord(values: ["b": ["2"], "a": ["1"]], colonnes: ["a": "A"], provenance: prov, idSource: "3")
        XCTAssertEqual(d.values.map(\.key), ["a", "b"])
        XCTAssertEqual(d.colonnes["a"], "A")
        XCTAssertNil(d.colonnes["b"])
    }
}
