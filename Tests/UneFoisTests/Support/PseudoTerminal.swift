import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

extension TestSupport {
    /// Runs `unefois` with its standard error on a pseudo-terminal (as a person at a terminal
    /// sees it) and returns the exit status and the bytes the terminal received.
    static func runCLIOnTerminal(_ arguments: [String], cwd: URL? = nil) throws -> (status: Int32, terminal: String, stdout: String) {
        let exe = executable
        guard FileManager.default.isExecutableFile(atPath: exe.path) else {
            throw XCTSkip("unefois executable not found at \(exe.path): run `swift build` first")
        }
        var master: Int32 = -1
        var slave: Int32 = -1
        var size = winsize(ws_row: 24, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw XCTSkip("openpty unavailable: \(errno)") }
        defer { close(master) }
        let p = Process()
        p.executableURL = exe
        p.arguments = arguments
        p.currentDirectoryURL = cwd ?? repoRoot
        var env = ProcessInfo.processInfo.environment
        env["UNEFOIS_SCHEMAS"] = nil
        p.environment = env
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("unefois-out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL) }
        let outHandle = try FileHandle(forWritingTo: outURL)
        p.standardOutput = outHandle
        p.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        try p.run()
        close(slave)
        // Read until every copy of the terminal's other end is closed (EIO), then reap.
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if n > 0 { received += buffer[0..<n]; continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        p.waitUntilExit()
        try outHandle.close()
        return (p.terminationStatus, String(decoding: received, as: UTF8.self),
                String(decoding: try Data(contentsOf: outURL), as: UTF8.self))
    }
}
