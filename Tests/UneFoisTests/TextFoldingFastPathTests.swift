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

    func testEveryLatin1AndPunctuationCharacterAgrees() {
        for v in Array(0x20...0x17F) + [0x2019, 0x2013, 0x2014, 0x2026, 0x202F] {
            guard let u = Unicode.Scalar(v) else { continue }
            for s in ["a\(u)b", "\(u)", "X \(u)\(u) y", "\(u)ÉTÉ\(u)"] {
                XCTAssertEqual(TextFolding.key(s), TextFolding.foundationKey(s), "U+\(String(v, radix: 16)) in « \(s) »")
            }
        }
    }
}
