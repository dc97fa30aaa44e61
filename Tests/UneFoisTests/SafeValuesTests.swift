import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest

/// Published values are safe: http(s) only in URL fields, no control characters, no 50 MB field,
/// formula-like cells flagged (and neutralised in the office-oriented files).
final class SafeValuesTests: XCTestCase {
    func testHostileValuesAreCleanedAndReportedEndToEnd() throws {
        let dir = try TestSupport.temporaryDirectory(self, "safe")
        let long = String(repeating: "a", count: 20_000)
        var csv = "id,nom,commune,code_postal,code_insee,adresse,latitude,longitude,date_maj,services,frais_a_charge,prise_rdv,fiche_acces_libre,presentation_detail,presentation_resume\n"
        csv += "L1,Lieu\u{0}un,Cavaillon,84300,84035,1 rue A,43.83,5.03,2025-06-12,Aide aux démarches administratives,Gratuit,javascript:alert(1),\"data:text/html,<script>alert(1)</script>\",\(long),+SUM(A1:A9)\n"
        csv += "L2,Lieu deux,Cavaillon,84300,84035,2 rue B,43.84,5.04,2025-06-12,Aide aux démarches administratives,Gratuit,https://rdv.exemple.fr/lieu2,http://acceslibre.beta.gouv.fr/x,Court,+33 4 90 00 00 00\n"
        let path = try TestSupport.write(csv, to: "lieux.csv", in: dir)
        let out = dir.path + "/sortie"
        let r = try TestSupport.runCLI(["run", "--silencieux", "--source", "hostile=mednum:" + path, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lieux = try String(contentsOfFile: out + "/lieux.csv", encoding: .utf8)
        XCTAssertFalse(lieux.contains("javascript:"))
        XCTAssertFalse(lieux.contains("data:text/html"))
        XCTAssertFalse(lieux.contains("\u{0}"))
        XCTAssertTrue(lieux.contains("Lieuun"), "the NUL byte is removed, the rest kept")
        XCTAssertTrue(lieux.contains("https://rdv.exemple.fr/lieu2"))
        XCTAssertFalse(lieux.contains(String(repeating: "a", count: 10_001)))
        let rows = TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/rejets.csv")))
        func codes(_ field: String) -> [String] { rows.filter { $0.count > 4 && $0[3] == field }.map { $0[4] } }
        XCTAssertTrue(codes("prise_rdv").contains("url-scheme-refused"), "\(rows)")
        XCTAssertTrue(codes("fiche_acces_libre").contains("url-scheme-refused"))
        XCTAssertTrue(codes("nom").contains("control-character"))
        XCTAssertTrue(codes("presentation_detail").contains("field-too-long"))
        XCTAssertEqual(rows.filter { $0.count > 4 && $0[4] == "formula-injection" }.count, 1, "+SUM(…) flagged, a phone number not")
    }

    func testFormulaRule() {
        for s in ["=1+1", "@SUM(A1)", "+SUM(A1)", "-cmd|' /C calc'!A0", "\tx", "\rx"] { XCTAssertTrue(SafeValues.looksLikeFormula(s), s) }
        for s in ["+33 4 90 71 23 45", "-5", "Lieu", "", "https://x.fr"] { XCTAssertFalse(SafeValues.looksLikeFormula(s), s) }
        // ASCII is decided on bytes, then Unicode properties from the first other character:
        // the same answers as reading every character's properties.
        func reference(_ s: String) -> Bool {
            guard let first = s.unicodeScalars.first else { return false }
            switch first {
            case "=", "@", "\t", "\r": return true
            case "+", "-": return s.unicodeScalars.dropFirst().contains { $0.properties.isAlphabetic || $0 == "(" || $0 == "!" || $0 == "|" }
            default: return false
            }
        }
        let cases = ["+33 (0)4 90", "+33 4 90 71 23 45", "-12,5 €", "+ 5 €", "-é", "+5 é", "+5 €x", "+5 € 3", "-Ωmega", "+٣٣",
                     "+5 ½", "+33!", "+33|", "-[1]", "+@", "-`", "+{", "+\u{301}", "-5\u{0300}a", "+ℵ", "+Z", "-z", "+", "-"]
        for s in cases { XCTAssertEqual(SafeValues.looksLikeFormula(s), reference(s), s) }
    }
}
