import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class CSVWriterTests: XCTestCase {
    func csv(_ rows: [[String]]) -> String {
        var w = CSVWriter()
        for r in rows { w.row(r) }
        return String(decoding: w.bytes, as: UTF8.self)
    }

    func testQuotesOnlyWhereNeeded() {
        XCTAssertEqual(csv([["a", "b c", "é"]]), "a,b c,é\n")
        XCTAssertEqual(csv([["a,b", "il dit \"oui\"", "deux\nlignes", "cr\r"]]), "\"a,b\",\"il dit \"\"oui\"\"\",\"deux\nlignes\",\"cr\r\"\n")
        XCTAssertEqual(csv([[" espace", "fin "]]), "\" espace\",\"fin \"\n")
        XCTAssertEqual(csv([["", "", ""]]), ",,\n")
        XCTAssertEqual(csv([["a;b", "x|y"]]), "a;b,x|y\n", "only , \" CR LF and edge spaces need quotes")
    }

    func testRoundTripThroughScanner() {
        let rows = [["id", "nom", "note"], ["1", "Médiathèque, \"La\" Durance", "ligne 1\nligne 2"], ["2", "", " x "]]
        XCTAssertEqual(TestSupport.csvRows(Data(csv(rows).utf8)), rows)
    }
}
