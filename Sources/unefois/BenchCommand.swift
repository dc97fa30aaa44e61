import UneFois

/// `unefois bench`: measures CSV reading throughput on a generated standard file.
enum BenchCommand {
    static func run(_ args: [String]) throws {
        var rows = 1_000_000
        if let i = args.firstIndex(of: "--lignes"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 { rows = n }
        let report = try CSVBenchmark.run(rows: rows)
        print(report)
    }
}
