import UneFoisCore
import UneFoisModel
import UneFoisReport

extension RunJob {
    /// Writes `retours/<source>.csv` and `.html` for every source of the run (see
    /// ``PartnerFeedback``), and removes the files of sources no longer configured and the
    /// temporary files a killed run left there. Written after the publication (each file
    /// atomically): they are messages about the data, not part of the published generation.
    /// `files`: ``PartnerFeedback/files(_:)`` of the run.
    static func writeRetours(_ files: [(name: String, bytes: [UInt8])], observer: (any RunObserver)?, out: String) throws {
        let dir = out + "/retours"
        try FileManagerShim.createDirectory(dir)
        let keep = Set(files.map(\.name))
        for name in (try? FileManagerShim.list(dir)) ?? [] where !keep.contains(name) && (name.hasSuffix(".csv") || name.hasSuffix(".html") || name.hasPrefix(".")) {
            FileManagerShim.remove(dir + "/" + name)
        }
        for f in files {
            let name = "retours/" + f.name
            observer?.observe(.stageStarted(.ecriture(fichier: name), totalBytes: 0))
            try AtomicFile.write(f.bytes, to: out + "/" + name)
            observer?.observe(.stageFinished(.ecriture(fichier: name), bytes: f.bytes.count, records: 0))
        }
    }

    /// The partner feedback, built during the publication (as one more job beside the writers,
    /// on a core the longest writer leaves free) and written after it.
    final class Feedback: @unchecked Sendable {
        var files: [(name: String, bytes: [UInt8])]?
    }
}
