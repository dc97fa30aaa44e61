import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFoisConsolidate
import UneFoisPublish
import UneFoisReport
extension RunJob {
    /// The writing steps of a run, each announced to the observer (stage start and end, with
    /// the bytes written).
    struct Steps {
        let observer: (any RunObserver)?
        /// Where every file is staged until the whole generation is written.
        let generation: OutputGeneration

        /// Builds `name`'s bytes and writes them atomically into the output folder.
        func write(_ name: String, _ bytes: () throws -> [UInt8]) throws {
            observer?.observe(.stageStarted(.ecriture(fichier: name), totalBytes: 0))
            let b = try bytes()
            try generation.stage(name, b)
            observer?.observe(.stageFinished(.ecriture(fichier: name), bytes: b.count, records: 0))
        }

        /// Runs a writer that writes `name` itself (SQLite files), given its full path.
        func run(_ name: String, _ body: (String) throws -> Void) throws {
            observer?.observe(.stageStarted(.ecriture(fichier: name), totalBytes: 0))
            try generation.stage(name, writtenBy: body)
            observer?.observe(.stageFinished(.ecriture(fichier: name), bytes: Pipeline.fileSize(generation.stagedPath(name)), records: 0))
        }

        /// Stages the standard's CSV again under the hub's recommended name, when the
        /// configuration names the producer; returns that name.
        func stageHubCopy(_ lieuxCSV: [UInt8], result: RunResult) throws -> String? {
            guard let name = HubFileName.name(date: result.dateReference, siren: result.configuration.producteurSiren,
                                              territoire: result.configuration.territoireNom) else { return nil }
            try write(name) { lieuxCSV }
            return name
        }

        /// Builds the report.
        func report<T>(_ body: () throws -> T) rethrows -> T {
            observer?.observe(.stageStarted(.rapport, totalBytes: 0))
            defer { observer?.observe(.stageFinished(.rapport, bytes: 0, records: 0)) }
            return try body()
        }
    }
}
