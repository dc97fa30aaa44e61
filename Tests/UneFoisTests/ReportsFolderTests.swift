import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// The pages built from the samples are committed under `reports/` (so they can be read without
/// building anything); this test fails when they are stale. Re-record with
/// `UNEFOIS_RECORD_GOLDEN=1 swift test --filter ReportsFolderTests` and review the diff.
final class ReportsFolderTests: XCTestCase {
    static let pages = ["rapport.html", "rapport.md", "rapport-interne.html", "journal.html", "journal.md", "indicateurs.csv", "annuaire.html", "annuaire.md", "bilan-2025.html", "bilan-2025.md"]
    static var folder: URL { TestSupport.repoRoot.appendingPathComponent("reports") }

    func testCommittedReportsAreUpToDate() throws {
        let out = try TestSupport.temporaryDirectory(self, "reports")
        // The bilan command writes the same files as run (the report then covers the year) plus the bilan.
        let r = try TestSupport.runCLI(["bilan", "--annee", "2025", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        if EndToEndTests.recording {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            for name in Self.pages {
                try Data(contentsOf: out.appendingPathComponent(name)).write(to: Self.folder.appendingPathComponent(name))
            }
            return
        }
        for name in Self.pages {
            let committed = try? Data(contentsOf: Self.folder.appendingPathComponent(name))
            let actual = try Data(contentsOf: out.appendingPathComponent(name))
            XCTAssertNotNil(committed, "reports/\(name) missing: record with UNEFOIS_RECORD_GOLDEN=1")
            if let committed, committed != actual {
                XCTFail("reports/\(name) is stale (first difference at line \(EndToEndTests.firstDifferentLine(actual, committed))). Re-record with UNEFOIS_RECORD_GOLDEN=1 and review the diff.")
            }
        }
    }
}
