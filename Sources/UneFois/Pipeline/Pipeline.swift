import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
/// The nightly job: ingest every source, normalise, validate, deduplicate, and hand a
/// ``RunResult`` to Publish and Report. A source that cannot be read is quarantined (its
/// error kept) and the others go on.
public struct Pipeline {
    public let configuration: Configuration
    public let schemasPath: String
    /// Paths of the schema, mapping and reference files under `schemasPath`.
    public let catalogue: SchemaCatalogue
    let crosswalks: CrosswalkStore
    let territoire: Territoire
    let contours: CommuneBoundaries
    let schema: TableSchema
    /// Told of stage boundaries, progress, each source's counts and each warning or error.
    public var observer: (any RunObserver)?
    let poidsDoublons: MatchWeights

    public init(configuration: Configuration, schemasPath: String = Resources.schemas) throws {
        self.configuration = configuration
        self.schemasPath = schemasPath
        guard FileManagerShim.isDirectory(schemasPath) else {
            throw OperationalError(.configuration, "Dossier des schémas introuvable : \(schemasPath). Reconstruisez unefois ou définissez UNEFOIS_SCHEMAS.")
        }
        catalogue = SchemaCatalogue(root: schemasPath)
        crosswalks = try CrosswalkStore(directory: catalogue.crosswalkTables)
        territoire = try Territoire(path: configuration.referentielCommunes ?? catalogue.communes)
        contours = try CommuneBoundaries(path: configuration.contoursCommunes ?? catalogue.communeOutlines)
        schema = try TableSchema(path: catalogue.standardSchema)
        poidsDoublons = try MatchWeights.load(path: catalogue.matchWeights)
        for s in configuration.sources where s.format.requiresMapping && s.correspondance == nil {
            throw OperationalError(.configuration, "Source « \(s.nom) » : le format « \(s.format) » demande un fichier de correspondance (clé « correspondance »). Générez-en un brouillon avec « unefois inspect \(s.chemin) ».")
        }
    }

    /// Runs every stage up to deduplication. `previous` holds the ids assigned by earlier runs.
    public func run(previous: [String: (id: String, rang: Int)] = [:]) -> RunResult {
        var result = RunResult(configuration: configuration)
        result.schemaVersion = schema.version
        var lieux: [Lieu] = []
        let builder = LieuBuilder(territoire: territoire, contours: contours)
        let validator = LieuValidator(schema: schema)
        let inTerritory = territoire.codesTerritoire
        for (index, spec) in configuration.sources.enumerated() {
            let stage = RunStage.lecture(source: spec.nom, index: index + 1, count: configuration.sources.count)
            observer?.observe(.stageStarted(stage, totalBytes: spec.chemins.reduce(0) { $0 + Pipeline.fileSize($1) }))
            let issuesBefore = result.issues.count
            defer { notifySourceFinished(stage, result.sources[result.sources.count - 1], issues: result.issues[issuesBefore...]) }
            // A source's records join the run only once the whole source has been read: a source
            // that fails midway (streamed CSV) publishes nothing and is quarantined.
            var ingestion = SourceIngestion(pipeline: self, spec: spec, builder: builder, validator: validator, inTerritory: inTerritory)
            ingestion.stage = stage
            do {
                try ingestion.ingest()
                lieux += ingestion.lieux
                result.correspondances += ingestion.correspondances
                result.activites += ingestion.activites
                result.suivis += ingestion.suivis
                result.issues += ingestion.issues
                result.sources.append(ingestion.run)
            } catch {
                var sr = SourceRun(spec: spec)
                sr.octets = ingestion.run.octets
                let e = (error as? OperationalError) ?? OperationalError(.dataUnusable, "\(spec.chemin) : \(error)")
                sr.echec = e
                result.issues.append(Issue(code: e.kind == .inputMissing ? "source-missing" : "source-unusable", severity: .error, message: e.message + " La source est mise en quarantaine ; les autres sources sont publiées.", source: spec.nom, file: displayName(spec.chemin)))
                result.sources.append(sr)
            }
        }
        // Deduplicate and assign stable ids.
        observer?.observe(.stageStarted(.consolidation, totalBytes: 0))
        observer?.observe(.progress(.consolidation, bytes: 0, totalBytes: 0, records: lieux.count))
        let issuesBeforeConsolidation = result.issues.count
        defer { notifyConsolidationFinished(records: lieux.count, issues: result.issues[issuesBeforeConsolidation...]) }
        let outcome = deduplicate(lieux, &result)
        var clusters = outcome.clusters
        var registry = IdentifierRegistry(previous: previous)
        registry.assign(&clusters)
        clusters.sort { $0.id < $1.id }
        result.identifiants = registry.assignments
        for c in clusters {
            result.publies.append(Consolidation.merge(c))
            for (i, m) in c.membres.enumerated() {
                result.correspondances.append(Correspondance(source: m.provenance.source, sourceId: m.idSource, lieuId: c.id,
                    statut: i == 0 ? .publie : .fusionne, motif: i == 0 ? (c.membres.count > 1 ? "ancre de \(c.membres.count) enregistrements" : "") : (c.motifs[m.cle] ?? ""),
                    fichier: m.provenance.file, ligne: m.provenance.line))
            }
        }
        // Exact-duplicate rows point to the id of the record they repeat.
        let idByKey = Dictionary(result.correspondances.filter { !$0.lieuId.isEmpty }.map { ($0.source + "--" + $0.sourceId, $0.lieuId) }, uniquingKeysWith: { a, _ in a })
        for i in result.correspondances.indices where result.correspondances[i].statut == .fusionne && result.correspondances[i].lieuId.isEmpty {
            result.correspondances[i].lieuId = idByKey[result.correspondances[i].source + "--" + result.correspondances[i].sourceId] ?? ""
        }
        result.clusters = clusters
        let crosswalk = ServiceCrosswalk(crosswalks: crosswalks)
        for i in result.publies.indices { result.publies[i].reseauxPorteurs = crosswalk.reseauxPorteurs(for: result.publies[i]) }
        result.services = result.publies.map(crosswalk.service(for:))
        linkActivities(&result)
        // Quality, measured against a date taken from the data (never the clock).
        let dates = lieux.compactMap { $0[.dateMaj] } + result.activites.map(\.date) + result.suivis.map(\.date)
        result.dateReference = configuration.dateReference ?? dates.max() ?? "1970-01-01"
        for l in result.publies { result.qualite[l[.id]!] = QualityScore.evaluate(l, reference: result.dateReference) }
        result.correspondances.sort { ($0.source, $0.fichier, $0.ligne, $0.sourceId) < ($1.source, $1.fichier, $1.ligne, $1.sourceId) }
        return result
    }

    /// Links each activity to a published place: by the source id of a place record (France
    /// Services activity names its desk by `id_fs`), else by folded name within the commune, else
    /// by a folded name that only one place has. Unlinked activities are kept and reported.
    func linkActivities(_ result: inout RunResult) {
        var bySourceId: [String: String] = [:]
        for c in result.correspondances where !c.lieuId.isEmpty { bySourceId[c.sourceId] = bySourceId[c.sourceId] ?? c.lieuId }
        var byNameInsee: [String: String] = [:]
        var byName: [String: Set<String>] = [:]
        for c in result.clusters {
            for m in c.membres {
                guard let n = m[.nom] else { continue }
                let k = TextFolding.key(n)
                byNameInsee[k + "|" + (m[.codeInsee] ?? "")] = byNameInsee[k + "|" + (m[.codeInsee] ?? "")] ?? c.id
                byName[k, default: []].insert(c.id)
            }
        }
        var unknown: [String: Provenance] = [:]
        for i in result.activites.indices {
            let a = result.activites[i]
            let k = TextFolding.key(a.lieuNom)
            let id = bySourceId[a.lieuNom] ?? a.codeInsee.flatMap { byNameInsee[k + "|" + $0] } ?? (byName[k]?.count == 1 ? byName[k]!.first : nil)
            result.activites[i].lieuId = id
            if id == nil {
                result.issues.append(Issue("lieu-inconnu", .warning, "Lieu « \(a.lieuNom) » introuvable parmi les lieux publiés : l'activité est comptée mais rattachée à aucun lieu. Vérifiez le nom ou l'identifiant du lieu, ou ajoutez le lieu à une source.", at: a.provenance, field: "lieu_nom"))
                if unknown[a.lieuNom] == nil { unknown[a.lieuNom] = a.provenance }
            }
        }
    }

    /// The file name shown in messages and outputs: relative to the configuration folder.
    func displayName(_ path: String) -> String {
        let base = configuration.base
        if base != ".", path.hasPrefix(base + "/") { return String(path.dropFirst(base.count + 1)) }
        return path
    }

    /// The mapping of a source: its own file, a built-in by name, or the format's default.
    func mapping(for spec: SourceSpec) throws -> Mapping {
        if let m = spec.correspondance {
            let builtin = catalogue.mapping(named: m)
            if !m.hasSuffix(".json") && FileManagerShim.exists(builtin) {
                return try MappingLoader.load(path: builtin, crosswalks: crosswalks)
            }
            let path = FileManagerShim.resolve(m, relativeTo: configuration.base)
            guard FileManagerShim.exists(path) else {
                throw OperationalError(.configuration, "Source « \(spec.nom) » : fichier de correspondance introuvable : \(path).")
            }
            return try MappingLoader.load(path: path, crosswalks: crosswalks)
        }
        if let name = spec.format.defaultMapping {
            return try MappingLoader.load(path: catalogue.mapping(named: name), crosswalks: crosswalks)
        }
        return Mapping(nom: "standard (colonnes du même nom)", cible: .lieu)
    }

    /// Reads a whole non-CSV file into a table.
    func read(spec: SourceSpec, path: String, mapping: Mapping, bytes: UnsafeRawBufferPointer, fileName: String) throws -> SourceTable {
        switch spec.format.reader {
        case .table:
            // CSV tables are streamed by SourceIngestion; what reaches here is a workbook.
            return try XLSXReader.read(bytes: bytes, source: spec.nom, file: fileName, sheetName: spec.feuille, options: mapping.lecture)
        case .geopackage:
            return try GeoPackageReader.read(path: path, source: spec.nom, file: fileName, table: spec.feuille)
        case .json:
            return try JSONRecordReader.read(bytes: bytes, source: spec.nom, file: fileName)
        case .geojson:
            return try GeoJSONReader.read(bytes: bytes, source: spec.nom, file: fileName)
        case .gml:
            return try GMLReader.read(bytes: bytes, source: spec.nom, file: fileName)
        }
    }

    /// True for an .xlsx workbook (a zip archive: `PK\u{3}\u{4}`), which the table formats accept
    /// as well as CSV.
    static func isWorkbook(_ bytes: UnsafeRawBufferPointer, path: String) -> Bool {
        let zip = bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
        return zip || path.lowercased().hasSuffix(".xlsx")
    }

    /// Columns that exist only in v0.1.x of the standard.
    static let legacyColumns = ["cle_ban", "courriel", "publics_accueillis", "conditions_acces", "labels_nationaux", "labels_autres", "accessibilite"]

    /// True when a standard CSV is in the v0.1.x shape (legacy columns, no v1-only ones).
    static func isLegacyStandard(_ table: SourceTable) -> Bool {
        let legacy = legacyColumns.filter { table.index(of: $0) != nil }.count
        let v1Only = ["courriels", "dispositif_programmes_nationaux", "frais_a_charge", "modalites_acces", "publics_specifiquement_adresses"].filter { table.index(of: $0) != nil }.count
        return legacy >= 2 && v1Only == 0
    }

    /// The mapping for files whose columns already have the standard's names.
    static func identityMapping(for table: SourceTable, format: SourceFormat) -> Mapping {
        var m = Mapping(nom: "standard (colonnes du même nom)", cible: .lieu)
        if table.index(of: "id") != nil { m.identifiant = ["id"] } else if table.index(of: "@id") != nil { m.identifiant = ["@id"] }
        for champ in Champ.allCases where champ != .id && table.index(of: champ.rawValue) != nil {
            var r = Mapping.Regle()
            r.colonnes = [champ.rawValue]
            m.champs.append((champ.rawValue, r))
        }
        for extra in ["siret", "rna"] where table.index(of: extra) != nil {
            var r = Mapping.Regle()
            r.colonnes = [extra]
            m.champs.append((extra, r))
        }
        return m
    }
}
