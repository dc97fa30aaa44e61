import UneFoisCore
import UneFoisModel
/// Reads one worksheet of an Office Open XML workbook (`.xlsx`, ECMA-376 Part 1, SpreadsheetML,
/// <https://ecma-international.org/publications-and-standards/standards/ecma-376/>) into a
/// ``SourceTable`` shaped like ``CSVTableReader``'s, so the same mapping applies to La Coop's
/// workbook and to its CSV export.
///
/// How it reads:
/// - the zip container is opened by the hardened ``ZipArchive`` (caps, CRC, no unsafe names);
///   every XML part by the hardened ``XMLStreamReader`` (no DOCTYPE, no entities);
/// - the sheet is chosen in `xl/workbook.xml` through `xl/_rels/workbook.xml.rels`: the one
///   named `sheetName`, else the one named « Activités » (accents and case ignored), else the
///   first;
/// - cells: shared strings (`t="s"`, rich-text runs concatenated, phonetic runs dropped),
///   formula strings (`str`), inline strings, booleans (`VRAI`/`FAUX`, as French Excel shows
///   them), errors (`#N/A`... kept, with a `type-error` issue), ISO dates (`t="d"`) and numbers;
///   numbers keep their shortest text (`45`, not `45.0`);
/// - numbers whose style (`xl/styles.xml`, `cellXfs` → `numFmtId`) is a date format (built-in
///   14–17, 22, 27–36, 50–58, or a custom code with `d`, `y` or a month `m`) are Excel serial
///   numbers (base 1899-12-30, or 1904-01-01 for `date1904` workbooks) turned into
///   `jj/mm/aaaa` text (`jj/mm/aaaa hh:mm` when the format shows hours and the time is not
///   midnight; time-only formats 18–21 and 45–47 give `hh:mm:ss`); an info issue
///   `excel-serial-date` is recorded once per column;
/// - cell references (`B2`) place values, so skipped empty cells leave gaps; the header is the
///   first non-blank row, or row `options.headerRecord`; each record's `line` is the sheet's
///   row number (`r`).
///
/// Row defects give the CSV reader's issues: `blank-label`, `duplicate-label`, `blank-row`
/// (explicit empty rows and gaps between rows), `extra-cell` (values right of the header:
/// record rejected). Empty trailing cells are simply not stored in `.xlsx`, so a short row is
/// normal there and gives no `missing-cell`.
///
/// Throws ``OperationalError`` `.dataUnusable` when the file is not a usable workbook (zip
/// refusals carry `zip-limit` / `zip-unreadable`, XML ones `xml-security-limit` /
/// `xml-not-well-formed`, a missing part or sheet `xlsx-unreadable`).
public enum XLSXReader {
    /// Reads the chosen sheet of the workbook in `bytes` (the whole `.xlsx` file, usually a
    /// ``MappedFile``).
    ///
    /// - Parameters:
    ///   - source: name of the source, for issues.
    ///   - file: file name, for issues and messages.
    ///   - sheetName: the sheet to read; nil = « Activités » if present, else the first.
    ///   - options: only `headerRecord` (a sheet row number) applies; encoding and separator
    ///     mean nothing in a workbook.
    /// - Returns: one record per non-blank row after the header, with issues and detections
    ///   ("classeur XLSX, feuille « Activités », 628 lignes").
    /// - Throws: ``OperationalError`` `.dataUnusable` (see the type's documentation).
    public static func read(bytes: UnsafeRawBufferPointer, source: String, file: String, sheetName: String? = nil,
                            options: CSVReadOptions) throws -> SourceTable {
        if let refusal = FileKind.refusal(bytes, file: file) { throw refusal }
        let zip = try ZipArchive(bytes: bytes, file: file)
        guard let workbookXML = try zip.extract(named: "xl/workbook.xml") else {
            throw unreadable(file, "la partie xl/workbook.xml manque : ce n'est pas un classeur Excel (.xlsx)")
        }
        let workbook = try parseWorkbook(workbookXML, file: file)
        guard !workbook.sheets.isEmpty else { throw unreadable(file, "le classeur ne déclare aucune feuille") }
        let rels = try zip.extract(named: "xl/_rels/workbook.xml.rels").map { try parseRelationships($0, file: file) } ?? [:]

        let index: Int
        if let sheetName {
            guard let i = workbook.sheets.firstIndex(where: { $0.name == sheetName })
                    ?? workbook.sheets.firstIndex(where: { TextFolding.key($0.name) == TextFolding.key(sheetName) }) else {
                throw OperationalError(.dataUnusable, code: "xlsx-sheet-missing", "\(file) : la feuille « \(sheetName) » n'existe pas dans ce classeur (feuilles : \(workbook.sheets.map { "« \($0.name) »" }.joined(separator: ", "))) (xlsx-unreadable). Que faire : corrigez le nom de feuille dans la configuration.")
            }
            index = i
        } else {
            index = workbook.sheets.firstIndex { TextFolding.key($0.name) == TextFolding.key(defaultSheetName) } ?? 0
        }
        let sheet = workbook.sheets[index]
        var candidates: [String] = []
        if let target = rels[sheet.relationshipId] { candidates.append(resolve(target)) }
        candidates.append("xl/worksheets/sheet\(index + 1).xml")
        guard let sheetPart = candidates.first(where: { zip.entry(named: $0) != nil }),
              let sheetXML = try zip.extract(named: sheetPart) else {
            throw unreadable(file, "la feuille « \(sheet.name) » est déclarée mais son contenu manque")
        }
        let shared = try zip.extract(named: "xl/sharedStrings.xml").map { try parseSharedStrings($0, file: file) } ?? []
        let styles = try zip.extract(named: "xl/styles.xml").map { try parseStyles($0, file: file) } ?? []

        return try readSheet(sheetXML, part: sheetPart, sheetName: sheet.name, shared: shared, styles: styles,
                             date1904: workbook.date1904, source: source, file: file, options: options)
    }

    /// Reads one sheet part once the workbook's shared strings and styles are known (also the
    /// entry point of the XML fuzz target).
    static func readSheet(_ sheetXML: [UInt8], part: String, sheetName: String, shared: [String], styles: [DateKind?],
                          date1904: Bool, source: String, file: String, options: CSVReadOptions) throws -> SourceTable {
        var builder = SheetBuilder(source: source, file: file, shared: shared, styles: styles,
                                   date1904: date1904, headerRow: options.headerRecord)
        try parse(sheetXML, part: part, file: file) { try builder.run($0) }
        guard builder.headerFound else {
            throw OperationalError(.dataUnusable, code: "xlsx-unreadable", "\(file) : la feuille « \(sheetName) » est vide ou n'a pas de ligne d'en-tête (xlsx-unreadable). Vérifiez qu'il s'agit du bon export, ou indiquez la feuille à lire.")
        }
        var table = builder.table
        table.detections.insert("classeur XLSX, feuille « \(sheetName) », \(table.records.count) lignes", at: 0)
        if !builder.dateColumns.isEmpty {
            table.detections.append("dates Excel (numéros de série) converties en jj/mm/aaaa : "
                                    + builder.dateColumns.map { "« \($0) »" }.joined(separator: ", "))
        }
        return table
    }

    /// Sheet chosen when none is named: La Coop's export sheet.
    public static let defaultSheetName = "Activités"

    // MARK: - Workbook parts

    struct Workbook {
        var sheets: [(name: String, relationshipId: String)] = []
        var date1904 = false
    }

    static func parseWorkbook(_ xml: [UInt8], file: String) throws -> Workbook {
        var wb = Workbook()
        try parse(xml, part: "xl/workbook.xml", file: file) { r in
            while let kind = try r.next() {
                guard kind == .startElement else { continue }
                if r.localNameIs("sheet") {
                    wb.sheets.append((r.attribute("name") ?? "", r.attribute("id") ?? ""))
                } else if r.localNameIs("workbookPr") {
                    let v = r.attribute("date1904")
                    wb.date1904 = v == "1" || v == "true"
                }
            }
        }
        return wb
    }

    static func parseRelationships(_ xml: [UInt8], file: String) throws -> [String: String] {
        var rels: [String: String] = [:]
        try parse(xml, part: "xl/_rels/workbook.xml.rels", file: file) { r in
            while let kind = try r.next() {
                guard kind == .startElement, r.localNameIs("Relationship"), r.attribute("TargetMode") != "External",
                      let id = r.attribute("Id"), let target = r.attribute("Target") else { continue }
                rels[id] = target
            }
        }
        return rels
    }

    /// The zip entry name of a relationship target (relative to `xl/`, or absolute from the root).
    static func resolve(_ target: String) -> String {
        let full = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        var parts: [Substring] = []
        for seg in full.split(separator: "/", omittingEmptySubsequences: true) {
            if seg == "." { continue }
            if seg == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(seg)
        }
        return parts.joined(separator: "/")
    }

    static func parseSharedStrings(_ xml: [UInt8], file: String) throws -> [String] {
        var strings: [String] = []
        var buffer: [UInt8] = []
        var inT = false, inPhonetic = false
        try parse(xml, part: "xl/sharedStrings.xml", file: file) { r in
            while let kind = try r.next() {
                switch kind {
                case .startElement:
                    if r.localNameIs("si") { buffer.removeAll(keepingCapacity: true) }
                    else if r.localNameIs("rPh") { inPhonetic = true }
                    else if r.localNameIs("t") { inT = !inPhonetic }
                case .endElement:
                    if r.localNameIs("si") { strings.append(decodeEscapes(buffer)) }
                    else if r.localNameIs("rPh") { inPhonetic = false }
                    else if r.localNameIs("t") { inT = false }
                case .text, .cdata:
                    if inT { r.withTextBytes { buffer.append(contentsOf: $0) } }
                }
            }
        }
        return strings
    }

    /// How a numeric cell's style shows it.
    enum DateKind: Sendable, Equatable {
        case date, dateTime, time
    }

    /// For each `cellXfs` index, the date kind of its number format (nil: not a date).
    static func parseStyles(_ xml: [UInt8], file: String) throws -> [DateKind?] {
        var custom: [Int: DateKind?] = [:]
        var xfs: [DateKind?] = []
        var inCellXfs = false
        try parse(xml, part: "xl/styles.xml", file: file) { r in
            while let kind = try r.next() {
                if kind == .startElement {
                    if r.localNameIs("numFmt"), let id = r.attribute("numFmtId").flatMap({ Int($0) }) {
                        custom[id] = dateKind(formatCode: r.attribute("formatCode") ?? "")
                    } else if r.localNameIs("cellXfs") {
                        inCellXfs = true
                    } else if inCellXfs, r.localNameIs("xf") {
                        let id = r.attribute("numFmtId").flatMap { Int($0) } ?? 0
                        xfs.append(custom[id] ?? builtinDateKind(id))
                    }
                } else if kind == .endElement, r.localNameIs("cellXfs") {
                    inCellXfs = false
                }
            }
        }
        return xfs
    }

    /// Date kind of a built-in number format id (ECMA-376 Part 1, 18.8.30).
    static func builtinDateKind(_ id: Int) -> DateKind? {
        switch id {
        case 14...17, 27...31, 34...36, 50...58: return .date
        case 22: return .dateTime
        case 18...21, 32, 33, 45...47: return .time
        default: return nil
        }
    }

    /// Date kind of a custom format code: quoted text, escapes, colours and locales ignored;
    /// `d`/`y` (or a lone `m`) make a date, `h`/`s` a time.
    static func dateKind(formatCode: String) -> DateKind? {
        var hasDate = false, hasTime = false, hasM = false
        var inQuote = false, inBracket = false, skipNext = false
        var bracket: [UInt8] = []
        // Only the first section (positive numbers) matters.
        for b in formatCode.utf8 {
            if skipNext { skipNext = false; continue }
            if inQuote { if b == 0x22 { inQuote = false }; continue }
            if inBracket {
                if b == 0x5D {
                    inBracket = false
                    // Elapsed time [h] [mm] [ss].
                    if !bracket.isEmpty, bracket.allSatisfy({ [0x68, 0x48, 0x6D, 0x4D, 0x73, 0x53].contains($0) }) { hasTime = true }
                    bracket.removeAll()
                } else { bracket.append(b) }
                continue
            }
            switch b {
            case 0x22: inQuote = true
            case 0x5B: inBracket = true
            case 0x5C, 0x5F, 0x2A: skipNext = true
            case 0x3B: break
            case 0x64, 0x44, 0x79, 0x59: hasDate = true
            case 0x68, 0x48, 0x73, 0x53: hasTime = true
            case 0x6D, 0x4D: hasM = true
            default: break
            }
            if b == 0x3B { break }
        }
        if hasDate { return hasTime ? .dateTime : .date }
        if hasTime { return .time }
        return hasM ? .date : nil
    }

    // MARK: - Sheet

    /// Turns the sheet's XML events into the table (one instance per read).
    struct SheetBuilder {
        let source: String
        let file: String
        let shared: [String]
        let styles: [DateKind?]
        let date1904: Bool
        let headerRow: Int?
        var table = SourceTable()
        var headerFound = false
        var width = 0
        /// Columns (names) where serial dates were converted, in order of first conversion.
        var dateColumns: [String] = []
        private var dateColumnSeen = Set<Int>()

        // Row and cell state.
        private var rowNumber = 0
        private var lastDataRow = 0
        private var cells: [(col: Int, value: RawValue, date: Bool)] = []
        private var col = -1
        private var cellType: UInt8 = 0  // first byte of t: n, s, b, e, d, i(nlineStr), S for str
        private var cellStyle = 0
        private var value: [UInt8] = []
        private var inV = false, inIs = false, inT = false, inPhonetic = false, inSheetData = false
        private var badReference = false

        init(source: String, file: String, shared: [String], styles: [DateKind?], date1904: Bool, headerRow: Int?) {
            self.source = source
            self.file = file
            self.shared = shared
            self.styles = styles
            self.date1904 = date1904
            self.headerRow = headerRow
        }

        mutating func run(_ r: XMLStreamReader) throws {
            while let kind = try r.next() {
                switch kind {
                case .startElement:
                    if !inSheetData { if r.localNameIs("sheetData") { inSheetData = true }; continue }
                    if r.localNameIs("c") { startCell(r) }
                    else if r.localNameIs("v") { inV = true }
                    else if r.localNameIs("is") { inIs = true }
                    else if r.localNameIs("rPh") { inPhonetic = true }
                    else if r.localNameIs("t") { inT = inIs && !inPhonetic }
                    else if r.localNameIs("row") { startRow(r) }
                case .endElement:
                    guard inSheetData else { continue }
                    if r.localNameIs("c") { endCell() }
                    else if r.localNameIs("v") { inV = false }
                    else if r.localNameIs("is") { inIs = false }
                    else if r.localNameIs("rPh") { inPhonetic = false }
                    else if r.localNameIs("t") { inT = false }
                    else if r.localNameIs("row") { endRow() }
                    else if r.localNameIs("sheetData") { inSheetData = false }
                case .text, .cdata:
                    if inV || inT { r.withTextBytes { value.append(contentsOf: $0) } }
                }
            }
        }

        private mutating func startRow(_ r: XMLStreamReader) {
            let n = r.withAttributeBytes("r") { XLSXReader.parseInt($0) } ?? nil
            rowNumber = n.map { $0 > rowNumber ? $0 : rowNumber + 1 } ?? rowNumber + 1
            cells.removeAll(keepingCapacity: true)
            col = -1
        }

        private mutating func startCell(_ r: XMLStreamReader) {
            badReference = false
            if let ref = r.withAttributeBytes("r", { XLSXReader.parseReference($0) }) {
                if let c = ref { col = c } else { badReference = true; col += 1 }
            } else {
                col += 1
            }
            cellType = r.withAttributeBytes("t") { b -> UInt8 in
                if b.count == 3, b[0] == 0x73 { return 0x53 }  // "str"
                if b.count >= 1, b[0] == 0x69 { return 0x69 }  // "inlineStr"
                return b.first ?? 0x6E
            } ?? 0x6E
            cellStyle = (r.withAttributeBytes("s") { XLSXReader.parseInt($0) } ?? nil) ?? 0
            value.removeAll(keepingCapacity: true)
        }

        private mutating func endCell() {
            let line = rowNumber
            if badReference {
                table.issues.append(Issue(code: "type-error", severity: .warning,
                    message: "Référence de cellule illisible : la cellule est lue à la suite de la précédente. Réenregistrez le classeur depuis un tableur.",
                    source: source, file: file, line: line))
            }
            var isDate = false
            let v: RawValue
            switch cellType {
            case 0x73: // s: shared string index
                if let i = XLSXReader.parseInt(value), i >= 0, i < shared.count {
                    v = shared[i].isEmpty ? .absent : .text(shared[i])
                } else {
                    v = .absent
                    if !value.isEmpty {
                        table.issues.append(Issue(code: "type-error", severity: .warning,
                            message: "Cellule renvoyant à un texte partagé inexistant : elle est lue comme vide. Réenregistrez le classeur depuis un tableur.",
                            source: source, file: file, line: line))
                    }
                }
            case 0x53, 0x69: // str, inlineStr
                v = value.isEmpty ? .absent : .text(XLSXReader.decodeEscapes(value))
            case 0x62: // b
                v = value.isEmpty ? .absent : .text(value == [0x31] ? "VRAI" : "FAUX")
            case 0x65: // e
                v = value.isEmpty ? .absent : .text(String(decoding: value, as: UTF8.self))
                if !value.isEmpty {
                    table.issues.append(Issue(code: "type-error", severity: .warning,
                        message: "Cellule en erreur dans le classeur (\(String(decoding: value, as: UTF8.self))) : corrigez la formule dans le fichier source.",
                        source: source, file: file, line: line))
                }
            case 0x64: // d: ISO 8601
                v = value.isEmpty ? .absent : .text(XLSXReader.isoDateText(value) ?? String(decoding: value, as: UTF8.self))
            default: // n
                if value.isEmpty {
                    v = .absent
                } else if cellStyle >= 0, cellStyle < styles.count, let kind = styles[cellStyle],
                          let d = XLSXReader.parseDouble(value), let text = XLSXReader.serialText(d, kind: kind, date1904: date1904) {
                    v = .text(text)
                    isDate = true
                } else {
                    v = .text(XLSXReader.numberText(value))
                }
            }
            if case .absent = v { return }
            cells.append((col, v, isDate))
        }

        private mutating func endRow() {
            let line = rowNumber
            if !headerFound {
                if let h = headerRow, line < h { return }
                if cells.isEmpty { return }
                headerFound = true
                width = (cells.map(\.col).max() ?? 0) + 1
                var names = [String?](repeating: nil, count: width)
                for c in cells { names[c.col] = c.value.text }
                var seen: [String: Int] = [:]
                for i in 0..<width {
                    var name = TextFolding.clean(names[i] ?? "")
                    if name.isEmpty {
                        table.issues.append(Issue(code: "blank-label", severity: .warning,
                            message: "La colonne \(i + 1) de l'en-tête n'a pas de nom : elle est nommée « colonne_\(i + 1) ».",
                            source: source, file: file, line: line, field: "colonne_\(i + 1)"))
                        name = "colonne_\(i + 1)"
                    }
                    if let first = seen[name] {
                        table.issues.append(Issue(code: "duplicate-label", severity: .warning,
                            message: "La colonne « \(name) » apparaît deux fois dans l'en-tête (colonnes \(first + 1) et \(i + 1)) : la seconde est renommée « \(name)_\(i + 1) ». Renommez l'une des deux.",
                            source: source, file: file, line: line, field: name))
                        name = "\(name)_\(i + 1)"
                    }
                    seen[name] = i
                    _ = table.addColumn(name)
                }
                lastDataRow = line
                return
            }
            if line > lastDataRow + 1 {
                let from = lastDataRow + 1, to = line - 1
                table.issues.append(Issue(code: "blank-row", severity: .info,
                    message: from == to ? "Ligne vide ignorée." : "Lignes \(from) à \(to) vides ignorées.",
                    source: source, file: file, line: from))
            }
            lastDataRow = line
            if cells.isEmpty {
                table.issues.append(Issue(code: "blank-row", severity: .info, message: "Ligne vide ignorée.",
                                          source: source, file: file, line: line))
                return
            }
            var values = [RawValue](repeating: .absent, count: width)
            var extra = 0
            for c in cells {
                if c.col < width {
                    values[c.col] = c.value
                    if c.date, !dateColumnSeen.contains(c.col) {
                        dateColumnSeen.insert(c.col)
                        let name = table.columns[c.col]
                        dateColumns.append(name)
                        table.issues.append(Issue(code: "excel-serial-date", severity: .info,
                            message: "Les dates de la colonne « \(name) » sont des numéros de série Excel (cellules au format date) : elles sont converties en jj/mm/aaaa. Rien à faire, sauf si une date paraît fausse.",
                            source: source, file: file, line: line, field: name))
                    }
                } else {
                    extra += 1
                }
            }
            var record = SourceRecord(line: line, values: values)
            if extra > 0 {
                record.rejection = Issue(code: "extra-cell", severity: .error,
                    message: "La ligne a \(extra) valeur(s) à droite de la dernière colonne de l'en-tête (\(width) colonnes) : des valeurs sont en trop. Corrigez la ligne dans le classeur ou ajoutez un nom de colonne.",
                    source: source, file: file, line: line)
            }
            table.records.append(record)
        }
    }

    // MARK: - Values

    /// Column index (0-based) of a cell reference such as `B2` or `$AB$10`; nil when unreadable
    /// or past column XFD (16 384).
    static func parseReference(_ b: UnsafeRawBufferPointer) -> Int? {
        var col = 0, letters = 0
        for c in b {
            if c == 0x24 { continue }
            let u = c & 0xDF
            if u >= 0x41, u <= 0x5A {
                letters += 1
                if letters > 3 { return nil }
                col = col * 26 + Int(u - 0x40)
            } else { break }
        }
        guard letters > 0, col <= 16_384 else { return nil }
        return col - 1
    }

    /// A non-negative decimal integer (at most 9 digits), or nil.
    static func parseInt<C: Collection>(_ b: C) -> Int? where C.Element == UInt8 {
        guard !b.isEmpty, b.count <= 9 else { return nil }
        var n = 0
        for c in b {
            guard c >= 0x30, c <= 0x39 else { return nil }
            n = n * 10 + Int(c - 0x30)
        }
        return n
    }

    static func parseDouble(_ b: [UInt8]) -> Double? {
        guard b.count <= 64 else { return nil }
        return Double(String(decoding: b, as: UTF8.self))
    }

    /// Shortest text of a number cell: integers as written, others through `Double`
    /// (`45.0` → `45`, `1.5E-3` → `0.0015`); unparsable text kept as is.
    static func numberText(_ b: [UInt8]) -> String {
        var start = 0
        if b.first == 0x2D { start = 1 }
        if b.count > start, b.count <= 16, b[start...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return String(decoding: b, as: UTF8.self)
        }
        guard let d = parseDouble(b), d.isFinite else { return String(decoding: b, as: UTF8.self) }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    /// The text of an Excel serial number shown with a date format, or nil when out of range
    /// (before 1900 or after 9999).
    static func serialText(_ serial: Double, kind: DateKind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(days)) * 86_400).rounded())
        if seconds >= 86_400 { days += 1; seconds -= 86_400 }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let time = "\(two(seconds / 3600)):\(two(seconds / 60 % 60))" + (seconds % 60 == 0 ? "" : ":\(two(seconds % 60))")
        if kind == .time {
            let total = days * 86_400 + seconds
            return "\(two(total / 3600)):\(two(total / 60 % 60)):\(two(total % 60))"
        }
        let base = date1904 ? CivilDate.days(1904, 1, 1) : CivilDate.days(1899, 12, 30)
        let (y, m, d) = CivilDate.date(base + days)
        let date = "\(two(d))/\(two(m))/\(y)"
        return kind == .dateTime && seconds != 0 ? date + " " + time : date
    }

    /// `yyyy-mm-dd[Thh:mm...]` → `jj/mm/aaaa`, nil when not that shape.
    static func isoDateText(_ b: [UInt8]) -> String? {
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D,
              [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy({ b[$0] >= 0x30 && b[$0] <= 0x39 }) else { return nil }
        let s = String(decoding: b[0..<10], as: UTF8.self)
        let p = s.split(separator: "-")
        return "\(p[2])/\(p[1])/\(p[0])"
    }

    /// Text with OOXML's `_xHHHH_` escapes (control characters such as `_x000D_`) decoded.
    static func decodeEscapes(_ b: [UInt8]) -> String {
        guard b.count >= 7, b.contains(0x5F) else { return String(decoding: b, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        func hex(_ c: UInt8) -> UInt32? {
            switch c {
            case 0x30...0x39: return UInt32(c - 0x30)
            case 0x41...0x46: return UInt32(c - 0x37)
            case 0x61...0x66: return UInt32(c - 0x57)
            default: return nil
            }
        }
        while i < b.count {
            if b[i] == 0x5F, i + 6 < b.count, b[i + 1] == 0x78, b[i + 6] == 0x5F,
               let a = hex(b[i + 2]), let c = hex(b[i + 3]), let d = hex(b[i + 4]), let e = hex(b[i + 5]) {
                let v = a << 12 | c << 8 | d << 4 | e
                if let scalar = Unicode.Scalar(v) {
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i += 7
                    continue
                }
            }
            out.append(b[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Errors

    /// Runs `body` over a reader on `xml`, turning XML refusals into operational errors.
    static func parse(_ xml: [UInt8], part: String, file: String, _ body: (XMLStreamReader) throws -> Void) throws {
        do {
            try xml.withUnsafeBytes { buf in
                let reader = try XMLStreamReader(bytes: buf)
                try body(reader)
            }
        } catch let failure as XMLStreamReader.Failure {
            let place = failure.line > 0 ? "\(file) (partie \(part), ligne \(failure.line))" : "\(file) (partie \(part))"
            switch failure.reason {
            case .securityLimit:
                throw OperationalError(.dataUnusable, code: failure.code, location: .init(file: file, line: failure.line > 0 ? failure.line : nil), "\(place) : classeur refusé par sécurité, \(failure.detail) (\(failure.code)). Que faire : un classeur enregistré par un tableur n'en contient jamais ; demandez un nouvel export plutôt qu'un fichier d'origine inconnue.")
            case .notWellFormed:
                throw OperationalError(.dataUnusable, code: failure.code, location: .init(file: file, line: failure.line > 0 ? failure.line : nil), "\(place) : classeur illisible, \(failure.detail) (\(failure.code)). Que faire : ouvrez-le dans un tableur et réenregistrez-le au format .xlsx, ou téléchargez-le de nouveau.")
            }
        }
    }

    static func unreadable(_ file: String, _ detail: String) -> OperationalError {
        OperationalError(.dataUnusable, code: "xlsx-unreadable", "\(file) : \(detail) (xlsx-unreadable). Que faire : vérifiez qu'il s'agit bien du classeur .xlsx exporté (pas un fichier renommé), sinon ouvrez-le dans un tableur et réenregistrez-le au format .xlsx.")
    }
}
