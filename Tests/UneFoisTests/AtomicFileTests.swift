import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class AtomicFileTests: XCTestCase {
    func testWritesAndReplacesLeavingNoTemporaryFile() throws {
        let dir = try TestSupport.temporaryDirectory(self, "atomic")
        let path = dir.path + "/lieux.csv"
        try AtomicFile.write(Array("un\n".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "un\n")
        try AtomicFile.write(Array("deux\n".utf8), to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "deux\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["lieux.csv"])
    }

    func testTemporaryPathIsHiddenInSameFolder() {
        let tmp = AtomicFile.temporaryPath(for: "/a/b/lieux.csv")
        XCTAssertTrue(tmp.hasPrefix("/a/b/.lieux.csv.tmp-"), tmp)
        XCTAssertTrue(AtomicFile.temporaryPath(for: "x.csv").hasPrefix("./.x.csv.tmp-"))
    }

    func testUnwritableFolderThrowsCannotCreate() {
        XCTAssertThrowsError(try AtomicFile.write([1], to: "/proc/unefois-test/x")) { error in
            let e = error as? OperationalError
            XCTAssertEqual(e?.kind, .cannotCreate)
            XCTAssertEqual(e?.exitCode, 73)
        }
    }
}
