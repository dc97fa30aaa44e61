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
    /// What every source's ingestion needs (configuration, catalogue, crosswalks, builder, validator).
    let ingestContext: IngestContext

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
        ingestContext = IngestContext(configuration: configuration, catalogue: catalogue, crosswalks: crosswalks, territoire: territoire,
                                      builder: LieuBuilder(territoire: territoire, contours: contours), validator: LieuValidator(schema: schema))
        for s in configuration.sources where s.format.requiresMapping && s.correspondance == nil {
            throw OperationalError(.configuration, "Source « \(s.nom) » : le format « \(s.format) » demande un fichier de correspondance (clé « correspondance »). Générez-en un brouillon avec « unefois inspect \(s.chemin) ».")
        }
    }

    /// Runs every stage up to deduplication. `previous` holds the ids assigned by earlier runs.
    public func run(previous: [String: (id: String, rang: Int)] = [:]) -> RunResult {
        var result = RunResult(configuration: configuration)
        result.schemaVersion = schema.version
        var lieux: [Lieu] = []
        let context = ingestContext
        for (index, spec) in configuration.sources.enumerated() {
            let stage = RunStage.lecture(source: spec.nom, index: index + 1, count: configuration.sources.count)
            observer?.observe(.stageStarted(stage, totalBytes: spec.chemins.reduce(0) { $0 + Pipeline.fileSize($1) }))
            let issuesBefore = result.issues.count
            defer { notifySourceFinished(stage, result.sources[result.sources.count - 1], issues: result.issues[issuesBefore...]) }
            // A source's records join the run only once the whole source has been read: a source
            // that fails midway (streamed CSV) publishes nothing and is quarantined.
            var ingestion = SourceIngestion(context: context, spec: spec)
            if let observer {
                ingestion.onProgress = { bytes, records in observer.observe(.progress(stage, bytes: bytes, totalBytes: 0, records: records)) }
            }
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
    func displayName(_ path: String) -> String { ingestContext.displayName(path) }

    /// The mapping of a source: its own file, a built-in by name, or the format's default.
    func mapping(for spec: SourceSpec) throws -> Mapping { try ingestContext.mapping(for: spec) }
}
