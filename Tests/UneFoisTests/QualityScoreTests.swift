import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class QualityScoreTests: XCTestCase {
    func testFreshnessIsOneUnderSixMonthsAndZeroAtTwoYears() {
        XCTAssertEqual(QualityScore.fraicheur("2025-12-01", reference: "2025-12-31"), 1)
        XCTAssertEqual(QualityScore.fraicheur("2025-07-02", reference: "2025-12-31"), 1)
        XCTAssertEqual(QualityScore.fraicheur("2023-12-31", reference: "2025-12-31"), 0)
        XCTAssertEqual(QualityScore.fraicheur("2020-01-01", reference: "2025-12-31"), 0)
        // Halfway between 6 months (182.5 days) and 2 years (730 days): 456 days → about 0.5.
        XCTAssertEqual(QualityScore.fraicheur("2024-10-01", reference: "2025-12-31"), 0.5, accuracy: 0.01)
        XCTAssertEqual(QualityScore.fraicheur(nil, reference: "2025-12-31"), 0)
    }

    func testScoreIsTheMeanOfTheCriteria() {
        var l = Lieu(idSource: "x", provenance: Provenance(source: "s", file: "f", line: 2))
        l.set(.dateMaj, "2025-12-01", colonne: "d")
        l.set(.telephone, "+33490000000", colonne: "t")
        l.set(.services, ["Aide aux démarches administratives"], colonne: "s")
        l.set(.pivot, "00000000000000", colonne: "calcul")
        let q = QualityScore.evaluate(l, reference: "2025-12-31")
        XCTAssertEqual(q.criteres.count, 8)
        XCTAssertEqual(q.score, 0.38, "3 of 8 criteria met")
        XCTAssertEqual(q.manques, ["horaires", "position", "description", "identifiant", "modalités d'accès"])
    }

    func testReferenceDateFromConfigurationIsChecked() throws {
        let dir = try TestSupport.temporaryDirectory(self)
        let ok = try TestSupport.write(#"{"date_reference": "2026-01-15", "sources": []}"#, to: "a.json", in: dir)
        XCTAssertEqual(try Configuration.load(path: ok).dateReference, "2026-01-15")
        let bad = try TestSupport.write(#"{"date_reference": "15/01/2026", "sources": []}"#, to: "b.json", in: dir)
        XCTAssertThrowsError(try Configuration.load(path: bad))
    }
}
