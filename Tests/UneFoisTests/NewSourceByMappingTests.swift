import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// « Tell us once »: the data officer adds a source she has never seen with a mapping file only —
/// `inspect` drafts it, she completes it, `run` publishes.
final class NewSourceByMappingTests: XCTestCase {
    func testInspectDraftCompleteRun() throws {
        let dir = try TestSupport.temporaryDirectory(self, "nouvelle-source")
        // An export of the Département's directory, French Excel CSV (Windows-1252, « ; »).
        let csv = "Nom de la structure;Adresse;CP;Ville;Tél.;Courriel;Horaires d'ouverture;Label\r\n"
            + "Espace numérique du Cours;12 cours Gambetta;84300;Cavaillon;04 90 11 22 33;EPN@exemple-lmv.fr;du lundi au vendredi de 9h à 12h;Conseiller numérique\r\n"
            + "Point numérique de Lauris;3 place de l'Église;84360;Lauris;04.90.44.55.66;;mardi de 14h à 17h;\r\n"
        let bytes = Array(csv.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value == 0x2019 ? 0x92 : $0.value) })
        let path = dir.appendingPathComponent("annuaire-cd84.csv").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))

        // 1. inspect writes a draft mapping.
        let draftPath = dir.appendingPathComponent("annuaire-cd84.json").path
        let inspect = try TestSupport.runCLI(["inspect", path, "--ecrire", draftPath])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertTrue(inspect.stdout.contains("Windows-1252"), inspect.stdout)

        // 2. She completes it: the export has no update date, and the label needs translating.
        var draft = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: draftPath))) as? [String: Any])
        var champs = try XCTUnwrap(draft["champs"] as? [String: Any])
        XCTAssertEqual(champs["nom"] as? String, "Nom de la structure")
        XCTAssertEqual(champs["code_postal"] as? String, "CP")
        champs["date_maj"] = ["defaut": "2025-11-03"]
        champs["horaires"] = "Horaires d'ouverture"
        champs["dispositif_programmes_nationaux"] = ["colonne": "Label", "valeurs": ["Conseiller numérique": "Conseillers numériques"]]
        draft["champs"] = champs
        try JSONSerialization.data(withJSONObject: draft, options: [.prettyPrinted]).write(to: URL(fileURLWithPath: draftPath))

        // 3. run publishes both places, with normalised values.
        let out = dir.appendingPathComponent("sortie").path
        let run = try TestSupport.runCLI(["run", "--source", "annuaire=csv:" + path, "--correspondance", draftPath, "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let lieux = try String(contentsOfFile: out + "/lieux.csv", encoding: .utf8)
        XCTAssertEqual(lieux.split(separator: "\n").count, 3, lieux)
        XCTAssertTrue(lieux.contains("+33490112233"), lieux)
        XCTAssertTrue(lieux.contains("epn@exemple-lmv.fr"), lieux)
        XCTAssertTrue(lieux.contains("Mo-Fr 09:00-12:00"), lieux)
        XCTAssertTrue(lieux.contains("Conseillers numériques"), lieux)
        XCTAssertTrue(lieux.contains("84065"), "INSEE code found from the commune and postal code")
    }
}
