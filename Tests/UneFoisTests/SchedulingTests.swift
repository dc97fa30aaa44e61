import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFois

/// The scheduling the README and deploy/ document: the systemd units are valid, and the commands
/// they and the README's cron line run work as written (paths swapped for the samples).
final class SchedulingTests: XCTestCase {
    static let deploy = TestSupport.repoRoot.appendingPathComponent("deploy")

    /// `KEY=value` lines of a unit file, in order.
    func keys(_ unit: String) throws -> [(String, String)] {
        try String(contentsOf: Self.deploy.appendingPathComponent(unit), encoding: .utf8)
            .split(separator: "\n").compactMap { line -> (String, String)? in
                guard !line.hasPrefix("#"), let eq = line.firstIndex(of: "=") else { return nil }
                return (String(line[..<eq]), String(line[line.index(after: eq)...]))
            }
    }

    /// Runs a documented command line with the production paths replaced by the samples'.
    func runDocumented(_ command: String, out: String, file: StaticString = #filePath, line: UInt = #line) throws -> TestSupport.ProcessOutput {
        var words = command.split(separator: " ").map(String.init)
        XCTAssertEqual(words.first, "/opt/unefois/unefois", file: file, line: line)
        words.removeFirst()
        let args = words.map { w -> String in
            switch w {
            case "/srv/unefois/unefois.json": return "samples/unefois.json"
            case "/srv/unefois/sortie": return out
            default: return w
            }
        }
        return try TestSupport.runCLI(args)
    }

    func testSystemdUnitsAreValidAndTheirCommandsWork() throws {
        let service = try keys("unefois.service")
        let timer = try keys("unefois.timer")
        XCTAssertEqual(service.first { $0.0 == "Type" }?.1, "oneshot")
        XCTAssertEqual(service.first { $0.0 == "SuccessExitStatus" }?.1, "65 66", "quarantined sources are not a failure of the service")
        XCTAssertEqual(timer.first { $0.0 == "OnCalendar" }?.1, "*-*-* 02:00:00")
        XCTAssertEqual(timer.first { $0.0 == "Persistent" }?.1, "true")

        let out = try TestSupport.temporaryDirectory(self, "systemd").path + "/sortie"
        let pre = try runDocumented(try XCTUnwrap(service.first { $0.0 == "ExecStartPre" }?.1), out: out)
        XCTAssertEqual(pre.status, 0, pre.stderr)
        let start = try runDocumented(try XCTUnwrap(service.first { $0.0 == "ExecStart" }?.1), out: out)
        XCTAssertEqual(start.status, 0, start.stderr)
        XCTAssertTrue(start.stderr.hasPrefix("{\"horodatage\":"), "journalctl gets the JSON journal")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/lieux.csv"))

        // systemd's own check, with the executable path made real (no warning, no error).
        let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let analyze else { throw XCTSkip("systemd-analyze not installed") }
        let dir = try TestSupport.temporaryDirectory(self, "units")
        let text = try String(contentsOf: Self.deploy.appendingPathComponent("unefois.service"), encoding: .utf8)
        try text.replacingOccurrences(of: "/opt/unefois/unefois", with: TestSupport.executable.path)
            .write(to: dir.appendingPathComponent("unefois.service"), atomically: false, encoding: .utf8)
        try FileManager.default.copyItem(at: Self.deploy.appendingPathComponent("unefois.timer"), to: dir.appendingPathComponent("unefois.timer"))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: analyze)
        p.arguments = ["verify", "--man=no", dir.appendingPathComponent("unefois.service").path, dir.appendingPathComponent("unefois.timer").path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        try p.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0, said)
        XCTAssertEqual(said.trimmingCharacters(in: .whitespacesAndNewlines), "", said)
    }

    func testTheReadmeCronLineWorksAndTheExitCodesTableCoversEveryCode() throws {
        let readme = try String(contentsOf: TestSupport.repoRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let cron = try XCTUnwrap(readme.split(separator: "\n").first { $0.hasPrefix("0 2 * * * ") }.map(String.init))
        let command = String(try XCTUnwrap(cron.dropFirst("0 2 * * * ".count).components(separatedBy: " 2>>").first)).trimmingCharacters(in: .whitespaces)
        XCTAssertFalse(command.contains(">"), command)
        XCTAssertTrue(cron.contains("|| echo"), "cron mails only when the code is not 0")
        // Only standard error (all JSON) goes to the .jsonl; the French summary (stdout) to the mail.
        XCTAssertTrue(cron.contains("--journal-format json 2>> /var/log/unefois.jsonl "), cron)
        XCTAssertFalse(cron.contains("2>&1"), cron)
        let out = try TestSupport.temporaryDirectory(self, "cron").path + "/sortie"
        let r = try runDocumented(command, out: out)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stderr.contains("\u{1B}"), "no progress line in a cron log")
        // Every exit code the CLI can give is in the supervisor's table.
        for code in [0, 65, 66, 73, 74, 75, 78, 79, 80] {
            XCTAssertTrue(readme.contains("| `\(code)`") || readme.contains("`\(code)` |") || readme.contains(", `\(code)` |"), "exit code \(code) missing from the README's table")
        }
    }
}
