import UneFoisCore
import UneFoisModel
import Foundation

/// What `unefois inspect` tells a person onboarding a new source: the file's format (from its
/// content, not its name), encoding, separator, header line, row count, each column with samples
/// and fill rate, and a draft mapping file pre-filled with the columns it recognises.
///
/// Built by ``inspect(bytes:file:synonyms:)`` with the existing readers (``CSVTableReader``,
/// ``JSONRecordReader``, ``GeoJSONReader``, ``GMLReader``). The draft is a valid mapping file for
/// ``MappingLoader`` (mapping format: `docs/CORRESPONDANCES.md`).
public struct Inspection: Sendable {
    /// The file formats told apart by content.
    public enum Format: String, Sendable {
        case csv = "CSV", json = "JSON", geojson = "GeoJSON", gml = "GML"
    }

    /// One column of the file.
    public struct Column: Sendable {
        /// The column name as in the file.
        public var name: String
        /// Up to 3 distinct non-empty values, in file order.
        public var samples: [String]
        /// Number of records where the column is not empty.
        public var filled: Int
        /// Target field of the draft mapping, if recognised.
        public var champ: String?
    }

    /// The file as given on the command line.
    public var file: String
    /// The format told from the content (see ``detectFormat(_:)``).
    public var format: Format
    /// Detected encoding (CSV only; JSON and XML are read as UTF-8).
    public var encoding: TextEncoding?
    /// Detected separator (CSV only).
    public var separator: UInt8?
    /// Physical line of the header (CSV only).
    public var headerLine: Int?
    /// Number of records read (data rows, objects or features).
    public var rowCount: Int
    /// The columns in file order (JSON: flattened member names; GML/GeoJSON: properties).
    public var columns: [Column]
    /// Detections reported by the reader (French).
    public var detections: [String]
    /// Draft mapping target: `lieu`, `activite` or `suivi`.
    public var cible: Mapping.Cible
    /// Source column holding the record id in the source, if one was recognised.
    public var identifiant: String?

    /// Column-name synonyms (`schemas/inspection/synonymes-colonnes.csv`): target kind → folded
    /// column name → target fields, in file order.
    public struct Synonyms: Sendable {
        /// Target kind (`lieu`, `activite`, `suivi`) → (folded column name, target field) pairs.
        public var byCible: [String: [(colonne: String, champ: String)]]

        /// Loads the table (`cible,champ,colonne` CSV, UTF-8). Throws an ``OperationalError`` if unreadable.
        public init(path: String) throws {
            let f = try MappedFile(path: path)
            let t = try CSVTableReader.read(bytes: f.bytes, options: CSVReadOptions(encoding: .utf8, separator: UInt8(ascii: ",")), source: "schemas", file: path)
            guard let ci = t.index(of: "cible"), let ch = t.index(of: "champ"), let co = t.index(of: "colonne") else {
                throw OperationalError(.configuration, "\(path) : colonnes cible, champ, colonne attendues.")
            }
            var by: [String: [(String, String)]] = [:]
            for r in t.records {
                guard let c = r.value(ci).text, let h = r.value(ch).text, let n = r.value(co).text else { continue }
                by[c, default: []].append((TextFolding.key(n), h))
            }
            byCible = by
        }
    }

    /// Inspects `bytes` (the whole file). Throws an ``OperationalError`` only when the file cannot be
    /// read at all (empty, unterminated quote, invalid JSON/XML).
    public static func inspect(bytes: UnsafeRawBufferPointer, file: String, synonyms: Synonyms) throws -> Inspection {
        let format = detectFormat(bytes)
        let table: SourceTable
        var encoding: TextEncoding?
        var separator: UInt8?
        var headerLine: Int?
        switch format {
        case .csv:
            table = try CSVTableReader.read(bytes: bytes, options: CSVReadOptions(), source: "inspect", file: file)
            let e = TextEncoding.detect(bytes)
            encoding = e
            if e != .utf16LE {
                let sep = CSVDialect.sniffSeparator(bytes, start: e.bomLength)
                separator = sep
                var scanner = CSVScanner(bytes: bytes, separator: sep, start: e.bomLength)
                var record = CSVRecord()
                while scanner.next(into: &record) {
                    if !record.isBlank { break }
                }
                headerLine = record.line
            } else {
                headerLine = 1
            }
        case .json: table = try JSONRecordReader.read(bytes: bytes, source: "inspect", file: file)
        case .geojson: table = try GeoJSONReader.read(bytes: bytes, source: "inspect", file: file)
        case .gml: table = try GMLReader.read(bytes: bytes, source: "inspect", file: file)
        }
        var columns: [Column] = table.columns.map { Column(name: $0, samples: [], filled: 0) }
        for r in table.records {
            for (i, v) in r.values.enumerated() where i < columns.count {
                guard let t = v.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { continue }
                columns[i].filled += 1
                if columns[i].samples.count < 3, !columns[i].samples.contains(t) { columns[i].samples.append(t) }
            }
        }
        var inspection = Inspection(file: file, format: format, encoding: encoding, separator: separator, headerLine: headerLine,
                                    rowCount: table.records.count, columns: columns, detections: table.detections,
                                    cible: .lieu, identifiant: nil)
        inspection.recognise(synonyms)
        return inspection
    }

    /// Tells the format from the first meaningful bytes: `<` → GML/XML, `{`/`[` → JSON (GeoJSON
    /// when a `"FeatureCollection"` or `"Feature"` type appears early), anything else → CSV.
    public static func detectFormat(_ bytes: UnsafeRawBufferPointer) -> Format {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
        guard i < bytes.count else { return .csv }
        switch bytes[i] {
        case UInt8(ascii: "<"): return .gml
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let head = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<min(bytes.count, i + 4096)]), as: UTF8.self)
            let compact = head.replacingOccurrences(of: " ", with: "")
            return compact.contains("\"type\":\"FeatureCollection\"") || compact.contains("\"type\":\"Feature\"") ? .geojson : .json
        default: return .csv
        }
    }

    /// Matches column names to target fields: first exact folded names (`TextFolding.key`), then
    /// names one edit away (for names of 6 characters or more). The kind (`lieu`, `activite`
    /// or `suivi`) with the most recognised columns wins (`lieu` on ties). Each target field takes one column.
    mutating func recognise(_ synonyms: Synonyms) {
        func assign(_ cible: String) -> (fields: [Int: [String]], id: String?) {
            let table = synonyms.byCible[cible] ?? []
            var used = Set<String>()
            var byColumn: [Int: [String]] = [:]
            var id: String?
            for fuzzy in [false, true] {
                for (i, c) in columns.enumerated() {
                    let key = TextFolding.key(c.name)
                    for (syn, champ) in table where !used.contains(champ) {
                        let hit = fuzzy ? (key.count >= 6 && TextFolding.distance(key, syn) == 1) : key == syn
                        guard hit else { continue }
                        used.insert(champ)
                        if champ == "identifiant" { id = c.name } else { byColumn[i, default: []].append(champ) }
                    }
                }
            }
            return (byColumn, id)
        }
        let count = { (m: [Int: [String]]) in m.values.reduce(0) { $0 + $1.count } }
        var chosen = assign("lieu")
        cible = .lieu
        for other in [Mapping.Cible.activite, .suivi] {
            let candidate = assign(other.rawValue)
            if count(candidate.fields) > count(chosen.fields) { chosen = candidate; cible = other }
        }
        identifiant = chosen.id
        for i in columns.indices { columns[i].champ = chosen.fields[i]?.joined(separator: ", ") }
        mappedFields = chosen.fields.sorted { $0.key < $1.key }.flatMap { i, champs in champs.map { ($0, columns[i].name) } }
    }

    /// Target field → source column, in column order.
    public private(set) var mappedFields: [(champ: String, colonne: String)] = []

    /// Columns that no target field takes.
    public var unmappedColumns: [String] {
        columns.filter { $0.champ == nil && $0.name != identifiant }.map(\.name)
    }

    /// The draft mapping document: `type`, `description`, `lecture` (CSV: encoding and separator),
    /// `identifiant` and `champs` (recognised columns only). Accepted by ``MappingLoader/parse(_:name:where:crosswalks:)``.
    public func draftMapping() -> JSONValue {
        var root: [(key: String, value: JSONValue)] = [
            ("type", .string(cible.rawValue)),
            ("description", .string("Brouillon généré par « unefois inspect » depuis \((file as NSString).lastPathComponent) : vérifiez chaque champ, complétez les règles (valeurs, formats) et les colonnes non reprises.")),
        ]
        if format == .csv, let encoding, let separator {
            let sep: String
            switch separator {
            case 0x09: sep = "tab"
            default: sep = String(Character(Unicode.Scalar(separator)))
            }
            root.append(("lecture", .object(JSONObject(members: [
                ("encodage", .string(encoding == .utf16LE ? "utf-16" : encoding.rawValue)),
                ("separateur", .string(sep)),
            ]))))
        }
        if let identifiant {
            root.append(("identifiant", .object(JSONObject(members: [("colonne", .string(identifiant))]))))
        }
        root.append(("champs", .object(JSONObject(members: mappedFields.map { ($0.champ, JSONValue.string($0.colonne)) }))))
        return .object(JSONObject(members: root))
    }

    /// The French report: what was detected, the columns (samples, fill rate, recognised field),
    /// the unmapped columns and the draft mapping.
    public func text() -> String {
        var out = "Fichier : \(file)\n"
        out += "Format détecté : \(format.rawValue)\n"
        if let encoding { out += "Encodage : \(encoding.label)\n" }
        if let separator { out += "Séparateur : \(CSVDialect(encoding: encoding ?? .utf8, separator: separator).separatorLabel)\n" }
        if let headerLine { out += "Ligne d'en-tête : \(headerLine)\n" }
        out += "Enregistrements : \(rowCount)\n"
        for d in detections { out += "  - \(d)\n" }
        out += "\nColonnes (\(columns.count)) :\n"
        for c in columns {
            let rate = rowCount == 0 ? 0 : Int((Double(c.filled) * 100 / Double(rowCount)).rounded())
            let samples = c.samples.map { "« \($0.count > 40 ? String($0.prefix(40)) + "…" : $0) »" }.joined(separator: ", ")
            let target = c.champ.map { " → \($0)" } ?? (c.name == identifiant ? " → identifiant" : "")
            out += "  \(c.name)\(target) — rempli à \(rate) %\(samples.isEmpty ? "" : " — ex. " + samples)\n"
        }
        out += "\nType de données proposé : \(cible.rawValue)\n"
        if !unmappedColumns.isEmpty {
            out += "Colonnes non reprises (à associer à la main si utile, sinon ignorées) : \(unmappedColumns.joined(separator: ", "))\n"
        }
        if cible == .lieu {
            // The standard's required fields no column gives (pivot defaults to the unknown SIRET).
            let mapped = Set(mappedFields.map(\.champ))
            let missing = ["nom", "adresse", "commune", "code_postal", "date_maj"].filter { !mapped.contains($0) }
            if !missing.isEmpty {
                out += "Champs obligatoires du standard sans colonne : \(missing.joined(separator: ", ")). Sans eux les lieux seront rejetés : associez une colonne, ou une valeur par défaut, par exemple « \"date_maj\": {\"defaut\": \"2025-11-03\"} » (la date de l'export). Le code postal et la commune peuvent aussi venir du code INSEE ou des coordonnées.\n"
            }
        }
        out += "\nBrouillon de fichier de correspondance (à relire, puis à enregistrer avec --ecrire FICHIER) :\n"
        out += String(decoding: JSONWriter.document(draftMapping()), as: UTF8.self)
        return out
    }
}
