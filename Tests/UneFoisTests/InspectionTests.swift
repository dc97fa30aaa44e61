import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// `unefois inspect`: detection on the bundled samples, and the draft mapping must load.
final class InspectionTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = repo.appendingPathComponent("Sources/UneFois/Resources/schemas").path

    func inspect(_ relative: String) throws -> Inspection {
        let synonyms = try Inspection.Synonyms(path: Self.schemas + "/inspection/synonymes-colonnes.csv")
        let file = try MappedFile(path: Self.repo.appendingPathComponent(relative).path)
        return try Inspection.inspect(bytes: file.bytes, file: relative, synonyms: synonyms)
    }

    /// The draft is accepted by MappingLoader and says what the inspection found.
    func assertDraftLoads(_ i: Inspection, file: StaticString = #filePath, line: UInt = #line) throws -> Mapping {
        let crosswalks = try CrosswalkStore(directory: Self.schemas + "/correspondances/tables")
        let mapping = try MappingLoader.parse(i.draftMapping(), name: "brouillon", where: "brouillon.json", crosswalks: crosswalks)
        XCTAssertEqual(mapping.cible, i.cible, file: file, line: line)
        XCTAssertEqual(mapping.champs.count, i.mappedFields.count, file: file, line: line)
        // Written and re-read as a file, it loads the same.
        let bytes = JSONWriter.document(i.draftMapping())
        let reparsed = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        XCTAssertEqual(reparsed, i.draftMapping(), file: file, line: line)
        return mapping
    }

    func testFranceServicesCSV() throws {
        let i = try inspect("samples/france-services/liste-france-services.csv")
        XCTAssertEqual(i.format, .csv)
        XCTAssertEqual(i.encoding, .utf8BOM)
        XCTAssertEqual(i.separator, UInt8(ascii: ";"))
        XCTAssertEqual(i.headerLine, 1)
        XCTAssertEqual(i.rowCount, 5)
        XCTAssertEqual(i.columns.count, 21)
        XCTAssertEqual(i.identifiant, "id_fs")
        let m = try assertDraftLoads(i)
        XCTAssertEqual(m.lecture.separator, UInt8(ascii: ";"))
        XCTAssertEqual(m.regle("nom")?.colonnes, ["lib_fs"])
        XCTAssertEqual(m.regle("code_insee")?.colonnes, ["insee_com"])
        XCTAssertEqual(m.regle("courriels")?.colonnes, ["mail"])
        // One column per day: the hours of the week, as the built-in France Services mapping does.
        XCTAssertEqual(m.regle("horaires")?.jours.map(\.jour), ["Mo", "Tu", "We", "Th", "Fr", "Sa"])
        XCTAssertEqual(m.regle("horaires")?.jours.first?.colonne, "h_lundi")
        XCTAssertFalse(i.unmappedColumns.contains("h_lundi"))
        // « prise_rdv » holds Oui/Non: ways in, not the standard's booking link.
        XCTAssertNil(m.regle("prise_rdv"))
        XCTAssertEqual(m.regle("modalites_acces")?.conditions.map(\.alors), [["Téléphoner", "Contacter par mail"], ["Se présenter"]])
        XCTAssertEqual(i.columns.first { $0.name == "h_samedi" }?.filled, 1)
        XCTAssertTrue(i.text().contains("rempli à 20 %"))
    }

    func testCoopActivitiesInWindows1252() throws {
        let i = try inspect("samples/mediatheques/coop-activites-2025.csv")
        XCTAssertEqual(i.encoding, .windows1252)
        XCTAssertEqual(i.separator, UInt8(ascii: ";"))
        XCTAssertEqual(i.rowCount, 628)
        XCTAssertEqual(i.cible, .activite)
        XCTAssertEqual(i.columns[3].name, "Médiateur")  // decoded from cp1252
        let m = try assertDraftLoads(i)
        XCTAssertEqual(m.lecture.encoding, .windows1252)
        XCTAssertEqual(m.regle("duree_min")?.colonnes, ["Durée (min)"])
    }

    func testDoraJSON() throws {
        let i = try inspect("samples/dora/dora-structures-page1.json")
        XCTAssertEqual(i.format, .json)
        XCTAssertNil(i.encoding)
        XCTAssertEqual(i.rowCount, 11)
        XCTAssertEqual(i.identifiant, "id")
        let m = try assertDraftLoads(i)
        XCTAssertEqual(m.regle("horaires")?.colonnes, ["horaires_ouverture"])
        XCTAssertEqual(m.regle("siret")?.colonnes, ["siret"])
    }

    func testGeoFormatsAndSuivi() throws {
        XCTAssertEqual(try inspect("samples/lizmap/lieux-mediation.gml").format, .gml)
        let geo = try inspect("samples/lizmap/lieux-mediation-l93.geojson")
        XCTAssertEqual(geo.format, .geojson)
        _ = try assertDraftLoads(geo)
        let suivi = try inspect("samples/suivi-actions.csv")
        XCTAssertEqual(suivi.cible, .suivi)
        _ = try assertDraftLoads(suivi)
    }

    func testCloseNamesAreRecognised() throws {
        let synonyms = try Inspection.Synonyms(path: Self.schemas + "/inspection/synonymes-colonnes.csv")
        var csv = Array("Raison sociale,Code Postal,Téléphone,Code_Postale,Site internet,E-mail,divers\nA,84300,0490,84300,x,y,z\n".utf8)
        let i = try csv.withUnsafeMutableBytes { try Inspection.inspect(bytes: UnsafeRawBufferPointer($0), file: "t.csv", synonyms: synonyms) }
        let byColumn = Dictionary(uniqueKeysWithValues: i.columns.map { ($0.name, $0.champ ?? "-") })
        XCTAssertEqual(byColumn["Raison sociale"], "nom")
        XCTAssertEqual(byColumn["Code Postal"], "code_postal")
        XCTAssertEqual(byColumn["Code_Postale"], "-")  // code_postal already taken by the exact match
        XCTAssertEqual(byColumn["Téléphone"], "telephone")
        XCTAssertEqual(byColumn["Site internet"], "site_web")
        XCTAssertEqual(byColumn["E-mail"], "courriels")
        XCTAssertEqual(i.unmappedColumns, ["Code_Postale", "divers"])
        _ = try assertDraftLoads(i)
    }
}
