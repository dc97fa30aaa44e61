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

    /// The header and one row per published place in the standard's 32 columns (the cells of
    /// ``Lieu/standardRow()``), through `w` (its dialect), emitted in chunks of about 1 MiB.
    func standardRows(_ w: inout CSVWriter, emit: ([UInt8]) throws -> Void) rethrows {
        let champs = Champ.allCases
        w.row(champs.map(\.rawValue))
        try result.publies.withUnsafeBufferPointer { publies in
            for i in publies.indices {
                let l = publies.baseAddress! + i
                let valeurs = Publisher.valeurs(l)
                for c in champs {
                    switch c {
                    case .latitude: w.cell(l.pointee.latitude.map(JSONWriter.number) ?? "")
                    case .longitude: w.cell(l.pointee.longitude.map(JSONWriter.number) ?? "")
                    // An empty cell writes the bytes of `w.cell("")`.
                    default: if valeurs.withCellBytes(c, { w.cell(utf8: $0) }) == nil { w.cell("") }
                    }
                }
                w.endRow()
                if w.bytes.count >= 1 << 20 {
                    try emit(w.bytes)
                    w.clear()
                }
            }
        }
        try emit(w.bytes)
    }

    /// The values of the place at `l`, for reading its fields one after another. The place is
    /// read in place (a copy of it would retain about ten references), its values copied once
    /// (two references): read from the place in unsafe memory, each field read would retain and
    /// release the packed buffer.
    static func valeurs(_ l: UnsafePointer<Lieu>) -> Lieu.Valeurs {
        l.pointee.valeurs
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

    /// Every issue with a location, sorted (source, file, line, field, code). The issues are
    /// read in place, in the order of ``issueOrder(_:)``, their cells written one by one.
    public func rejetsCSV() -> [UInt8] {
        var w = CSVWriter(protectFormulas: true)
        w.row(["source", "fichier", "ligne", "champ", "code", "message"])
        result.issues.withUnsafeBufferPointer { issues in
            for k in Publisher.issueOrder(issues) {
                let i = issues.baseAddress! + k
                w.cell(i.pointee.source)
                w.cell(i.pointee.file)
                w.cell(i.pointee.line.map(String.init) ?? "")
                w.cell(i.pointee.field ?? "")
                w.cell(i.pointee.code)
                w.cell("[\(i.pointee.severity.rawValue)] " + i.pointee.message)
                w.endRow()
            }
        }
        return w.bytes
    }

    /// Issues in a stable order: source, file, line, field, code, message.
    public static func sortedIssues(_ issues: [Issue]) -> [Issue] {
        issues.withUnsafeBufferPointer { issueOrder($0).map { k in issues[k] } }
    }

    /// The positions of the issues in the order of ``sortedIssues(_:)`` (ties in their order):
    /// positions are sorted, not the issues, which a sort would copy.
    static func issueOrder(_ issues: UnsafeBufferPointer<Issue>) -> [Int] {
        issues.indices.sorted { ka, kb in
            let a = issues.baseAddress! + ka, b = issues.baseAddress! + kb
            if a.pointee.source != b.pointee.source { return a.pointee.source < b.pointee.source }
            if a.pointee.file != b.pointee.file { return a.pointee.file < b.pointee.file }
            if (a.pointee.line ?? 0) != (b.pointee.line ?? 0) { return (a.pointee.line ?? 0) < (b.pointee.line ?? 0) }
            if (a.pointee.field ?? "") != (b.pointee.field ?? "") { return (a.pointee.field ?? "") < (b.pointee.field ?? "") }
            if a.pointee.code != b.pointee.code { return a.pointee.code < b.pointee.code }
            if a.pointee.message != b.pointee.message { return a.pointee.message < b.pointee.message }
            return ka < kb
        }
    }

    /// data·inclusion v1 structures, one per published place.
    public func structuresJSON() -> [UInt8] {
        Publisher.collect { try structuresJSON(emit: $0) }
    }

    /// ``structuresJSON()`` written in chunks to `emit`, one structure at a time. Members are
    /// written in key order (every file's objects have sorted keys), straight into the writer;
    /// the places are read in place (a copy of a place retains about ten references).
    public func structuresJSON(emit: ([UInt8]) throws -> Void) rethrows {
        let avantDescription = Publisher.membres(to: "description"), avantId = Publisher.membres(from: "description", to: "id")
        let avantLien = Publisher.membres(from: "id", to: "lien_source"), avantNom = Publisher.membres(from: "lien_source", to: "nom")
        let apresSource = Publisher.membres(from: "source")
        try emit([UInt8(ascii: "[")])
        try result.publies.withUnsafeBufferPointer { publies in
            try JSONWriter.items(count: publies.count, level: 0, emit: emit) { w, i in
                let l = publies.baseAddress! + i, v = Publisher.valeurs(l)
                w.beginObject()
                w.key("accessibilite_lieu")
                if v.withFirstBytes(.ficheAccesLibre, { w.lien($0) }) != true { w.string(nil) }
                w.lieuMembers(l, v, avantDescription)
                w.key("description")
                // The detailed presentation when there is one (even too short), else the summary.
                if (v.withFirstBytes(.presentationDetail) { w.description($0) } ?? v.withFirstBytes(.presentationResume) { w.description($0) }) != true { w.string(nil) }
                w.lieuMembers(l, v, avantId)
                w.member("id", first: .id, of: v)
                w.lieuMembers(l, v, avantLien)
                w.member("lien_source", nil)
                w.lieuMembers(l, v, avantNom)
                w.key("nom")
                // A name of at most 150 bytes has at most 150 characters: copied as it is.
                if v.withFirstBytes(.nom, { $0.count <= 150 ? w.string(utf8: $0) : w.string(Publisher.prefix(String(decoding: $0, as: UTF8.self), 150)) }) == nil { w.string(nil) }
                w.member("reseaux_porteurs", list: l.pointee.reseauxPorteurs)
                w.member("siret", l.pointee.siret)
                w.member("site_web", first: .siteWeb, of: v)
                w.member("source", Publisher.sourceDataInclusion)
                w.lieuMembers(l, v, apresSource)
                w.endObject()
            }
        }
        try emit([0x0A])
    }

    /// data·inclusion v1 services (``RunResult/services``): one « accompagnement au numérique »
    /// service per place, as the national hub does.
    public func servicesJSON() -> [UInt8] {
        Publisher.collect { try servicesJSON(emit: $0) }
    }

    /// ``servicesJSON()`` written in chunks to `emit`, one service at a time (members in key
    /// order; the place's members only when the place is published). The service of each place
    /// is derived as ``RunResult/services`` does, the place read in place.
    public func servicesJSON(emit: ([UInt8]) throws -> Void) rethrows {
        let avantDescription = Publisher.membres(to: "description"), avantId = Publisher.membres(from: "frais", to: "id")
        let avantModes = Publisher.membres(from: "id", to: "modes_accueil"), avantThematiques = Publisher.membres(from: "structure_id", to: "thematiques")
        let service = result.deriveService?()
        try emit([UInt8(ascii: "[")])
        try result.publies.withUnsafeBufferPointer { publies in
            // Services are in the order of the published places: look a place up by position first.
            var index: [String: Int]?
            func place(_ id: String, _ i: Int) -> UnsafePointer<Lieu>? {
                if i < publies.count, Publisher.hasId(publies.baseAddress! + i, id) { return publies.baseAddress! + i }
                if index == nil { index = Dictionary(publies.indices.map { (publies[$0][.id]!, $0) }, uniquingKeysWith: { a, _ in a }) }
                return index![id].map { publies.baseAddress! + $0 }
            }
            try JSONWriter.items(count: service == nil ? 0 : publies.count, level: 0, emit: emit) { w, i in
                let s = service!(publies.baseAddress![i])
                let l = place(s.structureId, i), v = l.map(Publisher.valeurs) ?? Lieu.Valeurs()
                w.beginObject()
                if let l { w.lieuMembers(l, v, avantDescription) }
                w.member("description", s.description)
                w.member("frais", s.frais)
                if let l { w.lieuMembers(l, v, avantId) }
                w.member("id", s.id)
                if let l { w.lieuMembers(l, v, avantModes) }
                w.member("modes_accueil", list: s.modesAccueil)
                w.member("modes_mobilisation", list: s.modesMobilisation)
                w.member("nom", s.nom)
                w.member("publics", list: s.publics)
                w.member("source", Publisher.sourceDataInclusion)
                w.member("structure_id", s.structureId)
                if let l { w.lieuMembers(l, v, avantThematiques) }
                w.member("thematiques", list: s.thematiques)
                w.member("type", s.type)
                w.endObject()
            }
        }
        try emit([0x0A])
    }

    /// Whether the place's `id` is `id` (compared as bytes, no string built).
    static func hasId(_ l: UnsafePointer<Lieu>, _ id: String) -> Bool {
        var id = id
        return id.withUTF8 { want in l.pointee.valeurs.withFirstBytes(.id) { $0.elementsEqual(want) } } ?? false
    }

    /// GeoJSON FeatureCollection (WGS84 lon/lat) of the published places for the map.
    public func lieuxGeoJSON() -> [UInt8] {
        Publisher.collect { try lieuxGeoJSON(emit: $0) }
    }

    /// ``lieuxGeoJSON()`` written in chunks to `emit`, one feature at a time (the places read
    /// in place).
    public func lieuxGeoJSON(emit: ([UInt8]) throws -> Void) rethrows {
        let proprietes = Publisher.proprietes
        try emit(Array("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [".utf8))
        try result.publies.withUnsafeBufferPointer { publies in
            try JSONWriter.items(count: publies.count, level: 1, emit: emit) { w, i in
                let l = publies.baseAddress! + i, v = Publisher.valeurs(l)
                w.beginObject()
                w.member("type", "Feature")
                w.member("id", first: .id, of: v)
                w.key("geometry")
                if let la = l.pointee.latitude, let lo = l.pointee.longitude {
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
                for c in proprietes {
                    v.withCellBytes(c) { if !$0.isEmpty { w.member(c.rawValue, utf8: $0) } }
                }
                w.endObject()
                w.endObject()
            }
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

    /// The members of ``membresLieu`` whose key sorts after `from` (excluded) and before `to`
    /// (excluded): callers interleave them with their own members to keep keys sorted. Worked
    /// out once per file, not per place.
    static func membres(from: String = "", to: String? = nil) -> ArraySlice<(key: String, champ: Champ)> {
        let start = membresLieu.firstIndex { $0.key > from } ?? membresLieu.count
        let end = to.flatMap { to in membresLieu.firstIndex { $0.key >= to } } ?? membresLieu.count
        return membresLieu[start..<max(start, end)]
    }
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

    /// The first item of a place's field (`null` when absent or empty), read in place.
    mutating func member(_ key: String, first champ: Champ, of v: Lieu.Valeurs) {
        self.key(key)
        if v.withFirstBytes(champ, { string(utf8: $0) }) == nil { string(nil) }
    }

    /// A structure's `accessibilite_lieu` from the place's link: written when it starts with
    /// `http`, else nothing is written (false). « http » then an ASCII byte (or nothing) starts
    /// with those four characters (an ASCII byte never joins the character before it); other
    /// links are tested as `String`s.
    mutating func lien(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count >= 4, b[0] == UInt8(ascii: "h"), b[1] == UInt8(ascii: "t"), b[2] == UInt8(ascii: "t"), b[3] == UInt8(ascii: "p") else { return false }
        if b.count == 4 || b[4] < 0x80 {
            string(utf8: b)
            return true
        }
        let s = String(decoding: b, as: UTF8.self)
        guard s.hasPrefix("http") else { return false }
        string(s)
        return true
    }

    /// A structure's `description` from a presentation: written (cut to 10,000 characters) when
    /// it has more than four characters, else nothing is written (false). Six ASCII bytes
    /// without a carriage return (or five and nothing after) are five characters, and at most
    /// 10,000 bytes are at most 10,000 characters: such a text is copied as it is; others are
    /// counted as `String`s.
    mutating func description(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count >= 5, b.count <= 10000, !b.prefix(6).contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
            string(utf8: b)
            return true
        }
        let s = String(decoding: b, as: UTF8.self)
        guard !s.dropFirst(4).isEmpty else { return false }
        string(Publisher.prefix(s, 10000))
        return true
    }

    /// A list member: `null` when empty (data·inclusion's convention).
    mutating func member(_ key: String, list: [String]) {
        self.key(key)
        if list.isEmpty { string(nil) } else { strings(list) }
    }

    /// The place's members among ``Publisher/membresLieu`` given by ``Publisher/membres(from:to:)``
    /// (`v`: the place's values, ``Publisher/valeurs(_:)``).
    mutating func lieuMembers(_ l: UnsafePointer<Lieu>, _ v: Lieu.Valeurs, _ membres: ArraySlice<(key: String, champ: Champ)>) {
        for (key, champ) in membres {
            self.key(key)
            switch champ {
            case .latitude: number(l.pointee.latitude)
            case .longitude: number(l.pointee.longitude)
            default: if v.withFirstBytes(champ, { string(utf8: $0) }) == nil { string(nil) }
            }
        }
    }
}
