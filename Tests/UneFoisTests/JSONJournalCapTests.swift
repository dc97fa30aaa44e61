import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// A source with a million bad rows must not write a million `probleme` lines into the log: at
/// most `maxProblemesParSource` per source, then one `problemes_tronques` event with the counts.
final class JSONJournalCapTests: XCTestCase {
    func testProblemEventsAreCappedPerSourceWithOneSummaryEvent() throws {
        let console = StderrConsole(capture: true)
        let journal = JSONJournal(console: console)
        journal.maxProblemes = 3
        func issue(_ source: String, _ code: String, _ line: Int) -> Issue {
            Issue(code: code, severity: .error, message: "m", source: source, file: source + ".csv", line: line)
        }
        for l in 1...5 { journal.observe(.issue(issue("a", "type-error", l))) }
        for l in 6...7 { journal.observe(.issue(issue("a", "field-too-long", l))) }
        for l in 1...2 { journal.observe(.issue(issue("b", "type-error", l))) }
        journal.observe(.runFinished(exitCode: 0, summary: "s", counts: []))
        XCTAssertEqual(JSONJournal.maxProblemesParSource, 1_000)

        let lines = String(decoding: console.captured ?? [], as: UTF8.self).split(separator: "\n")
        let events = try lines.map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        XCTAssertEqual(events.map { $0["evenement"] as! String },
                       ["probleme", "probleme", "probleme", "probleme", "probleme", "problemes_tronques", "fin"])
        XCTAssertEqual(events.filter { $0["source"] as? String == "a" && $0["evenement"] as? String == "probleme" }.count, 3)
        let t = events[5]
        XCTAssertEqual(t["source"] as? String, "a")
        XCTAssertEqual(t["ecrits"] as? Int, 3)
        XCTAssertEqual(t["tronques"] as? Int, 4)
        XCTAssertEqual(t["codes"] as? [String: Int], ["field-too-long": 2, "type-error": 2])
    }
}
