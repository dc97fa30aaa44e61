import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisReport
@testable import UneFois

/// `retours/<source>.csv` and `.html`: what each partner is told to fix, one problem of each kind
/// (`Fixtures/partenaires/retours-un-de-chaque.csv`, one defect per line), and the repairs.
final class PartnerFeedbackTests: XCTestCase {
    func testOneProblemOfEachKind() throws {
        let dir = try TestSupport.temporaryDirectory(self, "retours")
        let input = TestSupport.fixtureURL("partenaires/retours-un-de-chaque.csv").path
        let out = dir.appendingPathComponent("sortie").path
        let run = try TestSupport.runCLI(["run", "--source", "essai=mednum:" + input, "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let csvPath = out + "/retours/essai.csv"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], "BOM so that a French spreadsheet opens it")
        let f = try MappedFile(path: csvPath)
        let t = try CSVTableReader.read(bytes: f.bytes, options: CSVReadOptions(separator: UInt8(ascii: ";")), source: "t", file: csvPath)
        func col(_ n: String) throws -> Int { try XCTUnwrap(t.index(of: n), n) }
        let (nature, rubrique, ligne, colonne, valeur, attendu, code) = (try col("nature"), try col("rubrique_code"), try col("ligne"), try col("colonne"), try col("valeur_recue"), try col("ce_qui_est_attendu"), try col("code"))
        let rows = t.records.map { r in (nature: r.value(nature).text ?? "", kind: r.value(rubrique).text ?? "", line: Int(r.value(ligne).text ?? ""), column: r.value(colonne).text ?? "", value: r.value(valeur).text ?? "", expected: r.value(attendu).text ?? "", code: r.value(code).text ?? "") }
        // kind → (line, column, value received, code) of the defect planted for it.
        let planted: [(String, Int, String, String, String)] = [
            ("telephone", 2, "telephone", "6,12E+08", "excel-number-format"),
            ("courriel", 3, "courriels", "pas-une-adresse", "constraint-error"),
            ("site-web", 4, "site_web", "ftp://exemple.fr", "constraint-error"),
            ("siret", 5, "pivot", "12345678901234", "constraint-error"),
            ("code-postal", 6, "code_postal", "8430", "leading-zero-lost"),
            ("commune", 7, "commune", "Cavaillon", "commune-mismatch"),
            ("position", 8, "latitude", "43.8376", "coordinates-incomplete"),
            ("horaires", 9, "horaires", "le matin", "opening-hours-unparsed"),
            ("date", 10, "date_maj", "31/02/2025", "type-error"),
            ("vocabulaire", 11, "services", "Cuisine", "constraint-error"),
            ("obligatoire", 12, "nom", "", "missing-cell"),
            ("identifiant", 14, "id", "t12", "unique-error"),
            ("formule", 15, "nom", "'=HYPERLINK(\"http://x\")", "formula-injection"),
            ("fichier", 16, "", "", "extra-cell"),
        ]
        for (kind, line, column, value, issueCode) in planted {
            let hit = rows.first { $0.nature == "à corriger" && $0.kind == kind && $0.line == line && $0.code == issueCode }
            XCTAssertNotNil(hit, "\(kind) at line \(line)")
            XCTAssertEqual(hit?.column, column, kind)
            XCTAssertEqual(hit?.value, value, kind)
            XCTAssertFalse(hit?.expected.isEmpty ?? true, "\(kind): says what would be accepted")
        }
        // Repairs made on the partner's behalf.
        XCTAssertTrue(rows.contains { $0.nature == "réparé pour vous" && $0.code == "commune-corrected" && $0.line == 17 && $0.value == "Cavillon" })
        XCTAssertTrue(rows.contains { $0.nature == "réparé pour vous" && $0.code == "opening-hours-converted" && $0.line == 17 })
        // Problems first, grouped by kind in the catalogue's order.
        let order = PartnerFeedback.kinds.map(\.code)
        let problemKinds = rows.filter { $0.nature == "à corriger" }.map(\.kind)
        XCTAssertEqual(problemKinds, problemKinds.sorted { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! })
        XCTAssertEqual(rows.lastIndex { $0.nature == "à corriger" }.map { $0 < rows.firstIndex { $0.nature == "réparé pour vous" }! }, true)

        // The page says the same, and the report links it.
        let html = try String(contentsOfFile: out + "/retours/essai.html", encoding: .utf8)
        XCTAssertTrue(html.contains("À corriger : Numéros de téléphone (1)"), html)
        XCTAssertTrue(html.contains("Ce qui est attendu : 10 chiffres"), html)
        XCTAssertTrue(html.contains("Réparé pour vous : Communes et codes INSEE (1)"), html)
        // The run's technical log (journal.html, linked from the report) links it.
        let journal = try String(contentsOfFile: out + "/journal.html", encoding: .utf8)
        XCTAssertTrue(journal.contains("<a href=\"retours/essai.html\">"), "the journal links the feedback")

        // Stable from night to night: a rerun writes the same bytes.
        let again = try TestSupport.runCLI(["run", "--source", "essai=mednum:" + input, "--out", out])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: csvPath)), bytes)
    }

    /// Every source of the samples gets its two files, even with nothing to fix.
    func testEverySampleSourceHasItsFeedback() throws {
        let dir = try TestSupport.temporaryDirectory(self, "retours-samples")
        let out = dir.appendingPathComponent("sortie").path
        let run = try TestSupport.runCLI(["run", "--config", TestSupport.samplesDirectory.appendingPathComponent("unefois.json").path, "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        let config = try Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("unefois.json").path)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: out + "/retours"))
        for s in config.sources {
            XCTAssertTrue(files.contains(PartnerFeedback.fileName(s.nom) + ".csv"), s.nom)
            XCTAssertTrue(files.contains(PartnerFeedback.fileName(s.nom) + ".html"), s.nom)
        }
        let gml = try String(contentsOfFile: out + "/retours/lizmap-gml.html", encoding: .utf8)
        XCTAssertTrue(gml.contains("Rien à corriger"), gml)
    }

    func testActivityProblemsHaveTheirKinds() {
        let p = Provenance(source: "coop", file: "f.csv", line: 3, byteOffset: 0)
        XCTAssertEqual(PartnerFeedback.kind(of: Issue("type-error", .error, "« abc » n'est pas un nombre entier positif (duree_min) : la ligne est rejetée.", at: p)).code, "nombre")
        XCTAssertEqual(PartnerFeedback.kind(of: Issue("type-error", .error, "Valeur « 31/02/2025 » illisible pour le champ « date » : cette date n'existe pas.", at: p)).code, "date")
        XCTAssertEqual(PartnerFeedback.kind(of: Issue("missing-cell", .error, "Date absente : la ligne est rejetée.", at: p)).code, "obligatoire")
        XCTAssertEqual(PartnerFeedback.valeur(Issue("missing-cell", .error, "Lieu rejeté : champ obligatoire « nom » absent.", at: p)), "")
        XCTAssertEqual(PartnerFeedback.fileName("a/b c"), "a-b-c")
    }

    /// The value quoted first in a message located on a line, unless the quotation names a
    /// field or a column (read on the message's bytes).
    func testTheQuotedValueIsTheFirstQuotationOfAValue() {
        let p = Provenance(source: "coop", file: "f.csv", line: 3, byteOffset: 0)
        func valeur(_ code: String, _ m: String) -> String { PartnerFeedback.valeur(Issue(code, .warning, m, at: p)) }
        XCTAssertEqual(valeur("type-error", "« abc » n'est pas un nombre entier positif (duree_min) : la ligne est rejetée."), "abc")
        XCTAssertEqual(valeur("pattern", "Téléphone « 04 90 | « x » » illisible."), "04 90 | « x")
        XCTAssertEqual(valeur("pattern", "Courriel «  » vide."), "")
        XCTAssertEqual(valeur("pattern", "Courriel « jamais fermé."), "")
        XCTAssertEqual(valeur("pattern", "Sans guillemets."), "")
        XCTAssertEqual(valeur("type-error", "Valeur « 31/02/2025 » illisible pour le champ « date »."), "31/02/2025")
        XCTAssertEqual(valeur("type-error", "Dans le champ « date », la valeur « x » est illisible."), "")
        XCTAssertEqual(valeur("type-error", "La colonne « Nom » est vide."), "")
        XCTAssertEqual(valeur("type-error", "Nom « Médiathèque « La Durance » » ignoré."), "Médiathèque « La Durance")
        XCTAssertEqual(PartnerFeedback.valeur(Issue(code: "type-error", severity: .warning, message: "« x » sans ligne.", source: "coop", file: "f.csv")), "")
    }
}
