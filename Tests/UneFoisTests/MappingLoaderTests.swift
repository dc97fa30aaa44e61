import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class MappingLoaderTests: XCTestCase {
    func crosswalks() -> CrosswalkStore {
        let c = CrosswalkStore()
        c.add("publics", ["jeunes": ["jeunes"]])
        return c
    }

    func parse(_ json: String) throws -> Mapping {
        try MappingLoader.parse(try JSONParser.parse(json), name: "essai", where: "essai.json", crosswalks: crosswalks())
    }

    func message(_ json: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try parse(json)
            XCTFail("should be refused", file: file, line: line)
            return ""
        } catch let e as OperationalError {
            XCTAssertEqual(e.kind, .configuration, file: file, line: line)
            XCTAssertEqual(e.exitCode, 78, file: file, line: line)
            return e.message
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return ""
        }
    }

    func testValidMapping() throws {
        let m = try parse("""
        {"type": "lieu", "lecture": {"encodage": "windows-1252", "separateur": ";", "ligne_entete": 2},
         "identifiant": {"colonnes": ["a", "b"]},
         "ignorer": [{"colonne": "nom", "valeurs": ["Total"]}],
         "champs": {"nom": "Nom", "publics_specifiquement_adresses": {"colonne": "Public", "valeurs": "@publics"},
                    "horaires": {"jours": {"Mo": "Lundi", "Tu": "Mardi"}}, "siret": {"colonne": "SIRET"}}}
        """)
        XCTAssertEqual(m.cible, .lieu)
        XCTAssertEqual(m.nom, "essai")
        XCTAssertEqual(m.lecture.encoding, .windows1252)
        XCTAssertEqual(m.lecture.separator, UInt8(ascii: ";"))
        XCTAssertEqual(m.lecture.headerRecord, 2)
        XCTAssertEqual(m.identifiant, ["a", "b"])
        XCTAssertEqual(m.ignorer.first?.valeurs, ["total"])
        XCTAssertEqual(m.champs.map(\.champ), ["nom", "publics_specifiquement_adresses", "horaires", "siret"])
        XCTAssertEqual(m.regle("nom")?.colonnes, ["Nom"])
        XCTAssertEqual(m.regle("publics_specifiquement_adresses")?.valeurs?["jeunes"], ["jeunes"])
        XCTAssertEqual(m.regle("horaires")?.jours.map(\.jour), ["Mo", "Tu"])
    }

    func testUnknownRootKeyNamed() {
        let msg = message(#"{"champs": {}, "colonnes": []}"#)
        XCTAssertTrue(msg.contains("« colonnes »"), msg)
        XCTAssertTrue(msg.contains("clé inconnue"), msg)
    }

    func testUnknownRuleKeyNamed() {
        let msg = message(#"{"champs": {"nom": {"colone": "Nom"}}}"#)
        XCTAssertTrue(msg.contains("« champs.nom.colone »"), msg)
    }

    func testUnknownTargetField() {
        let msg = message(#"{"champs": {"nom_du_lieu": "Nom"}}"#)
        XCTAssertTrue(msg.contains("champs.nom_du_lieu"), msg)
        XCTAssertTrue(msg.contains("champ cible inconnu"), msg)
    }

    func testBadTypes() {
        XCTAssertTrue(message(#"{"champs": []}"#).contains("« champs »"))
        XCTAssertTrue(message(#"{"champs": {"nom": 3}}"#).contains("« champs.nom »"))
        XCTAssertTrue(message(#"{"type": "lieux", "champs": {}}"#).contains("« type »"))
        XCTAssertTrue(message(#"{"lecture": {"encodage": 1252}, "champs": {}}"#).contains("« lecture.encodage »"))
        XCTAssertTrue(message(#"{"lecture": {"encodage": "ebcdic"}, "champs": {}}"#).contains("« lecture.encodage »"))
        XCTAssertTrue(message(#"{"lecture": {"ligne_entete": 0}, "champs": {}}"#).contains("« lecture.ligne_entete »"))
        XCTAssertTrue(message(#"{"champs": {"nom": {"colonne": "N", "inconnu": "oublier"}}}"#).contains("« champs.nom.inconnu »"))
        XCTAssertTrue(message(#"{"champs": {"nom": {"colonne": "N", "format": "jj/mm/aa"}}}"#).contains("« champs.nom.format »"))
        XCTAssertTrue(message(#"{"champs": {"horaires": {"jours": {"Lu": "Lundi"}}}}"#).contains("« champs.horaires.jours.Lu »"))
        XCTAssertTrue(message(#"{"champs": {"typologie": {"regles": [{"colonne": "x", "alors": "BIB"}]}}}"#).contains("« champs.typologie.regles[0] »"))
        XCTAssertTrue(message(#"{"champs": {"nom": {"joindre": " "}}}"#).contains("« champs.nom »"), "a rule without a source")
    }

    func testUnknownCrosswalkNamed() {
        let msg = message(#"{"champs": {"publics_specifiquement_adresses": {"colonne": "P", "valeurs": "@inexistante"}}}"#)
        XCTAssertTrue(msg.contains("« inexistante » introuvable"), msg)
        XCTAssertTrue(msg.contains("publics"), "lists the available tables: \(msg)")
    }

    func testActiviteTargets() throws {
        let m = try parse(#"{"type": "activite", "champs": {"date": {"colonne": "Date", "format": "jj/mm/aaaa"}}}"#)
        XCTAssertEqual(m.cible, .activite)
        XCTAssertTrue(message(#"{"type": "activite", "champs": {"nom": "Nom"}}"#).contains("champs.nom"))
    }

    func testLoadFromFileReportsJSONLine() throws {
        let dir = try TestSupport.temporaryDirectory(self, "mapping")
        let path = try TestSupport.write("{\n\"champs\": {\n\"nom\": \"Nom\",\n}\n}\n", to: "casse.json", in: dir)
        XCTAssertThrowsError(try MappingLoader.load(path: path, crosswalks: crosswalks())) { error in
            let e = error as? OperationalError
            XCTAssertEqual(e?.kind, .configuration)
            XCTAssertEqual(e?.location.line, 4, e?.message ?? "")
        }
    }

    func testBuiltInMappingsLoad() throws {
        let store = try CrosswalkStore(directory: TestSupport.schemasPath + "/correspondances/tables")
        for name in ["coop", "datainclusion", "dora", "france-services", "france-services-activite", "suivi-actions"] {
            XCTAssertNoThrow(try MappingLoader.load(path: TestSupport.schemasPath + "/correspondances/\(name).json", crosswalks: store), name)
        }
    }
}
