import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Shared helpers for the test suite: repository paths, fixtures, temporary folders and running
/// the real `unefois` executable.
enum TestSupport {
    /// Root of the repository (derived from this file's path).
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // UneFoisTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Tests/UneFoisTests`.
    static let testsDirectory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The schemas data folder of the sources (not the built bundle).
    static var schemasPath: String {
        repoRoot.appendingPathComponent("Sources/UneFois/Resources/schemas").path
    }

    static var samplesDirectory: URL { repoRoot.appendingPathComponent("samples") }

    /// URL of `Fixtures/<relative>`.
    static func fixtureURL(_ relative: String) -> URL {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(relative)
    }

    /// Bytes of `Fixtures/<relative>`.
    static func fixture(_ relative: String) throws -> Data {
        try Data(contentsOf: fixtureURL(relative))
    }

    /// A fresh empty temporary folder, removed when the test ends.
    static func temporaryDirectory(_ test: XCTestCase, _ label: String = "tmp") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("unefois-tests-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock {
            // Make it removable again if a test locked it down.
            chmodRecursive(url.path)
            try? FileManager.default.removeItem(at: url)
        }
        return url
    }

    static func chmodRecursive(_ path: String) {
        _ = chmod(path, 0o755)
        if let items = try? FileManager.default.contentsOfDirectory(atPath: path) {
            for i in items where FileManagerShim.isDirectory(path + "/" + i) { chmodRecursive(path + "/" + i) }
        }
    }

    /// Writes `text` (UTF-8) to `name` inside `directory`, returns the path.
    @discardableResult
    static func write(_ text: String, to name: String, in directory: URL) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The `unefois` executable built next to the test bundle.
    static var executable: URL {
        let bundle = Bundle(for: TestSupportAnchor.self).bundleURL
        // macOS: products/unefoisPackageTests.xctest; Linux: the bundle URL may already be the
        // products folder. Try both, then the folder of the running test executable.
        var candidates = [bundle.deletingLastPathComponent().appendingPathComponent("unefois"),
                          bundle.appendingPathComponent("unefois")]
        if let exe = Bundle.main.executableURL {
            candidates.append(exe.deletingLastPathComponent().appendingPathComponent("unefois"))
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    struct ProcessOutput {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `unefois` with `arguments` in `cwd` (default: repository root) and waits.
    static func runCLI(_ arguments: [String], cwd: URL? = nil, environment: [String: String] = [:]) throws -> ProcessOutput {
        let exe = executable
        guard FileManager.default.isExecutableFile(atPath: exe.path) else {
            throw XCTSkip("unefois executable not found at \(exe.path): run `swift build` first")
        }
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        p.currentDirectoryURL = cwd ?? repoRoot
        // The real executable finds its schemas in the resource bundle built next to it, as for
        // a user; UNEFOIS_SCHEMAS from the caller's environment is not inherited.
        var env = ProcessInfo.processInfo.environment
        env["UNEFOIS_SCHEMAS"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("unefois-out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("unefois-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        p.standardOutput = outHandle
        p.standardError = errHandle
        try p.run()
        p.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return ProcessOutput(status: p.terminationStatus,
                             stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                             stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Parses a small RFC 4180 CSV text (`,`) with the library's scanner into rows of strings.
    static func csvRows(_ data: Data) -> [[String]] {
        data.withUnsafeBytes { buf in
            var scanner = CSVScanner(bytes: buf, separator: UInt8(ascii: ","))
            var record = CSVRecord()
            var rows: [[String]] = []
            while scanner.next(into: &record) {
                rows.append(record.fields.map { scanner.string($0, encoding: .utf8) })
            }
            return rows
        }
    }

    /// Runs `body` over the bytes of `text`.
    static func withBytes<T>(_ text: String, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try withBytes(Array(text.utf8), body)
    }

    static func withBytes<T>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try bytes.withUnsafeBytes { try body($0) }
    }
}

/// A class living in the test bundle, to locate it.
final class TestSupportAnchor {}
