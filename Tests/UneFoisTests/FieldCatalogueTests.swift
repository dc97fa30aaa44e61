import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest

/// `docs/CHAMPS.md` is generated from the schemas and kept in sync: every target field with
/// its allowed values. `UNEFOIS_RECORD_GOLDEN=1` rewrites it.
final class FieldCatalogueTests: XCTestCase {
    func testPageMatchesTheSchemas() throws {
        let generated = try FieldCatalogue.markdown(schemasPath: TestSupport.schemasPath)
        let path = TestSupport.repoRoot.appendingPathComponent("docs/CHAMPS.md").path
        if ProcessInfo.processInfo.environment["UNEFOIS_RECORD_GOLDEN"] == "1" {
            try generated.write(toFile: path, atomically: false, encoding: .utf8)
        }
        let onDisk = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(onDisk, generated, "docs/CHAMPS.md is out of date: regenerate it with UNEFOIS_RECORD_GOLDEN=1 swift test --filter FieldCatalogueTests")
    }

    func testEveryFieldAndEveryAllowedValueIsListed() throws {
        let page = try FieldCatalogue.markdown(schemasPath: TestSupport.schemasPath)
        let schema = try TableSchema(path: TestSupport.schemasPath + "/standard-mediation-num/schema_v1.0.2.json")
        XCTAssertEqual(schema.fields.count, 32)
        for f in schema.fields {
            XCTAssertTrue(page.contains("### `\(f.name)`"), f.name)
            if let p = f.patternText, let values = FieldCatalogue.allowedValues(pattern: p) {
                for v in values {
                    XCTAssertTrue(page.contains("- `\(v)`"), "\(f.name): \(v)")
                    // Each listed value passes the schema's own check.
                    XCTAssertNil(schema.check(f, v), "\(f.name): \(v)")
                }
            }
        }
        XCTAssertEqual(FieldCatalogue.allowedValues(pattern: #"(?:(?:^|\|)(Surdité|Langues étrangères \(anglais\)))+$"#), ["Surdité", "Langues étrangères (anglais)"])
        XCTAssertTrue(page.contains("`France Rénov'`"))
        // The documentation of mapping files links the page.
        let doc = try String(contentsOfFile: TestSupport.repoRoot.appendingPathComponent("docs/CORRESPONDANCES.md").path, encoding: .utf8)
        XCTAssertTrue(doc.contains("(CHAMPS.md)"))
    }
}
