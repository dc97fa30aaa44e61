import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class CSVDialectTests: XCTestCase {
    func sniff(_ text: String) -> UInt8 {
        TestSupport.withBytes(text) { CSVDialect.sniffSeparator($0) }
    }

    func testSemicolon() {
        XCTAssertEqual(sniff("nom;commune;telephone\nA, B;Cavaillon;04\nC;Robion;05\n"), UInt8(ascii: ";"))
    }

    func testComma() {
        XCTAssertEqual(sniff("nom,commune,telephone\n\"A; B\",Cavaillon,04\nC,Robion,05\n"), UInt8(ascii: ","))
    }

    func testTab() {
        XCTAssertEqual(sniff("nom\tcommune\tcp\nA\tCavaillon\t84300\n"), 0x09)
    }

    func testPipe() {
        XCTAssertEqual(sniff("nom|commune|cp\nA|Cavaillon|84300\nB|Robion|84440\n"), UInt8(ascii: "|"))
    }

    func testOneColumnFallsBackToComma() {
        XCTAssertEqual(sniff("nom\nA\nB\n"), UInt8(ascii: ","))
    }

    func testSniffAfterBOM() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a;b;c\n1;2;3\n".utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { CSVDialect.sniffSeparator($0, start: 3) }, UInt8(ascii: ";"))
    }

    func testDeclaredSeparators() {
        XCTAssertEqual(CSVDialect.separator(declared: ";"), UInt8(ascii: ";"))
        XCTAssertEqual(CSVDialect.separator(declared: "tab"), 0x09)
        XCTAssertEqual(CSVDialect.separator(declared: "\\t"), 0x09)
        XCTAssertNil(CSVDialect.separator(declared: "::"))
    }

    func testSeparatorLabelIsFrench() {
        XCTAssertEqual(CSVDialect(encoding: .utf8, separator: UInt8(ascii: ";")).separatorLabel, "point-virgule (;)")
        XCTAssertEqual(CSVDialect(encoding: .utf8, separator: 0x09).separatorLabel, "tabulation")
    }
}
