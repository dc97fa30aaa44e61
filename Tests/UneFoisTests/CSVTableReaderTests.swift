import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// CSVTableReader on tiny fixtures named after their defect (Fixtures/csv/).
final class CSVTableReaderTests: XCTestCase {
    func read(_ name: String, options: CSVReadOptions = CSVReadOptions()) throws -> SourceTable {
        let data = try TestSupport.fixture("csv/" + name)
        return try data.withUnsafeBytes { try CSVTableReader.read(bytes: $0, options: options, source: "test", file: name) }
    }

    func text(_ t: SourceTable, _ row: Int, _ column: String) -> String? {
        t.records[row].value(t.index(of: column)).text
    }

    func testBlankRowSkippedWithInfoIssue() throws {
        let t = try read("blank-row.csv")
        XCTAssertEqual(t.columns, ["nom", "commune"])
        XCTAssertEqual(t.records.indices.map { text(t, $0, "nom") }, ["A", "B"])
        XCTAssertEqual(t.records.map(\.line), [2, 4])
        let blank = t.issues.filter { $0.code == "blank-row" }
        XCTAssertEqual(blank.count, 1)
        XCTAssertEqual(blank.first?.line, 3)
        XCTAssertEqual(blank.first?.severity, .info)
    }

    func testExtraCellWithValueRejectsRowButEmptyExtraOnlyWarns() throws {
        let t = try read("extra-cell.csv")
        XCTAssertEqual(t.records.count, 3)
        XCTAssertEqual(t.records[0].rejection?.code, "extra-cell")
        XCTAssertEqual(t.records[0].rejection?.severity, .error)
        XCTAssertEqual(t.records[0].rejection?.line, 2)
        XCTAssertNil(t.records[1].rejection, "an empty trailing cell is not a reason to reject")
        XCTAssertEqual(t.issues.filter { $0.code == "extra-cell" }.map(\.line), [3])
        XCTAssertEqual(t.issues.first { $0.code == "extra-cell" }?.severity, .warning)
        XCTAssertNil(t.records[2].rejection)
    }

    func testMissingCellPaddedWithWarning() throws {
        let t = try read("missing-cell.csv")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(t.records[0].values.count, 3)
        XCTAssertNil(text(t, 0, "telephone"))
        let issue = try XCTUnwrap(t.issues.first { $0.code == "missing-cell" })
        XCTAssertEqual(issue.line, 2)
        XCTAssertEqual(issue.field, "telephone")
        XCTAssertEqual(text(t, 1, "telephone"), "0490000000")
    }

    func testDuplicateLabelRenamed() throws {
        let t = try read("duplicate-label.csv")
        XCTAssertEqual(t.columns, ["nom", "commune", "nom_3"])
        XCTAssertEqual(t.issues.map(\.code).filter { $0 == "duplicate-label" }.count, 1)
        XCTAssertEqual(text(t, 0, "nom"), "A")
        XCTAssertEqual(text(t, 0, "nom_3"), "A2")
    }

    func testBlankLabelNamed() throws {
        let t = try read("blank-label.csv")
        XCTAssertEqual(t.columns, ["nom", "colonne_2", "commune"])
        XCTAssertEqual(t.issues.first { $0.code == "blank-label" }?.field, "colonne_2")
    }

    func testUnterminatedQuoteLosesOnlyItsLine() throws {
        // nom;commune / A;Cavaillon / "B ouvert;Robion / C;Maubec: the quote of line 3 never closes.
        let t = try read("unterminated-quote.csv")
        XCTAssertEqual(t.records.map(\.line), [2, 3, 4])
        XCTAssertNil(t.records[0].rejection)
        XCTAssertEqual(t.records[1].rejection?.code, "unterminated-quote")
        XCTAssertEqual(t.records[1].rejection?.line, 3)
        XCTAssertNil(t.records[2].rejection)
        XCTAssertEqual(text(t, 0, "nom"), "A")
        XCTAssertEqual(text(t, 2, "commune"), "Maubec", "the lines after the broken one are read normally")
    }

    func testUnterminatedQuoteInTheLastRecordKeepsEveryEarlierRecord() throws {
        let t = try TestSupport.withBytes("nom;commune\r\nA;Cavaillon\r\nB;Robion\r\n\"C;Maubec\r\n") {
            try CSVTableReader.read(bytes: $0, options: CSVReadOptions(), source: "s", file: "f.csv")
        }
        XCTAssertEqual(t.records.filter { $0.rejection == nil }.count, 2)
        XCTAssertEqual(t.records.last?.rejection?.code, "unterminated-quote")
        XCTAssertEqual(t.records.last?.line, 4)
    }

    func testUnterminatedQuoteInTheHeaderStillThrows() throws {
        XCTAssertThrowsError(try TestSupport.withBytes("\"nom;commune\nA;B\n") { try CSVTableReader.read(bytes: $0, options: CSVReadOptions(), source: "s", file: "f.csv") }) { error in
            XCTAssertEqual((error as? OperationalError)?.code, "unterminated-quote")
        }
    }

    func testQuotedNewlineAndEscapes() throws {
        let t = try read("quoted-newline.csv")
        XCTAssertEqual(t.records.count, 2)
        XCTAssertEqual(text(t, 0, "nom"), "il dit \"oui\"")
        XCTAssertEqual(text(t, 0, "commune"), "Cavaillon\nnord")
        XCTAssertEqual(t.records.map(\.line), [2, 4])
        XCTAssertTrue(t.detections.contains { $0.contains("virgule") })
    }

    func testWindows1252DetectedAndDecoded() throws {
        let t = try read("cp1252-crlf.csv")
        XCTAssertEqual(text(t, 0, "nom"), "Médiathèque d’Oppède")
        XCTAssertEqual(text(t, 0, "commune"), "Oppède")
        XCTAssertTrue(t.detections.contains { $0.contains("Windows-1252") }, "\(t.detections)")
    }

    func testDeclaredUTF8OnCp1252FileRepairsEachFieldAndSaysWhere() throws {
        let t = try read("cp1252-crlf.csv", options: CSVReadOptions(encoding: .utf8))
        XCTAssertTrue(t.issues.contains { $0.code == "encoding-repaired" && $0.line == 2 && $0.field == "commune" }, "\(t.issues)")
        XCTAssertEqual(text(t, 0, "commune"), "Oppède", "the invalid byte is read as Windows-1252, never replaced by U+FFFD")
    }

    func testUTF8FileWithAFewInvalidBytesStaysUTF8() throws {
        // Valid UTF-8 accents on every row, and one Windows-1252 « é » (0xE9) pasted on row 3.
        var bytes = Array("nom;commune;services\nMédiathèque de Cavaillon;Cavaillon;Accès|Démarches\nMairie de Mérindol;Mérindol;Accès\nLieu ".utf8)
        bytes += [0xE9] + Array("t\u{E9};Cheval-Blanc;Démarches\nEspace Robion;Robion;Accès\n".utf8)
        let t = try TestSupport.withBytes(bytes) { try CSVTableReader.read(bytes: $0, options: CSVReadOptions(), source: "s", file: "f.csv") }
        XCTAssertEqual(t.sniff?.encoding, .utf8)
        XCTAssertEqual(text(t, 0, "nom"), "Médiathèque de Cavaillon", "no mojibake on the good rows")
        XCTAssertEqual(text(t, 0, "services"), "Accès|Démarches")
        XCTAssertEqual(text(t, 2, "nom"), "Lieu été", "the invalid byte repaired by the stated rule")
        XCTAssertEqual(t.issues.filter { $0.code == "encoding-repaired" }.map { "\($0.line ?? 0):\($0.field ?? "")" }, ["4:nom"])
    }

    func testWindows1252FileIsStillWindows1252() throws {
        let t = try TestSupport.withBytes([0x6E, 0x6F, 0x6D, 0x0A, 0x4D, 0xE9, 0x72, 0x69, 0x6E, 0x64, 0x6F, 0x6C, 0x0A]) { try CSVTableReader.read(bytes: $0, options: CSVReadOptions(), source: "s", file: "f.csv") }
        XCTAssertEqual(t.sniff?.encoding, .windows1252)
        XCTAssertEqual(text(t, 0, "nom"), "Mérindol")
        XCTAssertFalse(t.issues.contains { $0.code == "encoding-repaired" })
    }

    func testUTF16LETranscoded() throws {
        let t = try read("utf16le-bom.csv")
        XCTAssertEqual(t.columns, ["nom", "commune"])
        XCTAssertEqual(text(t, 0, "nom"), "Médiathèque")
        XCTAssertTrue(t.detections.first?.contains("UTF-16LE") ?? false)
    }

    /// A UTF-16LE file without byte order mark, declared `utf-16` by its mapping: the reader skips
    /// two bytes as if they were a BOM, so the first character is lost (`om` instead of `nom`).
    func testKnownBug_declaredUTF16WithoutBOMLosesFirstCharacter() throws {
        let t = try read("utf16le-no-bom.csv", options: CSVReadOptions(encoding: .utf16LE))
        XCTAssertEqual(t.columns, ["nom", "commune"])
        XCTAssertEqual(text(t, 0, "nom"), "Médiathèque")
    }

    func testHeaderRecordOption() throws {
        let t = try read("header-on-line-3.csv", options: CSVReadOptions(separator: UInt8(ascii: ";"), headerRecord: 3))
        XCTAssertEqual(t.columns, ["nom", "commune"])
        XCTAssertEqual(t.records.count, 1)
        XCTAssertEqual(t.records[0].line, 4)
    }

    /// With a title line above the header, the separator sniffer looks at the title line (one
    /// field for every candidate) and falls back to `,`, so a `;` file is read as one column.
    func testKnownBug_separatorSniffedFromTitleLineNotHeader() throws {
        let t = try read("header-on-line-3.csv", options: CSVReadOptions(headerRecord: 3))
        XCTAssertEqual(t.columns, ["nom", "commune"])
    }

    func testEmptyFileThrows() {
        XCTAssertThrowsError(try TestSupport.withBytes("") { try CSVTableReader.read(bytes: $0, options: CSVReadOptions(), source: "t", file: "vide.csv") }) { error in
            XCTAssertEqual((error as? OperationalError)?.kind, .dataUnusable)
        }
    }
}
