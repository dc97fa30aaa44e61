import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class OpeningHoursFrenchTests: XCTestCase {
    func testIssueExamples() {
        XCTAssertEqual(OpeningHours.fromFrenchText("du lundi au vendredi de 9h à 12h et de 14h à 17h"), "Mo-Fr 09:00-12:00,14:00-17:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("Mardi : 9h-12h / 14h-17h30"), "Tu 09:00-12:00,14:00-17:30")
        XCTAssertEqual(OpeningHours.fromFrenchText("du lundi au vendredi de 9h à 12h et de 14h à 17h, fermé le mercredi"), "Mo,Tu 09:00-12:00,14:00-17:00; Th,Fr 09:00-12:00,14:00-17:00")
    }

    func testSeveralDayGroups() {
        XCTAssertEqual(OpeningHours.fromFrenchText("jeudi de 14H15 à 16H15 et le vendredi de 9H45 à 11H45"), "Th 14:15-16:15; Fr 09:45-11:45")
        XCTAssertEqual(OpeningHours.fromFrenchText("lundi, mardi et jeudi 9h-12h"), "Mo,Tu 09:00-12:00; Th 09:00-12:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("tous les jours 10h-18h"), "Mo-Su 10:00-18:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("mercredi de 14 à 18h"), "We 14:00-18:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("lundi-vendredi 8h30-12h"), "Mo-Fr 08:30-12:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("Lun. - Ven. : 9h-12h"), "Mo-Fr 09:00-12:00")
    }

    func testRefusesWhatItDoesNotUnderstand() {
        XCTAssertNil(OpeningHours.fromFrenchText("samedi après-midi tous les 15 jours de 14h à 16h"))
        XCTAssertNil(OpeningHours.fromFrenchText("9h-12h"), "hours without days")
        XCTAssertNil(OpeningHours.fromFrenchText("sur rendez-vous"))
        XCTAssertNil(OpeningHours.fromFrenchText("lundi de 12h à 9h"), "a range that ends before it starts")
    }

    func testOSMValidatorOnConvertedText() {
        for t in ["du lundi au vendredi de 9h à 12h et de 14h à 17h", "jeudi de 14H15 à 16H15 et le vendredi de 9H45 à 11H45"] {
            XCTAssertTrue(OpeningHours.isValidOSM(OpeningHours.fromFrenchText(t)!))
        }
        XCTAssertTrue(OpeningHours.isValidOSM("Mo 09:30-12:30,13:30-15:30; PH off"))
        XCTAssertTrue(OpeningHours.isValidOSM("Tu 10:00-12:30,14:00-18:30; \"sauf vacances scolaires\""))
        XCTAssertTrue(OpeningHours.isValidOSM("Fr[1,3] 14:00-17:00; Sa[-1] 10:00-12:00"))
        XCTAssertTrue(OpeningHours.isValidOSM("Mo,Fr[1,3] 14:00-17:00"))
        XCTAssertFalse(OpeningHours.isValidOSM("Fr[1,3 14:00-17:00"))
        XCTAssertFalse(OpeningHours.isValidOSM("Lu 09:00-12:00"))
        XCTAssertFalse(OpeningHours.isValidOSM("Mo 9:00-12:00"))
    }

    /// The forms partners write around the hours (issue 11).
    func testPartnerForms() {
        XCTAssertEqual(OpeningHours.fromFrenchText("1er et 3e vendredi du mois de 14h à 17h"), "Fr[1,3] 14:00-17:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("le 2e mardi du mois 9h-12h"), "Tu[2] 09:00-12:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("dernier samedi du mois de 10h à 12h"), "Sa[-1] 10:00-12:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("mardi 9h-12h et 1er jeudi du mois 14h-16h"), "Tu 09:00-12:00; Th[1] 14:00-16:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("mardi et jeudi 9h-12h sauf vacances scolaires"), "Tu 09:00-12:00 \"sauf vacances scolaires\"; Th 09:00-12:00 \"sauf vacances scolaires\"")
        XCTAssertEqual(OpeningHours.fromFrenchText("mercredi 14h-17h (hors vacances scolaires)"), "We 14:00-17:00 \"sauf vacances scolaires\"")
        XCTAssertEqual(OpeningHours.fromFrenchText("fermé le lundi, du mardi au samedi 10h-18h"), "Tu-Sa 10:00-18:00")
        XCTAssertEqual(OpeningHours.fromFrenchText("du lundi au vendredi 9h-12h sauf jours fériés"), "Mo-Fr 09:00-12:00; PH off")
        XCTAssertEqual(OpeningHours.fromFrenchText("jeudi 14h-17h sur rendez-vous"), "Th 14:00-17:00 \"sur rendez-vous\"")
        XCTAssertEqual(OpeningHours.fromFrenchText("du lundi au vendredi le matin de 9h à 12h"), "Mo-Fr 09:00-12:00")
        for t in ["1er et 3e vendredi du mois de 14h à 17h", "mardi et jeudi 9h-12h sauf vacances scolaires", "du lundi au vendredi 9h-12h sauf jours fériés"] {
            XCTAssertTrue(OpeningHours.isValidOSM(OpeningHours.fromFrenchText(t)!), t)
        }
        // OSM cannot say these: left out (the builder's issue quotes the text).
        XCTAssertNil(OpeningHours.fromFrenchText("le matin"))
        XCTAssertNil(OpeningHours.fromFrenchText("lundi matin"))
        XCTAssertNil(OpeningHours.fromFrenchText("fermé le lundi"))
        XCTAssertNil(OpeningHours.fromFrenchText("sauf vacances scolaires"))
    }

    func testUnreadableHoursQuoteTheText() throws {
        let m = MappedRecord(values: ["nom": ["X"], "horaires": ["le matin"]], colonnes: ["horaires": "Horaires"], provenance: Provenance(source: "s", file: "f.csv", line: 4, byteOffset: 0), idSource: "1")
        var issues: [Issue] = []
        _ = LieuBuilder(territoire: Territoire(communes: [])).build(m, issues: &issues)
        let i = try XCTUnwrap(issues.first { $0.code == "opening-hours-unparsed" })
        XCTAssertTrue(i.message.contains("« le matin »"))
        XCTAssertEqual(i.field, "Horaires")
        XCTAssertEqual(i.line, 4)
    }
}
