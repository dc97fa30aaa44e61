import Foundation
import UneFoisCore
import UneFoisModel

/// A report as data: titled sections of paragraphs, tables, key figures and figures, rendered to
/// Markdown and to HTML by the same code path so both always say the same thing.
///
/// The HTML is self-contained (inline CSS, no script, no remote resource, a strict
/// Content-Security-Policy), in French (`lang="fr"`), with print styles that repeat the period
/// and the production date at the foot of every page. Every value is escaped.
public struct ReportDocument: Sendable {
    /// One key figure: a label, its value, and what it compares to (same period a year before).
    public struct Chiffre: Sendable {
        public var libelle: String
        public var valeur: String
        public var comparaison: String?
        public init(libelle: String, valeur: String, comparaison: String? = nil) {
            self.libelle = libelle
            self.valeur = valeur
            self.comparaison = comparaison
        }
    }

    /// A piece of a section.
    public enum Block: Sendable {
        case paragraph(String)
        /// A table without caption (kept for callers that have none to give).
        case table(header: [String], rows: [[String]])
        case list([String])
        /// A sub-heading (`###`, `<h3>`).
        case titre(String)
        /// A table with its caption; the first column heads its row.
        case tableau(legende: String, entetes: [String], lignes: [[String]])
        /// Key figures, shown as cards in HTML and as a list in Markdown.
        case chiffres([Chiffre])
        /// A figure drawn by the project: inline SVG (already escaped by its builder), its caption,
        /// and a text alternative for Markdown and screen readers.
        case figure(svg: String, legende: String, alternative: String)
        /// Links to other files of the output folder (relative paths only).
        case liens([(texte: String, cible: String)])
        /// The same, as other renderers name it: (text, relative path).
        case links([(text: String, href: String)])
        /// A highlighted note (internal-use warning, method).
        case encadre(String)
        /// A record card (annuaire): a heading and labelled values; a value with a link is shown
        /// as a link only when the link is an `http(s)` address.
        case fiche(titre: String, lignes: [(libelle: String, valeur: String, lien: String?)])
    }

    /// A titled section (a `##` heading in Markdown, a `<section>` in HTML).
    public struct Section: Sendable {
        public var title: String
        public var blocks: [Block] = []
        /// Starts a new printed page.
        public var nouvellePage = false
        public init(title: String, blocks: [Block] = [], nouvellePage: Bool = false) {
            self.title = title
            self.blocks = blocks
            self.nouvellePage = nouvellePage
        }
    }

    public var title: String
    public var sections: [Section] = []
    /// Shown under the title and at the foot of every printed page (the period, the data's date).
    public var piedDePage: String?
    /// Shown at the top of the page and of every printed page (e.g. « Document interne »).
    public var bandeau: String?
    /// Index of the sections at the top.
    public var sommaire = false

    public init(title: String, sections: [Section] = [], piedDePage: String? = nil, bandeau: String? = nil) {
        self.title = title
        self.sections = sections
        self.piedDePage = piedDePage
        self.bandeau = bandeau
    }

    // MARK: Markdown

    /// Escapes text so a Markdown renderer shows it as written (no HTML, no link, no emphasis).
    public static func markdownText(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "\\", "|", "<", ">", "[", "]", "`", "*", "_": out += "\\"; out.unicodeScalars.append(ch)
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// The report as Markdown (GitHub tables), every value escaped.
    public func markdown() -> String {
        let e = ReportDocument.markdownText
        var out = ""
        if let bandeau { out += "> **\(e(bandeau))**\n\n" }
        out += "# \(e(title))\n"
        if let piedDePage { out += "\n\(e(piedDePage))\n" }
        if sommaire {
            out += "\n" + sections.map { "- " + e($0.title) }.joined(separator: "\n") + "\n"
        }
        for s in sections {
            out += "\n## \(e(s.title))\n"
            for b in s.blocks {
                out += "\n"
                switch b {
                case .paragraph(let p): out += e(p) + "\n"
                case .list(let items): out += items.map { "- " + e($0) }.joined(separator: "\n") + "\n"
                case .titre(let t): out += "### " + e(t) + "\n"
                case .encadre(let t): out += "> " + e(t) + "\n"
                case .fiche(let titre, let lignes):
                    out += "### " + e(titre) + "\n\n"
                    out += lignes.map { l in
                        let v = l.lien.flatMap(ReportDocument.lienExterne).map { "[\(e(l.valeur))](<\($0)>)" } ?? e(l.valeur)
                        return "- **\(e(l.libelle))** : " + v
                    }.joined(separator: "\n") + "\n"
                case .chiffres(let cs):
                    out += cs.map { "- **\(e($0.valeur))** \(e($0.libelle))" + ($0.comparaison.map { " (\(e($0)))" } ?? "") }.joined(separator: "\n") + "\n"
                case .figure(_, let legende, let alternative):
                    out += "*\(e(legende))* — \(e(alternative))\n"
                case .links(let ls):
                    out += ls.map { "- [\(e($0.text))](\(ReportDocument.relativeTarget($0.href).replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: " ", with: "%20")))" }.joined(separator: "\n") + "\n"
                case .liens(let ls):
                    out += ls.map { "- [\(e($0.texte))](\(ReportDocument.relativeTarget($0.cible).replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: " ", with: "%20")))" }.joined(separator: "\n") + "\n"
                case .table(let header, let rows):
                    out += markdownTable(header, rows)
                case .tableau(let legende, let header, let rows):
                    out += "*\(e(legende))*\n\n" + markdownTable(header, rows)
                }
            }
        }
        if let piedDePage { out += "\n---\n\n\(e(piedDePage))\n" }
        return out
    }

    private func markdownTable(_ header: [String], _ rows: [[String]]) -> String {
        let e = ReportDocument.markdownText
        var out = "| " + header.map(e).joined(separator: " | ") + " |\n"
        out += "|" + header.map { _ in " --- |" }.joined() + "\n"
        for r in rows { out += "| " + r.map(e).joined(separator: " | ") + " |\n" }
        return out
    }

    /// Only a relative file name of the output folder may be linked; anything else becomes `#`.
    static func relativeTarget(_ s: String) -> String {
        let ok = !s.isEmpty && !s.contains(":") && !s.hasPrefix("/") && !s.hasPrefix("\\") && !s.contains("..")
        return ok ? s : "#"
    }

    /// An external link kept only when it is a plain `http(s)` address without spaces, quotes or
    /// angle brackets (a `javascript:` or `data:` address stays text); escaped by the caller.
    static func lienExterne(_ s: String) -> String? {
        let lower = s.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), s.count > 8,
              !s.unicodeScalars.contains(where: { $0.value <= 0x20 || "\"'<>`\\".unicodeScalars.contains($0) }) else { return nil }
        return s
    }

    // MARK: HTML

    static let css = """
    :root{--bleu:#000091;--bleu-clair:#e3e3fd;--gris:#666;--fond:#f6f6f6}
    body{font-family:Marianne,Arial,system-ui,sans-serif;max-width:74rem;margin:1.5rem auto;padding:0 1rem;color:#1e1e1e;line-height:1.45;font-size:16px}
    header.entete{border-bottom:4px solid var(--bleu);margin-bottom:1rem}
    h1{color:var(--bleu);font-size:1.8rem;margin:.4rem 0}h2{color:var(--bleu);border-bottom:2px solid var(--bleu-clair);padding-bottom:.2rem;margin-top:2.2rem}
    h3{margin-top:1.6rem;font-size:1.15rem}
    p.periode{font-weight:bold;color:#3a3a3a;margin:.2rem 0 .8rem}
    .bandeau{background:#ffe9e6;color:#b34000;border:2px solid #b34000;padding:.4rem .8rem;font-weight:bold;text-align:center}
    table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.93rem}
    caption{text-align:left;font-weight:bold;padding:.3rem 0;color:#3a3a3a}
    th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
    thead th{background:#f5f5fe}tbody th{font-weight:normal;background:#fafafa}
    td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    ul.chiffres{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.8rem}
    ul.chiffres li{border:1px solid #ddd;border-left:5px solid var(--bleu);padding:.6rem .8rem;background:#fff}
    ul.chiffres .valeur{display:block;font-size:1.7rem;font-weight:bold;color:var(--bleu)}
    ul.chiffres .compare{display:block;color:var(--gris);font-size:.85rem}
    figure{margin:1rem 0;max-width:100%}figure svg{max-width:100%;height:auto}figcaption{font-weight:bold;color:#3a3a3a}
    .encadre{background:var(--fond);border-left:4px solid var(--bleu);padding:.5rem .9rem}
    article.fiche{border:1px solid #ddd;border-top:3px solid var(--bleu);padding:.2rem .9rem .6rem;margin:.8rem 0;break-inside:avoid}
    article.fiche h3{margin:.5rem 0;color:var(--bleu)}
    article.fiche dl{display:grid;grid-template-columns:12rem 1fr;gap:.15rem .8rem;margin:0}
    article.fiche dt{font-weight:bold;color:#3a3a3a}article.fiche dd{margin:0}
    nav.sommaire ol{columns:2}
    footer.pied{color:var(--gris);font-size:.85rem;border-top:1px solid #ccc;margin-top:2rem;padding-top:.4rem}
    @media print{
    body{max-width:none;margin:0;font-size:11pt}
    @page{size:A4;margin:1.6cm 1.4cm 2cm;@bottom-right{content:"page " counter(page) " / " counter(pages);font-size:9pt;color:#666}}
    footer.pied{position:fixed;bottom:0;left:0;right:0;border-top:1px solid #ccc;background:#fff;margin:0;font-size:8.5pt}
    .bandeau{position:fixed;top:0;left:0;right:0}
    section.page{break-before:page}
    table,figure,ul.chiffres li{break-inside:avoid}
    h2,h3{break-after:avoid}
    a{color:inherit;text-decoration:none}
    }
    """

    /// Self-contained HTML: every value escaped, no script, no remote resource, a strict CSP.
    public func html() -> String {
        let e = HTML.escape
        var out = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(title))</title>
        <style>
        \(ReportDocument.css)
        </style>
        </head>
        <body>

        """
        if let bandeau { out += "<p class=\"bandeau\">\(e(bandeau))</p>\n" }
        out += "<header class=\"entete\">\n<h1>\(e(title))</h1>\n"
        if let piedDePage { out += "<p class=\"periode\">\(e(piedDePage))</p>\n" }
        out += "</header>\n"
        if sommaire {
            out += "<nav class=\"sommaire\" aria-label=\"Sommaire\">\n<ol>\n"
            for (i, s) in sections.enumerated() { out += "<li><a href=\"#s\(i + 1)\">\(e(s.title))</a></li>\n" }
            out += "</ol>\n</nav>\n"
        }
        out += "<main>\n"
        for (i, s) in sections.enumerated() {
            out += "<section id=\"s\(i + 1)\"\(s.nouvellePage ? " class=\"page\"" : "")>\n<h2>\(e(s.title))</h2>\n"
            for b in s.blocks {
                switch b {
                case .paragraph(let p): out += "<p>\(e(p))</p>\n"
                case .list(let items): out += items.isEmpty ? "" : "<ul>\n" + items.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
                case .titre(let t): out += "<h3>\(e(t))</h3>\n"
                case .encadre(let t): out += "<p class=\"encadre\">\(e(t))</p>\n"
                case .fiche(let titre, let lignes):
                    out += "<article class=\"fiche\">\n<h3>\(e(titre))</h3>\n<dl>\n"
                    for l in lignes {
                        let v = l.lien.flatMap(ReportDocument.lienExterne).map { "<a href=\"\(e($0))\">\(e(l.valeur))</a>" } ?? e(l.valeur)
                        out += "<dt>\(e(l.libelle))</dt><dd>\(v)</dd>\n"
                    }
                    out += "</dl>\n</article>\n"
                case .chiffres(let cs):
                    out += "<ul class=\"chiffres\">\n"
                    for c in cs {
                        out += "<li><span class=\"valeur\">\(e(c.valeur))</span> \(e(c.libelle))"
                        if let cmp = c.comparaison { out += "<span class=\"compare\">\(e(cmp))</span>" }
                        out += "</li>\n"
                    }
                    out += "</ul>\n"
                case .figure(let svg, let legende, _):
                    out += "<figure>\n\(svg)<figcaption>\(e(legende))</figcaption>\n</figure>\n"
                case .links(let ls):
                    out += "<ul>\n" + ls.map { "<li><a href=\"\(e(ReportDocument.relativeTarget($0.href)))\">\(e($0.text))</a></li>\n" }.joined() + "</ul>\n"
                case .liens(let ls):
                    out += "<ul>\n" + ls.map { "<li><a href=\"\(e(ReportDocument.relativeTarget($0.cible)))\">\(e($0.texte))</a></li>\n" }.joined() + "</ul>\n"
                case .table(let header, let rows):
                    out += htmlTable(nil, header, rows, rowHeaders: false)
                case .tableau(let legende, let header, let rows):
                    out += htmlTable(legende, header, rows, rowHeaders: true)
                }
            }
            out += "</section>\n"
        }
        out += "</main>\n"
        if let piedDePage { out += "<footer class=\"pied\">\(e((bandeau.map { $0 + " — " } ?? "") + piedDePage))</footer>\n" }
        out += "</body>\n</html>\n"
        return out
    }

    private func htmlTable(_ caption: String?, _ header: [String], _ rows: [[String]], rowHeaders: Bool) -> String {
        let e = HTML.escape
        var out = "<table>\n"
        if let caption { out += "<caption>\(e(caption))</caption>\n" }
        out += "<thead><tr>" + header.map { "<th scope=\"col\">\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in rows {
            out += "<tr>"
            for (j, c) in r.enumerated() {
                if rowHeaders && j == 0 { out += "<th scope=\"row\">\(e(c))</th>"; continue }
                out += ReportDocument.isNumeric(c) ? "<td class=\"n\">\(e(c))</td>" : "<td>\(e(c))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n"
        return out
    }

    static func isNumeric(_ c: String) -> Bool {
        !c.isEmpty && c.unicodeScalars.contains { $0.properties.numericType != nil || $0 == "≤" }
            && c.unicodeScalars.allSatisfy { $0.properties.numericType != nil || " ,%≤+−-h\u{202F}\u{A0}".unicodeScalars.contains($0) }
    }
}

/// HTML escaping of text content and attribute values.
public enum HTML {
    /// Escapes `& < > " '` for text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
