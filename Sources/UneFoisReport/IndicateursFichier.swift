import Foundation
import UneFoisCore
import UneFoisModel

/// The Préfecture's dashboard file: `indicateurs.csv` and the same table as `indicateurs.xlsx`.
///
/// Columns (stable, documented in the README): `periode` (`aaaa-mm`, or the whole period
/// `aaaa-mm-jj/aaaa-mm-jj`), `axe`, `action`, `action_libelle`, `indicateur`,
/// `indicateur_libelle`, `code_insee`, `commune`, `valeur` (empty when masked), `unite`,
/// `statut` (`publie`, `masque` for 1 to 10 people, `secret` when masked so that another masked
/// count cannot be recomputed).
public enum IndicateursFichier {
    public static let colonnes = ["periode", "axe", "action", "action_libelle", "indicateur", "indicateur_libelle", "code_insee", "commune", "valeur", "unite", "statut"]

    static func cellules(_ i: Indicateur) -> [String] {
        [i.periode, i.axe, i.action, i.actionLibelle, i.indicateur, i.indicateurLibelle, i.codeInsee, i.commune, i.valeur, i.unite, i.statut]
    }

    /// RFC 4180, `,`, `\n`, UTF-8; a cell starting like a formula gets a leading `'`.
    public static func csv(_ rows: [Indicateur]) -> [UInt8] {
        var out: [UInt8] = []
        func row(_ cells: [String]) {
            for (k, c0) in cells.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                var c = c0
                if let f = c.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f), Int(c) == nil { c = "'" + c }
                if c.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                    out += Array(("\"" + c.replacingOccurrences(of: "\"", with: "\"\"") + "\"").utf8)
                } else {
                    out += Array(c.utf8)
                }
            }
            out.append(0x0A)
        }
        row(colonnes)
        for r in rows { row(cellules(r)) }
        return out
    }

    /// A one-sheet workbook (Office Open XML, SpreadsheetML): numbers as numbers, text inline.
    public static func xlsx(_ rows: [Indicateur]) throws -> [UInt8] {
        func x(_ s: String) -> String {
            var o = ""
            for ch in s.unicodeScalars {
                switch ch {
                case "&": o += "&amp;"
                case "<": o += "&lt;"
                case ">": o += "&gt;"
                case "\"": o += "&quot;"
                default:
                    // XML 1.0 forbids most control characters.
                    if ch.value < 0x20 && ch != "\t" && ch != "\n" && ch != "\r" { continue }
                    o.unicodeScalars.append(ch)
                }
            }
            return o
        }
        func col(_ k: Int) -> String {
            var k = k, s = ""
            repeat { s = String(UnicodeScalar(UInt8(65 + k % 26))) + s; k = k / 26 - 1 } while k >= 0
            return s
        }
        var sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><sheetData>"
        for (r, cells) in ([colonnes] + rows.map(cellules)).enumerated() {
            sheet += "<row r=\"\(r + 1)\">"
            for (k, c) in cells.enumerated() {
                let ref = col(k) + String(r + 1)
                if r > 0 && k == 8, !c.isEmpty, Int(c) != nil {
                    sheet += "<c r=\"\(ref)\"><v>\(c)</v></c>"
                } else if !c.isEmpty {
                    sheet += "<c r=\"\(ref)\" t=\"inlineStr\"\(r == 0 ? " s=\"1\"" : "")><is><t>\(x(c))</t></is></c>"
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData><autoFilter ref=\"A1:\(col(colonnes.count - 1))\(rows.count + 1)\"/></worksheet>"
        var z = ZipWriter()
        try z.add("[Content_Types].xml", Array("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
        """.utf8))
        try z.add("_rels/.rels", Array("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8))
        try z.add("xl/workbook.xml", Array("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="indicateurs" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">indicateurs!$A$1:$\(col(colonnes.count - 1))$\(rows.count + 1)</definedName></definedNames></workbook>
        """.utf8))
        try z.add("xl/_rels/workbook.xml.rels", Array("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
        """.utf8))
        try z.add("xl/styles.xml", Array("""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>
        """.utf8))
        try z.add("xl/worksheets/sheet1.xml", Array(sheet.utf8))
        return z.finish()
    }
}
