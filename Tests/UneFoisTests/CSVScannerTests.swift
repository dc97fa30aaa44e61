import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// The pure RFC 4180 scanner: quoting, line ends, line numbers, flags.
final class CSVScannerTests: XCTestCase {
    struct Row: Equatable {
        var fields: [String]
        var line: Int
        var unterminated = false
        var stray = false
    }

    func scan(_ text: String, separator: Character = ",") -> [Row] {
        TestSupport.withBytes(text) { buf in
            var s = CSVScanner(bytes: buf, separator: separator.asciiValue!)
            var r = CSVRecord()
            var rows: [Row] = []
            while s.next(into: &r) {
                rows.append(Row(fields: r.fields.map { s.string($0, encoding: .utf8) }, line: r.line,
                                unterminated: r.unterminatedQuote, stray: r.strayQuote))
            }
            return rows
        }
    }

    func testPlainFieldsAndLF() {
        XCTAssertEqual(scan("a,b,c\n1,2,3\n"), [Row(fields: ["a", "b", "c"], line: 1), Row(fields: ["1", "2", "3"], line: 2)])
    }

    func testQuotedFieldWithSeparator() {
        XCTAssertEqual(scan("\"a,b\",c\n").map(\.fields), [["a,b", "c"]])
    }

    func testEscapedQuotesCollapsed() {
        let rows = scan("\"il dit \"\"bonjour\"\"\",x\n")
        XCTAssertEqual(rows.map(\.fields), [["il dit \"bonjour\"", "x"]])
        XCTAssertFalse(rows[0].stray)
    }

    func testCRLFLineEnds() {
        XCTAssertEqual(scan("a;b\r\nc;d\r\n", separator: ";"),
                       [Row(fields: ["a", "b"], line: 1), Row(fields: ["c", "d"], line: 2)])
    }

    func testLoneCRLineEnds() {
        XCTAssertEqual(scan("a;b\rc;d\re;f", separator: ";"),
                       [Row(fields: ["a", "b"], line: 1), Row(fields: ["c", "d"], line: 2), Row(fields: ["e", "f"], line: 3)])
    }

    func testNoFinalNewline() {
        XCTAssertEqual(scan("a,b\nc,d").map(\.fields), [["a", "b"], ["c", "d"]])
    }

    func testNewlineInsideQuotesKeepsPhysicalLineNumbers() {
        let rows = scan("h1,h2\n\"deux\nlignes\",x\nsuite,y\n")
        XCTAssertEqual(rows.map(\.fields), [["h1", "h2"], ["deux\nlignes", "x"], ["suite", "y"]])
        XCTAssertEqual(rows.map(\.line), [1, 2, 4], "the record after a 2-line record starts on physical line 4")
    }

    func testCRLFInsideQuotesCountsOneLine() {
        let rows = scan("\"a\r\nb\";x\r\nc;d\r\n", separator: ";")
        XCTAssertEqual(rows.map(\.fields), [["a\r\nb", "x"], ["c", "d"]])
        XCTAssertEqual(rows.map(\.line), [1, 3])
    }

    func testTrailingSeparatorGivesEmptyLastField() {
        XCTAssertEqual(scan("a;b;\nc;d;\n", separator: ";").map(\.fields), [["a", "b", ""], ["c", "d", ""]])
        XCTAssertEqual(scan("a;b;", separator: ";").map(\.fields), [["a", "b", ""]], "at end of file too")
    }

    func testBlankRowIsBlank() {
        TestSupport.withBytes(";;;\n") { buf in
            var s = CSVScanner(bytes: buf, separator: UInt8(ascii: ";"))
            var r = CSVRecord()
            XCTAssertTrue(s.next(into: &r))
            XCTAssertEqual(r.fields.count, 4)
            XCTAssertTrue(r.isBlank)
        }
    }

    func testUnterminatedQuoteFlagged() {
        let rows = scan("a,b\n\"ouvert,c\nd,e\n")
        XCTAssertEqual(rows.count, 2)
        XCTAssertFalse(rows[0].unterminated)
        XCTAssertTrue(rows[1].unterminated)
        XCTAssertEqual(rows[1].fields, ["ouvert,c\nd,e\n"], "the rest of the file is swallowed by the open quote")
    }

    func testStrayQuoteFlaggedAndKept() {
        let rows = scan("\"abc\"def,x\n")
        XCTAssertTrue(rows[0].stray)
        XCTAssertEqual(rows[0].fields.count, 2)
        XCTAssertEqual(rows[0].fields[1], "x")
    }

    func testByteOffsets() {
        TestSupport.withBytes("ab,c\nde,f\n") { buf in
            var s = CSVScanner(bytes: buf, separator: UInt8(ascii: ","))
            var r = CSVRecord()
            XCTAssertTrue(s.next(into: &r)); XCTAssertEqual(r.byteOffset, 0)
            XCTAssertTrue(s.next(into: &r)); XCTAssertEqual(r.byteOffset, 5)
            XCTAssertFalse(s.next(into: &r))
            XCTAssertTrue(s.atEnd)
        }
    }

    func testEmptyInput() {
        XCTAssertEqual(scan(""), [])
    }
}
