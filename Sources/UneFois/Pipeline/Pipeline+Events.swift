import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Pipeline {
    /// Tells the observer a source is done: the stage's end, the source's counts, then each of
    /// its warnings and errors in the order they were found.
    func notifySourceFinished(_ stage: RunStage, _ run: SourceRun, issues: ArraySlice<Issue>) {
        guard let observer else { return }
        observer.observe(.stageFinished(stage, bytes: run.octets, records: run.enregistrementsLus))
        observer.observe(.sourceFinished(run))
        if let bon = run.perime {
            observer.observe(.decision(RunDecision(code: "source-perimee", perimetre: run.spec.nom, apres: bon.lieux, rang: bon.rang, dateReference: bon.dateReference,
                message: "Source illisible ce soir : ses \(bon.lieux) lieux de la dernière lecture réussie (\(Pipeline.depuis(bon))) sont publiés à nouveau, marqués périmés.")))
        }
        for i in issues where i.severity != .info { observer.observe(.issue(i)) }
    }

    /// Tells the observer consolidation is done, then each warning and error it found
    /// (activities linked to no place...).
    func notifyConsolidationFinished(records: Int, issues: ArraySlice<Issue>) {
        guard let observer else { return }
        observer.observe(.stageFinished(.consolidation, bytes: 0, records: records))
        for i in issues where i.severity != .info { observer.observe(.issue(i)) }
    }

    /// Size of a file in bytes, 0 when it cannot be read (the reading stage reports why).
    static func fileSize(_ path: String) -> Int {
        var st = stat()
        return stat(path, &st) == 0 ? Int(st.st_size) : 0
    }
}
