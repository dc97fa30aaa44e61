import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
import Foundation
import UneFois

/// `unefois bench [--lignes N] [--chaine]`: measures CSV reading throughput on a generated
/// standard file; with `--chaine`, also the whole nightly job (read, normalise, validate,
/// deduplicate, publish) on it, with its wall time and peak memory.
enum BenchCommand {
    static func run(_ args: [String]) throws {
        var rows = 1_000_000
        if let i = args.firstIndex(of: "--lignes"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 { rows = n }
        if args.contains("--chaine") {
            if !args.contains("--lignes") { rows = 100_000 }
            print(try CSVBenchmark.runPipeline(rows: rows))
            return
        }
        print(try CSVBenchmark.run(rows: rows))
    }
}
