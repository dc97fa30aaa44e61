import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// ZipArchive on fixtures named by their defect (Fixtures/zip/, made by tools/make_xlsx_sample.py).
final class ZipArchiveTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/zip")

    func withArchive<R>(_ name: String, _ body: (ZipArchive) throws -> R) throws -> R {
        let file = try MappedFile(path: Self.fixtures.appendingPathComponent(name).path)
        return try body(try ZipArchive(bytes: file.bytes, file: name))
    }

    /// The error thrown by `body` on `name`, checked to be `.dataUnusable` with `code` in its message.
    func refusal(_ name: String, code: String, line: UInt = #line, _ body: (ZipArchive) throws -> Void = { _ in }) {
        do {
            try withArchive(name, body)
            XCTFail("\(name) should be refused", line: line)
        } catch let error as OperationalError {
            XCTAssertEqual(error.kind, .dataUnusable, line: line)
            XCTAssertEqual(error.code, code, error.message, line: line)
            XCTAssertTrue(error.message.hasPrefix(name), error.message, line: line)
            XCTAssertTrue(error.message.contains("Que faire"), error.message, line: line)
        } catch {
            XCTFail("unexpected error \(error)", line: line)
        }
    }

    let expectedB = String(repeating: "Bonjour la médiathèque\n", count: 50)

    func testStoredEntries() throws {
        try withArchive("stored.zip") { zip in
            XCTAssertEqual(zip.entries.map(\.name), ["a.txt", "dir/b.txt"])
            XCTAssertEqual(zip.entries.map(\.method), [0, 0])
            XCTAssertEqual(String(decoding: try zip.extract(named: "a.txt")!, as: UTF8.self), "stored content\n")
            XCTAssertEqual(String(decoding: try zip.extract(named: "dir/b.txt")!, as: UTF8.self), expectedB)
            XCTAssertNil(try zip.extract(named: "missing"))
        }
    }

    func testDeflateEntries() throws {
        try withArchive("deflate.zip") { zip in
            XCTAssertEqual(zip.entries.map(\.method), [8, 8])
            let b = zip.entry(named: "dir/b.txt")!
            XCTAssertLessThan(b.compressedSize, b.uncompressedSize)
            XCTAssertEqual(String(decoding: try zip.extract(b), as: UTF8.self), expectedB)
        }
    }

    func testZipSlipNameRefused() {
        refusal("zip-slip.zip", code: "zip-limit")
        refusal("absolute-name.zip", code: "zip-limit")
    }

    func testUnsafeNames() {
        func check(_ s: String) -> String? { Array(s.utf8).withUnsafeBytes { ZipArchive.unsafeName($0) } }
        XCTAssertNil(check("xl/worksheets/sheet1.xml"))
        XCTAssertNil(check("a..b/c"))
        XCTAssertNotNil(check(".."))
        XCTAssertNotNil(check("a/../../b"))
        XCTAssertNotNil(check("a\\..\\b"))
        XCTAssertNotNil(check("C:/x"))
        XCTAssertNotNil(check("\\x"))
    }

    func testZipBombRefusedFast() {
        let start = Date()
        refusal("bomb.zip", code: "zip-limit")
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testLyingSizeStopsEarly() {
        let start = Date()
        refusal("lying-size.zip", code: "zip-limit") { zip in _ = try zip.extract(zip.entries[0]) }
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testTruncatedArchiveRefused() {
        refusal("truncated.zip", code: "zip-unreadable")
    }

    func testCRCMismatchRefused() {
        refusal("bad-crc.zip", code: "zip-unreadable") { zip in _ = try zip.extract(named: "a.txt") }
    }

    func testLimits() throws {
        var limits = ZipArchive.Limits()
        limits.maxEntries = 1
        let file = try MappedFile(path: Self.fixtures.appendingPathComponent("deflate.zip").path)
        XCTAssertThrowsError(try ZipArchive(bytes: file.bytes, file: "deflate.zip", limits: limits)) {
            XCTAssertEqual(($0 as? OperationalError)?.code, "zip-limit")
        }
        limits = ZipArchive.Limits()
        limits.maxTotalUncompressed = 100
        XCTAssertThrowsError(try ZipArchive(bytes: file.bytes, file: "deflate.zip", limits: limits))
    }

    func testGarbageAndEmpty() {
        for bytes in [[UInt8](), Array("pas un zip".utf8), [UInt8](repeating: 0x50, count: 100)] {
            XCTAssertThrowsError(try bytes.withUnsafeBytes { try ZipArchive(bytes: $0, file: "x.zip") })
        }
    }
}
