import UneFoisCore
import UneFoisModel
import Foundation

/// Validates a CSV file against a Table Schema exactly as `frictionless validate --schema
/// schema.json file.csv` (frictionless v5, default options) does, so a producer can check a file
/// before sending it to the national hub. See https://specs.frictionlessdata.io/table-schema/ and
/// https://framework.frictionlessdata.io/docs/errors/.
///
/// What frictionless does and this reproduces:
/// - an empty file is a `source-error`; an empty first line is a missing header (no header
///   checks, rows read against all fields);
/// - otherwise the first record is the header; labels are compared with the schema's fields by position
///   (`extra-label`, `missing-label`, `blank-label`, `duplicate-label`, `incorrect-label`);
/// - each row is read against one field per label: `extra-cell` / `missing-cell` per cell,
///   a row whose cells are all empty is only `blank-row`;
/// - an empty string is the only missing value; a missing or empty required cell is a
///   `constraint-error`; a cell that does not parse as its type (`number`: Python `Decimal`
///   syntax; `date`: `%Y-%m-%d` and a real day) is a `type-error` and skips the other checks;
///   `pattern` is anchored as `^pattern$`; lengths count Unicode scalars;
/// - `unique` fields give `unique-error` on repeats; the primary key gives `primary-key` when
///   empty or repeated (even on a blank row).
///
/// Encoding and separator are detected with ``TextEncoding`` and ``CSVDialect``. Problems are
/// ``Issue`` values (severity `.error`, physical line, column name); nothing is thrown.
public enum StandardFileValidator {
    /// Validates a standard file, choosing the schema version from its header: v0.1.1 when
    /// ``StandardVersion/detect(columns:)`` says so (as `run` does), v1.0.2 otherwise. `schemasDirectory` is
    /// the `schemas/` folder (``Resources/schemas`` at run time). Throws only if a schema file
    /// cannot be read.
    public static func validateStandard(bytes: UnsafeRawBufferPointer, file: String, schemasDirectory: String) throws -> ValidationReport {
        let labels = headerLabels(bytes)
        let detected = StandardVersion.detect(columns: labels)
        let v01 = detected.version == .v01
        let name = v01 ? "schema_v0.1.1.json" : "schema_v1.0.2.json"
        let schema = try TableSchema(path: SchemaCatalogue(root: schemasDirectory).standardSchema(named: name))
        var report = validate(bytes: bytes, schema: schema, file: file,
                              schemaLabel: "standard des lieux de médiation numérique, schéma \(v01 ? "v0.1.1" : "v1.0.2") (\(name))")
        if v01 {
            report.detections.append("version 0.1 du standard reconnue à ses colonnes (\(detected.evidence.joined(separator: ", "))) : fichier vérifié avec le schéma v0.1.1. Le standard actuel est la v1.0.2 (listes séparées par « | », nouvelles colonnes).")
        } else {
            report.detections.append("fichier vérifié avec le schéma v1.0.2 du standard")
        }
        return report
    }

    /// The header labels of a CSV file (decoded, untrimmed), for choosing a schema.
    public static func headerLabels(_ bytes: UnsafeRawBufferPointer) -> [String] {
        withDecodedBytes(bytes) { body, sniff in
            var scanner = CSVScanner(bytes: body, separator: sniff.separator, start: sniff.start)
            var record = CSVRecord()
            guard scanner.next(into: &record) else { return [] }
            return record.fields.map { scanner.string($0, encoding: sniff.encoding) }
        }
    }

    /// Validates `bytes` (a whole CSV file) against `schema`. `schemaLabel` names the schema in the report.
    public static func validate(bytes: UnsafeRawBufferPointer, schema: TableSchema, file: String, schemaLabel: String) -> ValidationReport {
        var report = ValidationReport(file: file, schema: schemaLabel)
        withDecodedBytes(bytes) { body, sniff in
            let original = CSVSniffer.isUTF16LE(bytes) ? TextEncoding.utf16LE : sniff.encoding
            report.detections.append("encodage \(original.label), séparateur \(CSVDialect(encoding: original, separator: sniff.separator).separatorLabel)")
            check(body, start: sniff.start, encoding: sniff.encoding, separator: sniff.separator, schema: schema, file: file, into: &report)
        }
        return report
    }

    /// Calls `body` with UTF-8 (or Windows-1252) bytes, transcoding UTF-16LE first, and what the
    /// sniffer found (the same ``CSVSniffer`` as `run` and `inspect`).
    static func withDecodedBytes<T>(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, CSVSniff) -> T) -> T {
        CSVSniffer.withUTF8(bytes) { utf8, _ in body(utf8, CSVSniffer.sniff(utf8)) }
    }

    // MARK: - Checks

    private static func check(_ bytes: UnsafeRawBufferPointer, start: Int, encoding: TextEncoding, separator: UInt8,
                              schema: TableSchema, file: String, into report: inout ValidationReport) {
        func issue(_ code: String, _ line: Int?, _ field: String?, _ message: String) {
            report.issues.append(Issue(code: code, severity: .error, message: message, source: "validate", file: file, line: line, field: field))
        }
        var scanner = CSVScanner(bytes: bytes, separator: separator, start: start)
        var record = CSVRecord()
        guard scanner.next(into: &record) else {
            issue("source-error", nil, nil, "Le fichier est vide : il faut au moins la ligne d'en-tête avec les noms des colonnes du standard.")
            return
        }
        // Header. An empty first line is a missing header (as frictionless does): no header
        // checks, and rows are read against every field of the schema.
        let headerLine = record.line
        let labels = cells(record, scanner, encoding) ?? []
        let fields = schema.fields
        let headerMissing = labels.isEmpty
        for (i, label) in labels.enumerated() where i >= fields.count {
            issue("extra-label", headerLine, label, "Colonne \(i + 1) « \(label) » en trop : le standard a \(fields.count) colonnes. Supprimez-la ou renommez-la.")
        }
        if !headerMissing, labels.count < fields.count {
            for f in fields[labels.count...] {
                issue("missing-label", headerLine, f.name, "Colonne « \(f.name) » absente de l'en-tête : ajoutez-la (vide si besoin) à sa place dans l'ordre du standard.")
            }
        }
        for (i, (field, label)) in zip(fields, labels).enumerated() {
            if label.isEmpty {
                issue("blank-label", headerLine, field.name, "La colonne \(i + 1) n'a pas de nom : nommez-la « \(field.name) ».")
                continue
            }
            if let first = labels[..<i].firstIndex(of: label) {
                issue("duplicate-label", headerLine, field.name, "Le nom « \(label) » apparaît deux fois dans l'en-tête (colonnes \(first + 1) et \(i + 1)) : la colonne \(i + 1) doit s'appeler « \(field.name) ».")
                continue
            }
            if label != field.name {
                issue("incorrect-label", headerLine, field.name, "La colonne \(i + 1) s'appelle « \(label) » alors que le standard attend « \(field.name) » à cette place : renommez-la ou remettez les colonnes dans l'ordre du standard.")
            }
        }
        // One expected field per label (labels beyond the schema are untyped).
        let expected: [TableSchema.Field?] = headerMissing ? fields : labels.indices.map { $0 < fields.count ? fields[$0] : nil }
        let expectedNames: [String] = headerMissing ? fields.map(\.name) : labels.indices.map { $0 < fields.count ? fields[$0].name : labels[$0] }
        let regexes: [NSRegularExpression?] = expected.map { f in
            f?.patternText.flatMap { try? NSRegularExpression(pattern: "^" + $0 + "$") }
        }
        let pkIndexes = schema.primaryKey.compactMap { name in expected.firstIndex { $0?.name == name } }
        let hasPrimaryKey = !schema.primaryKey.isEmpty && pkIndexes.count == schema.primaryKey.count
        var uniqueSeen: [Int: [String: Int]] = [:]
        for (i, f) in expected.enumerated() where f?.unique == true {
            uniqueSeen[i] = [:]
        }
        var primarySeen: [[String]: Int] = [:]

        // Rows.
        while scanner.next(into: &record) {
            report.recordCount += 1
            let line = record.line
            let row = cells(record, scanner, encoding) ?? []
            var rowIssues: [Issue] = []
            func rowIssue(_ code: String, _ field: String?, _ message: String) {
                rowIssues.append(Issue(code: code, severity: .error, message: message, source: "validate", file: file, line: line, field: field))
            }
            var blankCells = 0
            for (i, field) in expected.enumerated() {
                let raw: String? = i < row.count ? row[i] : nil
                let cell = raw == "" ? nil : raw
                guard let field else {
                    if cell == nil { blankCells += 1 }
                    continue
                }
                guard let value = cell else {
                    blankCells += 1
                    if field.required || schema.primaryKey.contains(field.name) {
                        rowIssue("constraint-error", field.name, "Le champ obligatoire « \(field.name) » est vide : renseignez-le.")
                    }
                    continue
                }
                if let typeMessage = typeProblem(field, value) {
                    rowIssue("type-error", field.name, typeMessage)
                    continue
                }
                if let re = regexes[i], re.firstMatch(in: value, range: NSRange(location: 0, length: (value as NSString).length)) == nil {
                    rowIssue("constraint-error", field.name, patternMessage(field, value))
                }
                let length = value.unicodeScalars.count
                if let max = field.maxLength, length > max {
                    rowIssue("constraint-error", field.name, "« \(field.name) » fait \(length) caractères : \(max) au plus. Raccourcissez le texte.")
                }
                if let min = field.minLength, length < min {
                    rowIssue("constraint-error", field.name, "« \(field.name) » fait \(length) caractère(s) : il en faut au moins \(min).")
                }
                if let e = field.enumValues, !e.contains(value) {
                    rowIssue("constraint-error", field.name, "« \(value) » n'est pas une valeur permise pour « \(field.name) » (valeurs possibles : \(e.joined(separator: ", "))).")
                }
            }
            if row.count > expected.count {
                for i in expected.count..<row.count {
                    rowIssue("extra-cell", nil, "Cellule \(i + 1) en trop (« \(short(row[i])) ») : la ligne a \(row.count) cellules pour \(expected.count) colonnes. Une valeur contient sans doute le séparateur sans être entre guillemets.")
                }
            } else if row.count < expected.count {
                for i in row.count..<expected.count {
                    rowIssue("missing-cell", expectedNames[i], "Cellule « \(expectedNames[i]) » manquante : la ligne a \(row.count) cellules pour \(expected.count) colonnes. Ajoutez les séparateurs manquants (cellules vides si besoin).")
                }
            }
            if blankCells == expected.count {
                rowIssues = []
                rowIssue("blank-row", nil, "Ligne vide : supprimez-la.")
            }
            // Unique values (on the raw text: every unique field of the standard is a string).
            for i in uniqueSeen.keys.sorted() {
                guard i < row.count, !row[i].isEmpty else { continue }
                if let first = uniqueSeen[i]![row[i]] {
                    rowIssue("unique-error", expectedNames[i], "« \(short(row[i])) » est déjà utilisé à la ligne \(first) : chaque « \(expectedNames[i]) » doit être unique.")
                } else {
                    uniqueSeen[i]![row[i]] = line
                }
            }
            if hasPrimaryKey {
                let key = pkIndexes.map { $0 < row.count ? row[$0] : "" }
                if key.allSatisfy(\.isEmpty) {
                    rowIssue("primary-key", nil, "Identifiant (« \(schema.primaryKey.joined(separator: ", ")) ») absent : chaque ligne doit en avoir un.")
                } else if let first = primarySeen[key] {
                    rowIssue("primary-key", nil, "Identifiant « \(key.joined(separator: ", ")) » déjà utilisé à la ligne \(first) : donnez un identifiant différent à chaque lieu.")
                } else {
                    primarySeen[key] = line
                }
            }
            report.issues.append(contentsOf: rowIssues)
        }
    }

    /// The decoded cells of a record; an empty physical line gives no cells (as Python's csv does).
    private static func cells(_ record: CSVRecord, _ scanner: CSVScanner, _ encoding: TextEncoding) -> [String]? {
        if record.fields.count == 1, !record.fields[0].quoted, record.fields[0].end == record.fields[0].start { return [] }
        return record.fields.map { scanner.string($0, encoding: encoding) }
    }

    /// Why `value` is not of the field's type, or nil when it is.
    static func typeProblem(_ field: TableSchema.Field, _ value: String) -> String? {
        switch field.type {
        case "number":
            return isDecimalLiteral(value) ? nil : "« \(short(value)) » n'est pas un nombre : « \(field.name) » s'écrit avec un point décimal (43.8377), sans espace ni unité."
        case "integer":
            let t = value.trimmingCharacters(in: .whitespaces)
            return Int(t.hasPrefix("+") ? String(t.dropFirst()) : t) != nil ? nil : "« \(short(value)) » n'est pas un nombre entier."
        case "date":
            return isISODate(value) ? nil : "« \(short(value)) » n'est pas une date réelle au format aaaa-mm-jj (exemple : 2025-03-01)."
        case "boolean":
            return ["true", "True", "TRUE", "1", "false", "False", "FALSE", "0"].contains(value) ? nil : "« \(short(value)) » n'est pas un booléen (true ou false)."
        default:
            return nil
        }
    }

    /// True when `text` is accepted by Python's `Decimal(text.strip())`: optional sign, digits with
    /// an optional `.` and exponent, or `Infinity`/`Inf`/`NaN` in any case.
    public static func isDecimalLiteral(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var b = Array(t.utf8)[...]
        if let f = b.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { b = b.dropFirst() }
        let lower = String(decoding: b, as: UTF8.self).lowercased()
        if ["inf", "infinity"].contains(lower) { return true }
        if lower.hasPrefix("nan") || lower.hasPrefix("snan") {
            let digits = lower.drop { $0.isLetter }
            return digits.allSatisfy { $0.isASCII && $0.isNumber }
        }
        var i = b.startIndex
        func digits() -> Int {
            var n = 0
            while i < b.endIndex, b[i] >= 0x30, b[i] <= 0x39 { i += 1; n += 1 }
            return n
        }
        var mantissa = digits()
        if i < b.endIndex, b[i] == UInt8(ascii: ".") {
            i += 1
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if i < b.endIndex, b[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < b.endIndex, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return false }
        }
        return i == b.endIndex
    }

    /// True when `text` is read by Python's `strptime(text, "%Y-%m-%d")`: 4-digit year, month and
    /// day with one or two digits (a day may also be a space and one digit), and a real calendar day.
    public static func isISODate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let y = Int(parts[0]), y >= 1 else { return false }
        func number(_ s: Substring, allowLeadingSpace: Bool) -> Int? {
            var s = s
            if allowLeadingSpace, s.count == 2, s.first == " " { s = s.dropFirst() }
            guard (1...2).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(s)
        }
        guard let m = number(parts[1], allowLeadingSpace: false), let d = number(parts[2], allowLeadingSpace: true),
              (1...12).contains(m), d >= 1 else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    private static func patternMessage(_ field: TableSchema.Field, _ value: String) -> String {
        let v = short(value)
        switch field.name {
        case "code_postal": return "Code postal « \(v) » invalide : 5 chiffres attendus (84300 ; attention au zéro initial perdu par un tableur)."
        case "code_insee": return "Code INSEE « \(v) » invalide : 5 caractères (84035 ; 2A004 en Corse)."
        case "telephone": return "Téléphone « \(v) » invalide : un seul numéro au format international sans espace (+33490710000)."
        case "pivot": return "« \(v) » n'est pas un SIRET (14 chiffres) ni un RNA (W + 9 chiffres) : mettez 00000000000000 si vous ne le connaissez pas."
        default:
            if value.contains(";") && (field.patternText?.contains("\\|") ?? false) {
                return "« \(v) » : plusieurs valeurs doivent être séparées par « | » (et non « ; ») et chacune doit être un libellé exact du standard."
            }
            if field.patternText?.contains("(?:^|") ?? false {
                return "« \(v) » contient une valeur hors de la liste du standard pour « \(field.name) » : utilisez les libellés exacts (accents, majuscules), séparés par « \(field.patternText?.contains("\\|") ?? false ? "|" : ";") »."
            }
            return "« \(v) » ne respecte pas le format attendu pour « \(field.name) » (\(field.patternText ?? ""))."
        }
    }

    static func short(_ s: String) -> String {
        s.count > 80 ? String(s.prefix(80)) + "…" : s
    }
}
