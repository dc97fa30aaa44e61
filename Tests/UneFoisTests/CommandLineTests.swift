import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class CommandLineTests: XCTestCase {
    func testMappingGivenAfterASourceOnTheCommandLine() throws {
        let out = try TestSupport.temporaryDirectory(self, "cli")
        let without = try TestSupport.runCLI(["run", "--source", "csv:samples/suivi-actions.csv", "--out", out.path + "/a"])
        XCTAssertEqual(without.status, 78)
        XCTAssertTrue(without.stderr.contains("correspondance"), without.stderr)
        let with = try TestSupport.runCLI(["run", "--source", "csv:samples/suivi-actions.csv", "--correspondance", "suivi-actions", "--out", out.path + "/b"])
        XCTAssertEqual(with.status, 0, with.stderr)
        XCTAssertTrue(with.stderr.contains("38 suivis"), with.stderr)
        XCTAssertEqual(try TestSupport.runCLI(["run", "--correspondance", "suivi-actions", "--out", out.path + "/c"]).status, 78)
    }
}
