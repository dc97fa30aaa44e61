import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFois

/// Records are built on every core and files written in parallel: the outputs must be the same
/// bytes as on one thread, whatever the scheduling.
final class ParallelDeterminismTests: XCTestCase {
    func testParallelMapKeepsOrder() {
        let items = Array(0..<10_000)
        XCTAssertEqual(Parallel.map(items) { $0 * 3 }, items.map { $0 * 3 })
        XCTAssertEqual(Parallel.map([Int]()) { $0 }, [])
    }

    func testOneThreadAndAllCoresPublishTheSameBytes() throws {
        let dir = try TestSupport.temporaryDirectory(self, "parallel")
        let generated = dir.path + "/genere.csv"
        try CSVBenchmark.generate(rows: 1_500, path: generated)
        // Interleave rejected rows (wrong cell count), exact duplicates and id clashes with good
        // rows, so the order of issues and correspondances is put to the test.
        var lines = try String(contentsOfFile: generated, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in stride(from: 1_400, to: 100, by: -197) {
            lines.insert("cellule,en,trop,peu", at: i)
            lines.insert(lines[i - 1], at: i)
            lines.insert(lines[i - 5].replacingOccurrences(of: "Bâtiment B", with: "Bâtiment C"), at: i)
        }
        let path = dir.path + "/lieux.csv"
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        var configuration = Configuration()
        configuration.filtrerTerritoire = false
        configuration.sources = [SourceSpec(nom: "national", format: "mednum", chemin: path)]
        defer { Parallel.threadLimit = nil }
        Parallel.threadLimit = 1
        _ = try RunJob.run(configuration: configuration, out: dir.path + "/un")
        Parallel.threadLimit = nil
        _ = try RunJob.run(configuration: configuration, out: dir.path + "/tous")
        for name in ["lieux.csv", "structures.json", "services.json", "lieux.geojson", "correspondances.csv", "rejets.csv", "rapport.md", "datapackage.json"] {
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/un/" + name)),
                           try Data(contentsOf: URL(fileURLWithPath: dir.path + "/tous/" + name)), name)
        }
        let rejets = try String(contentsOfFile: dir.path + "/tous/rejets.csv", encoding: .utf8)
        XCTAssertTrue(rejets.contains("unique-error") && rejets.contains("duplicate-row"), "the test file has clashes and duplicates")
    }

    /// A `Once` value is worked out a single time, whichever of the threads asking for it gets
    /// there first; the others wait for it and get the same value.
    func testOnceComputesItsValueOnceForAllThreads() {
        let counter = ThreadLock()
        nonisolated(unsafe) var computed = 0
        let once = Once { () -> [Int] in
            counter.withLock { computed += 1 }
            usleep(20_000)  // long enough for the other threads to arrive meanwhile
            return Array(0..<1000)
        }
        let results = Parallel.map(Array(0..<64), minimumPerThread: 1) { _ in once.value.count }
        XCTAssertEqual(results, Array(repeating: 1000, count: 64))
        XCTAssertEqual(counter.withLock { computed }, 1)
    }
}
