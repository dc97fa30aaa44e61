import UneFoisCore
import UneFoisModel
/// Writes the published datasets of a run into the output folder, each atomically:
/// `lieux.csv` (standard v1.0.2), `structures.json` and `services.json` (data·inclusion v1),
/// `lieux.geojson`, `correspondances.csv`, `rejets.csv`.
public struct Publisher {
    public let result: RunResult

    public init(result: RunResult) {
        self.result = result
    }

    /// Source name of consolidated records in data·inclusion files.
    public static let sourceDataInclusion = "unefois-lmv"

    /// The standard's CSV (v1.0.2): its 32 columns in order, lists joined with `|`.
    public func lieuxCSV() -> [UInt8] {
        Publisher.collect { try lieuxCSV(emit: $0) }
    }

    /// ``lieuxCSV()`` written in chunks to `emit` (never whole in memory).
    public func lieuxCSV(emit: ([UInt8]) throws -> Void) rethrows {
        var w = CSVWriter()
        try standardRows(&w, emit: emit)
    }

    /// The header and one row per published place in the standard's 32 columns, through `w`
    /// (its dialect), emitted in chunks of about 1 MiB.
    func standardRows(_ w: inout CSVWriter, emit: ([UInt8]) throws -> Void) rethrows {
        w.row(Champ.allCases.map(\.rawValue))
        for l in result.publies {
            for c in Champ.allCases {
                switch c {
                case .latitude, .longitude: w.cell(l.standardCell(c).csvText)
                default: if l.withStandardText(c, { w.cell(utf8: $0) }) == nil { w.cell("") }
                }
            }
            w.endRow()
            if w.bytes.count >= 1 << 20 {
                try emit(w.bytes)
                w.clear()
            }
        }
        try emit(w.bytes)
    }

    /// The bytes a streaming writer emits, gathered (tests, small outputs).
    static func collect(_ body: (([UInt8]) throws -> Void) throws -> Void) -> [UInt8] {
        var out: [UInt8] = []
        try? body { out.append(contentsOf: $0) }
        return out
    }

    /// `source,source_id,lieu_id,statut,motif`: one row per input place record.
    public func correspondancesCSV() -> [UInt8] {
        var w = CSVWriter(protectFormulas: true)
        w.row(["source", "source_id", "lieu_id", "statut", "motif"])
        for c in result.correspondances {
            w.row([c.source, c.sourceId, c.lieuId, c.statut.rawValue, c.motif])
        }
        return w.bytes
    }

    /// Every issue with a location, sorted (source, file, line, field, code).
    public func rejetsCSV() -> [UInt8] {
        var w = CSVWriter(protectFormulas: true)
        w.row(["source", "fichier", "ligne", "champ", "code", "message"])
        for i in Publisher.sortedIssues(result.issues) {
            w.row([i.source, i.file, i.line.map(String.init) ?? "", i.field ?? "", i.code, "[\(i.severity.rawValue)] " + i.message])
        }
        return w.bytes
    }

    /// Issues in a stable order: source, file, line, field, code, message.
    public static func sortedIssues(_ issues: [Issue]) -> [Issue] {
        issues.sorted { a, b in
            if a.source != b.source { return a.source < b.source }
            if a.file != b.file { return a.file < b.file }
            if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
            if (a.field ?? "") != (b.field ?? "") { return (a.field ?? "") < (b.field ?? "") }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }

    /// data·inclusion v1 structures, one per published place.
    public func structuresJSON() -> [UInt8] {
        Publisher.collect { try structuresJSON(emit: $0) }
    }

    /// ``structuresJSON()`` written in chunks to `emit`, one structure at a time. Members are
    /// written in key order (every file's objects have sorted keys), straight into the writer.
    public func structuresJSON(emit: ([UInt8]) throws -> Void) rethrows {
        try emit([UInt8(ascii: "[")])
        try JSONWriter.items(result.publies, level: 0, emit: emit) { w, l in
            let description = l[.presentationDetail] ?? l[.presentationResume]
            w.beginObject()
            w.member("accessibilite_lieu", l[.ficheAccesLibre].flatMap { $0.hasPrefix("http") ? $0 : nil })
            w.lieuMembers(l, to: "description")
            w.member("description", description.flatMap { !$0.dropFirst(4).isEmpty ? Publisher.prefix($0, 10000) : nil })
            w.lieuMembers(l, from: "description", to: "id")
            w.member("id", l[.id]!)
            w.lieuMembers(l, from: "id", to: "lien_source")
            w.member("lien_source", nil)
            w.lieuMembers(l, from: "lien_source", to: "nom")
            w.member("nom", Publisher.prefix(l[.nom]!, 150))
            w.member("reseaux_porteurs", list: l.reseauxPorteurs)
            w.member("siret", l.siret)
            w.member("site_web", l[.siteWeb])
            w.member("source", Publisher.sourceDataInclusion)
            w.lieuMembers(l, from: "source")
            w.endObject()
        }
        try emit([0x0A])
    }

    /// data·inclusion v1 services (``RunResult/services``): one « accompagnement au numérique »
    /// service per place, as the national hub does.
    public func servicesJSON() -> [UInt8] {
        Publisher.collect { try servicesJSON(emit: $0) }
    }

    /// ``servicesJSON()`` written in chunks to `emit`, one service at a time (members in key
    /// order; the place's members only when the place is published).
    public func servicesJSON(emit: ([UInt8]) throws -> Void) rethrows {
        // Services are in the order of the published places: look a place up by position first.
        let publies = result.publies
        var index: [String: Int]?
        func place(_ id: String, _ i: Int) -> Lieu? {
            if i < publies.count, publies[i][.id] == id { return publies[i] }
            if index == nil { index = Dictionary(publies.enumerated().map { ($0.element[.id]!, $0.offset) }, uniquingKeysWith: { a, _ in a }) }
            return index![id].map { publies[$0] }
        }
        try emit([UInt8(ascii: "[")])
        try JSONWriter.items(result.services.enumerated(), level: 0, emit: emit) { w, item in
            let (i, s) = item
            let l = place(s.structureId, i)
            w.beginObject()
            if let l { w.lieuMembers(l, to: "description") }
            w.member("description", s.description)
            w.member("frais", s.frais)
            if let l { w.lieuMembers(l, from: "frais", to: "id") }
            w.member("id", s.id)
            if let l { w.lieuMembers(l, from: "id", to: "modes_accueil") }
            w.member("modes_accueil", list: s.modesAccueil)
            w.member("modes_mobilisation", list: s.modesMobilisation)
            w.member("nom", s.nom)
            w.member("publics", list: s.publics)
            w.member("source", Publisher.sourceDataInclusion)
            w.member("structure_id", s.structureId)
            if let l { w.lieuMembers(l, from: "structure_id", to: "thematiques") }
            w.member("thematiques", list: s.thematiques)
            w.member("type", s.type)
            w.endObject()
        }
        try emit([0x0A])
    }

    /// GeoJSON FeatureCollection (WGS84 lon/lat) of the published places for the map.
    public func lieuxGeoJSON() -> [UInt8] {
        Publisher.collect { try lieuxGeoJSON(emit: $0) }
    }

    /// ``lieuxGeoJSON()`` written in chunks to `emit`, one feature at a time.
    public func lieuxGeoJSON(emit: ([UInt8]) throws -> Void) rethrows {
        try emit(Array("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [".utf8))
        try JSONWriter.items(result.publies, level: 1, emit: emit) { w, l in
            w.beginObject()
            w.member("type", "Feature")
            w.member("id", l[.id]!)
            w.key("geometry")
            if let la = l.latitude, let lo = l.longitude {
                w.beginObject()
                w.member("type", "Point")
                w.key("coordinates")
                w.numbers([lo, la])
                w.endObject()
            } else {
                w.string(nil)
            }
            // Every field with a value but the coordinates, in key order.
            w.key("properties")
            w.beginObject()
            for c in Publisher.proprietes {
                l.withStandardText(c) { w.member(c.rawValue, utf8: $0) }
            }
            w.endObject()
            w.endObject()
        }
        try emit(Array("\n}\n".utf8))
    }

    /// The first `n` characters of `s`, without walking them when it has no more than `n` bytes
    /// (a character has at least one).
    static func prefix(_ s: String, _ n: Int) -> String {
        s.utf8.count <= n ? s : String(s.prefix(n))
    }

    /// The fields of a feature's `properties`, in key order.
    static let proprietes = Champ.allCases.filter { $0 != .latitude && $0 != .longitude }.sorted { $0.rawValue < $1.rawValue }

    /// Members structures and services take from the place (address, contact, hours, position,
    /// date), in key order.
    static let membresLieu: [(key: String, champ: Champ)] = [
        ("adresse", .adresse), ("code_insee", .codeInsee), ("code_postal", .codePostal), ("commune", .commune),
        ("complement_adresse", .complementAdresse), ("courriel", .courriels), ("date_maj", .dateMaj),
        ("horaires_accueil", .horaires), ("latitude", .latitude), ("longitude", .longitude), ("telephone", .telephone),
    ]
}

/// The published objects' members, written in key order.
private extension JSONWriter {
    mutating func member(_ key: String, _ value: String?) {
        self.key(key)
        string(value)
    }

    mutating func member(_ key: String, utf8: UnsafeBufferPointer<UInt8>) {
        self.key(key)
        string(utf8: utf8)
    }

    /// A list member: `null` when empty (data·inclusion's convention).
    mutating func member(_ key: String, list: [String]) {
        self.key(key)
        if list.isEmpty { string(nil) } else { strings(list) }
    }

    /// The place's members (``Publisher/membresLieu``) whose key sorts from `from` (excluded)
    /// to `to` (excluded): callers interleave them with their own members to keep keys sorted.
    mutating func lieuMembers(_ l: Lieu, from: String = "", to: String? = nil) {
        for (key, champ) in Publisher.membresLieu where key > from && to.map({ key < $0 }) != false {
            self.key(key)
            switch champ {
            case .latitude: number(l.latitude)
            case .longitude: number(l.longitude)
            default: if l.valeurs.withFirstBytes(champ, { string(utf8: $0) }) == nil { string(nil) }
            }
        }
    }
}
