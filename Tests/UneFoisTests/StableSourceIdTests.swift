import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Review item 3: an export without an id column must not get ids that follow line order.
final class StableSourceIdTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = repo.appendingPathComponent("Sources/UneFois/Resources/schemas").path

    static let header = "Nom;Adresse;Commune;Téléphone\n"
    static let rows = [
        "Médiathèque La Durance;Rue du Languedoc;Cavaillon;0490710000\n",
        "Mairie de Lauris;Place Joseph Garcin;Lauris;0490080000\n",
        "France Services;12 rue Raspail;Mérindol;0490720000\n",
    ]

    func inspect(_ text: String) throws -> Inspection {
        let synonyms = try Inspection.Synonyms(path: Self.schemas + "/inspection/synonymes-colonnes.csv")
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBytes { try Inspection.inspect(bytes: $0, file: "sans-id.csv", synonyms: synonyms) }
    }

    func ids(_ m: Mapping, _ text: String) throws -> (ids: [String: String], issues: [Issue]) {
        let bytes = Array(text.utf8)
        let t = try bytes.withUnsafeBytes { try CSVTableReader.read(bytes: $0, options: CSVReadOptions(), source: "src", file: "f.csv") }
        let a = MappingApplier(mapping: m, table: t, source: "src", file: "f.csv")
        var out: [String: String] = [:]
        for r in t.records { out[r.value(t.index(of: "Nom")).text!] = a.apply(r).idSource }
        return (out, a.fileIssues())
    }

    func testInspectDraftsAFingerprintIdentifier() throws {
        let i = try inspect(Self.header + Self.rows.joined())
        XCTAssertNil(i.identifiant)
        XCTAssertEqual(i.empreinte, ["Nom", "Adresse", "Commune"])
        XCTAssertTrue(i.text().contains("empreinte"))
        let crosswalks = try CrosswalkStore(directory: Self.schemas + "/correspondances/tables")
        let m = try MappingLoader.parse(i.draftMapping(), name: "brouillon", where: "brouillon.json", crosswalks: crosswalks)
        XCTAssertEqual(m.empreinte, ["Nom", "Adresse", "Commune"])
        // Ids do not move when a row is inserted at the top and the others reordered.
        let before = try ids(m, Self.header + Self.rows.joined())
        let after = try ids(m, Self.header + "Nouveau lieu;1 rue Neuve;Cheval-Blanc;0490000000\n" + Self.rows.reversed().joined())
        for (nom, id) in before.ids { XCTAssertEqual(after.ids[nom], id, nom) }
        XCTAssertFalse(before.ids.values.contains { $0.hasPrefix("L") })
    }

    func testAnIdColumnWithDuplicatesIsNotUsable() throws {
        let i = try inspect("id;Nom;Adresse;Commune\n1;A;Rue 1;Cavaillon\n1;B;Rue 2;Lauris\n")
        XCTAssertNil(i.identifiant)
        XCTAssertNotNil(i.identifiantRefuse)
        XCTAssertEqual(i.empreinte, ["Nom", "Adresse", "Commune"])
    }

    func testMappingWithoutIdentifierUsesContentKeyAndSaysSoOnce() throws {
        let m = try MappingLoader.parse(try JSONParser.parse(#"{"champs": {"nom": "Nom", "adresse": "Adresse", "commune": "Commune"}}"#), name: "essai", where: "essai.json", crosswalks: CrosswalkStore())
        let before = try ids(m, Self.header + Self.rows.joined())
        let after = try ids(m, Self.header + "X;Y;Lauris;1\n" + Self.rows.reversed().joined())
        for (nom, id) in before.ids { XCTAssertEqual(after.ids[nom], id, nom) }
        XCTAssertEqual(before.issues.filter { $0.code == "id-from-content" }.count, 1)
        XCTAssertEqual(before.issues.first { $0.code == "id-from-content" }?.severity, .info)
    }

    func testLoaderRejectsEmptyFingerprint() throws {
        XCTAssertThrowsError(try MappingLoader.parse(try JSONParser.parse(#"{"identifiant": {"empreinte": []}, "champs": {"nom": "Nom"}}"#), name: "e", where: "e.json", crosswalks: CrosswalkStore()))
    }
}
