/// Renders a ``ReportDocument`` to bytes piece by piece — the head, each section, each block,
/// the foot — so a document too large to hold whole (the annuaire lists every place of the
/// territory) is written as it is produced (``take()``). `ReportDocument.html()` and
/// `markdown()` go through it too: both ways give the same bytes. Every value is escaped on bytes.
struct ReportRenderer {
    enum Format { case markdown, html }

    let format: Format
    /// Bytes rendered and not yet taken.
    private(set) var out: [UInt8] = []
    /// Sections opened so far (HTML ids `s1`, `s2`…).
    private var sections = 0

    init(_ format: Format) {
        self.format = format
    }

    /// Hands the bytes rendered so far to `sink`, then goes on from empty in the same buffer (a
    /// sink that keeps no reference to them leaves it to be reused: no new pages per megabyte).
    mutating func envoie(_ sink: ([UInt8]) throws -> Void) rethrows {
        try sink(out)
        out.removeAll(keepingCapacity: true)
    }

    // MARK: Escaping

    /// Appends `s` escaped for HTML text and attribute values (`& < > " '`).
    static func html(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { html($0, into: &out) }
    }

    /// The same, for the UTF-8 bytes of a text.
    static func html(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        echappe(bytes, into: &out, speciaux: ReportRenderer.speciauxHTML) { c, out in
            let entity: StaticString
            switch c {
            case UInt8(ascii: "&"): entity = "&amp;"
            case UInt8(ascii: "<"): entity = "&lt;"
            case UInt8(ascii: ">"): entity = "&gt;"
            case UInt8(ascii: "\""): entity = "&quot;"
            default: entity = "&#39;"
            }
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
        }
    }

    /// The bytes `html` escapes: 1 at their place in a table of the 256 bytes.
    static let speciauxHTML = table("&<>\"'")

    /// The bytes `markdown` escapes (a line break becomes a space), in a table of the 256 bytes.
    static let speciauxMarkdown = table("\\|<>[]`*_\n\r")

    private static func table(_ s: StaticString) -> [UInt8] {
        var t = [UInt8](repeating: 0, count: 256)
        for c in UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount) { t[Int(c)] = 1 }
        return t
    }

    /// Appends `bytes`, each byte marked in `speciaux` (a table of the 256 bytes) written by
    /// `escape` instead: runs between them are copied at once, and a value with nothing to
    /// escape (most) is one copy.
    @inline(__always)
    private static func echappe(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], speciaux: [UInt8],
                                escape: (UInt8, inout [UInt8]) -> Void) {
        speciaux.withUnsafeBufferPointer { speciaux in
            var start = 0
            for i in 0..<bytes.count where speciaux[Int(bytes[i])] != 0 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                escape(bytes[i], &out)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
    }

    /// Appends `s` escaped so a Markdown renderer shows it as written (no HTML, no link, no
    /// emphasis; a line break becomes a space).
    static func markdown(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { markdown($0, into: &out) }
    }

    /// The same, for the UTF-8 bytes of a text. Only ASCII bytes are special, so working on UTF-8
    /// bytes gives the same text as working on characters.
    static func markdown(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        echappe(bytes, into: &out, speciaux: ReportRenderer.speciauxMarkdown) { c, out in
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(UInt8(ascii: "\\"))
                out.append(c)
            }
        }
    }

    // MARK: Pieces

    /// Raw text (markup, or a value already escaped).
    private mutating func t(_ s: String) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Markup written as it is, for the cards' hot loop (a constant: no `String` to open).
    private mutating func m(_ s: StaticString) {
        out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    /// A value, escaped for the format.
    private mutating func e(_ s: String) {
        switch format {
        case .html: ReportRenderer.html(s, into: &out)
        case .markdown: ReportRenderer.markdown(s, into: &out)
        }
    }

    /// A value's UTF-8 bytes, escaped for the format.
    private mutating func e(_ b: UnsafeBufferPointer<UInt8>) {
        switch format {
        case .html: ReportRenderer.html(b, into: &out)
        case .markdown: ReportRenderer.markdown(b, into: &out)
        }
    }

    /// The head of the document: banner, title, period, index of its sections (by title).
    mutating func debut(_ d: ReportDocument) {
        switch format {
        case .markdown:
            if let bandeau = d.bandeau { t("> **"); e(bandeau); t("**\n\n") }
            t("# "); e(d.title); t("\n")
            if let pied = d.piedDePage { t("\n"); e(pied); t("\n") }
            if d.sommaire {
                t("\n")
                for (i, s) in d.sections.enumerated() { t(i == 0 ? "- " : "\n- "); e(s.title) }
                t("\n")
            }
        case .html:
            t("""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>
            """)
            e(d.title)
            t("</title>\n<style>\n\(ReportDocument.css)\n</style>\n</head>\n<body>\n")
            if let bandeau = d.bandeau { t("<p class=\"bandeau\">"); e(bandeau); t("</p>\n") }
            t("<header class=\"entete\">\n<h1>"); e(d.title); t("</h1>\n")
            if let pied = d.piedDePage { t("<p class=\"periode\">"); e(pied); t("</p>\n") }
            t("</header>\n")
            if d.sommaire {
                t("<nav class=\"sommaire\" aria-label=\"Sommaire\">\n<ol>\n")
                for (i, s) in d.sections.enumerated() { t("<li><a href=\"#s\(i + 1)\">"); e(s.title); t("</a></li>\n") }
                t("</ol>\n</nav>\n")
            }
            t("<main>\n")
        }
    }

    /// Opens a section (closing the one before); its blocks follow.
    mutating func section(_ s: ReportDocument.Section) {
        switch format {
        case .markdown:
            t("\n## "); e(s.title); t("\n")
        case .html:
            if sections > 0 { t("</section>\n") }
            t("<section id=\"s\(sections + 1)\"\(s.nouvellePage ? " class=\"page\"" : "")>\n<h2>"); e(s.title); t("</h2>\n")
        }
        sections += 1
    }

    /// Closes the last section and ends the document.
    mutating func fin(_ d: ReportDocument) {
        switch format {
        case .markdown:
            if let pied = d.piedDePage { t("\n---\n\n"); e(pied); t("\n") }
        case .html:
            if sections > 0 { t("</section>\n") }
            t("</main>\n")
            if let pied = d.piedDePage { t("<footer class=\"pied\">"); e((d.bandeau.map { $0 + " — " } ?? "") + pied); t("</footer>\n") }
            t("</body>\n</html>\n")
        }
    }

    /// One block of the current section.
    mutating func bloc(_ b: ReportDocument.Block) {
        switch format {
        case .markdown: blocMarkdown(b)
        case .html: blocHTML(b)
        }
    }

    // MARK: Markdown

    /// `- item` lines (none for an empty list), then a line break.
    private mutating func puces<T>(_ items: [T], _ item: (inout ReportRenderer, T) -> Void) {
        for (i, x) in items.enumerated() {
            t(i == 0 ? "- " : "\n- ")
            item(&self, x)
        }
        t("\n")
    }

    /// A link to a file of the output folder (relative paths only), in Markdown.
    private mutating func lienMarkdown(_ texte: String, _ cible: String) {
        t("["); e(texte); t("](")
        t(ReportDocument.relativeTarget(cible).replacingOccurrences(of: ")", with: "%29").replacingOccurrences(of: " ", with: "%20"))
        t(")")
    }

    private mutating func blocMarkdown(_ b: ReportDocument.Block) {
        t("\n")
        switch b {
        case .paragraph(let p): e(p); t("\n")
        case .list(let items): puces(items) { $0.e($1) }
        case .titre(let titre): t("### "); e(titre); t("\n")
        case .encadre(let texte): t("> "); e(texte); t("\n")
        case .fiche(let titre, let lignes): ficheMarkdown(Fiche(titre: titre, lignes: lignes))
        case .chiffres(let cs):
            puces(cs) { r, c in
                r.t("**"); r.e(c.valeur); r.t("** "); r.e(c.libelle)
                if let cmp = c.comparaison { r.t(" ("); r.e(cmp); r.t(")") }
            }
        case .figure(_, let legende, let alternative):
            t("*"); e(legende); t("* — "); e(alternative); t("\n")
        case .links(let ls): puces(ls) { $0.lienMarkdown($1.text, $1.href) }
        case .liens(let ls): puces(ls) { $0.lienMarkdown($1.texte, $1.cible) }
        case .table(let header, let rows): tableMarkdown(header, rows)
        case .tableau(let legende, let header, let rows):
            t("*"); e(legende); t("*\n\n")
            tableMarkdown(header, rows)
        }
    }

    private mutating func tableMarkdown(_ header: [String], _ rows: [[String]]) {
        func ligne(_ r: inout ReportRenderer, _ cells: [String]) {
            r.t("| ")
            for (j, c) in cells.enumerated() {
                if j > 0 { r.t(" | ") }
                r.e(c)
            }
            r.t(" |\n")
        }
        ligne(&self, header)
        t("|")
        for _ in header { t(" --- |") }
        t("\n")
        for row in rows { ligne(&self, row) }
    }

    // MARK: HTML

    private mutating func blocHTML(_ b: ReportDocument.Block) {
        switch b {
        case .paragraph(let p): t("<p>"); e(p); t("</p>\n")
        case .list(let items):
            guard !items.isEmpty else { return }
            t("<ul>\n")
            for item in items { t("<li>"); e(item); t("</li>\n") }
            t("</ul>\n")
        case .titre(let titre): t("<h3>"); e(titre); t("</h3>\n")
        case .encadre(let texte): t("<p class=\"encadre\">"); e(texte); t("</p>\n")
        case .fiche(let titre, let lignes): ficheHTML(Fiche(titre: titre, lignes: lignes))
        case .chiffres(let cs):
            t("<ul class=\"chiffres\">\n")
            for c in cs {
                t("<li><span class=\"valeur\">"); e(c.valeur); t("</span> "); e(c.libelle)
                if let cmp = c.comparaison { t("<span class=\"compare\">"); e(cmp); t("</span>") }
                t("</li>\n")
            }
            t("</ul>\n")
        case .figure(let svg, let legende, _):
            t("<figure>\n"); t(svg); t("<figcaption>"); e(legende); t("</figcaption>\n</figure>\n")
        case .links(let ls):
            t("<ul>\n")
            for l in ls { t("<li><a href=\""); e(ReportDocument.relativeTarget(l.href)); t("\">"); e(l.text); t("</a></li>\n") }
            t("</ul>\n")
        case .liens(let ls):
            t("<ul>\n")
            for l in ls { t("<li><a href=\""); e(ReportDocument.relativeTarget(l.cible)); t("\">"); e(l.texte); t("</a></li>\n") }
            t("</ul>\n")
        case .table(let header, let rows): tableHTML(nil, header, rows, rowHeaders: false)
        case .tableau(let legende, let header, let rows): tableHTML(legende, header, rows, rowHeaders: true)
        }
    }

    private mutating func tableHTML(_ caption: String?, _ header: [String], _ rows: [[String]], rowHeaders: Bool) {
        t("<table>\n")
        if let caption { t("<caption>"); e(caption); t("</caption>\n") }
        t("<thead><tr>")
        for h in header { t("<th scope=\"col\">"); e(h); t("</th>") }
        t("</tr></thead>\n<tbody>\n")
        for row in rows {
            t("<tr>")
            for (j, c) in row.enumerated() {
                if rowHeaders && j == 0 {
                    t("<th scope=\"row\">"); e(c); t("</th>")
                } else {
                    t(ReportDocument.isNumeric(c) ? "<td class=\"n\">" : "<td>"); e(c); t("</td>")
                }
            }
            t("</tr>\n")
        }
        t("</tbody>\n</table>\n")
    }

    // MARK: Cards

    /// A record card (``ReportDocument/Block/fiche(titre:lignes:)``), rendered as one block of
    /// the current section from its bytes.
    mutating func fiche(_ f: Fiche) {
        switch format {
        case .markdown: t("\n"); ficheMarkdown(f)
        case .html: ficheHTML(f)
        }
    }

    private mutating func ficheMarkdown(_ f: Fiche) {
        f.octets.withUnsafeBufferPointer { o in
            m("### "); e(UnsafeBufferPointer(rebasing: o[f.titre])); m("\n\n")
            puces(f.lignes) { r, l in
                r.m("**"); r.e(UnsafeBufferPointer(rebasing: o[l.libelle])); r.m("** : ")
                if let lien = l.lien.map({ UnsafeBufferPointer(rebasing: o[$0]) }), ReportDocument.estLienExterne(lien) {
                    r.m("["); r.e(UnsafeBufferPointer(rebasing: o[l.valeur])); r.m("](<"); r.out.append(contentsOf: lien); r.m(">)")
                } else {
                    r.e(UnsafeBufferPointer(rebasing: o[l.valeur]))
                }
            }
        }
    }

    private mutating func ficheHTML(_ f: Fiche) {
        f.octets.withUnsafeBufferPointer { o in
            m("<article class=\"fiche\">\n<h3>"); e(UnsafeBufferPointer(rebasing: o[f.titre])); m("</h3>\n<dl>\n")
            for l in f.lignes {
                m("<dt>"); e(UnsafeBufferPointer(rebasing: o[l.libelle])); m("</dt><dd>")
                if let lien = l.lien.map({ UnsafeBufferPointer(rebasing: o[$0]) }), ReportDocument.estLienExterne(lien) {
                    m("<a href=\""); e(lien); m("\">"); e(UnsafeBufferPointer(rebasing: o[l.valeur])); m("</a>")
                } else {
                    e(UnsafeBufferPointer(rebasing: o[l.valeur]))
                }
                m("</dd>\n")
            }
            m("</dl>\n</article>\n")
        }
    }
}

extension ReportRenderer {
    /// A record card's texts as bytes: one buffer, each part a range of it. ``Annuaire`` fills one
    /// per place straight from the place's bytes (no `String`, no block); a `.fiche` block is
    /// rendered through one as well, so a card has a single rendering.
    struct Fiche {
        /// The card's texts, one after the other (valid UTF-8: bytes of places and strings).
        var octets: [UInt8] = []
        /// The card's title in `octets`.
        var titre: Range<Int> = 0..<0
        /// Label, value and link target of each line, in order (see ``ReportDocument/Block/fiche(titre:lignes:)``).
        var lignes: [(libelle: Range<Int>, valeur: Range<Int>, lien: Range<Int>?)] = []

        /// An empty card, to fill with ``commence(_:)`` and ``ligne(_:lien:_:)``.
        init() {}

        /// The card of a `.fiche` block.
        init(titre: String, lignes: [(libelle: String, valeur: String, lien: String?)]) {
            self.titre = texte(titre)
            for l in lignes { self.lignes.append((texte(l.libelle), texte(l.valeur), l.lien.map { texte($0) })) }
        }

        /// Appends `s`; its range.
        private mutating func texte(_ s: String) -> Range<Int> {
            let debut = octets.count
            octets.append(contentsOf: s.utf8)
            return debut..<octets.count
        }

        /// Starts a new card (the buffers keep their room); `titre` appends the title's bytes.
        mutating func commence(_ titre: (inout [UInt8]) -> Void) {
            octets.removeAll(keepingCapacity: true)
            lignes.removeAll(keepingCapacity: true)
            titre(&octets)
            self.titre = 0..<octets.count
        }

        /// Adds a line labelled `libelle` whose value `valeur` appends; a line whose value is empty
        /// is left out. With `lien`, the value is also the link's target.
        mutating func ligne(_ libelle: String, lien: Bool = false, _ valeur: (inout [UInt8]) -> Void) {
            let l = texte(libelle)
            let debut = octets.count
            valeur(&octets)
            if octets.count == debut {
                octets.removeSubrange(l)
                return
            }
            lignes.append((l, debut..<octets.count, lien ? debut..<octets.count : nil))
        }

        /// The card as a document block (texts as `String`s).
        var block: ReportDocument.Block {
            octets.withUnsafeBufferPointer { o in
                func s(_ r: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: o[r]), as: UTF8.self) }
                return .fiche(titre: s(titre), lignes: lignes.map { (s($0.libelle), s($0.valeur), $0.lien.map(s)) })
            }
        }
    }
}
