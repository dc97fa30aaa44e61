import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class PipelineTests: XCTestCase {
    static let header = "id,pivot,nom,commune,code_postal,code_insee,adresse,date_maj\n"

    func run(_ sources: [SourceSpec], filtrer: Bool = true) throws -> RunResult {
        var c = Configuration()
        c.sources = sources
        c.filtrerTerritoire = filtrer
        return try Pipeline(configuration: c, schemasPath: TestSupport.schemasPath).run()
    }

    func testBrokenLastRecordOfAStreamedSourceLosesOnlyItself() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        // Two good rows, then a quote that never closes: the rows before it are kept, the broken
        // one is rejected with its line (it used to quarantine the whole file).
        let bad = try TestSupport.write(Self.header + "a,00000000000000,Médiathèque A,Cavaillon,84300,84035,1 rue A,2025-01-01\n"
            + "b,00000000000000,Médiathèque B,Robion,84440,84099,1 rue B,2025-01-01\n"
            + "c,00000000000000,\"Médiathèque C,Lauris,84360,84065,1 rue C,2025-01-01\n", to: "bad.csv", in: dir)
        let good = try TestSupport.write(Self.header + "g,00000000000000,Médiathèque G,Gordes,84220,84050,1 rue G,2025-01-01\n", to: "good.csv", in: dir)
        let r = try run([SourceSpec(nom: "bad", format: "mednum", chemin: bad), SourceSpec(nom: "good", format: "mednum", chemin: good)])
        XCTAssertEqual(Set(r.publies.compactMap { $0[.nom] }), ["Médiathèque A", "Médiathèque B", "Médiathèque G"])
        XCTAssertNil(r.sources[0].echec)
        XCTAssertEqual(r.sources[0].lieux, 2)
        XCTAssertEqual(r.exitCode, 0)
        XCTAssertTrue(r.correspondances.contains { $0.source == "bad" && $0.statut == .rejete && $0.motif == "unterminated-quote" && $0.ligne == 4 })
        XCTAssertTrue(r.issues.contains { $0.source == "bad" && $0.code == "unterminated-quote" && $0.line == 4 })
    }

    func testSeveralPageFilesFormOneSourceAndDuplicatesAcrossPagesCollapse() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        let s1 = #"{"id": "s1", "nom": "Médiathèque Une", "commune": "Cavaillon", "code_postal": "84300", "code_insee": "84035", "adresse": "1 rue Une", "date_maj": "2025-02-01T10:00:00+01:00"}"#
        let s2 = #"{"id": "s2", "nom": "Médiathèque Deux", "commune": "Robion", "code_postal": "84440", "code_insee": "84099", "adresse": "2 rue Deux", "date_maj": "2025-02-01T10:00:00+01:00"}"#
        let p1 = try TestSupport.write(#"{"count": 3, "next": "https://dora.example/api/v2/structures/?page=2", "previous": null, "results": [\#(s1)]}"#, to: "p1.json", in: dir)
        let p2 = try TestSupport.write(#"{"count": 3, "next": null, "previous": "https://dora.example/api/v2/structures/?page=1", "results": [\#(s2), \#(s1)]}"#, to: "p2.json", in: dir)
        let r = try run([SourceSpec(nom: "dora", format: "dora", chemin: p1, autresChemins: [p2])])
        XCTAssertEqual(r.publies.count, 2)
        XCTAssertEqual(r.correspondances.filter { $0.statut == .fusionne }.map(\.sourceId), ["s1"], "the repeat on page 2 is an exact duplicate")
        XCTAssertEqual(r.sources[0].enregistrementsLus, 3)
        XCTAssertTrue(r.sources[0].detections.contains { $0.contains("p2.json") })
    }

    func testConfigurationAcceptsAListOfFiles() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        let cfg = try TestSupport.write(#"{"sources": [{"nom": "dora", "format": "dora", "chemin": ["a.json", "b.json"]}]}"#, to: "c.json", in: dir)
        let c = try Configuration.load(path: cfg)
        XCTAssertEqual(c.sources[0].chemins.map { FileManagerShim.fileName($0) }, ["a.json", "b.json"])
        let bad = try TestSupport.write(#"{"sources": [{"nom": "dora", "format": "dora", "chemin": []}]}"#, to: "d.json", in: dir)
        XCTAssertThrowsError(try Configuration.load(path: bad)) { e in
            XCTAssertEqual((e as? OperationalError)?.location.field, "sources[0].chemin")
        }
    }

    func testLegacyStandardRecognisedAndMappedToV1() throws {
        let v01 = TestSupport.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata/standard-mediation-num/exemple-valide_v0.1.1.csv").path
        try XCTSkipUnless(FileManager.default.fileExists(atPath: v01), "shared/ reference data not beside the repository")
        let r = try run([SourceSpec(nom: "v01", format: "mednum", chemin: v01)], filtrer: false)
        XCTAssertEqual(r.publies.count, 1)
        let l = r.publies[0]
        XCTAssertEqual(l.liste(.services), ["Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien"])
        XCTAssertEqual(l.liste(.typologie), ["TIERS_LIEUX", "ASSO"])
        XCTAssertEqual(l.liste(.modalitesAccompagnement), ["En autonomie", "Accompagnement individuel"])
        XCTAssertTrue(r.sources[0].detections.contains { $0.contains("v0.1.x") })
    }

    func testActivitiesLinkedToPlacesBySourceIdOrName() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        let places = try TestSupport.write(Self.header + "fs1,00000000000000,France Services de Test,Cavaillon,84300,84035,1 rue A,2025-01-01\n", to: "p.csv", in: dir)
        let acts = try TestSupport.write("date;id_fs;nature;partenaire;thematique;nombre;participants;duree_min;avec_rdv\n2025-03-03;fs1;demarche;CAF;;3;;30;oui\n2025-03-04;inconnu;demarche;CAF;;2;;30;non\n", to: "a.csv", in: dir)
        let r = try run([SourceSpec(nom: "p", format: "mednum", chemin: places),
                         SourceSpec(nom: "a", format: "csv", chemin: acts, correspondance: "france-services-activite")])
        XCTAssertEqual(r.activites.count, 2)
        XCTAssertEqual(r.activites[0].lieuId, r.publies[0][.id])
        XCTAssertNil(r.activites[1].lieuId)
        XCTAssertTrue(r.issues.contains { $0.code == "lieu-inconnu" && $0.line == 3 })
    }

    func testDataInclusionServicesEnrichTheirStructures() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        let structures = try TestSupport.write(#"[{"source": "dora", "id": "dora--s1", "nom": "Espace numérique", "commune": "Cavaillon", "code_postal": "84300", "code_insee": "84035", "adresse": "3 rue Basse", "date_maj": "2025-03-01", "siret": null, "reseaux_porteurs": ["conseillers-numeriques"]}]"#, to: "structures.json", in: dir)
        let services = try TestSupport.write("""
        {"source": "dora", "id": "dora--v1", "structure_id": "dora--s1", "nom": "Atelier", "description": "Ateliers collectifs", "date_maj": "2025-03-01", "type": "atelier", "thematiques": ["numerique--maitriser-les-fondamentaux-du-numerique"], "frais": "gratuit", "publics": ["seniors"], "modes_mobilisation": ["telephoner"], "modes_accueil": ["a-distance"]}
        {"source": "dora", "id": "dora--v2", "structure_id": "dora--inconnue", "nom": "Autre", "description": "Autre service", "date_maj": "2025-03-01"}
        """, to: "services.jsonl", in: dir)
        let r = try run([SourceSpec(nom: "di", format: "datainclusion", chemin: structures, autresChemins: [services])])
        XCTAssertEqual(r.publies.count, 1)
        let l = r.publies[0]
        XCTAssertEqual(l.liste(.services), ["Maîtrise des outils numériques du quotidien"])
        XCTAssertEqual(l.liste(.modalitesAccompagnement), ["Dans un atelier collectif", "À distance"])
        XCTAssertEqual(l.liste(.fraisACharge), ["Gratuit"])
        XCTAssertEqual(l.liste(.publicsSpecifiquementAdresses), ["Seniors"])
        XCTAssertEqual(l.liste(.modalitesAcces), ["Téléphoner"])
        XCTAssertEqual(l.liste(.dispositifProgrammesNationaux), ["Conseillers numériques"])
        XCTAssertEqual(r.sources[0].servicesRattaches, 1)
        XCTAssertTrue(r.issues.contains { $0.code == "structure-inconnue" && $0.line == 2 })
        XCTAssertEqual(r.correspondances.count, 1, "services are not place records")
    }

    func testLambert93CoordinatesInAWGS84LayerAreRecognised() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        let geo = try TestSupport.write(#"{"type": "FeatureCollection", "features": [{"type": "Feature", "id": "l.1", "geometry": {"type": "Point", "coordinates": [863955.73, 6306415.33]}, "properties": {"nom": "Médiathèque", "adresse": "1 rue A", "code_postal": "84300", "commune": "Cavaillon", "code_insee": "84035", "date_maj": "2025-01-01"}}]}"#, to: "l.geojson", in: dir)
        let r = try run([SourceSpec(nom: "l", format: "geojson", chemin: geo)])
        XCTAssertEqual(r.publies.count, 1)
        XCTAssertEqual(r.publies[0].longitude ?? 0, 5.0386, accuracy: 1e-5)
        XCTAssertEqual(r.publies[0].latitude ?? 0, 43.8377, accuracy: 1e-5)
        XCTAssertTrue(r.issues.contains { $0.code == "crs-unexpected" && $0.line == 1 })
    }

    func testSheetAndTableChosenInTheConfiguration() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        let samples = TestSupport.samplesDirectory.path
        let cfg = try TestSupport.write("""
        {"territoire": {"filtrer": true}, "sources": [
          {"nom": "coop", "format": "coop", "chemin": "\(samples)/mediatheques/coop-activites-2025.xlsx", "feuille": "Activités"},
          {"nom": "carte", "format": "gpkg", "chemin": "\(samples)/lizmap/lieux-mediation.gpkg", "table": "lieux_mediation"},
          {"nom": "faux", "format": "coop", "chemin": "\(samples)/mediatheques/coop-activites-2025.xlsx", "feuille": "Inexistante"}]}
        """, to: "c.json", in: dir)
        let c = try Configuration.load(path: cfg)
        XCTAssertEqual(c.sources.map(\.feuille), ["Activités", "lieux_mediation", "Inexistante"])
        let r = try Pipeline(configuration: c, schemasPath: TestSupport.schemasPath).run()
        XCTAssertEqual(r.sources[0].activites, 623)
        XCTAssertGreaterThan(r.sources[1].lieux, 0)
        XCTAssertTrue(r.sources[2].echec?.message.contains("Inexistante") ?? false)
    }
}
