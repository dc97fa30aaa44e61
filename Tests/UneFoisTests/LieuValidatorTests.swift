import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class LieuValidatorTests: XCTestCase {
    static let schema: TableSchema = try! TableSchema(path: TestSupport.schemasPath + "/standard-mediation-num/schema_v1.0.2.json")

    func validLieu() -> Lieu {
        var l = Lieu(idSource: "1", provenance: Provenance(source: "src", file: "f.csv", line: 7))
        l.set(.pivot, "21840035000011", colonne: "siret")
        l.set(.nom, "Médiathèque La Durance", colonne: "nom")
        l.set(.commune, "Cavaillon", colonne: "commune")
        l.set(.codePostal, "84300", colonne: "cp")
        l.set(.codeInsee, "84035", colonne: "insee")
        l.set(.adresse, "12 avenue de la Gare", colonne: "adresse")
        l.set(.dateMaj, "2025-01-21", colonne: "maj")
        return l
    }

    func testSchemaLoaded() {
        XCTAssertEqual(Self.schema.fields.map(\.name), Champ.allCases.map(\.rawValue))
        XCTAssertEqual(Self.schema.version, "v1.0.2")
    }

    func testValidPlacePasses() {
        var l = validLieu()
        var issues: [Issue] = []
        XCTAssertTrue(LieuValidator(schema: Self.schema).validate(&l, issues: &issues))
        XCTAssertEqual(issues, [])
    }

    func testBadOptionalValueDroppedWithWarning() {
        var l = validLieu()
        l.set(.telephone, "0490123456", colonne: "Tel")
        var issues: [Issue] = []
        XCTAssertTrue(LieuValidator(schema: Self.schema).validate(&l, issues: &issues))
        XCTAssertNil(l[.telephone])
        XCTAssertEqual(issues.count, 1)
        XCTAssertEqual(issues[0].code, "constraint-error")
        XCTAssertEqual(issues[0].severity, .warning)
        XCTAssertEqual(issues[0].field, "Tel")
        XCTAssertEqual(issues[0].line, 7)
    }

    func testBadListItemsDroppedGoodOnesKept() {
        var l = validLieu()
        l.set(.publicsSpecifiquementAdresses, ["Jeunes", "Martiens", "Seniors"], colonne: "Public")
        var issues: [Issue] = []
        XCTAssertTrue(LieuValidator(schema: Self.schema).validate(&l, issues: &issues))
        XCTAssertEqual(l.liste(.publicsSpecifiquementAdresses), ["Jeunes", "Seniors"])
        XCTAssertEqual(issues.map(\.severity), [.warning])
        XCTAssertTrue(issues[0].message.contains("Martiens"))
    }

    func testMissingRequiredRejects() {
        var l = validLieu()
        l.remove(.adresse)
        var issues: [Issue] = []
        XCTAssertFalse(LieuValidator(schema: Self.schema).validate(&l, issues: &issues))
        XCTAssertEqual(issues.map(\.code), ["missing-cell"])
        XCTAssertEqual(issues[0].severity, .error)
        XCTAssertEqual(issues[0].field, "adresse")
    }

    func testBadRequiredRejects() {
        var l = validLieu()
        l.set(.codePostal, "8446", colonne: "cp")
        var issues: [Issue] = []
        XCTAssertFalse(LieuValidator(schema: Self.schema).validate(&l, issues: &issues))
        XCTAssertEqual(issues.map(\.code), ["constraint-error"])
        XCTAssertEqual(issues[0].field, "cp")
    }

    func testIdIsNotChecked() {
        var l = validLieu()  // no id yet: ids are assigned after deduplication
        var issues: [Issue] = []
        XCTAssertTrue(LieuValidator(schema: Self.schema).validate(&l, issues: &issues))
    }

    /// Table Schema `date` (default format) is ISO `YYYY-MM-DD`; frictionless refuses
    /// `21/01/2025`, TableSchema.check accepts it (DateText.normalise reads French dates and the
    /// length check passes), so `unefois validate` would call such a file valid.
    func testKnownBug_dateFieldAcceptsFrenchDate() throws {
        let date = try XCTUnwrap(Self.schema.field(named: "date_maj"))
        XCTAssertEqual(Self.schema.check(date, "21/01/2025")?.code, "type-error")
        XCTAssertEqual(Self.schema.check(date, "21-01-2025")?.code, "type-error")
    }

    func testTableSchemaChecks() throws {
        let s = Self.schema
        let lat = try XCTUnwrap(s.field(named: "latitude"))
        XCTAssertNil(s.check(lat, "43.83"))
        XCTAssertEqual(s.check(lat, "nan")?.code, "type-error")
        XCTAssertEqual(s.check(lat, "abc")?.code, "type-error")
        let date = try XCTUnwrap(s.field(named: "date_maj"))
        XCTAssertNil(s.check(date, "2025-01-21"))
        XCTAssertEqual(s.check(date, "2025-02-31")?.code, "type-error")
        let resume = try XCTUnwrap(s.field(named: "presentation_resume"))
        XCTAssertEqual(s.check(resume, String(repeating: "a", count: 281))?.code, "constraint-error")
        XCTAssertNil(s.check(resume, String(repeating: "a", count: 280)))
        let insee = try XCTUnwrap(s.field(named: "code_insee"))
        XCTAssertNil(s.check(insee, "2A004"))
        XCTAssertEqual(s.check(insee, "84 035")?.code, "constraint-error")
    }
}
