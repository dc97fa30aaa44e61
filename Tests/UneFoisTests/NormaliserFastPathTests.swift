import XCTest
@testable import UneFoisIngest

/// The byte-level fast paths of the field normalisers give exactly what the general paths give.
final class NormaliserFastPathTests: XCTestCase {
    func mutations(_ seeds: [String], with extra: [String]) -> [String] {
        var out = Set(seeds)
        for s in seeds {
            let chars = Array(s)
            for i in chars.indices {
                var d = chars; d.remove(at: i); out.insert(String(d))
                for r in extra { var x = chars; x[i] = Character(r); out.insert(String(x)) }
            }
        }
        return out.sorted()
    }

    func same(_ a: Result<String, FieldNormalisers.Problem>, _ b: Result<String, FieldNormalisers.Problem>) -> Bool {
        switch (a, b) {
        case (.success(let x), .success(let y)): return x == y
        case (.failure(let x), .failure(let y)): return x.code == y.code
        default: return false
        }
    }

    func testTelephone() {
        let corpus = mutations(["+33490712345", "0490712345", "04 90 71 23 45", "0033490712345", "+590590123456", "0012345678", "490712345"],
                               with: ["0", "3", "+", " ", "E", "."])
        var fast = 0
        for t in corpus {
            if same(FieldNormalisers.telephone(t), FieldNormalisers.telephoneGeneral(t)) == false { XCTFail("« \(t) »") }
            if t.utf8.count == 12 || t.utf8.count == 10 { fast += 1 }
        }
        XCTAssertGreaterThan(fast, 10)
    }

    /// Every text of `corpus` that `fast` accepts as it is, `general` normalises to itself; and
    /// the corpus exercises the fast path (more than 20 accepted).
    func assertFastPathOnlyAccepts(_ corpus: [String], _ fast: (String) -> Bool, _ general: (String) -> Result<String, FieldNormalisers.Problem>,
                                   file: StaticString = #filePath, line: UInt = #line) {
        var accepted = 0
        for t in corpus where fast(t) {
            accepted += 1
            XCTAssertTrue(same(.success(t), general(t)), "fast path accepts « \(t) »", file: file, line: line)
        }
        XCTAssertGreaterThan(accepted, 20, file: file, line: line)
    }

    func testCourriel() {
        let corpus = mutations(["contact@exemple-lmv.fr", "a.b@c.d.fr", "x+y@sub.domaine.org", "mailto:a@b.fr", "A@B.FR", "a..b@c.fr", "a@-b.fr", "a@b-.fr", "a@b", "@b.fr", "a@.fr", "é@b.fr"],
                               with: ["@", ".", "-", " ", "A", "é", ":"])
        assertFastPathOnlyAccepts(corpus, FieldNormalisers.isPlainEmail, FieldNormalisers.courrielGeneral)
    }

    func testSiteWeb() {
        let corpus = mutations(["https://www.exemple-lmv.fr/lieu-0", "http://exemple.fr", "https://a.fr/x?y=1&z=2#frag", "https://a.fr/%20b", "https://a.fr/%zz",
                                "https://a.fr#x#y", "https://user@a.fr", "https://a.fr:8080/x", "https://.a.fr", "https://a.fr./", "https://localhost/x", "https://[::1]/x"],
                               with: ["/", ".", "#", "%", " ", "é", ":", "@", "["])
        assertFastPathOnlyAccepts(corpus, FieldNormalisers.isPlainWebAddress, FieldNormalisers.siteWebGeneral)
    }

    func testSiretDigits() {
        for t in ["130 025 265 00013", "13002526500013", "130.025.265.00013", "130\u{A0}025\u{A0}265\u{A0}00013", "130-025", "13002526500013x", "١٣٠"] {
            let general = t.filter { !($0 == " " || $0 == "." || $0 == "\u{00A0}" || $0 == "-") }
            if let d = FieldNormalisers.siretDigits(t) { XCTAssertEqual(d, general, t) }
        }
        XCTAssertNil(FieldNormalisers.siretDigits("13002526500013x"))
    }
}
