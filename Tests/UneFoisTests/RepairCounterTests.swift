import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class RepairCounterTests: XCTestCase {
    func testRepairsAreNamedFromChangedValuesAndRepairIssues() {
        let prov = Provenance(source: "s", file: "f.csv", line: 2)
        let m = MappedRecord(values: ["telephone": ["04 90 71 23 45"], "nom": ["Médiathèque"], "courriels": ["A@B.FR"]], colonnes: [:], provenance: prov, idSource: "1")
        var l = Lieu(idSource: "1", provenance: prov)
        l.set(.telephone, "+33490712345", colonne: "tel")
        l.set(.nom, "Médiathèque", colonne: "nom")
        l.set(.courriels, ["a@b.fr"], colonne: "mail")
        let issues = [Issue("coordinates-swapped", .warning, "…", at: prov), Issue("leading-zero-lost", .warning, "refused", at: prov)]
        XCTAssertEqual(RepairCounter.kinds(mapped: m, lieu: l, issues: issues),
                       ["téléphone mis au format international (+33…)", "courriel mis en minuscules", "latitude et longitude remises dans l'ordre"])
    }
}
