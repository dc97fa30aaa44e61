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
        # Bilan <LMV> & co

        ## Sources

        Deux sources lues.

        | Source | Lieux |
        | --- | --- |
        | dora | 10 |
        | a\\|b | 1 234 |
        | multi ligne | x |

        - un
        - <script>alert(1)</script>

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

    func testHTMLEscape() {
        XCTAssertEqual(HTML.escape(#"<a href="x">l'été & co</a>"#), "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;")
        XCTAssertEqual(HTML.escape(""), "")
    }
}

final class StatisticalSecrecyTests: XCTestCase {
    func testPrimaryAndSecondarySuppression() {
        // One masked cell alone in the column: the smallest other non-zero cell is masked too.
        XCTAssertEqual(IndicatorReport.personnesMasquees([120, 7, 45, 0]), ["120", "≤ 10", "secret", "0"])
        // Two masked cells already protect each other.
        XCTAssertEqual(IndicatorReport.personnesMasquees([120, 7, 45, 3]), ["120", "≤ 10", "45", "≤ 10"])
        // Within groups (ateliers of one action): each group is protected, then the column.
        // The masked 9 is protected inside its own action's group (by the 200), not by the 11.
        XCTAssertEqual(IndicatorReport.personnesMasquees([11, 40, 9, 200], groupes: ["2.3", "2.3", "2.4", "2.4"]),
                       ["11", "40", "≤ 10", "secret"])
        // A masked cell alone in its group with no other non-zero cell there: the column protects it.
        XCTAssertEqual(IndicatorReport.personnesMasquees([11, 40, 9], groupes: ["2.3", "2.3", "2.4"]),
                       ["secret", "40", "≤ 10"])
        XCTAssertEqual(IndicatorReport.personnesMasquees([]), [])
    }
}
