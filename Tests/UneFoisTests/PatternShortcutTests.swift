import XCTest
import Foundation
@testable import UneFoisIngest

/// The byte-level shortcut never accepts what the schema's regex refuses, and it does accept the
/// usual valid values (else it would not save anything).
final class PatternShortcutTests: XCTestCase {
    func regexMatches(_ f: TableSchema.Field, _ v: String) -> Bool {
        f.pattern!.firstMatch(in: v, range: NSRange(location: 0, length: (v as NSString).length)) != nil
    }

    func testShortcutAgreesWithTheRegexOnBothSchemaVersions() throws {
        for file in ["schema_v1.0.2.json", "schema_v0.1.1.json"] {
            let schema = try TableSchema(path: TestSupport.schemasPath + "/standard-mediation-num/" + file)
            for f in schema.fields where f.pattern != nil {
                var corpus = ["", "|", " ", "x", "84035", "8403", "840355", "2A004", "2B123", "2C004", "20123", "2a004", "00123",
                              "٨٤٠٣٥", "８４０３５", "+33490712345", "+3349071234567", "+33123", "+33 490712345", "+590590123456",
                              "0490712345", "13002526500013", "1300252650001A", "W123456789", "W12345678", "abc-12345678",
                              "130025265000130", "Fixe", "Itinérant", "Fixe|Itinérant", "Fixe|", "|Fixe", "Fixe||Itinérant",
                              "fixe", "Fixe ", " Fixe", "Fixe|Bus", "Gratuit", "Gratuit sous condition", "Gratuit|Payant"]
                if let p = f.patternText, case .labels(let labels)? = PatternShortcut(pattern: p)?.shape {
                    let l = labels.map { String(decoding: $0, as: UTF8.self) }.sorted()
                    corpus += l + l.map { $0 + "|" + l[0] } + l.map { $0.uppercased() } + l.map { $0 + " " } + [l.joined(separator: "|")]
                }
                var accepted = 0
                for v in corpus {
                    let regex = regexMatches(f, v)
                    if let s = f.patternShortcut, s.accepts(v) {
                        accepted += 1
                        XCTAssertTrue(regex, "\(file) \(f.name): shortcut accepts « \(v) », regex refuses")
                    }
                    XCTAssertEqual(schema.check(f, v) == nil || !regex, true)
                }
                if f.patternShortcut != nil { XCTAssertGreaterThan(accepted, 0, "\(file) \(f.name)") }
            }
        }
    }

    func testEveryPatternOfTheStandardV1HasAShortcut() throws {
        let schema = try TableSchema(path: TestSupport.schemasPath + "/standard-mediation-num/schema_v1.0.2.json")
        let without = schema.fields.filter { $0.pattern != nil && $0.patternShortcut == nil }.map(\.name)
        XCTAssertEqual(without, [])
        let services = try XCTUnwrap(schema.field(named: "services"))
        XCTAssertTrue(services.patternShortcut!.accepts("Aide aux démarches administratives|Maîtrise des outils numériques du quotidien"))
        XCTAssertFalse(services.patternShortcut!.accepts("Aide aux démarches administratives|Inconnu"))
        XCTAssertNotNil(schema.check(services, "Aide aux démarches administratives|Inconnu"))
        XCTAssertNil(schema.check(services, "Aide aux démarches administratives"))
    }
}
