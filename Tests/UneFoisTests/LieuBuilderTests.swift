import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class LieuBuilderTests: XCTestCase {
    let builder = LieuBuilder(territoire: TerritoireTests.territoire)

    func mapped(_ values: [String: String], point: RawPoint? = nil) -> MappedRecord {
        var m = MappedRecord(provenance: Provenance(source: "src", file: "f.csv", line: 5), idSource: "L5")
        for (k, v) in values { m.set(k, [v], colonne: "col_" + k) }
        m.point = point
        return m
    }

    func build(_ values: [String: String], point: RawPoint? = nil) -> (Lieu, [Issue]) {
        var issues: [Issue] = []
        let l = builder.build(mapped(values, point: point), issues: &issues)
        return (l, issues)
    }

    func testNormalisesFields() {
        let (l, issues) = build(["id": " X1 ", "nom": "MEDIATHEQUE LA DURANCE", "telephone": "04 90 12 34 56", "courriels": "A@Exemple-LMV.fr; b@exemple-lmv.fr",
                                  "site_web": "www.exemple-lmv.fr", "pivot": "218 400 350 00011", "commune": "cavaillon", "code_postal": "84300",
                                  "date_maj": "21/01/2025", "horaires": "Mo-Fr 09:00-12:00"])
        XCTAssertEqual(l.cle, "src--X1")
        XCTAssertEqual(l[.nom], "Mediatheque la Durance")
        XCTAssertEqual(l[.telephone], "+33490123456")
        XCTAssertEqual(l.liste(.courriels), ["a@exemple-lmv.fr", "b@exemple-lmv.fr"])
        XCTAssertEqual(l[.siteWeb], "https://www.exemple-lmv.fr")
        XCTAssertEqual(l[.pivot], "21840035000011")
        XCTAssertEqual(l.siret, "21840035000011")
        XCTAssertEqual(l[.commune], "Cavaillon")
        XCTAssertEqual(l[.codeInsee], "84035")
        XCTAssertEqual(l[.dateMaj], "2025-01-21")
        XCTAssertEqual(l[.horaires], "Mo-Fr 09:00-12:00")
        XCTAssertEqual(issues, [])
        XCTAssertEqual(l.valeurs[.telephone]?.colonne, "col_telephone")
    }

    func testUnknownSiretGivesStandardPlaceholderButNoSiret() {
        let (l, _) = build(["nom": "A", "pivot": "00000000000000"])
        XCTAssertEqual(l[.pivot], "00000000000000")
        XCTAssertNil(l.siret)
    }

    func testCommuneMisspellingCorrectedAndReported() {
        let (l, issues) = build(["nom": "CCAS", "commune": "Cavillon", "code_insee": "84035", "code_postal": "84300"])
        XCTAssertEqual(l[.commune], "Cavaillon")
        XCTAssertEqual(issues.map(\.code), ["commune-corrected"])
    }

    func testCommuneNameContradictingInseeCodeIsReported() {
        let (l, issues) = build(["nom": "A", "commune": "Robion", "code_insee": "84035"])
        XCTAssertEqual(l[.commune], "Cavaillon", "the INSEE code wins")
        XCTAssertEqual(issues.first?.code, "commune-mismatch")
    }

    /// A misspelled commune name that points to another commune than the INSEE code is replaced
    /// by the code's commune without any issue ("rien n'est deviné en silence").
    func testKnownBug_misspelledCommuneContradictingInseeCodeReplacedSilently() throws {
        let (l, issues) = build(["nom": "A", "commune": "Cavillon", "code_insee": "84099", "code_postal": "84440"])
        XCTAssertEqual(l[.commune], "Robion")
        XCTAssertTrue(issues.contains { $0.field == "col_commune" }, "the contradiction between « Cavillon » and 84099 must be reported: \(issues.map(\.code))")
    }

    func testPostalCodeFromReferenceWhenLost() {
        let (l, issues) = build(["nom": "A", "commune": "Cheval-Blanc", "code_postal": "8446"])
        XCTAssertEqual(l[.codePostal], "84460")
        XCTAssertEqual(issues.map(\.code), ["leading-zero-lost", "postal-code-from-reference"])
    }

    /// A postal code and an INSEE code that both lost their leading zero (numbers in a JSON export)
    /// corroborate each other outside the reference's departments: both are completed, with a warning.
    func testLostLeadingZerosCorroboratedByEachOther() {
        let (l, issues) = build(["nom": "A", "commune": "Bourg-en-Bresse", "code_postal": "1000", "code_insee": "1053"])
        XCTAssertEqual(l[.codePostal], "01000")
        XCTAssertEqual(l[.codeInsee], "01053")
        XCTAssertEqual(issues.filter { $0.code == "leading-zero-restored" }.map(\.field), ["col_code_insee", "col_code_postal"])
        XCTAssertTrue(issues.allSatisfy { $0.severity != .error })
    }

    /// Departments that disagree, or a commune of the reference that says otherwise, are not repaired.
    func testLostLeadingZeroNotRepairedWithoutCorroboration() {
        XCTAssertFalse(LieuBuilder.lostZeroCorroborated(codePostal: "8446", codeInsee: "84054"))
        XCTAssertFalse(LieuBuilder.lostZeroCorroborated(codePostal: "4300", codeInsee: nil))
        XCTAssertFalse(LieuBuilder.lostZeroCorroborated(codePostal: "01000", codeInsee: "01053"), "nothing lost")
        XCTAssertTrue(LieuBuilder.lostZeroCorroborated(codePostal: "01000", codeInsee: "1053"))
        let (l, _) = build(["nom": "A", "commune": "Cheval-Blanc", "code_postal": "8446", "code_insee": "84038"])
        XCTAssertEqual(l[.codePostal], "84460", "the reference's commune wins over a padded 08446")
    }

    func testExcelPhoneDroppedWithWarning() {
        let (l, issues) = build(["nom": "A", "telephone": "6,12E+08"])
        XCTAssertNil(l[.telephone])
        XCTAssertEqual(issues.map(\.code), ["excel-number-format"])
        XCTAssertEqual(issues.first?.field, "col_telephone")
    }

    func testLambert93PointConverted() throws {
        let (l, issues) = build(["nom": "A"], point: RawPoint(x: 886313.79, y: 6296948.6, epsg: 2154))
        XCTAssertEqual(try XCTUnwrap(l.latitude), 43.747, accuracy: 0.0001)
        XCTAssertEqual(try XCTUnwrap(l.longitude), 5.313, accuracy: 0.0001)
        XCTAssertEqual(issues, [])
    }

    func testDegreesInLambertLayerReadAsWGS84WithWarning() {
        let (l, issues) = build(["nom": "A"], point: RawPoint(x: 5.134, y: 43.842, epsg: 2154))
        XCTAssertEqual(l.latitude, 43.842)
        XCTAssertEqual(issues.map(\.code), ["crs-unexpected"])
    }

    func testSwappedCoordinatesFixed() {
        let (l, issues) = build(["nom": "A", "latitude": "5.033590", "longitude": "43.839409"])
        XCTAssertEqual(l.latitude, 43.839409)
        XCTAssertEqual(l.longitude, 5.03359)
        XCTAssertEqual(issues.map(\.code), ["coordinates-swapped"])
    }

    func testDaylessHoursRefused() {
        let (l, issues) = build(["nom": "A", "horaires": "9h-12h"])
        XCTAssertNil(l[.horaires])
        XCTAssertEqual(issues.map(\.code), ["opening-hours-unparsed"])
    }

    func testDoraHoursWithCommentKept() {
        let h = "Tu 16:00-18:30; We 09:00-12:00,14:00-18:00; Sa 09:00-12:00; \"sauf vacances scolaires\""
        let (l, issues) = build(["nom": "A", "horaires": h])
        XCTAssertEqual(l[.horaires], h)
        XCTAssertEqual(issues, [])
    }

    /// Codes lose their white space (ASCII, no-break and others), and a code without any is kept as it is.
    func testCodesLoseTheirWhiteSpace() {
        XCTAssertEqual(LieuBuilder.withoutWhitespace("84035"), "84035")
        XCTAssertEqual(LieuBuilder.withoutWhitespace(" 84 035\t"), "84035")
        XCTAssertEqual(LieuBuilder.withoutWhitespace("84\u{A0}035"), "84035")
        XCTAssertEqual(LieuBuilder.withoutWhitespace("84\u{202F}035"), "84035")
        XCTAssertEqual(LieuBuilder.withoutWhitespace("2A004"), "2A004")
        XCTAssertEqual(LieuBuilder.withoutWhitespace(""), "")
        XCTAssertTrue(LieuBuilder.lostZeroCorroborated(codePostal: "4000", codeInsee: "4070"))
        XCTAssertFalse(LieuBuilder.lostZeroCorroborated(codePostal: "84300", codeInsee: "84035"))
        XCTAssertFalse(LieuBuilder.lostZeroCorroborated(codePostal: "4000", codeInsee: "٤٠٧٠"), "Arabic-Indic digits are not a code")
    }
}
