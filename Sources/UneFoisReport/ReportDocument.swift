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
        var out: [UInt8] = []
        ReportRenderer.markdown(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The report as Markdown (GitHub tables), every value escaped.
    public func markdown() -> String { String(decoding: markdownBytes(), as: UTF8.self) }

    /// The same, as the file's bytes.
    public func markdownBytes() -> [UInt8] { rendu(.markdown) }

    /// Only a relative file name of the output folder may be linked; anything else becomes `#`.
    static func relativeTarget(_ s: String) -> String {
        let ok = !s.isEmpty && !s.contains(":") && !s.hasPrefix("/") && !s.hasPrefix("\\") && !s.contains("..")
        return ok ? s : "#"
    }

    /// An external link kept only when it is a plain `http(s)` address without spaces, quotes or
    /// angle brackets (a `javascript:` or `data:` address stays text); escaped by the caller.
    static func lienExterne(_ s: String) -> String? {
        var s = s
        return s.withUTF8(estLienExterne) ? s : nil
    }

    /// Whether the UTF-8 bytes of a text are an external link ``lienExterne(_:)`` keeps.
    static func estLienExterne(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        // An ASCII address (nearly all) is checked on its bytes: the same answer as below, as a
        // character is then a byte (a CR LF pair is refused either way) and lowercasing maps A-Z.
        if !b.contains(where: { $0 >= 0x80 }) {
            func commencePar(_ p: StaticString) -> Bool {
                let q = UnsafeBufferPointer(start: p.utf8Start, count: p.utf8CodeUnitCount)
                return b.count >= q.count && zip(b, q).allSatisfy { c, q in (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) == q }
            }
            return (commencePar("https://") || commencePar("http://")) && b.count > 8
                && !b.contains(where: { c in c <= 0x20 || c == 0x22 || c == 0x27 || c == 0x3C || c == 0x3E || c == 0x60 || c == 0x5C })
        }
        let s = String(decoding: b, as: UTF8.self)
        let lower = s.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && s.count > 8
            && !s.unicodeScalars.contains(where: { $0.value <= 0x20 || "\"'<>`\\".unicodeScalars.contains($0) })
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
    public func html() -> String { String(decoding: htmlBytes(), as: UTF8.self) }

    /// The same, as the file's bytes.
    public func htmlBytes() -> [UInt8] { rendu(.html) }

    private func rendu(_ format: ReportRenderer.Format) -> [UInt8] {
        var r = ReportRenderer(format)
        r.debut(self)
        for s in sections {
            r.section(s)
            for b in s.blocks { r.bloc(b) }
        }
        r.fin(self)
        return r.out
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
        var out: [UInt8] = []
        ReportRenderer.html(s, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
