import UneFoisCore
import UneFoisModel
import UneFoisReport

extension RunJob {
    /// Writes `retours/<source>.csv` and `.html` for every source of the run (see
    /// ``PartnerFeedback``), and removes the files of sources no longer configured and the
    /// temporary files a killed run left there.
    static func writeRetours(_ result: RunResult, steps: Steps, out: String) throws {
        let dir = out + "/retours"
        try FileManagerShim.createDirectory(dir)
        let files = PartnerFeedback.files(result)
        let keep = Set(files.map(\.name))
        for name in (try? FileManagerShim.list(dir)) ?? [] where !keep.contains(name) && (name.hasSuffix(".csv") || name.hasSuffix(".html") || name.contains(".tmp-")) {
            FileManagerShim.remove(dir + "/" + name)
        }
        for f in files {
            try steps.write("retours/" + f.name) { f.bytes }
        }
    }
}
