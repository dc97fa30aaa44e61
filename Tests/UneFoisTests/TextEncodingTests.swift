import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class TextEncodingTests: XCTestCase {
    func detect(_ bytes: [UInt8]) -> TextEncoding {
        bytes.withUnsafeBytes { TextEncoding.detect($0) }
    }

    func testPlainASCIIAndUTF8() {
        XCTAssertEqual(detect(Array("nom;commune\n".utf8)), .utf8)
        XCTAssertEqual(detect(Array("Médiathèque d’Oppède ; cœur\n".utf8)), .utf8)
    }

    func testUTF8BOM() {
        XCTAssertEqual(detect([0xEF, 0xBB, 0xBF] + Array("é".utf8)), .utf8BOM)
        XCTAssertEqual(TextEncoding.utf8BOM.bomLength, 3)
    }

    func testWindows1252() {
        // "é’œ" in cp1252: E9 92 9C — invalid as UTF-8.
        let bytes: [UInt8] = [0x43, 0x61, 0x66, 0xE9, 0x20, 0x92, 0x9C, 0x0A]
        XCTAssertEqual(detect(bytes), .windows1252)
        XCTAssertEqual(bytes.withUnsafeBytes { TextEncoding.firstInvalidUTF8($0) }, 3)
        XCTAssertEqual(bytes.withUnsafeBytes { TextEncoding.windows1252.decode($0) }, "Café ’œ\n")
    }

    func testWindows1252EuroAndLatin1Range() {
        let bytes: [UInt8] = [0x80, 0x20, 0xC0, 0xE7, 0xFF]
        XCTAssertEqual(bytes.withUnsafeBytes { TextEncoding.windows1252.decode($0) }, "€ Àçÿ")
    }

    func testUTF16LEBOM() {
        XCTAssertEqual(detect([0xFF, 0xFE, 0x61, 0x00]), .utf16LE)
        XCTAssertEqual(TextEncoding.utf16LE.bomLength, 2)
        let units: [UInt8] = [0x41, 0x00, 0xE9, 0x00]  // "Aé"
        XCTAssertEqual(units.withUnsafeBytes { transcodeUTF16LE($0) }, Array("Aé".utf8))
    }

    func testOverlongAndSurrogateUTF8AreInvalid() {
        let overlong: [UInt8] = [0xC0, 0xAF], surrogate: [UInt8] = [0x41, 0xED, 0xA0, 0x80], truncated: [UInt8] = [0x41, 0xE2, 0x82]
        XCTAssertEqual(overlong.withUnsafeBytes { TextEncoding.firstInvalidUTF8($0) }, 0)
        XCTAssertEqual(surrogate.withUnsafeBytes { TextEncoding.firstInvalidUTF8($0) }, 1)
        XCTAssertEqual(truncated.withUnsafeBytes { TextEncoding.firstInvalidUTF8($0) }, 1, "truncated sequence")
    }

    func testDeclaredNames() {
        XCTAssertEqual(TextEncoding(declared: "CP1252"), .windows1252)
        XCTAssertEqual(TextEncoding(declared: "latin1"), .windows1252)
        XCTAssertEqual(TextEncoding(declared: "utf8"), .utf8)
        XCTAssertEqual(TextEncoding(declared: "UTF_8_SIG"), .utf8BOM)
        XCTAssertNil(TextEncoding(declared: "ebcdic"))
    }
}
