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
        case csv = "CSV", json = "JSON", geojson = "GeoJSON", gml = "GML", xlsx = "classeur XLSX", gpkg = "GeoPackage"
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
        /// Why the column was mapped (French), e.g. « nom de colonne connu ; 5 valeurs sur 5 sont des adresses électroniques ».
        public var raison: String? = nil
        /// `haute`, `moyenne` or `faible`.
        public var confiance: String? = nil
        /// Non-empty values read for the content checks (at most ``Inspection/valuesKept``).
        var valeurs: [String] = []
        /// True when no two records share a non-empty value of the column.
        var unique = true
    }

    /// Values kept per column for the content checks.
    static let valuesKept = 500

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
            // The keyword tables and the commune reference, beside the synonyms when present.
            let dir = (path as NSString).deletingLastPathComponent
            let keywords = dir + "/mots-cles-valeurs.csv"
            if FileManager.default.fileExists(atPath: keywords) {
                let f = try MappedFile(path: keywords)
                let t = try CSVTableReader.read(bytes: f.bytes, options: CSVReadOptions(encoding: .utf8, separator: UInt8(ascii: ",")), source: "schemas", file: keywords)
                guard let ci = t.index(of: "champ"), let mi = t.index(of: "mot"), let vi = t.index(of: "valeur") else {
                    throw OperationalError(.configuration, "\(keywords) : colonnes champ, mot, valeur attendues.")
                }
                var order: [String] = []
                var table: [String: [(mot: String, valeur: String)]] = [:]
                for r in t.records {
                    guard let c = r.value(ci).text, let m = r.value(mi).text, let v = r.value(vi).text else { continue }
                    if table[c] == nil { order.append(c) }
                    table[c, default: []].append((TextFolding.key(m), v))
                }
                motsClesParChamp = order.map { ($0, table[$0]!) }
            }
            let communes = dir + "/../referentiels/communes.csv"
            if FileManager.default.fileExists(atPath: communes) { territoire = try Territoire(path: communes) }
        }

        /// Keyword tables (`mots-cles-valeurs.csv`): target field → (folded keyword, standard value), in file order.
        public var motsClesParChamp: [(champ: String, mots: [(mot: String, valeur: String)])] = []
        /// The commune reference (`../referentiels/communes.csv`), to tell INSEE from postal codes.
        public var territoire: Territoire?
    }

    /// Inspects `bytes` (the whole file). Throws an ``OperationalError`` only when the file cannot be
    /// read at all (empty, unterminated quote, invalid JSON/XML).
    /// `file` is also the path a GeoPackage is opened from.
    public static func inspect(bytes: UnsafeRawBufferPointer, file: String, synonyms: Synonyms) throws -> Inspection {
        if let refusal = FileKind.refusal(bytes, file: file) { throw refusal }
        let format = detectFormat(bytes)
        let table: SourceTable
        var encoding: TextEncoding?
        var separator: UInt8?
        var headerLine: Int?
        switch format {
        case .csv:
            table = try CSVTableReader.read(bytes: bytes, options: CSVReadOptions(), source: "inspect", file: file)
            // The reader's own sniff: inspect describes the file exactly as `run` reads it.
            encoding = CSVSniffer.isUTF16LE(bytes) ? .utf16LE : table.sniff?.encoding
            separator = table.sniff?.separator
            headerLine = table.headerLine
        case .json: table = try JSONRecordReader.read(bytes: bytes, source: "inspect", file: file)
        case .geojson: table = try GeoJSONReader.read(bytes: bytes, source: "inspect", file: file)
        case .gml: table = try GMLReader.read(bytes: bytes, source: "inspect", file: file)
        case .xlsx: table = try XLSXReader.read(bytes: bytes, source: "inspect", file: file, options: CSVReadOptions())
        case .gpkg: table = try GeoPackageReader.read(path: file, source: "inspect", file: file)
        }
        var columns: [Column] = table.columns.map { Column(name: $0, samples: [], filled: 0) }
        // Value → signature of the first record holding it: an exact repeat of a record is a
        // duplicate row, not two records sharing an id.
        var distinct = [[String: String]](repeating: [:], count: columns.count)
        for r in table.records {
            var signature = StableHash()
            for v in r.values { signature.combine(v.text ?? "") }
            let sig = signature.hex
            for (i, v) in r.values.enumerated() where i < columns.count {
                guard let t = v.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { continue }
                columns[i].filled += 1
                if columns[i].unique {
                    if let prev = distinct[i][t] { if prev != sig { columns[i].unique = false; distinct[i] = [:] } } else { distinct[i][t] = sig }
                }
                if columns[i].samples.count < 3, !columns[i].samples.contains(t) { columns[i].samples.append(t) }
                if columns[i].valeurs.count < valuesKept { columns[i].valeurs.append(t) }
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
        switch FileKind.of(bytes) {
        case .zip: return .xlsx
        case .sqlite: return .gpkg
        default: break
        }
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

    /// Matches columns to target fields. The kind of records (`lieu`, `activite` or `suivi`) is
    /// told by names (`lieu` on ties). For places, each column's name (synonyms, accents and case
    /// folded: exact, one edit away, or containing a known name) and its values
    /// (``ColumnEvidence``) are weighed together; the best-scored pairs are taken first and each
    /// target field takes one column (the address may take a house-number column too).
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
        if cible == .lieu {
            recogniseLieu(synonyms)
            return
        }
        identifiant = chosen.id
        for i in columns.indices {
            columns[i].champ = chosen.fields[i]?.joined(separator: ", ")
            if columns[i].champ != nil { columns[i].raison = "nom de colonne connu"; columns[i].confiance = "haute" }
        }
        draftRules = chosen.fields.sorted { $0.key < $1.key }.flatMap { i, champs in champs.map { ($0, JSONValue.string(columns[i].name), [columns[i].name]) } }
    }

    /// One candidate: column `column` for field `champ`.
    struct Candidate {
        var column: Int
        var champ: String
        var score: Double
        var raison: String
        var evidence: ColumnEvidence?
    }

    static func confidence(_ score: Double) -> String { score >= 0.85 ? "haute" : score >= 0.65 ? "moyenne" : "faible" }

    /// Places: names and contents weighed together (see ``recognise(_:)``).
    mutating func recogniseLieu(_ synonyms: Synonyms) {
        let table = synonyms.byCible["lieu"] ?? []
        var candidates: [Candidate] = []
        var evidences: [[ColumnEvidence]] = []
        var idColumn: Int?
        // One column per day (« Lundi », « h_mardi », « Horaires mercredi »): the hours of the week.
        let dayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
        var dayColumns: [(jour: String, index: Int)] = []
        for (i, c) in columns.enumerated() {
            let words = TextFolding.key(c.name).split(separator: " ").map(String.init)
            guard words.count <= 3, let d = dayNames.firstIndex(where: { words.contains($0) }),
                  !dayColumns.contains(where: { $0.jour == OpeningHours.days[d] }) else { continue }
            dayColumns.append((OpeningHours.days[d], i))
        }
        if dayColumns.count < 2 { dayColumns = [] }
        let dayIndexes = Set(dayColumns.map(\.index))
        for (i, c) in columns.enumerated() {
            if dayIndexes.contains(i) { evidences.append([]); continue }
            let key = TextFolding.key(c.name)
            // What the name says: exact synonym, one edit away, or a known name inside a longer one.
            var byName: [String: (Double, String)] = [:]
            for (syn, champ) in table {
                var s = 0.0
                var why = ""
                if key == syn { s = 0.9; why = "nom de colonne « \(c.name) » connu" }
                else if key.count >= 6, TextFolding.distance(key, syn) == 1 { s = 0.75; why = "nom de colonne proche de « \(syn) »" }
                else if syn.count >= 4, (" " + key + " ").contains(" " + syn + " ") { s = 0.6; why = "le nom de colonne contient « \(syn) »" }
                if s > (byName[champ]?.0 ?? 0) { byName[champ] = (s, why) }
            }
            if let id = byName["identifiant"], id.0 >= 0.9, idColumn == nil {
                idColumn = i
                continue
            }
            byName["identifiant"] = nil
            let found = ColumnEvidence.findings(c.valeurs, name: c.name, knowledge: synonyms)
            evidences.append(found)
            var byContent: [String: ColumnEvidence] = [:]
            for e in found {
                var e = e
                switch e.champ {
                case "oui_non":
                    // Yes/no: the name says what it answers.
                    if key.contains("gratuit") { e.champ = "frais_a_charge"; e.details["oui"] = "Gratuit"; e.details["non"] = "Payant" }
                    else if key.contains("payant") || key.contains("tarif") { e.champ = "frais_a_charge"; e.details["oui"] = "Payant"; e.details["non"] = "Gratuit" }
                    else if key.contains("itinerant") || key.contains("mobile") { e.champ = "itinerance"; e.details["oui"] = "Itinérant"; e.details["non"] = "Fixe" }
                    else if key.contains("pmr") || key.contains("handicap") || key.contains("fauteuil") { e.champ = "prise_en_charge_specifique"; e.details["oui"] = "Handicaps moteurs"; e.details["non"] = "" }
                    else if key.contains("rdv") || key.contains("rendez") { e.champ = "modalites_acces"; e.details["oui"] = "Téléphoner|Contacter par mail"; e.details["non"] = "Se présenter" }
                    else { continue }
                    e.details["oui_non"] = "1"
                case "numero_voie":
                    // House numbers count only beside a street column (handled after assignment).
                    continue
                case "siret":
                    if byName["pivot"] != nil { e.champ = "pivot" }
                default: break
                }
                if e.score > (byContent[e.champ]?.score ?? 0) { byContent[e.champ] = e }
            }
            let strongest = byContent.values.map(\.score).max() ?? 0
            // Yes/no answers fill only the fields a yes/no rule can translate.
            let yesNoOnly = found.contains { $0.champ == "oui_non" }
            for champ in Set(byName.keys).union(byContent.keys) {
                let n = byName[champ], e = byContent[champ]
                var score: Double
                var why: String
                switch (n, e) {
                case let (n?, e?):
                    score = min(0.99, max(n.0, e.score) + 0.1)
                    why = n.1 + " ; " + e.raison
                case let (n?, nil):
                    score = n.0
                    why = n.1
                    // The values contradict the name: trust the values.
                    if yesNoOnly { score -= 0.6 }
                    else if strongest >= 0.75 { score -= 0.35; why += " (mais le contenu dit autre chose)" }
                    else if !c.valeurs.isEmpty && champ == "coordonnees" { score -= 0.5 }
                case let (nil, e?):
                    score = e.score
                    why = e.raison
                default: continue
                }
                candidates.append(Candidate(column: i, champ: champ, score: score, raison: why, evidence: e))
            }
        }
        if evidences.count < columns.count {
            // Keep the evidence array aligned with the columns (the id column has none).
            var aligned: [[ColumnEvidence]] = []
            var k = 0
            for i in columns.indices { if i == idColumn { aligned.append([]) } else { aligned.append(evidences[k]); k += 1 } }
            evidences = aligned
        }
        candidates.sort { ($0.score, -$0.column) > ($1.score, -$1.column) }
        var takenColumns = dayIndexes
        var takenChamps: Set<String> = dayColumns.isEmpty ? [] : ["horaires"]
        var chosen: [Int: Candidate] = [:]
        for cand in candidates where cand.score >= 0.4 {
            guard !takenColumns.contains(cand.column) else { continue }
            let champs = cand.champ == "coordonnees" ? ["latitude", "longitude"] : [cand.champ]
            guard champs.allSatisfy({ !takenChamps.contains($0) }) else { continue }
            // Both halves of a pair come from the same system of coordinates.
            takenColumns.insert(cand.column)
            takenChamps.formUnion(champs)
            if cand.champ == "coordonnees" { takenChamps.insert("coordonnees") }
            if cand.champ == "latitude" || cand.champ == "longitude" { takenChamps.insert("coordonnees") }
            chosen[cand.column] = cand
        }
        // A house-number column just before the street column: the address joins both.
        var numero: Int?
        if let street = chosen.first(where: { $0.value.champ == "adresse" })?.key, street > 0, !takenColumns.contains(street - 1),
           evidences[street - 1].contains(where: { $0.champ == "numero_voie" }) {
            numero = street - 1
        }
        identifiant = idColumn.map { columns[$0].name }
        // An id column is usable only when every record has one and no two share it; otherwise
        // the draft identifies each place by a fingerprint of its name, address and commune.
        if let i = idColumn, columns[i].filled < rowCount || !columns[i].unique {
            identifiantRefuse = columns[i].filled < rowCount ? "« \(columns[i].name) » est vide sur \(rowCount - columns[i].filled) ligne(s)" : "« \(columns[i].name) » a des valeurs en double"
            identifiant = nil
        }
        if identifiant == nil {
            var cols: [String] = []
            let mappedChamps = Set(chosen.values.map(\.champ))
            let commune = mappedChamps.contains("commune") ? ["commune"] : ["code_insee", "code_postal"]
            for champ in ["nom", "adresse"] + commune {
                if champ == "adresse", let n = numero { cols.append(columns[n].name) }
                for (i, c) in chosen.sorted(by: { $0.key < $1.key }) where c.champ == champ { cols.append(columns[i].name) }
            }
            empreinte = cols
        }
        var rules: [(champ: String, regle: JSONValue, colonnes: [String])] = []
        if !dayColumns.isEmpty {
            for (jour, i) in dayColumns {
                columns[i].champ = "horaires"
                columns[i].raison = "nom de colonne : un jour de la semaine (\(jour)) ; le texte de chaque jour (« 9h-12h / 14h-17h », « Fermé ») devient des horaires OpenStreetMap"
                columns[i].confiance = "haute"
            }
        }
        var dayRuleAdded = false
        for i in columns.indices {
            if dayIndexes.contains(i) {
                if !dayRuleAdded {
                    dayRuleAdded = true
                    let members: [(String, JSONValue)] = dayColumns.map { ($0.jour, .string(columns[$0.index].name)) }
                    rules.append(("horaires", .object(JSONObject(members: [("jours", .object(JSONObject(members: members)))])), dayColumns.map { columns[$0.index].name }))
                }
                continue
            }
            if i == numero {
                let e = evidences[i].first { $0.champ == "numero_voie" }!
                columns[i].champ = "adresse"
                columns[i].raison = e.raison + ", jointe à la voie « \(columns[i + 1].name) »"
                columns[i].confiance = "moyenne"
                continue
            }
            guard let cand = chosen[i] else { continue }
            let name = columns[i].name
            columns[i].raison = cand.raison
            columns[i].confiance = Self.confidence(cand.score)
            let e = cand.evidence
            func obj(_ members: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(members: members)) }
            switch cand.champ {
            case "coordonnees":
                columns[i].champ = "latitude, longitude"
                let reversed = e?.details["ordre"] == "lon,lat"
                rules.append(("latitude", obj([("colonne", .string(name)), ("partie", .number(reversed ? "2" : "1"))]), [name]))
                rules.append(("longitude", obj([("colonne", .string(name)), ("partie", .number(reversed ? "1" : "2"))]), [name]))
                continue
            case "adresse" where numero != nil:
                columns[i].champ = "adresse"
                let cols = [columns[numero!].name, name]
                rules.append(("adresse", obj([("colonnes", .array(cols.map { .string($0) }))]), cols))
                continue
            default:
                columns[i].champ = cand.champ
            }
            var regle = JSONValue.string(name)
            if let e, e.details["oui_non"] != nil, let oui = e.details["oui"], let non = e.details["non"] {
                func alors(_ v: String) -> JSONValue {
                    let parts = v.components(separatedBy: "|")
                    return parts.count == 1 ? .string(v) : .array(parts.map { .string($0) })
                }
                var regles = [obj([("colonne", .string(name)), ("egal", .array(["oui", "o", "x", "yes", "vrai"].map { .string($0) })), ("alors", alors(oui))])]
                if !non.isEmpty { regles.append(obj([("colonne", .string(name)), ("egal", .array(["non", "n", "no", "faux"].map { .string($0) })), ("alors", alors(non))])) }
                regle = obj([("regles", .array(regles))])
            } else if let f = e?.details["format"] {
                regle = obj([("colonne", .string(name)), ("format", .string(f))])
            } else if let mots = synonyms.motsClesParChamp.first(where: { $0.champ == cand.champ })?.mots,
                      cand.champ != "frais_a_charge" || e != nil {
                // Free text to the standard's vocabulary by the keyword table, one rule per value.
                var order: [String] = []
                var byValue: [String: [String]] = [:]
                for (mot, valeur) in mots where valeur != "-" {
                    if byValue[valeur] == nil { order.append(valeur) }
                    byValue[valeur, default: []].append(mot)
                }
                regle = obj([("regles", .array(order.map { v in
                    obj([("colonne", .string(name)), ("contient", .array(byValue[v]!.map { .string($0) })), ("alors", .string(v))])
                }))])
            }
            rules.append((cand.champ, regle, [name]))
        }
        draftRules = rules
    }

    /// Columns of the draft's `"identifiant": {"empreinte": [ … ]}` when no column identifies the records.
    public var empreinte: [String] = []
    /// Why the id column found by name cannot be the identifier (French), if so.
    public var identifiantRefuse: String?

    /// Target field → rule of the draft and the source columns it reads, in column order.
    var draftRules: [(champ: String, regle: JSONValue, colonnes: [String])] = []

    /// Target field → source column(s) (`+`-joined when several), in column order.
    public var mappedFields: [(champ: String, colonne: String)] {
        draftRules.map { ($0.champ, $0.colonnes.joined(separator: "+")) }
    }

    /// Columns that no target field takes.
    public var unmappedColumns: [String] {
        columns.filter { $0.champ == nil && $0.name != identifiant }.map(\.name)
    }

    /// The standard's required fields no column gives, each with how to supply it (French).
    public var missingRequired: [(champ: String, comment: String)] {
        guard cible == .lieu else { return [] }
        let mapped = Set(mappedFields.map(\.champ))
        let hasInsee = mapped.contains("code_insee"), hasPosition = mapped.contains("latitude") && mapped.contains("longitude")
        var out: [(String, String)] = []
        if !mapped.contains("nom") { out.append(("nom", "associez la colonne qui porte le nom du lieu : « \"nom\": \"Nom de la colonne\" »")) }
        if !mapped.contains("adresse") { out.append(("adresse", "associez la colonne de l'adresse, ou plusieurs jointes : « \"adresse\": {\"colonnes\": [\"N°\", \"Voie\"]} »")) }
        if !mapped.contains("commune") && !hasInsee && !hasPosition { out.append(("commune", "associez la colonne de la commune ; elle peut aussi venir du code INSEE ou des coordonnées")) }
        if !mapped.contains("code_postal") && !hasInsee && !mapped.contains("commune") && !hasPosition { out.append(("code_postal", "associez la colonne du code postal ; il peut aussi venir de la commune, du code INSEE ou des coordonnées")) }
        if !mapped.contains("date_maj") { out.append(("date_maj", "associez la date de mise à jour, ou donnez la date de l'export : « \"date_maj\": {\"defaut\": \"2025-11-03\"} »")) }
        return out
    }

    /// The draft mapping document: `type`, `description`, `lecture` (CSV: encoding and separator),
    /// `identifiant` and `champs` (recognised columns, with the value rules the content
    /// suggests). Accepted by ``MappingLoader/parse(_:name:where:crosswalks:)``.
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
        } else if !empreinte.isEmpty {
            root.append(("identifiant", .object(JSONObject(members: [("empreinte", .array(empreinte.map { .string($0) }))]))))
        }
        root.append(("champs", .object(JSONObject(members: draftRules.map { ($0.champ, $0.regle) }))))
        return .object(JSONObject(members: root))
    }

    /// The French report: what was detected, the columns (samples, fill rate, recognised field,
    /// why and how sure), the unmapped columns, the required fields still missing and the draft.
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
            if c.champ != nil, let r = c.raison {
                out += "      pourquoi : \(r) (confiance \(c.confiance ?? "moyenne"))\n"
            }
        }
        out += "\nType de données proposé : \(cible.rawValue)\n"
        if !unmappedColumns.isEmpty {
            out += "Colonnes non reprises (à associer à la main si utile, sinon ignorées) : \(unmappedColumns.joined(separator: ", "))\n"
        }
        if cible == .lieu, identifiant == nil {
            out += "Identifiant : aucune colonne n'identifie chaque ligne (valeur unique et toujours remplie)\(identifiantRefuse.map { " — \($0)" } ?? "")"
            if empreinte.isEmpty {
                out += " ; sans nom, adresse ni commune reconnus, les lieux seraient identifiés par leur numéro de ligne, qui change dès qu'une ligne est ajoutée au-dessus : déclarez « \"identifiant\": {\"empreinte\": [\"Nom\", \"Adresse\", \"Commune\"]} ».\n"
            } else {
                out += " ; le brouillon identifie chaque lieu par une empreinte de \(empreinte.map { "« \($0) »" }.joined(separator: ", ")), stable si des lignes sont ajoutées ou déplacées (elle change si ces valeurs changent).\n"
            }
        }
        let doubtful = columns.filter { $0.confiance == "faible" }.map(\.name)
        if !doubtful.isEmpty { out += "À vérifier en priorité (confiance faible) : \(doubtful.joined(separator: ", "))\n" }
        let missing = missingRequired
        if !missing.isEmpty {
            out += "Champs obligatoires du standard sans colonne (sans eux les lieux seront rejetés) :\n"
            for m in missing { out += "  - \(m.champ) : \(m.comment).\n" }
        }
        out += "\nBrouillon de fichier de correspondance (à relire, puis à enregistrer avec --ecrire FICHIER) :\n"
        out += String(decoding: JSONWriter.document(draftMapping()), as: UTF8.self)
        return out
    }
}

extension Territoire {
    /// True when some commune of the reference has this postal code.
    func knowsPostalCode(_ code: String) -> Bool { communes.contains { $0.codePostal == code } }
}
