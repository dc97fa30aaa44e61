import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class TerritoireTests: XCTestCase {
    static let territoire: Territoire = {
        try! Territoire(path: TestSupport.schemasPath + "/referentiels/communes.csv")
    }()

    var t: Territoire { Self.territoire }

    func testLoadsReferenceTable() throws {
        let cav = try XCTUnwrap(t.commune(code: "84035"))
        XCTAssertEqual(cav.nom, "Cavaillon")
        XCTAssertEqual(cav.codePostal, "84300")
        XCTAssertTrue(cav.dansTerritoire)
        XCTAssertFalse(try XCTUnwrap(t.commune(code: "84003")).dansTerritoire, "Apt is outside LMV")
        XCTAssertEqual(t.codesTerritoire.count, 16, "LMV has 16 communes")
    }

    func testExactMatchFoldsCaseAndAccents() {
        guard case .exact(let c) = t.match(name: "CAVAILLON", codePostal: nil) else { return XCTFail() }
        XCTAssertEqual(c.codeInsee, "84035")
        guard case .exact(let m) = t.match(name: "Merindol", codePostal: "84360") else { return XCTFail() }
        XCTAssertEqual(m.codeInsee, "84074")
    }

    func testMisspellingCorrected() {
        guard case .corrected(let c, let from) = t.match(name: "Cavillon", codePostal: "84300") else {
            return XCTFail("\(t.match(name: "Cavillon", codePostal: "84300"))")
        }
        XCTAssertEqual(c.nom, "Cavaillon")
        XCTAssertEqual(from, "Cavillon")
    }

    func testArticleIgnored() {
        guard case .exact(let c) = t.match(name: "Taillades", codePostal: nil) else { return XCTFail() }
        XCTAssertEqual(c.nom, "Les Taillades")
        guard case .exact(let d) = t.match(name: "les taillades", codePostal: nil) else { return XCTFail() }
        XCTAssertEqual(d.codeInsee, "84131")
    }

    func testNoMatch() {
        XCTAssertEqual(t.match(name: "Paris", codePostal: nil), .none)
        XCTAssertEqual(t.match(name: "", codePostal: nil), .none)
        XCTAssertEqual(t.match(name: "Apx", codePostal: nil), .none, "short names are never fuzzy-matched")
    }

    func testInMemoryTable() {
        let small = Territoire(communes: [.init(codeInsee: "84071", nom: "Maubec", codePostal: "84660", dansTerritoire: true)])
        XCTAssertEqual(small.commune(code: "84071")?.nom, "Maubec")
        XCTAssertEqual(small.codesTerritoire, ["84071"])
    }

    /// The name key: folded, without its leading article, « saint » followed by a space shortened wherever it is.
    func testNameKeyDropsTheArticleAndShortensSaint() {
        XCTAssertEqual(Territoire.nameKey("Les Taillades"), "taillades")
        XCTAssertEqual(Territoire.nameKey("L'Isle-sur-la-Sorgue"), "isle sur la sorgue")
        XCTAssertEqual(Territoire.nameKey("Saint-Saturnin-lès-Apt"), "st saturnin les apt")
        XCTAssertEqual(Territoire.nameKey("Le Thor"), "thor")
        XCTAssertEqual(Territoire.nameKey("La Roque-Saint-Christophe, Saint Martin"), "roque st christophe st martin")
        XCTAssertEqual(Territoire.nameKey("Toussaint les Bains"), "tousst les bains")  // as Foundation's replacingOccurrences did
        XCTAssertEqual(Territoire.nameKey("Saint"), "saint")
        XCTAssertEqual(Territoire.nameKey("Les"), "les")
        XCTAssertEqual(Territoire.nameKey(""), "")
    }
}
