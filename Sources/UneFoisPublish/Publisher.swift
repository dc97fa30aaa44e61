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
        w.row(Champ.allCases.map(\.rawValue))
        for l in result.publies {
            w.row(l.standardRow().map(\.csvText))
            if w.bytes.count >= 1 << 20 {
                try emit(w.bytes)
                w = CSVWriter()
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

    static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    static func num(_ d: Double?) -> JSONValue { d.map { .number(JSONWriter.number($0)) } ?? .null }
    static func arr(_ a: [String]) -> JSONValue { a.isEmpty ? .null : .array(a.map { .string($0) }) }
    /// Members structures and services share: address, contact, hours, position, date.
    static func lieuMembers(_ l: Lieu) -> [(String, JSONValue)] {
        [
            ("adresse", str(l[.adresse])),
            ("code_insee", str(l[.codeInsee])),
            ("code_postal", str(l[.codePostal])),
            ("commune", str(l[.commune])),
            ("complement_adresse", str(l[.complementAdresse])),
            ("courriel", str(l[.courriels])),
            ("date_maj", str(l[.dateMaj])),
            ("horaires_accueil", str(l[.horaires])),
            ("latitude", num(l.latitude)),
            ("longitude", num(l.longitude)),
            ("telephone", str(l[.telephone])),
        ]
    }

    static func obj(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members: pairs.sorted { $0.0 < $1.0 }.map { (key: $0.0, value: $0.1) }))
    }

    /// data·inclusion v1 structures, one per published place.
    public func structuresJSON() -> [UInt8] {
        Publisher.collect { try structuresJSON(emit: $0) }
    }

    /// ``structuresJSON()`` written in chunks to `emit`, one structure at a time.
    public func structuresJSON(emit: ([UInt8]) throws -> Void) rethrows {
        try emit([UInt8(ascii: "[")])
        try JSONWriter.items(result.publies, level: 0, emit: emit) { l in
            let description = l[.presentationDetail] ?? l[.presentationResume]
            return Publisher.obj(Publisher.lieuMembers(l) + [
                ("accessibilite_lieu", Publisher.str(l[.ficheAccesLibre].flatMap { $0.hasPrefix("http") ? $0 : nil })),
                ("description", Publisher.str(description.flatMap { $0.count >= 5 ? String($0.prefix(10000)) : nil })),
                ("id", .string(l[.id]!)),
                ("lien_source", .null),
                ("nom", .string(String(l[.nom]!.prefix(150)))),
                ("reseaux_porteurs", Publisher.arr(l.reseauxPorteurs)),
                ("siret", Publisher.str(l.siret)),
                ("site_web", Publisher.str(l[.siteWeb])),
                ("source", .string(Publisher.sourceDataInclusion)),
            ])
        }
        try emit([0x0A])
    }

    /// data·inclusion v1 services (``RunResult/services``): one « accompagnement au numérique »
    /// service per place, as the national hub does.
    public func servicesJSON() -> [UInt8] {
        Publisher.collect { try servicesJSON(emit: $0) }
    }

    /// ``servicesJSON()`` written in chunks to `emit`, one service at a time.
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
        try JSONWriter.items(result.services.enumerated(), level: 0, emit: emit) { (i, s) in
            Publisher.obj((place(s.structureId, i).map(Publisher.lieuMembers) ?? []) + [
                ("description", .string(s.description)),
                ("frais", Publisher.str(s.frais)),
                ("id", .string(s.id)),
                ("modes_accueil", Publisher.arr(s.modesAccueil)),
                ("modes_mobilisation", Publisher.arr(s.modesMobilisation)),
                ("nom", .string(s.nom)),
                ("publics", Publisher.arr(s.publics)),
                ("source", .string(Publisher.sourceDataInclusion)),
                ("structure_id", .string(s.structureId)),
                ("thematiques", Publisher.arr(s.thematiques)),
                ("type", .string(s.type)),
            ])
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
        try JSONWriter.items(result.publies, level: 1, emit: emit) { l in
            var props: [(String, JSONValue)] = []
            for (c, cell) in zip(Champ.allCases, l.standardRow()) where c != .latitude && c != .longitude {
                if case .text(let t) = cell { props.append((c.rawValue, .string(t))) }
            }
            let geometry: JSONValue
            if let la = l.latitude, let lo = l.longitude {
                geometry = .object(JSONObject(members: [("type", .string("Point")), ("coordinates", .array([.number(JSONWriter.number(lo)), .number(JSONWriter.number(la))]))]))
            } else {
                geometry = .null
            }
            return .object(JSONObject(members: [("type", .string("Feature")), ("id", .string(l[.id]!)), ("geometry", geometry), ("properties", Publisher.obj(props))]))
        }
        try emit(Array("\n}\n".utf8))
    }
}
