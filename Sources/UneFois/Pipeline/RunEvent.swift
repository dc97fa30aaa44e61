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
    /// The command ends: its exit code and the French summary line printed last.
    case runFinished(exitCode: Int32, summary: String, counts: [(String, Int)])
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
