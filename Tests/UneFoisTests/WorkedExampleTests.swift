import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisReport
@testable import UneFois

/// The guided path of `samples/nouvelle-source/README.md` works as written: the committed draft
/// is exactly what `inspect --ecrire` writes today, and the configuration publishes the file.
final class WorkedExampleTests: XCTestCase {
    static let folder = TestSupport.samplesDirectory.appendingPathComponent("nouvelle-source")

    func testDraftIsWhatInspectWritesAndTheSourcePublishes() throws {
        let dir = try TestSupport.temporaryDirectory(self, "exemple")
        let input = Self.folder.appendingPathComponent("export-centres-sociaux.csv").path
        let draft = dir.appendingPathComponent("correspondance.json").path
        let inspect = try TestSupport.runCLI(["inspect", input, "--ecrire", draft])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: draft)), try Data(contentsOf: Self.folder.appendingPathComponent("correspondance.json")),
                       "samples/nouvelle-source/correspondance.json is the unedited draft: regenerate it with the README's first command")
        XCTAssertTrue(inspect.stdout.contains("jointe à la voie « Rue »"), inspect.stdout)

        // Step 3 of the README (the trial run), then step 4 (the configuration).
        let essai = try TestSupport.runCLI(["run", "--source", "centres-sociaux=csv:" + input, "--correspondance", draft, "--out", dir.appendingPathComponent("essai").path])
        XCTAssertEqual(essai.status, 0, essai.stderr)
        XCTAssertTrue(essai.stderr.contains("3 lieux publiés"), essai.stderr)
        let out = dir.appendingPathComponent("sortie").path
        let run = try TestSupport.runCLI(["run", "--config", Self.folder.appendingPathComponent("unefois.json").path, "--out", out])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("3 lieux publiés (0 enregistrements fusionnés, 1 rejetés)"), run.stderr)
        let lieux = TestSupport.csvRows(try Data(contentsOf: URL(fileURLWithPath: out + "/lieux.csv")))
        let col = { (n: String) in lieux[0].firstIndex(of: n)! }
        XCTAssertTrue(lieux.dropFirst().allSatisfy { $0[col("source")] == "Fédération des centres sociaux (exemple)" })
        XCTAssertTrue(lieux.contains { $0[col("horaires")] == "We[2,4] 14:00-16:00 \"sauf vacances scolaires\"" })
        XCTAssertTrue(lieux.contains { $0[col("adresse")] == "3 rue Pasteur" && $0[col("frais_a_charge")] == "Gratuit" })
        XCTAssertTrue(lieux.contains { $0[col("frais_a_charge")] == "Payant" }, "« adhésion 10 € »")
        let retours = try String(contentsOfFile: out + "/retours/centres-sociaux.csv", encoding: .utf8)
        for kind in [";obligatoire;", ";telephone;", ";horaires;", ";date;"] { XCTAssertTrue(retours.contains(kind), kind) }

        // The guide in the CLI names each step.
        let aide = try TestSupport.runCLI(["aide", "nouvelle-source"])
        for step in ["unefois inspect", "--ecrire", "run --source", "--correspondance", "unefois verifier", "retours/"] {
            XCTAssertTrue(aide.stdout.contains(step), step)
        }
        XCTAssertTrue(try TestSupport.runCLI(["aide"]).stdout.contains("aide nouvelle-source"))
    }
}
