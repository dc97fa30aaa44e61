import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class RunLockTests: XCTestCase {
    func testSecondLockOnSameFolderIsRefused() throws {
        let dir = try TestSupport.temporaryDirectory(self, "lock")
        let first = try RunLock(directory: dir.path)
        XCTAssertThrowsError(try RunLock(directory: dir.path)) { error in
            let e = error as? OperationalError
            XCTAssertEqual(e?.kind, .locked)
            XCTAssertEqual(e?.exitCode, 75)
            XCTAssertTrue(e?.message.contains(dir.path) ?? false)
        }
        withExtendedLifetime(first) {}
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.path + "/.unefois.lock"))
    }

    func testLockReleasedWhenReleased() throws {
        let dir = try TestSupport.temporaryDirectory(self, "lock")
        do { _ = try RunLock(directory: dir.path) }
        XCTAssertNoThrow(try RunLock(directory: dir.path))
    }

    func testMissingFolderCannotCreate() {
        XCTAssertThrowsError(try RunLock(directory: "/nonexistent-unefois-dir/x")) { error in
            XCTAssertEqual((error as? OperationalError)?.kind, .cannotCreate)
        }
    }
}
