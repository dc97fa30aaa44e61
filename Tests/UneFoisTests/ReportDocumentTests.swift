import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class ReportDocumentTests: XCTestCase {
    var document: ReportDocument {
        var d = ReportDocument(title: "Bilan <LMV> & co")
        d.sections = [
            ReportDocument.Section(title: "Sources", blocks: [
                .paragraph("Deux sources lues."),
                .table(header: ["Source", "Lieux"], rows: [["dora", "10"], ["a|b", "1 234"], ["multi\nligne", "x"]]),
                .list(["un", "<script>alert(1)</script>"]),
            ]),
        ]
        return d
    }

    func testMarkdown() {
        XCTAssertEqual(document.markdown(), """
        # Bilan \\<LMV\\> & co

        ## Sources

        Deux sources lues.

        | Source | Lieux |
        | --- | --- |
        | dora | 10 |
        | a\\|b | 1 234 |
        | multi ligne | x |

        - un
        - \\<script\\>alert(1)\\</script\\>

        """)
    }

    func testHTMLEscapesEverythingAndHasNoScript() {
        let html = document.html()
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">"))
        XCTAssertTrue(html.contains("<title>Bilan &lt;LMV&gt; &amp; co</title>"))
        XCTAssertTrue(html.contains("<li>&lt;script&gt;alert(1)&lt;/script&gt;</li>"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("Content-Security-Policy"))
        XCTAssertTrue(html.contains("<th scope=\"col\">Source</th>"))
        XCTAssertTrue(html.contains("<td class=\"n\">1 234</td>"), "numbers right-aligned")
        XCTAssertTrue(html.contains("<td>dora</td>"))
        XCTAssertTrue(html.hasSuffix("</body>\n</html>\n"))
        XCTAssertEqual(html, document.html(), "deterministic")
    }

    /// External links: only plain http(s) addresses, ASCII or not, whatever their case.
    func testExternalLinks() {
        for ok in ["https://lmv.fr", "HTTP://x.fr/a?b=c&d", "HtTpS://ex.org/é", "https://ex.org/#ancre"] { XCTAssertEqual(ReportDocument.lienExterne(ok), ok) }
        for non in ["https://", "http://", "https:/x.fr", "javascript:alert(1)", "data:text/html,x", "https://x.fr/a b", "https://x.fr/\"x",
                    "https://x.fr/'x", "https://x.fr/<x>", "https://x.fr/`x", "https://x.fr\\x", "https://x.fr/\tx", "ftp://x.fr", " https://x.fr",
                    "https://x.fr/é\u{0}", "https://\u{301}", "ｈttps://x.fr", ""] {
            XCTAssertNil(ReportDocument.lienExterne(non), non)
        }
    }

    func testHTMLEscape() {
        XCTAssertEqual(HTML.escape(#"<a href="x">l'été & co</a>"#), "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
        XCTAssertEqual(HTML.escape(""), "")
    }

    /// The escapers (which work on bytes, a run of plain bytes at a time) against a character by
    /// character reference, on every ASCII character, non-ASCII text and line breaks.
    func testEscapersMatchACharacterByCharacterReference() {
        let ascii = String(decoding: (1...0x7F).map { UInt8($0) }, as: UTF8.self)
        for s in [ascii, "l'été « à » \r\n|é*_", "東京<b>", "", "&", "a\\b`c`", ascii + "é" + ascii] {
            var html = "", md = ""
            for u in s.unicodeScalars {
                switch u {
                case "&": html += "&amp;"
                case "<": html += "&lt;"
                case ">": html += "&gt;"
                case "\"": html += "&quot;"
                case "'": html += "&#39;"
                default: html.unicodeScalars.append(u)
                }
                switch u {
                case "\\", "|", "<", ">", "[", "]", "`", "*", "_": md += "\\" + String(u)
                case "\n", "\r": md += " "
                default: md.unicodeScalars.append(u)
                }
            }
            XCTAssertEqual(HTML.escape(s), html, s)
            XCTAssertEqual(ReportDocument.markdownText(s), md, s)
        }
    }
}

final class StatisticalSecrecyTests: XCTestCase {
    /// Cells of one table: a total and its rows over atoms with one person each.
    func testSecondarySuppressionInOneTable() {
        var s = SecretStatistique()
        // Rows: 120, 7, 45 people; total 172.
        let a = (0..<120).map { ($0, 1) }, b = (120..<127).map { ($0, 1) }, c = (127..<172).map { ($0, 1) }
        s.ajouter(atomes: a + b + c, tableau: "t")
        s.ajouter(atomes: a, tableau: "t")
        s.ajouter(atomes: b, tableau: "t")
        s.ajouter(atomes: c, tableau: "t")
        let (p, sec) = s.masquer()
        XCTAssertEqual(p, [2])
        XCTAssertEqual(sec, [3], "the smallest other row is masked so the 7 is not total − 120 − 45")
        XCTAssertFalse(s.recalculable(2, masque: p.union(sec)))
        XCTAssertTrue(s.recalculable(2, masque: p), "without the secondary mask it would be")
    }

    /// The issue's attack: a commune's count (one place) against the place table and a total.
    func testAcrossTables() {
        var s = SecretStatistique()
        let oppede = (0..<8).map { ($0, 1) }, cavaillon = (8..<60).map { ($0, 1) }, robion = (60..<90).map { ($0, 1) }
        s.ajouter(atomes: oppede + cavaillon + robion, tableau: "total")
        s.ajouter(atomes: oppede, tableau: "lieux")
        s.ajouter(atomes: cavaillon, tableau: "lieux")
        s.ajouter(atomes: robion, tableau: "lieux")
        s.ajouter(atomes: oppede, tableau: "communes")
        s.ajouter(atomes: cavaillon + robion, tableau: "communes")
        let (p, sec) = s.masquer()
        XCTAssertEqual(p, [1, 4])
        for m in p { XCTAssertFalse(s.recalculable(m, masque: p.union(sec)), "cell \(m)") }
    }
}
