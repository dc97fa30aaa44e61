import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// The byte-level fast path of `TextFolding.key` gives exactly what Foundation's folding gives.
final class TextFoldingFastPathTests: XCTestCase {
    func testFastPathAgreesWithFoundation() {
        let samples = ["Médiathèque  La-Durance.", "MÉDIATHÈQUE D’OPPÈDE", "Cœur de ville", "ŒUVRE", "Ça c'est « la » fête !",
                       "Rue de l’Œuvre", "84300 Cavaillon", "Straße", "Æsop", "L'Isle-sur-la-Sorgue", "  ", "", "é", "Ñandú",
                       "Île-de-France – été", "n° 12", "1er étage", "Ø", "Thé ÿ", "São Tomé", "Dünya", "Hôtel-Dieu"]
        for s in samples {
            XCTAssertEqual(TextFolding.key(s), TextFolding.foundationKey(s), s)
        }
        // Non-Latin text falls back to Foundation.
        XCTAssertEqual(TextFolding.key("Ελλάδα"), TextFolding.foundationKey("Ελλάδα"))
    }
}
