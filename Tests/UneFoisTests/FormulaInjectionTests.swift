import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class FormulaInjectionTests: XCTestCase {
    func testHumanFacingCSVNeverStartsACellWithAFormula() {
        var w = CSVWriter(protectFormulas: true)
        w.row(["=HYPERLINK(\"http://x\")", "+33490000000", "-1", "@SUM(A1)", "ok"])
        XCTAssertEqual(String(decoding: w.bytes, as: UTF8.self), "\"'=HYPERLINK(\"\"http://x\"\")\",'+33490000000,'-1,'@SUM(A1),ok\n")
        var open = CSVWriter()
        open.row(["=1+1", "+33490000000"])
        XCTAssertEqual(String(decoding: open.bytes, as: UTF8.self), "=1+1,+33490000000\n", "the open-data writer never alters values")
    }

    func testPublishedValueStartingWithEqualsIsFlaggedNotAltered() throws {
        let schema = try TableSchema(path: TestSupport.schemasPath + "/standard-mediation-num/schema_v1.0.2.json")
        var l = Lieu(idSource: "x", provenance: Provenance(source: "s", file: "f.csv", line: 4))
        for (c, v) in [(Champ.pivot, "00000000000000"), (.nom, "=cmd|' /C calc'!A0"), (.commune, "Cavaillon"), (.codePostal, "84300"), (.adresse, "1 rue A"), (.dateMaj, "2025-01-01")] {
            l.set(c, v, colonne: c.rawValue)
        }
        var issues: [Issue] = []
        XCTAssertTrue(LieuValidator(schema: schema).validate(&l, issues: &issues))
        XCTAssertEqual(l[.nom], "=cmd|' /C calc'!A0")
        XCTAssertEqual(issues.map(\.code), ["formula-injection"])
        XCTAssertEqual(issues.first?.line, 4)
    }
}
