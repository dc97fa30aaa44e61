import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Every row of every crosswalk table under `schemas/correspondances/tables/` is checked against
/// the vocabularies on both sides: a typo in a data file fails here, not in the hub's validator.
final class CrosswalkTablesTests: XCTestCase {
    static let schemas = TestSupport.schemasPath
    static let v1 = try! TableSchema(path: schemas + "/standard-mediation-num/schema_v1.0.2.json")
    static let v0 = try! TableSchema(path: schemas + "/standard-mediation-num/schema_v0.1.1.json")

    /// An enum of the data·inclusion v1 schemas (`$defs`).
    static func diEnum(_ def: String) throws -> Set<String> {
        for file in ["structure", "service"] {
            let f = try MappedFile(path: schemas + "/data-inclusion/v1/\(file).json")
            if let values = try JSONParser.parse(f.bytes)["$defs"]?[def]?["enum"]?.arrayValue {
                return Set(values.compactMap(\.stringValue))
            }
        }
        XCTFail("no $defs/\(def)")
        return []
    }

    static func rows(_ table: String) throws -> [(source: String, cible: String)] {
        let f = try MappedFile(path: schemas + "/correspondances/tables/\(table).csv")
        let t = try CSVTableReader.read(bytes: f.bytes, options: CSVReadOptions(encoding: .utf8, separator: UInt8(ascii: ",")), source: "t", file: table)
        XCTAssertEqual(t.columns, ["source", "cible"], table)
        XCTAssertTrue(t.issues.isEmpty, "\(table): \(t.issues.map(\.message))")
        XCTAssertTrue(t.records.allSatisfy { $0.rejection == nil && $0.values.count == 2 }, "\(table): malformed row")
        return t.records.map { ($0.values[0].text ?? "", $0.values[1].text ?? "") }
    }

    func check(_ table: String, sources: ((String) -> Bool)?, cibles: (String) -> Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let rows = try Self.rows(table)
        XCTAssertFalse(rows.isEmpty, table, file: file, line: line)
        for r in rows {
            if let sources { XCTAssertTrue(sources(r.source), "\(table): source « \(r.source) » unknown", file: file, line: line) }
            XCTAssertTrue(cibles(r.cible), "\(table): target « \(r.cible) » unknown", file: file, line: line)
        }
    }

    func v1(_ field: String) -> (String) -> Bool {
        let f = Self.v1.field(named: field)!
        return { Self.v1.check(f, $0) == nil }
    }

    func v0(_ field: String) -> (String) -> Bool {
        let f = Self.v0.field(named: field)!
        return { Self.v0.check(f, $0) == nil }
    }

    func testStandardToDataInclusion() throws {
        try check("services-thematiques", sources: v1("services"), cibles: Set(try Self.diEnum("Thematique")).contains)
        try check("dispositifs-reseaux-porteurs", sources: v1("dispositif_programmes_nationaux"), cibles: Set(try Self.diEnum("ReseauPorteur")).contains)
        try check("modalites-accompagnement-type", sources: v1("modalites_accompagnement"), cibles: Set(try Self.diEnum("TypeService")).contains)
        try check("modalites-acces-modes-mobilisation", sources: v1("modalites_acces"), cibles: Set(try Self.diEnum("ModeMobilisation")).contains)
        try check("publics", sources: v1("publics_specifiquement_adresses"), cibles: Set(try Self.diEnum("Public")).contains)
        try check("frais", sources: v1("frais_a_charge"), cibles: Set(try Self.diEnum("Frais")).contains)
    }

    func testLegacyStandardToV1() throws {
        try check("services-v0-v1", sources: v0("services"), cibles: v1("services"))
        try check("modalites-accompagnement-v0-v1", sources: v0("modalites_accompagnement"), cibles: v1("modalites_accompagnement"))
        try check("publics-v0-v1", sources: v0("publics_accueillis"), cibles: v1("publics_specifiquement_adresses"))
        try check("prise-en-charge-v0-v1", sources: nil, cibles: v1("prise_en_charge_specifique"))
        try check("frais-v0-v1", sources: { self.v0("conditions_acces")($0) || self.v1("frais_a_charge")($0) }, cibles: v1("frais_a_charge"))
    }

    /// The data·inclusion enumerations of `../shared/realdata` (beside the repository in CI).
    static func sharedEnumerations() throws -> String {
        let dir = TestSupport.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata/data-inclusion-schema").path
        try XCTSkipUnless(FileManager.default.fileExists(atPath: dir), "shared/ reference data not beside the repository")
        return dir
    }

    func testDataInclusionV0ToStandard() throws {
        let f = try MappedFile(path: try Self.sharedEnumerations() + "/v0/extra/thematiques.json")
        let v0Thematiques = Set((try JSONParser.parse(f.bytes).arrayValue ?? []).compactMap { $0["value"]?.stringValue })
        let v1Thematiques = try Self.diEnum("Thematique")
        try check("thematiques-services", sources: { v0Thematiques.contains($0) || v1Thematiques.contains($0) }, cibles: v1("services"))
        try check("labels-nationaux-dispositifs", sources: nil, cibles: v1("dispositif_programmes_nationaux"))
    }

    func testDataInclusionServicesToStandard() throws {
        let shared = try Self.sharedEnumerations()
        func values(_ version: String, _ file: String) throws -> Set<String> {
            let f = try MappedFile(path: shared + "/\(version)/extra/\(file).json")
            return Set((try JSONParser.parse(f.bytes).arrayValue ?? []).compactMap { $0["value"]?.stringValue })
        }
        let types = try values("v0", "typologies-de-services").union(try values("v1", "types-de-services")).union(try values("v1", "modes-accueil"))
        try check("di-types-modalites-accueil", sources: types.contains, cibles: v1("modalites_accompagnement"))
        try check("di-frais", sources: try values("v0", "frais").union(try values("v1", "frais")).contains, cibles: v1("frais_a_charge"))
        let publics = try values("v0", "profils").union(try values("v1", "publics"))
        try check("di-publics", sources: publics.contains, cibles: v1("publics_specifiquement_adresses"))
        try check("di-prise-en-charge", sources: publics.contains, cibles: v1("prise_en_charge_specifique"))
        try check("di-modes-mobilisation", sources: try values("v0", "modes-orientation-beneficiaire").union(try values("v1", "modes-mobilisation")).contains, cibles: v1("modalites_acces"))
    }

    func testCoopThemesToStandardServices() throws {
        try check("coop-thematiques-services", sources: nil, cibles: v1("services"))
    }

    func testFranceServicesPartners() throws {
        let partners: Set<String> = ["DGFiP", "CAF", "CPAM", "MSA", "CARSAT", "France Travail", "La Poste", "ANTS", "Justice", "France Rénov'"]
        try check("partenaires-france-services", sources: nil, cibles: partners.contains)
        XCTAssertEqual(Set(try Self.rows("partenaires-france-services").map(\.cible)), partners, "all ten partners reachable")
    }

    func testEveryTableIsChecked() throws {
        let tables = try FileManagerShim.list(Self.schemas + "/correspondances/tables").filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }
        let checked: Set<String> = ["services-thematiques", "dispositifs-reseaux-porteurs", "modalites-accompagnement-type", "modalites-acces-modes-mobilisation",
                                    "publics", "frais", "services-v0-v1", "modalites-accompagnement-v0-v1", "publics-v0-v1", "prise-en-charge-v0-v1",
                                    "frais-v0-v1", "thematiques-services", "labels-nationaux-dispositifs", "partenaires-france-services", "coop-thematiques-services",
                                    "di-types-modalites-accueil", "di-frais", "di-publics", "di-prise-en-charge", "di-modes-mobilisation"]
        XCTAssertEqual(Set(tables).subtracting(checked), [], "a new table needs its row checks here")
    }

    /// Constants and translated values written in the shipped mappings are valid standard values.
    func testShippedMappingsProduceStandardValues() throws {
        let store = try CrosswalkStore(directory: Self.schemas + "/correspondances/tables")
        var files = try FileManagerShim.list(Self.schemas + "/correspondances").filter { $0.hasSuffix(".json") }
        files += try FileManagerShim.list(Self.schemas + "/correspondances/hub").filter { $0.hasSuffix(".json") }.map { "hub/" + $0 }
        XCTAssertGreaterThanOrEqual(files.count, 10)
        for name in files {
            let m = try MappingLoader.load(path: Self.schemas + "/correspondances/" + name, crosswalks: store)
            guard m.cible == .lieu else { continue }
            for (champ, regle) in m.champs {
                guard let field = Self.v1.field(named: champ), Champ(rawValue: champ)?.isList == true else { continue }
                var values = regle.constante ?? []
                values += regle.conditions.flatMap(\.alors)
                if let t = regle.valeurs { values += t.values.flatMap { $0 } }
                for v in values where champ != "typologie" && champ != "autres_formations_labels" {
                    XCTAssertNil(Self.v1.check(field, v), "\(name): « \(v) » is not a valid \(champ)")
                }
            }
        }
    }
}
