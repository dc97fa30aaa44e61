import XCTest
import Foundation
@testable import UneFoisCore

/// `FileSink` writes exactly the bytes given, whatever their sizes against its buffer and the
/// 4 KiB blocks of direct I/O, and gives their size and SHA-256.
final class FileSinkTests: XCTestCase {
    /// Bytes that differ from one position to the next (a misplaced block shows).
    func pattern(_ n: Int, seed: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: ($0 &* 31) ^ seed) } }

    func check(in dir: String, capacity: Int, chunks: [Int], directIO: Bool = true, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = dir + "/sortie-\(capacity)-\(chunks.count)-\(chunks.reduce(0, +))-\(directIO).bin"
        let sink = try FileSink(path: path, capacity: capacity, directIO: directIO)
        var expected: [UInt8] = []
        for (k, n) in chunks.enumerated() {
            let bytes = pattern(n, seed: k)
            expected += bytes
            try sink.write(bytes)
        }
        let (count, sha) = try sink.finish()
        XCTAssertEqual(count, expected.count, file: file, line: line)
        XCTAssertEqual(sha, SHA256.hex(expected), file: file, line: line)
        let written = try XCTUnwrap(FileManager.default.contents(atPath: path), file: file, line: line)
        XCTAssertEqual(written.count, expected.count, "the padding of the last block is cut", file: file, line: line)
        XCTAssertTrue(written.elementsEqual(expected), "chunks \(chunks) with a buffer of \(capacity)", file: file, line: line)
    }

    func testEveryByteInPlaceWhateverTheSizes() throws {
        let dir = try TestSupport.temporaryDirectory(self, "filesink").path
        // With direct I/O where the file system allows it, and through the page cache.
        for directIO in [true, false] {
            for capacity in [4096, 10_000, 1 << 20] {
                for chunks in [[], [0], [1], [4095], [4096], [4097], [3, 4093, 1], [capacity], [capacity + 1], [capacity - 1, 2],
                               [5 * capacity + 123], [1000, 70_000, 0, 12, 4096 * 3, 1]] {
                    try check(in: dir, capacity: capacity, chunks: chunks, directIO: directIO)
                }
            }
        }
    }

    func testATmpfsFolderGetsTheSameBytes() throws {
        // tmpfs refused O_DIRECT before Linux 6.6 (the sink then writes as usual); either way the
        // file holds exactly the bytes given.
        guard FileManager.default.fileExists(atPath: "/dev/shm") else { throw XCTSkip("no /dev/shm") }
        let dir = "/dev/shm/unefois-tests-filesink-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try check(in: dir, capacity: 4096, chunks: [1, 4096, 9000, 7])
    }

    func testReplacesAnEarlierLongerFile() throws {
        let dir = try TestSupport.temporaryDirectory(self, "filesink").path
        let path = dir + "/f.bin"
        try Data(repeating: 7, count: 100_000).write(to: URL(fileURLWithPath: path))
        let sink = try FileSink(path: path)
        try sink.write(Array("court".utf8))
        try sink.finish()
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("court".utf8))
    }
}
