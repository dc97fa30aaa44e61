import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// A missing input and an output folder that cannot be made each give their true reason
/// (REVIEW item 15): file absent from a folder that exists, folder absent, a special file system.
final class PathDiagnosisTests: XCTestCase {
    func code(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as OperationalError { return e.code } catch { return "\(error)" }
        return nil
    }

    func testAMissingFileInAFolderThatExistsIsNotAMissingFolder() throws {
        let dir = try TestSupport.temporaryDirectory(self, "absent")
        XCTAssertEqual(code { _ = try MappedFile(path: dir.path + "/absent.json") }, "input-file-absent")
        XCTAssertEqual(code { _ = try MappedFile(path: dir.path + "/pas-de-dossier/absent.json") }, "input-folder-absent")
        XCTAssertEqual(PathDiagnosis.missing(dir.path + "/a/b/absent.json").reason, "le dossier \(dir.path)/a n'existe pas")
        let file = try TestSupport.write("x", to: "fichier.txt", in: dir)
        XCTAssertEqual(code { _ = try MappedFile(path: file + "/absent.json") }, "input-folder-absent", "a part of the path is a file")
        XCTAssertEqual(code { _ = try GeoPackageReader.read(path: dir.path + "/absent.gpkg", source: "s", file: "absent.gpkg") }, "input-file-absent")
        XCTAssertEqual(code { _ = try GeoPackageReader.read(path: dir.path + "/x/absent.gpkg", source: "s", file: "absent.gpkg") }, "input-folder-absent")

        // The CLI says which: the file is not in the folder, the folder exists.
        let r = try TestSupport.runCLI(["run", "--source", "dora:" + dir.path + "/absent.json", "--out", dir.path + "/out"])
        XCTAssertEqual(r.status, 66, r.stderr)
        XCTAssertTrue(r.stderr.contains("« absent.json »") && r.stderr.contains(dir.path), r.stderr)
    }

    func testAnOutputFolderOnProcIsASpecialFileSystemNotAMissingFolder() throws {
        guard PathDiagnosis.specialFileSystem("/proc") == "proc" else { throw XCTSkip("no /proc here") }
        XCTAssertEqual(code { try FileManagerShim.createDirectory("/proc/unefois-x") }, "output-special-filesystem")
        XCTAssertNil(PathDiagnosis.specialFileSystem(FileManager.default.temporaryDirectory.path))
        let dir = try TestSupport.temporaryDirectory(self, "proc")
        let r = try TestSupport.runCLI(["run", "--source", "dora:samples/dora/dora-structures-page1.json", "--out", "/proc/unefois-x"])
        XCTAssertEqual(r.status, 73, r.stderr)
        XCTAssertFalse(r.stderr.contains("absent"), r.stderr)
        // An output folder under a file: the part in the way is named (unchanged).
        let file = try TestSupport.write("x", to: "f", in: dir)
        XCTAssertEqual(code { try FileManagerShim.createDirectory(file + "/out") }, "output-not-folder")
    }
}
