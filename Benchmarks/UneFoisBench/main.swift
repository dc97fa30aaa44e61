import UneFois

// Benchmark executable: `swift run -c release UneFoisBench [rows]`.
let rows = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
do {
    print(try CSVBenchmark.run(rows: rows))
} catch {
    print("unefois bench : \(error)")
}
