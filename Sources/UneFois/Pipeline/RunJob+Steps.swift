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
        /// Size and hash of the files written so far, by staged path.
        let facts = FactStore()

        /// Builds `name`'s bytes and writes them atomically into the output folder.
        func write(_ name: String, _ bytes: () throws -> [UInt8]) throws {
            observer?.observe(.stageStarted(.ecriture(fichier: name), totalBytes: 0))
            let b = try bytes()
            try generation.stage(name, b)
            observer?.observe(.stageFinished(.ecriture(fichier: name), bytes: b.count, records: 0))
        }
    }
}
