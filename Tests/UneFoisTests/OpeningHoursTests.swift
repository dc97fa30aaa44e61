import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class OpeningHoursTests: XCTestCase {
    func osm(_ days: [(String, String)]) -> String? {
        if case .success(let s) = OpeningHours.fromDailyText(days.map { (jour: $0.0, text: $0.1) }) { return s }
        return nil
    }

    func testGroupsWeekdays() {
        let week = ["Mo", "Tu", "We", "Th", "Fr"].map { ($0, "9h-12h / 14h-17h") } + [("Sa", "8h30-12h"), ("Su", "Fermé")]
        XCTAssertEqual(osm(week), "Mo-Fr 09:00-12:00,14:00-17:00; Sa 08:30-12:00")
    }

    func testTwoConsecutiveDaysUseComma() {
        XCTAssertEqual(osm([("Mo", "9h-12h"), ("Tu", "9h-12h"), ("Th", "14h00-18h30")]), "Mo,Tu 09:00-12:00; Th 14:00-18:30")
    }

    func testClosedDaysAndAllClosed() {
        XCTAssertEqual(osm([("Mo", "Fermé"), ("Tu", "fermee"), ("We", "9:00-12:00")]), "We 09:00-12:00")
        XCTAssertEqual(osm([("Mo", "Fermé")]), "")
    }

    func testSeparatorsEtAndA() {
        XCTAssertEqual(OpeningHours.parseRanges("9h à 12h et 14h à 17h"), ["09:00-12:00", "14:00-17:00"])
        XCTAssertEqual(OpeningHours.parseRanges("8h30-12h"), ["08:30-12:00"])
    }

    func testInvalidText() {
        XCTAssertNil(OpeningHours.parseRanges("sur rendez-vous"))
        XCTAssertNil(OpeningHours.parseRanges("9h-12h sauf vacances"))
        XCTAssertNil(OpeningHours.parseRanges("14h-9h"), "end before start")
        if case .failure(let f) = OpeningHours.fromDailyText([(jour: "Mo", text: "9h-12h"), (jour: "Tu", text: "le matin")]) {
            XCTAssertEqual(f.jour, "Tu")
            XCTAssertEqual(f.text, "le matin")
        } else {
            XCTFail("unreadable day must fail")
        }
    }

    func testIsValidOSM() {
        XCTAssertTrue(OpeningHours.isValidOSM("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00"))
        XCTAssertTrue(OpeningHours.isValidOSM("Mo-Fr 09:00-12:00; \"sauf vacances scolaires\""))
        XCTAssertTrue(OpeningHours.isValidOSM("Mo,We 09:00-12:00; Fr 14:00-17:00"))
        XCTAssertTrue(OpeningHours.isValidOSM("24/7"))
        XCTAssertTrue(OpeningHours.isValidOSM("Tu 14:00-18:00 \"sur rendez-vous\""))
    }

    /// In the rule regex, `\s+` precedes the group `(?:TIME…|\s+off|\s+closed)`, so `off` and
    /// `closed` need two spaces: `Su off` (valid OSM) is refused, `Su  off` accepted.
    func testKnownBug_offAndClosedRulesRefused() throws {
        XCTAssertTrue(OpeningHours.isValidOSM("Mo-Fr 09:00-12:00; Su off"))
        XCTAssertTrue(OpeningHours.isValidOSM("Mo-Sa 09:00-12:00; PH closed"))
    }

    func testIsValidOSMRefusals() {
        XCTAssertFalse(OpeningHours.isValidOSM("9h-12h"))
        XCTAssertFalse(OpeningHours.isValidOSM("Lundi 09:00-12:00"))
        XCTAssertFalse(OpeningHours.isValidOSM("Mo-Fr 9:00-12:00"))
        XCTAssertFalse(OpeningHours.isValidOSM(""))
        XCTAssertFalse(OpeningHours.isValidOSM("Mo-Fr 09:00-12:00;"), "empty rule")
        XCTAssertFalse(OpeningHours.isValidOSM("Mo-Fr 25:00-26:00"))
    }

    func testComposedOutputIsValidOSM() {
        let s = osm([("Mo", "9h-12h"), ("We", "14h-17h30"), ("Sa", "10h-12h")])
        XCTAssertEqual(s, "Mo 09:00-12:00; We 14:00-17:30; Sa 10:00-12:00")
        XCTAssertTrue(OpeningHours.isValidOSM(s ?? ""))
    }
}

/// The byte-level fast path of `isValidOSM` accepts only what the general check accepts.
final class OpeningHoursFastPathTests: XCTestCase {
    func testFastPathIsASubsetOfTheGeneralCheck() {
        let seeds = ["Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", "Mo 09:30-12:30,13:30-15:30; PH off",
                     "Tu,Th-Sa 10:00-12:00", "09:00-12:00", "Mo-Fr 09:00-12:00;Sa 10:00-11:00", "Su 00:00-24:00",
                     "SH 10:00-12:00; PH 10:00-11:00", "Mo 10:00-10:00", "Mo 24:30-25:00", "Mo-Fr-Sa 09:00-12:00",
                     "Mo 9:00-12:00", "Mo  09:00-12:00", "Mo 09:00-12:00; ", "Mo 09:00-12:00;  Tu 09:00-12:00",
                     "Lu 09:00-12:00", "Mo,Fr[1,3] 14:00-17:00", "Mo 18:00+", "mo 09:00-12:00", "Mo 09:00-12:00,",
                     "Mo 09:00-12:60", ";Mo 09:00-12:00", "Mo,Tu,We,Th,Fr,Sa,Su 08:00-20:00", "Mo-Fr 08:00-12:00,13:00-17:00,18:00-19:00"]
        var corpus = Set(seeds)
        // Every one-byte deletion and a few substitutions of each seed.
        for s in seeds {
            let b = Array(s.utf8)
            for i in b.indices {
                var d = b; d.remove(at: i); corpus.insert(String(decoding: d, as: UTF8.self))
                for r in [UInt8(ascii: " "), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: "-"), UInt8(ascii: "9"), UInt8(ascii: ":")] {
                    var x = b; x[i] = r; corpus.insert(String(decoding: x, as: UTF8.self))
                }
            }
        }
        var fast = 0
        for t in corpus.sorted() {
            var v = t
            if v.withUTF8(OpeningHours.acceptsCommonForm) {
                fast += 1
                XCTAssertTrue(OpeningHours.isValidGeneral(t), "fast path accepts « \(t) », general check refuses")
            }
        }
        XCTAssertGreaterThan(fast, 50)
    }
}
