import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class ServiceCrosswalkTests: XCTestCase {
    func testServiceFollowsTheHubsRules() throws {
        let store = try CrosswalkStore(directory: TestSupport.schemasPath + "/correspondances/tables")
        var l = Lieu(idSource: "x", provenance: Provenance(source: "s", file: "f", line: 2))
        l.set(.id, "lmv-1", colonne: "calcul")
        l.set(.services, ["Aide aux démarches administratives", "Accès internet et matériel informatique"], colonne: "s")
        l.set(.modalitesAccompagnement, ["Accompagnement individuel", "Dans un atelier collectif", "À distance"], colonne: "m")
        l.set(.modalitesAcces, ["Se présenter", "Téléphoner"], colonne: "a")
        l.set(.fraisACharge, ["Gratuit"], colonne: "f")
        l.set(.dispositifProgrammesNationaux, ["France Services", "Conseillers numériques"], colonne: "d")
        let c = ServiceCrosswalk(crosswalks: store)
        let s = c.service(for: l)
        XCTAssertEqual(s.id, "lmv-1--accompagnement-numerique")
        XCTAssertEqual(s.structureId, "lmv-1")
        XCTAssertEqual(s.type, "atelier", "atelier wins over accompagnement")
        XCTAssertEqual(s.thematiques, ["numerique--acceder-a-des-services-en-ligne", "numerique--acceder-a-une-connexion-internet"])
        XCTAssertEqual(s.modesMobilisation, ["se-presenter", "telephoner"])
        XCTAssertEqual(s.modesAccueil, ["a-distance", "en-presentiel"])
        XCTAssertEqual(s.frais, "gratuit")
        XCTAssertEqual(s.publics, ["tous-publics"], "no specific public: everyone")
        XCTAssertEqual(c.reseauxPorteurs(for: l), ["conseillers-numeriques", "france-service"])
        // Mixed fees are left unknown rather than guessed.
        l.set(.fraisACharge, ["Gratuit", "Payant"], colonne: "f")
        XCTAssertNil(c.service(for: l).frais)
    }
}
