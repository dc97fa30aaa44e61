import UneFoisCore
import UneFoisModel
/// Applies a ``Mapping`` to the records of a ``SourceTable``: resolves column names once, then
/// computes each target field per record. Unknown vocabulary terms become `vocabulary-unknown`
/// issues (or are kept/ignored as the mapping says); nothing is invented.
public struct MappingApplier {
    public let mapping: Mapping
    let table: SourceTable
    let source: String
    let file: String
    private var columnIndex: [String: Int] = [:]
    /// Columns the mapping names that the file lacks (reported once per file).
    public private(set) var missingColumns: [String] = []
    /// Columns hashed into each record's id: the mapping's `empreinte`, or, for places whose
    /// mapping gives no identifier, the columns of `nom`, `adresse` and `commune` (else
    /// `code_insee`/`code_postal`). Empty: the id is the mapping's `identifiant` or the line number.
    public private(set) var contentKeyColumns: [String] = []
    /// True when ``contentKeyColumns`` were derived because the mapping gives no identifier.
    public private(set) var contentKeyDerived = false
    /// The mapping's rules with what does not change from record to record worked out once.
    private var rules: [Unmanaged<CompiledRule>] = []
    /// Keeps the rules alive (``rules`` does not own them).
    private var ownedRules: [CompiledRule] = []
    /// The slots of the records' target fields, and the slot of each rule's.
    private var layout = MappedRecord.Layout.empty
    private var ruleSlots: [Int] = []

    /// A rule of the mapping, with its source-column label and column positions resolved (a
    /// class: the per-record loop shares it instead of copying the rule's arrays).
    final class CompiledRule: @unchecked Sendable {
        let champ: String
        let regle: Mapping.Regle
        /// `colonnes` joined with `+` (the provenance of the value), « constante » without any.
        let libelle: String
        /// Position of each of `colonnes` in the file (nil: absent from the file).
        let positions: [Int?]

        init(champ: String, regle: Mapping.Regle, positions: [Int?]) {
            self.champ = champ
            self.regle = regle
            self.libelle = regle.colonnes.isEmpty ? "constante" : regle.colonnes.joined(separator: "+")
            self.positions = positions
        }
    }

    /// Resolves the mapping's column names against the file's header once.
    public init(mapping: Mapping, table: SourceTable, source: String, file: String) {
        self.mapping = mapping
        self.table = table
        self.source = source
        self.file = file
        if !mapping.empreinte.isEmpty {
            contentKeyColumns = mapping.empreinte
        } else if mapping.identifiant.isEmpty, mapping.cible == .lieu, mapping.regle("id") == nil {
            var cols: [String] = []
            let commune = mapping.regle("commune") != nil ? ["commune"] : ["code_insee", "code_postal"]
            for champ in ["nom", "adresse"] + commune {
                for c in mapping.regle(champ)?.colonnes ?? [] where !cols.contains(c) && table.index(of: c) != nil { cols.append(c) }
            }
            contentKeyColumns = cols
            contentKeyDerived = !cols.isEmpty
        }
        var names: [String] = mapping.identifiant + contentKeyColumns + mapping.ignorer.map(\.colonne)
        for (_, r) in mapping.champs {
            names += r.colonnes
            names += r.conditions.flatMap(\.colonnes)
            names += r.jours.map(\.colonne)
        }
        var missing: [String] = []
        for n in names where columnIndex[n] == nil {
            if let i = table.index(of: n) { columnIndex[n] = i } else if !missing.contains(n) { missing.append(n) }
        }
        missingColumns = missing
        ownedRules = mapping.champs.map { CompiledRule(champ: $0.champ, regle: $0.regle, positions: $0.regle.colonnes.map { [columnIndex] c in columnIndex[c] }) }
        rules = ownedRules.map { Unmanaged.passUnretained($0) }
        layout = MappedRecord.Layout(names: ownedRules.map(\.champ))
        ruleSlots = ownedRules.map { [layout] in layout.slots[$0.champ]! }
    }

    /// Issues about the file as a whole (missing columns, half of a coordinate pair).
    public func fileIssues() -> [Issue] {
        var out: [Issue] = []
        if mapping.cible == .lieu {
            let lat = mapping.regle("latitude") != nil, lon = mapping.regle("longitude") != nil
            if lat != lon {
                let (has, lacks) = lat ? ("latitude", "longitude") : ("longitude", "latitude")
                out.append(Issue(code: "coordinate-pair-incomplete", severity: .warning,
                                 message: "La correspondance « \(mapping.nom) » donne la \(has) mais pas la \(lacks) : aucune position ne peut être publiée. Associez aussi la \(lacks) (ou, pour une colonne « lat, lon », « \"partie\": 1 » et « \"partie\": 2 »).",
                                 source: source, file: file, field: mapping.regle(has)?.colonnes.first ?? has))
            }
        }
        if contentKeyDerived {
            out.append(Issue(code: "id-from-content", severity: .info,
                             message: "La correspondance « \(mapping.nom) » ne donne pas d'identifiant : chaque lieu est identifié par une empreinte de \(contentKeyColumns.map { "« \($0) »" }.joined(separator: ", ")) (et non par son numéro de ligne), stable si des lignes sont ajoutées ou déplacées, mais qui change si ces valeurs changent. Si l'export a une colonne d'identifiant, déclarez-la : « \"identifiant\": {\"colonne\": …} ».",
                             source: source, file: file, field: contentKeyColumns.joined(separator: "+")))
        }
        return out + missingColumns.map { c in
            Issue(code: "missing-label", severity: .warning,
                  message: "La colonne « \(c) » prévue par la correspondance « \(mapping.nom) » est absente du fichier : les champs qui en dépendent restent vides. Vérifiez le nom de la colonne dans l'export ou dans la correspondance.",
                  source: source, file: file, field: c)
        }
    }

    /// True when the record matches an `ignorer` rule (e.g. a « Total » row).
    public func isIgnored(_ record: SourceRecord) -> Bool {
        for rule in mapping.ignorer {
            if let t = record.value(columnIndex[rule.colonne]).text, rule.valeurs.contains(TextFolding.key(t)) { return true }
        }
        return false
    }

    /// Maps one record.
    public func apply(_ record: SourceRecord) -> MappedRecord {
        let prov = Provenance(source: source, file: file, line: record.line, byteOffset: record.byteOffset)
        var idParts: [String] = []
        for c in mapping.identifiant {
            if let t = record.value(columnIndex[c]).text { idParts.append(TextFolding.clean(t)) }
        }
        if !contentKeyColumns.isEmpty, let key = contentKey(record) { idParts = [key] }
        let id = idParts.isEmpty ? "L\(record.line)" : idParts.joined(separator: "-")
        var out = MappedRecord(layout: layout, provenance: prov, idSource: id)
        if idParts.isEmpty && !contentKeyColumns.isEmpty {
            out.issues.append(Issue("missing-id", .warning, "Empreinte vide (\(contentKeyColumns.map { "« \($0) »" }.joined(separator: ", ")) toutes vides) : le numéro de ligne (\(id)) en tient lieu, mais il changera si des lignes sont ajoutées au-dessus et l'identifiant publié avec lui.", at: prov, field: contentKeyColumns.first))
        } else if idParts.isEmpty && !mapping.identifiant.isEmpty {
            out.issues.append(Issue("missing-id", .warning, "Identifiant absent (\(mapping.identifiant.map { "« \($0) »" }.joined(separator: ", "))) : le numéro de ligne (\(id)) en tient lieu, mais il changera si des lignes sont ajoutées au-dessus et l'identifiant publié avec lui. Renseignez un identifiant stable à la source.", at: prov, field: mapping.identifiant.first))
        }
        out.point = record.point
        out.geometryMissing = record.geometryMissing
        // The rules are shared by the threads building records: taken without a retain each (an
        // atomic count that the cores would take from each other at every rule of every record).
        for k in rules.indices {
            let (items, colonne) = rules[k]._withUnsafeGuaranteedRef { evaluate($0, record: record, prov: prov, issues: &out.issues) }
            if !items.isEmpty { out.set(slot: ruleSlots[k], items, colonne: colonne) }
        }
        return out
    }

    /// The content-derived id: « E » + 12 hex digits of a stable hash of the folded values of
    /// ``contentKeyColumns``; nil when they are all empty.
    func contentKey(_ record: SourceRecord) -> String? {
        var h = StableHash()
        var any = false
        for c in contentKeyColumns {
            let t = record.value(columnIndex[c]).text.map(TextFolding.key) ?? ""
            if !t.isEmpty { any = true }
            h.combine(t)
        }
        return any ? "E" + h.hex.prefix(12) : nil
    }

    func evaluate(_ rule: CompiledRule, record: SourceRecord, prov: Provenance, issues: inout [Issue]) -> ([String], String) {
        var champ: String { rule.champ }  // read for messages only
        // The rule is read in place (`rule.regle.…`): a copy of it per record would retain all its arrays.
        var items: [String] = []
        var colonne = "constante"
        if !rule.regle.jours.isEmpty {
            var days: [(String, String)] = []
            for (jour, col) in rule.regle.jours {
                if let t = record.value(columnIndex[col]).text { days.append((jour, t)) }
            }
            colonne = rule.regle.jours.map(\.colonne).joined(separator: "+")
            if !days.isEmpty {
                switch OpeningHours.fromDailyText(days) {
                case .success(let osm): items = [osm]
                case .failure(let why):
                    issues.append(Issue("opening-hours-unparsed", .warning,
                        "Horaires « \(why.text) » (\(why.jour)) non compris : le champ horaires est laissé vide. Écrivez-les sous la forme « 9h-12h / 14h-17h » ou « Fermé ».",
                        at: prov, field: why.colonne ?? rule.regle.jours.first { $0.jour == why.jour }?.colonne))
                }
            }
        } else if !rule.regle.colonnes.isEmpty {
            colonne = rule.libelle
            if rule.regle.colonnes.count > 1 && rule.regle.separateur == nil && rule.regle.valeurs == nil {
                let parts = rule.positions.compactMap { record.value($0).text.map(TextFolding.clean) }.filter { !$0.isEmpty }
                if !parts.isEmpty { items = [parts.joined(separator: rule.regle.joindre)] }
            } else {
                // Each value (or piece of a value cut at the separator) cleaned, the empty ones
                // dropped, appended as it comes (no intermediate arrays: most rules give one item).
                @inline(__always) func add(_ raw: String) {
                    guard !raw.isEmpty else { return }
                    let c = TextFolding.clean(raw)
                    if !c.isEmpty { items.append(c) }
                }
                for p in rule.positions {
                    switch record.value(p) {
                    case .absent: break
                    case .text(let t):
                        if let sep = rule.regle.separateur { t.components(separatedBy: sep).forEach(add) } else { add(t) }
                    case .list(let values): values.forEach(add)
                    }
                }
            }
            if let partie = rule.regle.partie {
                items = items.compactMap { v in
                    if let pair = CoordinateText.split(v) { return partie == 1 ? pair.0 : pair.1 }
                    // Only report once per cell (on the first part's field).
                    if partie == 1 {
                        issues.append(Issue("coordinates-unreadable", .warning,
                            "Coordonnées « \(v) » illisibles : deux nombres séparés par une virgule, un point-virgule ou une espace sont attendus (ex. « 43.8376, 5.0386 » ou « 43,8376 ; 5,0386 »). Position ignorée.",
                            at: prov, field: rule.regle.colonnes.first))
                    }
                    return nil
                }
            }
            if let table = rule.regle.valeurs {
                var mapped: [String] = []
                for term in items {
                    if let targets = table[TextFolding.key(term)] {
                        mapped += targets
                    } else {
                        switch rule.regle.inconnu {
                        case .garder: mapped.append(term)
                        case .ignorer: break
                        case .signaler:
                            issues.append(Issue("vocabulary-unknown", .warning,
                                "Valeur « \(term) » inconnue pour le champ « \(champ) » : elle est ignorée. Ajoutez-la aux « valeurs » de la correspondance « \(mapping.nom) » si elle doit être reprise.",
                                at: prov, field: rule.regle.colonnes.first))
                        }
                    }
                }
                items = mapped.filter { !$0.isEmpty }
            }
        }
        if !rule.regle.conditions.isEmpty {
            for cond in rule.regle.conditions {
                if cond.colonnes.isEmpty {
                    items += cond.alors
                    continue
                }
                var hit = false
                for c in cond.colonnes {
                    let values = record.value(columnIndex[c]).items.map(TextFolding.key)
                    for v in values {
                        if cond.egal ? cond.termes.contains(v) : cond.termes.contains(where: { v.contains($0) }) { hit = true }
                    }
                }
                if hit { items += cond.alors }
            }
            if colonne == "constante" { colonne = Array(Set(rule.regle.conditions.flatMap(\.colonnes))).sorted().joined(separator: "+") }
            if colonne.isEmpty { colonne = "constante" }
        }
        if let c = rule.regle.constante {
            items += c
        }
        if items.isEmpty, let d = rule.regle.defaut {
            items = d
            colonne = "défaut"
        }
        // Keep order, drop duplicates.
        if items.count > 1 {
            var seen = Set<String>()
            items = items.filter { seen.insert($0).inserted }
        }
        if let f = rule.regle.format, !items.isEmpty {
            items = items.compactMap { v in
                switch FieldFormat.apply(f, to: v) {
                case .success(let x): return x
                case .failure(let why):
                    issues.append(Issue(why.code, .error, "Valeur « \(v) » illisible pour le champ « \(champ) » : \(why.message)", at: prov, field: rule.regle.colonnes.first ?? champ))
                    return nil
                }
            }
        }
        return (items, colonne)
    }
}
