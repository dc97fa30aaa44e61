import UneFoisCore
import UneFoisModel
/// Options a mapping file (or a built-in format) can set for reading a CSV file.
public struct CSVReadOptions: Sendable {
    /// Declared encoding; nil = detect.
    public var encoding: TextEncoding?
    /// Declared separator; nil = detect.
    public var separator: UInt8?
    /// Physical record number (1-based) of the header row; nil = first non-blank record.
    public var headerRecord: Int?

    public init(encoding: TextEncoding? = nil, separator: UInt8? = nil, headerRecord: Int? = nil) {
        self.encoding = encoding
        self.separator = separator
        self.headerRecord = headerRecord
    }
}

/// Reads a CSV file into a ``SourceTable``: detects encoding and separator, finds the header, and
/// turns row-level defects into issues (`blank-row`, `extra-cell`, `missing-cell`,
/// `duplicate-label`, `blank-label`). A file that cannot be read as a whole (an unterminated quote
/// running to the end) throws `.dataUnusable`.
public enum CSVTableReader {
    /// Reads `bytes` (the whole file, usually a ``MappedFile``) into a table holding every record.
    public static func read(bytes: UnsafeRawBufferPointer, options: CSVReadOptions, source: String, file: String) throws -> SourceTable {
        var records: [SourceRecord] = []
        var table = try stream(bytes: bytes, options: options, source: source, file: file) { records.append($0) }
        table.records = records
        return table
    }

    /// Streams the records of `bytes` to `body` one at a time, so reading never holds more than
    /// one record; returns the table's columns, detections and file-level issues (no records).
    /// `progress` is called with the byte offset reached every 32 MiB, so the caller can release
    /// the pages of a memory map it has read (see ``MappedFile/release(before:)``).
    public static func stream(bytes: UnsafeRawBufferPointer, options: CSVReadOptions, source: String, file: String,
                              progress: ((Int) -> Void)? = nil, onHeader: (SourceTable) throws -> Void = { _ in },
                              _ body: (SourceRecord) throws -> Void) throws -> SourceTable {
        let sniff = CSVSniffer.sniff(bytes, encoding: options.encoding, separator: options.separator,
                                     headerRecord: options.headerRecord, progress: progress)
        let detected = sniff.detectedEncoding
        let encoding = sniff.encoding
        if encoding == .utf16LE {
            let hasBOM = bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE
            var utf8 = transcodeUTF16LE(UnsafeRawBufferPointer(rebasing: bytes[(hasBOM ? 2 : 0)...]))
            return try utf8.withUnsafeMutableBytes { buf in
                var opts = options
                opts.encoding = .utf8
                var t = try stream(bytes: UnsafeRawBufferPointer(buf), options: opts, source: source, file: file, onHeader: onHeader, body)
                t.detections.insert("encodage UTF-16LE (avec BOM) converti en UTF-8", at: 0)
                return t
            }
        }
        let start = sniff.start
        let separator = sniff.separator
        var table = SourceTable()
        table.sniff = sniff
        table.detections.append("encodage \(encoding.label)" + (options.encoding == nil ? " (détecté)" : " (déclaré)"))
        table.detections.append("séparateur \(CSVDialect(encoding: encoding, separator: separator).separatorLabel)" + (options.separator == nil ? " (détecté)" : " (déclaré)"))
        _ = detected
        // A UTF-8 file with a few invalid bytes stays UTF-8: each field holding one is repaired
        // (the invalid byte read as Windows-1252) and reported with its line and column.
        let repairUTF8 = sniff.invalidUTF8 > 0
        if repairUTF8 {
            table.detections.append("\(sniff.invalidUTF8) octet(s) invalide(s) en UTF-8 : chacun est lu comme un caractère Windows-1252 et la ligne est signalée (encoding-repaired)")
        }
        func text(_ scanner: CSVScanner, _ f: CSVField, line: Int, column: String?, byteOffset: Int) -> String {
            guard repairUTF8, f.end > f.start, TextEncoding.firstInvalidUTF8(scanner.rawBytes(f)) != nil else { return scanner.string(f, encoding: encoding) }
            var fixed = TextEncoding.decodeRepairingUTF8(scanner.rawBytes(f)).text
            if f.hasEscapedQuotes { fixed = fixed.replacingOccurrences(of: "\"\"", with: "\"") }
            table.issues.append(Issue(code: "encoding-repaired", severity: .warning,
                message: "Octet(s) invalide(s) en UTF-8 dans cette valeur : lus comme des caractères Windows-1252 (« \(fixed.prefix(40)) »). Vérifiez la valeur et enregistrez le fichier en UTF-8.",
                source: source, file: file, line: line, field: column, byteOffset: byteOffset))
            return fixed
        }

        var scanner = CSVScanner(bytes: bytes, separator: separator, start: start)
        var record = CSVRecord()
        var recordNumber = 0
        var headerFound = false
        var width = 0
        var nextProgress = 32 << 20
        while scanner.next(into: &record) {
            recordNumber += 1
            if let progress, record.byteOffset >= nextProgress {
                progress(record.byteOffset)
                nextProgress = record.byteOffset + (32 << 20)
            }
            if record.unterminatedQuote && headerFound {
                // A quote never closed: only this line is lost; reading resumes on the next one.
                let issue = Issue(code: "unterminated-quote", severity: .error,
                    message: "Un guillemet ouvert sur cette ligne n'est jamais refermé : la ligne est rejetée et la lecture reprend à la ligne suivante. Corrigez le guillemet (ou doublez-le : \"\").",
                    source: source, file: file, line: record.line, byteOffset: record.byteOffset)
                var row = SourceRecord(line: record.line, byteOffset: record.byteOffset, values: Array(repeating: .absent, count: width))
                row.rejection = issue
                try body(row)
                scanner.resume(afterFirstLineOf: record)
                continue
            }
            if record.unterminatedQuote {
                throw OperationalError(.dataUnusable, code: "unterminated-quote", location: .init(file: file, line: record.line, byteOffset: record.byteOffset), "\(file), ligne \(record.line) : un guillemet ouvert n'est jamais refermé, le reste du fichier serait lu comme une seule valeur. Corrigez le guillemet de cette ligne (ou doublez-le : \"\") puis relancez.")
            }
            if !headerFound {
                if let h = options.headerRecord, recordNumber < h { continue }
                if record.isBlank { continue }
                headerFound = true
                table.headerLine = record.line
                width = record.fields.count
                var seen: [String: Int] = [:]
                for (i, f) in record.fields.enumerated() {
                    var name = TextFolding.clean(text(scanner, f, line: record.line, column: "colonne_\(i + 1)", byteOffset: record.byteOffset))
                    if name.isEmpty {
                        table.issues.append(Issue(code: "blank-label", severity: .warning,
                            message: "La colonne \(i + 1) de l'en-tête n'a pas de nom : elle est nommée « colonne_\(i + 1) ».",
                            source: source, file: file, line: record.line, field: "colonne_\(i + 1)"))
                        name = "colonne_\(i + 1)"
                    }
                    if let first = seen[name] {
                        // The new name must not be taken either (`nom_3;nom;nom`), or the
                        // table would have fewer columns than the header has cells.
                        var renamed = "\(name)_\(i + 1)"
                        var k = 2
                        while seen[renamed] != nil { renamed = "\(name)_\(i + 1)_\(k)"; k += 1 }
                        table.issues.append(Issue(code: "duplicate-label", severity: .warning,
                            message: "La colonne « \(name) » apparaît deux fois dans l'en-tête (colonnes \(first + 1) et \(i + 1)) : la seconde est renommée « \(renamed) ». Renommez l'une des deux.",
                            source: source, file: file, line: record.line, field: name))
                        name = renamed
                    }
                    seen[name] = i
                    _ = table.addColumn(name)
                }
                try onHeader(table)
                continue
            }
            if record.isBlank {
                table.issues.append(Issue(code: "blank-row", severity: .info,
                    message: "Ligne vide ignorée.", source: source, file: file, line: record.line, byteOffset: record.byteOffset))
                continue
            }
            var values: [RawValue] = []
            values.reserveCapacity(width)
            for (i, f) in record.fields.prefix(width).enumerated() {
                values.append(f.end > f.start ? .text(text(scanner, f, line: record.line, column: table.columns[i], byteOffset: record.byteOffset)) : .absent)
            }
            var row = SourceRecord(line: record.line, byteOffset: record.byteOffset, values: values)
            if record.fields.count > width {
                let extra = record.fields[width...].contains { $0.end > $0.start }
                let issue = Issue(code: "extra-cell", severity: extra ? .error : .warning,
                    message: "La ligne a \(record.fields.count) cellules alors que l'en-tête en a \(width)" + (extra ? " : des valeurs sont en trop (séparateur dans une valeur non protégée par des guillemets ?). Corrigez la ligne." : " (cellules vides en trop, ignorées)."),
                    source: source, file: file, line: record.line, byteOffset: record.byteOffset)
                if extra { row.rejection = issue } else { table.issues.append(issue) }
            } else if record.fields.count < width {
                table.issues.append(Issue(code: "missing-cell", severity: .warning,
                    message: "La ligne a \(record.fields.count) cellules alors que l'en-tête en a \(width) : les colonnes manquantes (à partir de « \(table.columns[record.fields.count]) ») sont lues comme vides.",
                    source: source, file: file, line: record.line, field: table.columns[record.fields.count], byteOffset: record.byteOffset))
                while row.values.count < width { row.values.append(.absent) }
            }
            if record.strayQuote {
                table.issues.append(Issue(code: "type-error", severity: .warning,
                    message: "Texte après un guillemet fermant : la valeur a été lue telle quelle. Vérifiez les guillemets de cette ligne.",
                    source: source, file: file, line: record.line, byteOffset: record.byteOffset))
            }
            try body(row)
        }
        if !headerFound {
            throw OperationalError(.dataUnusable, "\(file) : le fichier est vide ou ne contient aucune ligne d'en-tête. Vérifiez qu'il s'agit du bon export.")
        }
        return table
    }

    /// Physical line (1-based) holding byte `offset`: LF, CRLF and a lone CR each end a line, as
    /// in ``CSVScanner`` (so quoted newlines count too).
    static func physicalLine(of offset: Int, in bytes: UnsafeRawBufferPointer) -> Int {
        var line = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && !(i + 1 < bytes.count && bytes[i + 1] == 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }
}
