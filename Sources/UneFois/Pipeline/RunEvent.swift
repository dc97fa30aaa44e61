import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
/// A stage of a run, as shown to the person at the terminal and written to the journal.
public enum RunStage: Sendable, Equatable {
    /// Reading source `index` (1-based) of `count`.
    case lecture(source: String, index: Int, count: Int)
    /// Deduplication, ids, services, activity links, quality.
    case consolidation
    /// Writing one published file.
    case ecriture(fichier: String)
    /// Building the indicator report.
    case rapport

    /// Stable kebab-case name written in the JSON journal (`etape`).
    public var code: String {
        switch self {
        case .lecture: return "lecture"
        case .consolidation: return "consolidation"
        case .ecriture: return "ecriture"
        case .rapport: return "rapport"
        }
    }
}

/// What a run tells its observers, in order. Events carry counts, never wall-clock time:
/// observers stamp them, so outputs stay deterministic.
public enum RunEvent: Sendable {
    /// The command starts (emitted by the caller that knows the command line).
    case runStarted(sources: [SourceSpec], out: String, essai: Bool)
    /// A stage begins. `totalBytes` is the size to read when known (0 otherwise).
    case stageStarted(RunStage, totalBytes: Int)
    /// Progress inside a stage: bytes and records reached so far.
    case progress(RunStage, bytes: Int, totalBytes: Int, records: Int)
    /// A stage ends with what it handled.
    case stageFinished(RunStage, bytes: Int, records: Int)
    /// A source has been read (or quarantined, `echec` set): its counts.
    case sourceFinished(SourceRun)
    /// A warning or an error found in the data (information-level issues are not sent).
    case issue(Issue)
    /// A decision the run took about what to publish (stale source, mass change).
    case decision(RunDecision)
    /// The command ends: its exit code and the French summary line printed last.
    case runFinished(exitCode: Int32, summary: String, counts: [(String, Int)])
}

/// A decision about what is published, for the log: a source read again from its last good
/// copy (`source-perimee`), a drop of places refused (`baisse-refusee`, nothing published, exit
/// 79) or accepted once (`baisse-acceptee`).
public struct RunDecision: Sendable, Equatable {
    /// `source-perimee`, `baisse-refusee` or `baisse-acceptee`.
    public var code: String
    /// A source name, or `(publication)` for the whole set.
    public var perimetre: String
    /// Places before and after (a drop), or the stale source's places.
    public var avant: Int?
    public var apres: Int?
    /// The last good read of a stale source: its run number and reference date.
    public var rang: Int?
    public var dateReference: String?
    /// The French explanation, as in the report.
    public var message: String

    public init(code: String, perimetre: String, avant: Int? = nil, apres: Int? = nil, rang: Int? = nil, dateReference: String? = nil, message: String) {
        self.code = code
        self.perimetre = perimetre
        self.avant = avant
        self.apres = apres
        self.rang = rang
        self.dateReference = dateReference
        self.message = message
    }
}

/// Receives the events of a run (progress on a terminal, JSON journal...). Called on the
/// thread that runs the pipeline; implementations must be quick.
public protocol RunObserver: AnyObject {
    func observe(_ event: RunEvent)
}

/// Sends every event to several observers, in order.
public final class RunObservers: RunObserver {
    public var observers: [any RunObserver]

    public init(_ observers: [any RunObserver]) {
        self.observers = observers
    }

    public func observe(_ event: RunEvent) {
        for o in observers { o.observe(event) }
    }
}
