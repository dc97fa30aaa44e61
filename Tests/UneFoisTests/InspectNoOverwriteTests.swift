import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Review item 10: `inspect --ecrire` never overwrites an existing (perhaps edited) mapping file
/// unless `--remplacer` is given.
final class InspectNoOverwriteTests: XCTestCase {
    func testExistingFileIsKeptUnlessRemplacer() throws {
        let dir = try TestSupport.temporaryDirectory(self, "ecrire")
        let draft = dir.appendingPathComponent("partenaire.json").path
        let edited = Data("{\"champs\": {\"nom\": \"Nom corrigé à la main\"}}\n".utf8)
        XCTAssertTrue(FileManager.default.createFile(atPath: draft, contents: edited))
        let input = "samples/france-services/liste-france-services.csv"
        let refused = try TestSupport.runCLI(["inspect", input, "--ecrire", draft])
        XCTAssertEqual(refused.status, 73, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("--remplacer"), refused.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: draft)), edited)
        let replaced = try TestSupport.runCLI(["inspect", input, "--ecrire", draft, "--remplacer"])
        XCTAssertEqual(replaced.status, 0, replaced.stderr)
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: draft)), edited)
        XCTAssertTrue(try TestSupport.runCLI(["aide", "inspect"]).stdout.contains("--remplacer"))
    }
}
