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
    /// The consolidation stage (deduplication, ids, services, activities' places, quality).
    let consolidation: ConsolidationStage
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
        consolidation = ConsolidationStage(configuration: configuration, crosswalks: crosswalks, poids: poidsDoublons)
        ingestContext = IngestContext(configuration: configuration, catalogue: catalogue, crosswalks: crosswalks, territoire: territoire,
                                      builder: LieuBuilder(territoire: territoire, contours: contours), validator: LieuValidator(schema: schema))
        for s in configuration.sources where s.format.requiresMapping && s.correspondance == nil {
            throw OperationalError(.configuration, "Source « \(s.nom) » : le format « \(s.format) » demande un fichier de correspondance (clé « correspondance »). Générez-en un brouillon avec « unefois inspect \(s.chemin) ».")
        }
    }

    /// Runs every stage up to deduplication. `previous` holds the ids assigned by earlier runs.
    /// `derniersBons`: each source's last good read, its copies as absolute paths, to publish
    /// again (stale) a source that cannot be read tonight.
    public func run(previous: [String: (id: String, rang: Int)] = [:], derniersBons: [String: DernierBon] = [:]) -> RunResult {
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
                var suite = " La source est mise en quarantaine ; les autres sources sont publiées."
                if let bon = derniersBons[spec.nom], let stale = republish(spec, from: bon, context: context) {
                    lieux += stale.lieux
                    result.correspondances += stale.correspondances
                    result.activites += stale.activites
                    result.suivis += stale.suivis
                    result.issues += stale.issues
                    sr = stale.run
                    sr.spec = spec
                    // Bytes and records are tonight's read (0 for a missing file), not the copy's.
                    sr.octets = ingestion.run.octets
                    sr.enregistrementsLus = ingestion.run.enregistrementsLus
                    sr.perime = bon
                    suite = " Ses \(stale.run.lieux) lieux de la dernière lecture réussie (\(Pipeline.depuis(bon))) sont publiés à nouveau, marqués périmés, jusqu'à ce qu'elle soit lisible."
                    sr.echec = OperationalError(e.kind, code: e.code, location: e.location, e.detail + suite, remedy: e.remedy)
                    result.issues.append(Issue(code: "source-stale", severity: .warning, message: "Source illisible ce soir : ses lieux sont ceux de la dernière lecture réussie (\(Pipeline.depuis(bon))). Corrigez ou remettez le fichier pour les mettre à jour.", source: spec.nom, file: displayName(spec.chemin)))
                }
                result.issues.append(Issue(code: e.kind == .inputMissing ? "source-missing" : "source-unusable", severity: .error, message: e.message + suite, source: spec.nom, file: displayName(spec.chemin)))
                result.sources.append(sr)
            }
        }
        // What reading freed goes back to the system before the places are consolidated.
        FreeMemory.release()
        // Deduplicate and assign stable ids.
        observer?.observe(.stageStarted(.consolidation, totalBytes: 0))
        observer?.observe(.progress(.consolidation, bytes: 0, totalBytes: 0, records: lieux.count))
        let issuesBeforeConsolidation = result.issues.count
        let records = lieux.count
        defer { notifyConsolidationFinished(records: records, issues: result.issues[issuesBeforeConsolidation...]) }
        consolidation.run(&lieux, into: &result, previous: previous)
        FreeMemory.release()
        Pipeline.markStale(&result)
        return result
    }

    /// The file name shown in messages and outputs: relative to the configuration folder.
    func displayName(_ path: String) -> String { ingestContext.displayName(path) }

    /// The mapping of a source: its own file, a built-in by name, or the format's default.
    func mapping(for spec: SourceSpec) throws -> Mapping { try ingestContext.mapping(for: spec) }
}
