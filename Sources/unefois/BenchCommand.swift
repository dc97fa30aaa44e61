import UneFoisCore
import UneFoisModel
import UneFoisIngest
import UneFois
import Foundation
import UneFois

/// `unefois bench [--lignes N] [--chaine] [--fichier CSV] [--sortie DOSSIER] [--generer]`:
/// measures CSV reading throughput on a generated standard file; with `--chaine`, the whole
/// nightly job (read, normalise, validate, deduplicate, publish) on it, with the time and memory
/// of each stage; with `--generer`, only writes the file (for scripts/bench-duckdb.sh).
enum BenchCommand {
    static func run(_ args: [String]) throws {
        var rows = 1_000_000
        func value(_ name: String) -> String? {
            guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
            return args[i + 1]
        }
        if let n = value("--lignes").flatMap({ Int($0) }), n > 0 { rows = n }
        let path = value("--fichier")
        if args.contains("--generer") {
            guard let path else { throw OperationalError(.configuration, "unefois bench --generer demande --fichier CHEMIN.") }
            try CSVBenchmark.generate(rows: rows, path: path)
            print("Fichier généré : \(path) (\(rows) lignes)")
            return
        }
        if args.contains("--doublons") {
            let sizes = args.contains("--lignes") ? [rows] : [10_000, 100_000, 1_000_000]
            try DedupBenchmark.run(tailles: sizes, schemasPath: Resources.schemas)
            return
        }
        if args.contains("--chaine") {
            if !args.contains("--lignes") { rows = 100_000 }
            let (report, result) = try CSVBenchmark.runPipeline(rows: rows, path: path, out: value("--sortie"))
            print(report)
            // Like `unefois run`: the process ends with the result still held (not freed).
            withExtendedLifetime(result) { exit(0) }
        }
        print(try CSVBenchmark.run(rows: rows))
    }
}
