import UneFoisCore
import Foundation

/// One source of a run: its name, format, file and optional mapping.
public struct SourceSpec: Sendable, Equatable {
    public var nom: String
    public var format: SourceFormat
    /// The first (usually only) file.
    public var chemin: String
    /// Further files of the same source (e.g. the other pages of a paginated API export).
    public var autresChemins: [String] = []
    /// Mapping file path or built-in mapping name; nil = the format's default.
    public var correspondance: String?
    /// Sheet of an .xlsx workbook (default: « Activités », else the first) or table of a
    /// GeoPackage (default: the first features table).
    public var feuille: String?
    /// Text of the standard's `source` column for the places of this source that do not give
    /// one (configuration key `libelle`; default: the source's name).
    public var libelle: String?

    /// Every file of the source, in order.
    public var chemins: [String] { [chemin] + autresChemins }

    public init(nom: String, format: SourceFormat, chemin: String, autresChemins: [String] = [], correspondance: String? = nil) {
        self.autresChemins = autresChemins
        self.nom = nom
        self.format = format
        self.chemin = chemin
        self.correspondance = correspondance
    }

    /// Parses `--source [NOM=]FORMAT:CHEMIN`.
    public static func parse(argument: String) throws -> SourceSpec {
        var rest = Substring(argument)
        var nom: String?
        if let eq = rest.firstIndex(of: "="), let colon = rest.firstIndex(of: ":"), eq < colon {
            nom = String(rest[..<eq])
            rest = rest[rest.index(after: eq)...]
        }
        guard let colon = rest.firstIndex(of: ":") else {
            throw OperationalError(.configuration, "--source « \(argument) » : la forme attendue est [NOM=]FORMAT:CHEMIN, par exemple dora:exports/dora.json.")
        }
        let formatName = String(rest[..<colon])
        let chemin = String(rest[rest.index(after: colon)...])
        guard !formatName.isEmpty, !chemin.isEmpty else {
            throw OperationalError(.configuration, "--source « \(argument) » : FORMAT et CHEMIN ne peuvent pas être vides.")
        }
        guard let format = SourceFormat(rawValue: formatName) else {
            throw OperationalError(.configuration, code: "format-unknown", location: .init(field: "--source"), "--source « \(argument) » : format « \(formatName) » inconnu ; formats possibles : \(SourceFormat.names.joined(separator: ", ")).")
        }
        let name = nom ?? ((FileManagerShim.fileName(chemin) as NSString).deletingPathExtension)
        return SourceSpec(nom: name, format: format, chemin: chemin)
    }
}

/// The run configuration (`unefois.json`): territory and sources, in priority order.
public struct Configuration: Sendable {
    public var territoireNom: String = "Luberon Monts de Vaucluse"
    /// Reject places outside the territory's communes.
    public var filtrerTerritoire: Bool = true
    /// Path of the commune reference table; nil = built-in.
    public var referentielCommunes: String?
    /// Path of the communes' outlines (GeoJSON); nil = built-in (Vaucluse).
    public var contoursCommunes: String?
    public var sources: [SourceSpec] = []
    /// Reference date (`yyyy-mm-dd`) for the freshness criterion; nil = the latest date found in
    /// the inputs.
    public var dateReference: String?
    /// Folder the relative paths are resolved against.
    public var base: String = "."
    /// The data officer's deduplication decisions file (`doublons.decisions`), resolved.
    public var decisionsDoublons: String?
    /// Source priority for the published values (`doublons.priorite`); nil = configuration order.
    public var prioriteSources: [String]?
    /// Mass-change guard (`publication.baisse_max`): the largest share of its places a source, or
    /// the whole publication, may lose in one night before nothing is published.
    public var baisseMax: Double = 0.3
    /// Accepts tonight's drop once: `*` (command line `--accepter-baisse`) or the fingerprint of
    /// the inputs the refusal message gives (`publication.accepter_baisse`).
    public var accepterBaisse: String?
    /// Starts a new state when the earlier one is damaged (`--nouvel-etat`).
    public var nouvelEtat: Bool = false

    /// Source names by priority: `doublons.priorite` first, then the other sources in order.
    public var priorite: [String] {
        let explicit = prioriteSources ?? []
        return explicit + sources.map(\.nom).filter { !explicit.contains($0) }
    }
    /// SIREN (or SIRET) of the producer (`producteur.siren`): the standard's CSV is then also
    /// published under the name the national hub recommends (`HubFileName`).
    public var producteurSiren: String?

    public init() {}

    /// The file name shown in messages and outputs: relative to the configuration folder.
    public func displayName(_ path: String) -> String {
        if base != ".", path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }

    /// Formats unefois knows (names of ``SourceFormat``).
    public static var formats: [String] { SourceFormat.names }

    /// Loads a configuration file; errors name the key (exit 78).
    public static func load(path: String) throws -> Configuration {
        try load(path: path, collecting: false).configuration
    }

    /// Loads a configuration file. With `collecting`, every section and every source is checked
    /// and each error is returned (a faulty source is left out) instead of thrown at the first
    /// one: `unefois verifier` shows them all. A file that is not JSON still throws.
    public static func load(path: String, collecting: Bool) throws -> (configuration: Configuration, errors: [OperationalError]) {
        var errors: [OperationalError] = []
        func section(_ body: () throws -> Void) throws {
            do { try body() } catch let e as OperationalError where collecting && e.kind == .configuration { errors.append(e) }
        }
        guard FileManagerShim.exists(path) else {
            throw OperationalError(.configuration, "Fichier de configuration introuvable : \(path).")
        }
        let doc = try OfficerFile.parse(path: path, label: "Configuration")
        func fail(_ key: String, _ what: String) -> OperationalError {
            OfficerFile.keyError(path: path, label: "Configuration", key: key, what)
        }
        var c = Configuration()
        c.base = FileManagerShim.directory(of: path)
        guard let root = doc.objectValue else { throw fail("(racine)", "objet JSON attendu.") }
        for m in root.members where !["territoire", "sources", "description", "date_reference", "doublons", "producteur", "publication"].contains(m.key) {
            try section { throw fail(m.key, "clé inconnue ; clés possibles : territoire, sources, date_reference, doublons, producteur, publication, description.") }
        }
        try section { if let d = root["publication"] {
            guard let o = d.objectValue else { throw fail("publication", "objet attendu, par exemple {\"baisse_max\": 0.3}.") }
            for m in o.members {
                switch m.key {
                case "baisse_max":
                    guard let x = m.value.doubleValue, case .number = m.value, x >= 0, x <= 1 else { throw fail("publication.baisse_max", "nombre entre 0 et 1 attendu (0.3 = 30 %).") }
                    c.baisseMax = x
                case "accepter_baisse":
                    guard let e = m.value.stringValue else { throw fail("publication.accepter_baisse", "empreinte des entrées attendue (texte donné par le message de refus).") }
                    c.accepterBaisse = e
                case "description": break
                default: throw fail("publication.\(m.key)", "clé inconnue ; clés possibles : baisse_max, accepter_baisse, description.")
                }
            }
        } }
        try section { if let d = root["doublons"] {
            guard let o = d.objectValue else { throw fail("doublons", "objet attendu, par exemple {\"decisions\": \"decisions-doublons.csv\"}.") }
            for m in o.members {
                switch m.key {
                case "decisions":
                    guard let p = m.value.stringValue else { throw fail("doublons.decisions", "chemin du fichier des décisions attendu (texte).") }
                    c.decisionsDoublons = FileManagerShim.resolve(p, relativeTo: c.base)
                case "priorite":
                    guard let a = m.value.arrayValue, a.allSatisfy({ $0.stringValue != nil }) else { throw fail("doublons.priorite", "liste de noms de sources attendue.") }
                    c.prioriteSources = a.compactMap(\.stringValue)
                case "description": break
                default: throw fail("doublons.\(m.key)", "clé inconnue ; clés possibles : decisions, priorite, description.")
                }
            }
        } }
        try section { if let p = root["producteur"] {
            guard let o = p.objectValue else { throw fail("producteur", "objet attendu, par exemple {\"siren\": \"200040442\"}.") }
            for m in o.members where m.key != "siren" { throw fail("producteur.\(m.key)", "clé inconnue ; clé possible : siren.") }
            guard let siren = o["siren"]?.stringValue, ProducerIdentifier.isValid(siren) else {
                throw fail("producteur.siren", "SIREN (9 chiffres) ou SIRET (14 chiffres) valide attendu, en texte, par exemple \"200040442\".")
            }
            c.producteurSiren = siren
        } }
        try section { if let d = root["date_reference"] {
            guard let t = d.stringValue, CivilDate.isISODate(t) else {
                throw fail("date_reference", "date au format aaaa-mm-jj attendue.")
            }
            c.dateReference = t
        } }
        try section { if let t = root["territoire"] {
            guard let o = t.objectValue else { throw fail("territoire", "objet attendu.") }
            for m in o.members {
                switch m.key {
                case "nom": c.territoireNom = m.value.stringValue ?? c.territoireNom
                case "filtrer":
                    guard case .bool(let b) = m.value else { throw fail("territoire.filtrer", "true ou false attendu.") }
                    c.filtrerTerritoire = b
                case "communes": c.referentielCommunes = m.value.stringValue.map { FileManagerShim.resolve($0, relativeTo: c.base) }
                case "contours": c.contoursCommunes = m.value.stringValue.map { FileManagerShim.resolve($0, relativeTo: c.base) }
                default: throw fail("territoire.\(m.key)", "clé inconnue ; clés possibles : nom, filtrer, communes, contours.")
                }
            }
        } }
        var sources: [JSONValue] = []
        try section {
            guard let list = root["sources"]?.arrayValue else { throw fail("sources", "liste des sources attendue.") }
            sources = list
        }
        var names = Set<String>()
        for (i, s) in sources.enumerated() { try section {
            let k = "sources[\(i)]"
            guard let o = s.objectValue else { throw fail(k, "objet attendu.") }
            for m in o.members where !["nom", "format", "chemin", "correspondance", "feuille", "table", "description", "libelle"].contains(m.key) {
                throw fail("\(k).\(m.key)", "clé inconnue ; clés possibles : nom, format, chemin, correspondance, feuille (classeur .xlsx), table (GeoPackage), libelle (colonne source du standard), description.")
            }
            guard let formatName = o["format"]?.stringValue else { throw fail("\(k).format", "format manquant (\(formats.joined(separator: ", "))).") }
            guard let format = SourceFormat(rawValue: formatName) else { throw fail("\(k).format", "format « \(formatName) » inconnu ; formats possibles : \(formats.joined(separator: ", ")).") }
            let chemins: [String]
            if let one = o["chemin"]?.stringValue {
                chemins = [one]
            } else if let many = o["chemin"]?.arrayValue, !many.isEmpty, many.allSatisfy({ $0.stringValue != nil }) {
                chemins = many.compactMap(\.stringValue)
            } else {
                throw fail("\(k).chemin", "chemin du fichier manquant (un texte, ou une liste de textes pour plusieurs fichiers de la même source, par exemple les pages d'un export DORA).")
            }
            let nom = o["nom"]?.stringValue ?? ((FileManagerShim.fileName(chemins[0]) as NSString).deletingPathExtension)
            guard names.insert(nom).inserted else { throw fail("\(k).nom", "le nom « \(nom) » est déjà utilisé par une autre source.") }
            let resolved = chemins.map { FileManagerShim.resolve($0, relativeTo: c.base) }
            var source = SourceSpec(nom: nom, format: format, chemin: resolved[0], autresChemins: Array(resolved.dropFirst()),
                                    correspondance: o["correspondance"]?.stringValue)
            source.feuille = o["feuille"]?.stringValue ?? o["table"]?.stringValue
            source.libelle = o["libelle"]?.stringValue
            c.sources.append(source)
        } }
        for p in c.prioriteSources ?? [] where !names.contains(p) {
            try section { throw fail("doublons.priorite", "« \(p) » n'est le nom d'aucune source ; sources : \(c.sources.map(\.nom).joined(separator: ", ")).") }
        }
        return (c, errors)
    }
}
