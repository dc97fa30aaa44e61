import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class DateTextTests: XCTestCase {
    func iso(_ text: String, excel: Bool = false) -> String? {
        if case .success(let d) = DateText.normalise(text, allowExcelSerial: excel) { return d }
        return nil
    }

    func failureCode(_ text: String, excel: Bool = false) -> String? {
        if case .failure(let f) = DateText.normalise(text, allowExcelSerial: excel) { return f.code }
        return nil
    }

    func testFormats() {
        XCTAssertEqual(iso("2025-01-21"), "2025-01-21")
        XCTAssertEqual(iso("21/01/2025"), "2025-01-21")
        XCTAssertEqual(iso("21-01-2025"), "2025-01-21")
        XCTAssertEqual(iso("21.01.2025"), "2025-01-21")
        XCTAssertEqual(iso("2025-01-21T10:30:00+01:00"), "2025-01-21")
        XCTAssertEqual(iso("2025-01-21 10:30"), "2025-01-21")
        XCTAssertEqual(iso(" 29/02/2024 "), "2024-02-29", "leap year")
    }

    func testInvalidCalendarDates() {
        XCTAssertEqual(failureCode("31/02/2025"), "type-error")
        XCTAssertEqual(failureCode("29/02/2025"), "type-error")
        XCTAssertEqual(failureCode("2025-13-01"), "type-error")
        XCTAssertEqual(failureCode("00/01/2025"), "type-error")
        XCTAssertEqual(failureCode("janvier 2025"), "type-error")
        XCTAssertEqual(failureCode("21/1/2025"), "type-error")
        XCTAssertEqual(failureCode("21/01-2025"), "type-error", "mixed separators")
    }

    func testExcelSerialOnlyWhenAllowed() {
        XCTAssertEqual(iso("45678", excel: true), "2025-01-21")
        XCTAssertNil(iso("45678"))
        XCTAssertEqual(failureCode("45678"), "excel-serial-date")
        if case .failure(let f) = DateText.normalise("45678") {
            XCTAssertTrue(f.message.contains("21/01/2025"), f.message)
        }
    }

    func testExcelSerialConversion() {
        XCTAssertEqual(DateText.excelSerial(1), "1899-12-31")
        XCTAssertEqual(DateText.excelSerial(25569), "1970-01-01")
        XCTAssertEqual(DateText.excelSerial(45658), "2025-01-01")
        XCTAssertNil(DateText.excelSerial(0))
    }

    func testFieldFormats() {
        if case .success(let v) = FieldFormat.apply("excel", to: "45678") { XCTAssertEqual(v, "2025-01-21") } else { XCTFail() }
        if case .success(let v) = FieldFormat.apply("nombre_virgule", to: "1 234,5") { XCTAssertEqual(v, "1234.5") } else { XCTFail() }
        if case .success(let v) = FieldFormat.apply("oui_non", to: "Oui") { XCTAssertEqual(v, "oui") } else { XCTFail() }
        if case .success(let v) = FieldFormat.apply("oui_non", to: "x") { XCTAssertEqual(v, "oui") } else { XCTFail() }
        if case .failure(let f) = FieldFormat.apply("oui_non", to: "peut-être") { XCTAssertEqual(f.code, "type-error") } else { XCTFail() }
        if case .failure(let f) = FieldFormat.apply("nombre", to: "abc") { XCTAssertEqual(f.code, "type-error") } else { XCTFail() }
        if case .failure = FieldFormat.apply("nombre", to: "6,12E+08") {} else { XCTFail("scientific notation is not a plain number") }
        if case .failure = FieldFormat.apply("nombre", to: "nan") {} else { XCTFail() }
    }
}
