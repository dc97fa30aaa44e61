import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// XLSXReader on tiny workbooks (Fixtures/xlsx/, made by tools/make_xlsx_sample.py) and on the
/// La Coop sample workbook, compared with the sample CSV.
final class XLSXReaderTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let fixtures = here.appendingPathComponent("Fixtures/xlsx")
    static let samples = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("samples")

    func read(_ url: URL, sheet: String? = nil, options: CSVReadOptions = CSVReadOptions()) throws -> SourceTable {
        let file = try MappedFile(path: url.path)
        return try XLSXReader.read(bytes: file.bytes, source: "coop", file: url.lastPathComponent, sheetName: sheet, options: options)
    }

    func fixture(_ name: String, sheet: String? = nil, options: CSVReadOptions = CSVReadOptions()) throws -> SourceTable {
        try read(Self.fixtures.appendingPathComponent(name), sheet: sheet, options: options)
    }

    func record(_ t: SourceTable, line: Int) -> SourceRecord? { t.records.first { $0.line == line } }

    func text(_ t: SourceTable, line: Int, _ column: String) -> String? {
        record(t, line: line)?.value(t.index(of: column)).text
    }

    func testHeaderAndDuplicateLabel() throws {
        let t = try fixture("cells.xlsx")
        XCTAssertEqual(t.columns, ["nom", "date", "quand", "heure", "nombre", "vrai", "texte", "colonne_8", "nom_9"])
        XCTAssertTrue(t.issues.contains { $0.code == "duplicate-label" && $0.line == 1 })
        XCTAssertTrue(t.issues.contains { $0.code == "blank-label" && $0.field == "colonne_8" })
        XCTAssertEqual(t.detections.first, "classeur XLSX, feuille « Feuil1 », 6 lignes")
    }

    func testSharedAndRichStrings() throws {
        let t = try fixture("cells.xlsx")
        XCTAssertEqual(text(t, line: 2, "nom"), "Médiathèque d’Oppède")  // runs joined, phonetic dropped
    }

    func testInlineAndFormulaStrings() throws {
        let t = try fixture("cells.xlsx")
        XCTAssertEqual(text(t, line: 2, "texte"), "en ligne")
        XCTAssertEqual(text(t, line: 3, "nom"), "riche inline")
        XCTAssertEqual(text(t, line: 3, "texte"), "formule")
        XCTAssertEqual(text(t, line: 9, "nom"), "ligne\rcoupée")  // _x000D_ escape
    }

    func testEmptyCellsAndGaps() throws {
        let t = try fixture("cells.xlsx")
        XCTAssertEqual(record(t, line: 3)?.value(t.index(of: "quand")), .absent)
        XCTAssertEqual(record(t, line: 3)?.values.count, 9)
        // Explicit empty row 4 and the gap at row 5.
        XCTAssertTrue(t.issues.contains { $0.code == "blank-row" && $0.line == 4 })
        XCTAssertTrue(t.issues.contains { $0.code == "blank-row" && $0.line == 5 })
        // Cells without a reference follow the previous one.
        XCTAssertEqual(text(t, line: 8, "date"), "3")
        XCTAssertEqual(text(t, line: 8, "quand"), "4")
        // A value right of the header rejects the record.
        XCTAssertEqual(record(t, line: 7)?.rejection?.code, "extra-cell")
        XCTAssertNil(t.issues.first { $0.code == "missing-cell" })
    }

    func testDateSerials() throws {
        let t = try fixture("cells.xlsx")
        XCTAssertEqual(text(t, line: 2, "date"), "04/01/2025")  // built-in 14
        XCTAssertEqual(text(t, line: 3, "date"), "21/01/2025")  // custom dd/mm/yyyy
        XCTAssertEqual(text(t, line: 2, "quand"), "04/01/2025 12:00")  // built-in 22
        XCTAssertEqual(text(t, line: 2, "heure"), "12:00:00")  // built-in 20
        XCTAssertEqual(text(t, line: 6, "quand"), "18:00:00")  // custom [$-40C]hh:mm
        XCTAssertEqual(text(t, line: 9, "date"), "02/03/2025")  // t="d"
        let dateIssues = t.issues.filter { $0.code == "excel-serial-date" }
        XCTAssertEqual(dateIssues.map(\.field), ["date", "quand", "heure"])
        XCTAssertTrue(dateIssues.allSatisfy { $0.severity == .info })
        XCTAssertTrue(t.detections.contains { $0.contains("jj/mm/aaaa") })
    }

    func testNumbersBooleansErrors() throws {
        let t = try fixture("cells.xlsx")
        XCTAssertEqual(text(t, line: 2, "nombre"), "45")
        XCTAssertEqual(text(t, line: 3, "nombre"), "45.5")  // "0.00" is not a date format
        XCTAssertEqual(text(t, line: 6, "nombre"), "0.001")
        XCTAssertEqual(text(t, line: 9, "nombre"), "-12")
        XCTAssertEqual(text(t, line: 2, "vrai"), "VRAI")
        XCTAssertEqual(text(t, line: 6, "vrai"), "FAUX")
        XCTAssertEqual(text(t, line: 6, "texte"), "#N/A")
        XCTAssertTrue(t.issues.contains { $0.code == "type-error" && $0.line == 6 })
    }

    func testDate1904AndHeaderRecord() throws {
        let t = try fixture("date1904.xlsx")
        XCTAssertEqual(t.columns, ["Titre du tableau"])  // first non-blank row
        var o = CSVReadOptions()
        o.headerRecord = 3
        let h = try fixture("date1904.xlsx", options: o)
        XCTAssertEqual(h.columns, ["id", "date"])
        XCTAssertEqual(text(h, line: 4, "date"), "01/01/1904")
    }

    func testSheetSelection() throws {
        let url = Self.samples.appendingPathComponent("mediatheques/coop-activites-2025.xlsx")
        let t = try read(url)
        XCTAssertTrue(t.detections[0].hasPrefix("classeur XLSX, feuille « Activités »"), t.detections[0])
        let f = try read(url, sheet: "Filtres")
        XCTAssertEqual(f.columns, ["Export La Coop de la médiation numérique"])
        XCTAssertThrowsError(try read(url, sheet: "Inconnue")) {
            XCTAssertEqual(($0 as? OperationalError)?.code, "xlsx-sheet-missing")
        }
    }

    func testRefusals() {
        for (name, code) in [("doctype.xlsx", "xml-security-limit"), ("not-a-workbook.xlsx", "xlsx-unreadable")] {
            XCTAssertThrowsError(try fixture(name)) {
                let e = $0 as? OperationalError
                XCTAssertEqual(e?.kind, .dataUnusable)
                XCTAssertEqual(e?.code, code, e?.message ?? "\($0)")
            }
        }
        let csv = Self.samples.appendingPathComponent("mediatheques/coop-activites-2025.csv")
        XCTAssertThrowsError(try read(csv)) {
            XCTAssertEqual(($0 as? OperationalError)?.code, "zip-unreadable")
        }
    }

    func testDateConversion() {
        XCTAssertEqual(XLSXReader.serialText(45678, kind: .date, date1904: false), "21/01/2025")
        XCTAssertEqual(XLSXReader.serialText(61, kind: .date, date1904: false), "01/03/1900")
        XCTAssertEqual(XLSXReader.serialText(45678.999999, kind: .dateTime, date1904: false), "22/01/2025")
        XCTAssertNil(XLSXReader.serialText(-1, kind: .date, date1904: false))
        XCTAssertNil(XLSXReader.serialText(3e6, kind: .date, date1904: false))
        XCTAssertEqual(XLSXReader.dateKind(formatCode: "dd/mm/yyyy"), .date)
        XCTAssertEqual(XLSXReader.dateKind(formatCode: "mmm-yy"), .date)
        XCTAssertEqual(XLSXReader.dateKind(formatCode: "[h]:mm:ss"), .time)
        XCTAssertEqual(XLSXReader.dateKind(formatCode: "hh:mm"), .time)
        XCTAssertEqual(XLSXReader.dateKind(formatCode: "d/m/yyyy h:mm"), .dateTime)
        XCTAssertNil(XLSXReader.dateKind(formatCode: "#,##0.00 \"€ / day\""))
        XCTAssertNil(XLSXReader.dateKind(formatCode: "[Red]0.00"))
        XCTAssertNil(XLSXReader.dateKind(formatCode: "General"))
    }

    /// The workbook gives the same records as the CSV export (same columns, same values for
    /// every row, the CSV's dates being already jj/mm/aaaa text).
    func testSampleWorkbookMatchesSampleCSV() throws {
        let xlsx = try read(Self.samples.appendingPathComponent("mediatheques/coop-activites-2025.xlsx"))
        let csvFile = try MappedFile(path: Self.samples.appendingPathComponent("mediatheques/coop-activites-2025.csv").path)
        let csv = try CSVTableReader.read(bytes: csvFile.bytes, options: CSVReadOptions(), source: "coop", file: "coop.csv")
        XCTAssertEqual(xlsx.columns, csv.columns)
        XCTAssertEqual(xlsx.records.count, csv.records.count)
        XCTAssertEqual(xlsx.detections[0], "classeur XLSX, feuille « Activités », \(csv.records.count) lignes")
        for (a, b) in zip(xlsx.records, csv.records) {
            XCTAssertEqual(a.values, b.values, "xlsx row \(a.line) / csv line \(b.line)")
        }
        XCTAssertEqual(xlsx.issues.filter { $0.code == "blank-row" }.count, 1)
        XCTAssertEqual(xlsx.issues.filter { $0.code == "excel-serial-date" }.map(\.field), ["Date"])
        // The cell typed as a number in a General cell stays a serial, as in the CSV.
        XCTAssertTrue(xlsx.records.contains { $0.value(1).text == "45678" })
        XCTAssertEqual(xlsx.records.last?.value(0).text, "Total")
    }
}
