import UneFoisCore
import UneFoisModel
/// A report as data: titled sections of paragraphs and tables, rendered to Markdown and to
/// HTML by the same code path so both always say the same thing.
public struct ReportDocument: Sendable {
    /// A piece of a section.
    public enum Block: Sendable {
        case paragraph(String)
        case table(header: [String], rows: [[String]])
        case list([String])
        /// Links to files beside the report (relative paths), one per line: (text, path).
        case links([(text: String, href: String)])
    }

    /// A titled section (a `##` heading in Markdown, a `<section>` in HTML).
    public struct Section: Sendable {
        public var title: String
        public var blocks: [Block] = []
    }

    public var title: String
    public var sections: [Section] = []

    /// The report as Markdown (GitHub tables), `|` in cells escaped.
    public func markdown() -> String {
        var out = "# \(title)\n"
        for s in sections {
            out += "\n## \(s.title)\n"
            for b in s.blocks {
                out += "\n"
                switch b {
                case .paragraph(let p): out += p + "\n"
                case .list(let items): out += items.map { "- " + $0 }.joined(separator: "\n") + "\n"
                case .links(let items): out += items.map { "- [\($0.text)](\($0.href))" }.joined(separator: "\n") + "\n"
                case .table(let header, let rows):
                    func cell(_ c: String) -> String {
                        guard c.utf8.contains(where: { $0 == UInt8(ascii: "|") || $0 == 0x0A }) else { return c }
                        return c.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
                    }
                    out += "| " + header.map(cell).joined(separator: " | ") + " |\n"
                    out += "|" + header.map { _ in " --- |" }.joined() + "\n"
                    for r in rows { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
                }
            }
        }
        return out
    }

    /// Self-contained HTML: every value escaped, no script, no remote resource, a strict CSP.
    public func html() -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title))</title>
        <style>
        body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1e1e1e;line-height:1.45}
        h1{color:#000091}h2{color:#000091;border-bottom:2px solid #e3e3fd;padding-bottom:.2rem;margin-top:2.2rem}
        table{border-collapse:collapse;margin:.8rem 0;font-size:.95rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
        th{background:#f5f5fe}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        </style>
        </head>
        <body>
        <h1>\(HTML.escape(title))</h1>

        """
        for s in sections {
            out += "<section>\n<h2>\(HTML.escape(s.title))</h2>\n"
            for b in s.blocks {
                switch b {
                case .paragraph(let p): out += "<p>\(HTML.escape(p))</p>\n"
                case .list(let items): out += "<ul>\n" + items.map { "<li>\(HTML.escape($0))</li>\n" }.joined() + "</ul>\n"
                case .links(let items): out += "<ul>\n" + items.map { "<li><a href=\"\(HTML.escape($0.href))\">\(HTML.escape($0.text))</a></li>\n" }.joined() + "</ul>\n"
                case .table(let header, let rows):
                    out += "<table>\n<thead><tr>" + header.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
                    for r in rows {
                        out += "<tr>" + r.map { c in
                            let numeric = !c.isEmpty && c.allSatisfy { $0.isNumber || $0 == " " || $0 == "," || $0 == "≤" || $0 == "%" || $0 == "\u{202F}" }
                            return numeric ? "<td class=\"n\">\(HTML.escape(c))</td>" : "<td>\(HTML.escape(c))</td>"
                        }.joined() + "</tr>\n"
                    }
                    out += "</tbody>\n</table>\n"
                }
            }
            out += "</section>\n"
        }
        out += "</body>\n</html>\n"
        return out
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
