import UneFoisCore
/// Status of one input place record in `correspondances.csv`.
public enum Statut: String, Sendable {
    case publie, fusionne, rejete
}

/// One row of `correspondances.csv`.
public struct Correspondance: Sendable {
    public var source: String
    public var sourceId: String
    public var lieuId: String
    public var statut: Statut
    public var motif: String
    public var fichier: String
    public var ligne: Int
    public init(source: String, sourceId: String, lieuId: String, statut: Statut, motif: String, fichier: String, ligne: Int) {
        self.source = source
        self.sourceId = sourceId
        self.lieuId = lieuId
        self.statut = statut
        self.motif = motif
        self.fichier = fichier
        self.ligne = ligne
    }
}

/// What happened to one source during a run.
public struct SourceRun: Sendable {
    public var spec: SourceSpec
    /// Mapping used (name).
    public var correspondance: String = ""
    public var detections: [String] = []
    /// Set when the whole file was quarantined (message, exit code).
    public var echec: OperationalError?
    /// Set when the source could not be read tonight and its last good read was published again
    /// (its places are stale since that run).
    public var perime: DernierBon?
    public var enregistrementsLus = 0
    public var lieux = 0
    public var activites = 0
    public var suivis = 0
    public var rejets = 0
    public var ignores = 0
    /// data·inclusion services attached to this source's places.
    public var servicesRattaches = 0
    /// Automatic repairs on this source's published places, by kind.
    public var reparations: [String: Int] = [:]
    /// Hash of the file's bytes (state, replay).
    public var empreinte: String = ""
    public var octets = 0
    public init(spec: SourceSpec, correspondance: String = "", detections: [String] = [], echec: OperationalError? = nil, reparations: [String: Int] = [:], empreinte: String = "") {
        self.spec = spec
        self.correspondance = correspondance
        self.detections = detections
        self.echec = echec
        self.reparations = reparations
        self.empreinte = empreinte
    }
}

/// Everything a run produced, handed to Publish and Report.
public struct RunResult: Sendable {
    public var configuration: Configuration
    public var sources: [SourceRun] = []
    public var clusters: [Cluster] = []
    /// Pairs of records the matcher was unsure about or refused to join (review file), worst first.
    public var paireARevoir: [ScoredPair] = []
    /// The matcher's weights (to explain scores).
    public var poidsDoublons: MatchWeights?
    /// Published places (one per cluster), in id order.
    public var publies: [Lieu] = []
    /// Makes a function that derives the data·inclusion service of a published place (set by the
    /// consolidation stage). Each reader of ``services`` gets its own: the writers that read
    /// them side by side (`services.json`, the state) do not share, and wait on, one memo.
    public var deriveService: (@Sendable () -> (Lieu) -> Service)?
    /// The data·inclusion service of each published place, in the same order, worked out as it
    /// is read: held all at once, the services of a national run would take hundreds of MB.
    public var services: LazyMapSequence<[Lieu], Service> {
        guard let deriveService else { return [Lieu]().lazy.map { _ in preconditionFailure("no service without a deriver") } }
        return publies.lazy.map(deriveService())
    }
    public var correspondances: [Correspondance] = []
    public var issues: [Issue] = []
    public var activites: [Activite] = []
    public var suivis: [SuiviAction] = []
    public var identifiants: [String: (id: String, rang: Int)] = [:]
    public var schemaVersion: String = ""
    /// Quality score of each published place, by id.
    public var qualite: [String: QualityScore] = [:]
    /// Journal of runs (earlier ones carried over, tonight's appended unless it repeats the last).
    public var executions: [Execution] = []
    /// Value changes of every run in the journal.
    public var historique: [Changement] = []
    /// Tonight's changes against the previous run (empty on a first run or a rerun).
    public var changements: [Changement] = []
    /// The date freshness is measured against (configuration, else the latest date in the inputs).
    public var dateReference: String = ""
    /// Each source's last good read after tonight (for the state; see ``DernierBon``).
    public var derniersBons: [DernierBon] = []
    /// Mass changes accepted tonight (journal).
    public var baissesAcceptees: [BaisseAcceptee] = []

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Fingerprint of all inputs (sources' hashes in order).
    public var empreinte: String {
        var h = StableHash()
        for s in sources { h.combine(s.spec.nom); h.combine(s.empreinte) }
        return h.hex
    }

    /// Exit code: 0, or 65/66 when a source was quarantined (the others still published).
    public var exitCode: Int32 {
        sources.compactMap { $0.echec?.exitCode }.max() ?? 0
    }
}
