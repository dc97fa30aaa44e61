import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Runs every defect fixture of `Fixtures/defects/` (tiny files named by their defect, one
/// folder per format) against what `Fixtures/defects/expected.json` says it should give.
///
/// Each manifest entry names its `fichier` (relative to `defects/`), its `format`, its `niveau`:
/// - `lecteur`: the format's reader alone (`CSVTableReader` with the entry's `options`,
///   `JSONRecordReader`); the issues (with the records' rejections) are compared on (code, line)
///   and on the field when the manifest gives one; `publie` / `rejete` count the records kept
///   and rejected by the reader;
/// - `pipeline`: a `Pipeline` over one source of that format with the repository's schemas; the
///   issues are compared on (code, line) and on the field when the manifest gives one, and the
///   outcome (`publie`, `fusionne`, `rejete`, `activites`) is checked.
///
/// `"quarantaine": true` means the file cannot be read as a whole: the reader throws
/// `OperationalError(.dataUnusable)` / the source is quarantined and the run exits 65.
/// An entry with `"bug": "…"` describes what the code does wrong: it is skipped (and listed),
/// and the test fails if it starts passing so that the mark gets removed.
///
/// `UNEFOIS_RECORD_DEFECTS=/path/actual.json swift test --filter DefectFixtureTests` writes what
/// the code does for every fixture, to draft or review entries (never copy it without reading).
final class DefectFixtureTests: XCTestCase {
    static let directory = TestSupport.fixtureURL("defects")

    struct ExpectedIssue: Codable, Hashable, CustomStringConvertible {
        var code: String
        var line: Int?
        var field: String?
        var description: String { "\(code)@\(line.map(String.init) ?? "-")" + (field.map { "#\($0)" } ?? "") }
    }

    struct Entry: Codable {
        var fichier: String
        var format: String
        var niveau: String
        var options: [String: JSONScalar]?
        var correspondance: String?
        var issues: [ExpectedIssue]?
        var quarantaine: Bool?
        var code_sortie: Int?
        var publie: Int?
        var fusionne: Int?
        var rejete: Int?
        var activites: Int?
        var bug: String?
    }

    /// A manifest option value: a string or an integer.
    enum JSONScalar: Codable {
        case text(String), int(Int)
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .int(i) } else { self = .text(try c.decode(String.self)) }
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .text(let s): try c.encode(s)
            case .int(let i): try c.encode(i)
            }
        }
        var text: String { switch self { case .text(let s): return s; case .int(let i): return String(i) } }
    }

    /// What the code did with one fixture.
    struct Actual: Codable {
        var fichier: String
        var format: String
        var niveau: String
        var issues: [ExpectedIssue]
        var quarantaine: Bool
        var code_sortie: Int
        var publie: Int
        var fusionne: Int
        var rejete: Int
        var activites: Int
        var message: String?
    }

    static func loadManifest() throws -> [Entry] {
        let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
        struct Manifest: Codable { var fixtures: [Entry] }
        return try JSONDecoder().decode(Manifest.self, from: data).fixtures
    }

    /// Every fixture file under `defects/` (relative paths), the manifest excluded.
    static func fixtureFiles() -> Set<String> {
        var out = Set<String>()
        let root = directory.path
        let e = FileManager.default.enumerator(atPath: root)
        while let rel = e?.nextObject() as? String {
            if FileManagerShim.isDirectory(root + "/" + rel) || rel == "expected.json" || rel.hasSuffix(".md") { continue }
            out.insert(rel)
        }
        return out
    }

    func testManifestListsEveryFixtureAndNothingElse() throws {
        let listed = try Self.loadManifest().map(\.fichier)
        XCTAssertEqual(listed.count, Set(listed).count, "a fixture is listed twice in expected.json")
        let files = Self.fixtureFiles()
        XCTAssertEqual(files.subtracting(listed).sorted(), [], "fixture files missing from expected.json")
        XCTAssertEqual(Set(listed).subtracting(files).sorted(), [], "expected.json lists files that do not exist")
        XCTAssertGreaterThanOrEqual(files.count, 80)
    }

    func testEveryDefectFixture() throws {
        let entries = try Self.loadManifest()
        var recorded: [Actual] = []
        var skipped: [String] = []
        for entry in entries {
            let actual = try run(entry)
            recorded.append(actual)
            let problems = compare(entry, actual)
            if let bug = entry.bug {
                if problems.isEmpty {
                    XCTFail("\(entry.fichier) is marked as a bug (\(bug)) but now gives what is expected: remove the « bug » mark.")
                } else {
                    skipped.append("\(entry.fichier): \(bug)")
                }
                continue
            }
            for p in problems { XCTFail("\(entry.fichier): \(p)") }
        }
        if let path = ProcessInfo.processInfo.environment["UNEFOIS_RECORD_DEFECTS"], !path.isEmpty {
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try enc.encode(recorded).write(to: URL(fileURLWithPath: path))
        }
        if !skipped.isEmpty {
            throw XCTSkip("\(skipped.count) fixture(s) show known bugs:\n" + skipped.joined(separator: "\n"))
        }
    }

    /// The real executable agrees with the manifest on exit codes: 65 for every quarantined
    /// pipeline fixture of each format (one per format, to keep the test short).
    func testQuarantinedFixturesExit65WithTheRealExecutable() throws {
        var byFormat: [String: Entry] = [:]
        for e in try Self.loadManifest() where e.niveau == "pipeline" && e.quarantaine == true && e.bug == nil {
            byFormat[e.format] = byFormat[e.format] ?? e
        }
        XCTAssertFalse(byFormat.isEmpty)
        for (format, entry) in byFormat.sorted(by: { $0.key < $1.key }) {
            let out = try TestSupport.temporaryDirectory(self, "defects-cli")
            let path = Self.directory.appendingPathComponent(entry.fichier).path
            let r = try TestSupport.runCLI(["run", "--source", "defaut=\(format):\(path)", "--out", out.path])
            XCTAssertEqual(Int(r.status), entry.code_sortie ?? 65, "\(entry.fichier): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("quarantaine") || r.stderr.contains(entry.fichier.split(separator: "/").last.map(String.init) ?? ""), "\(entry.fichier): \(r.stderr)")
        }
    }

    // MARK: - Running

    func run(_ entry: Entry) throws -> Actual {
        let path = Self.directory.appendingPathComponent(entry.fichier).path
        var actual = Actual(fichier: entry.fichier, format: entry.format, niveau: entry.niveau, issues: [], quarantaine: false,
                            code_sortie: 0, publie: 0, fusionne: 0, rejete: 0, activites: 0)
        switch entry.niveau {
        case "lecteur":
            let file = try MappedFile(path: path)
            do {
                let table: SourceTable
                switch entry.format {
                case "csv":
                    table = try CSVTableReader.read(bytes: file.bytes, options: try csvOptions(entry.options ?? [:]), source: "defaut", file: entry.fichier)
                case "json", "dora", "datainclusion":
                    table = try JSONRecordReader.read(bytes: file.bytes, source: "defaut", file: entry.fichier)
                case "geojson":
                    table = try GeoJSONReader.read(bytes: file.bytes, source: "defaut", file: entry.fichier)
                case "gml":
                    table = try GMLReader.read(bytes: file.bytes, source: "defaut", file: entry.fichier)
                default:
                    XCTFail("\(entry.fichier): no reader for format \(entry.format)")
                    return actual
                }
                // Issues attached to records (rejections) count as the reader's issues.
                let all = table.issues + table.records.compactMap(\.rejection)
                actual.issues = all.map { ExpectedIssue(code: $0.code, line: $0.line, field: $0.field) }
                actual.publie = table.records.filter { $0.rejection == nil }.count
                actual.rejete = table.records.count - actual.publie
            } catch let e as OperationalError {
                actual.quarantaine = true
                actual.code_sortie = Int(e.exitCode)
                actual.message = e.message
            }
        case "pipeline":
            var configuration = Configuration()
            configuration.sources = [SourceSpec(nom: "defaut", format: try XCTUnwrap(SourceFormat(rawValue: entry.format)), chemin: path, correspondance: entry.correspondance)]
            let result = try Pipeline(configuration: configuration, schemasPath: TestSupport.schemasPath).run()
            let sr = result.sources[0]
            actual.quarantaine = sr.echec != nil
            actual.message = sr.echec?.message
            actual.code_sortie = Int(result.exitCode)
            actual.issues = result.issues.filter { !["source-unusable", "source-missing"].contains($0.code) }
                .map { ExpectedIssue(code: $0.code, line: $0.line, field: $0.field) }
            actual.publie = result.correspondances.filter { $0.statut == .publie }.count
            actual.fusionne = result.correspondances.filter { $0.statut == .fusionne }.count
            actual.rejete = sr.rejets
            actual.activites = sr.activites
        default:
            XCTFail("\(entry.fichier): unknown niveau \(entry.niveau)")
        }
        actual.issues.sort { $0.description < $1.description }
        return actual
    }

    func csvOptions(_ o: [String: JSONScalar]) throws -> CSVReadOptions {
        var options = CSVReadOptions()
        if let e = o["encodage"] { options.encoding = try XCTUnwrap(TextEncoding(declared: e.text)) }
        if let s = o["separateur"] { options.separator = try XCTUnwrap(CSVDialect.separator(declared: s.text)) }
        if let h = o["ligne_entete"] { options.headerRecord = Int(h.text) }
        return options
    }

    // MARK: - Comparing

    /// Differences between the manifest entry and what happened (empty when they agree).
    func compare(_ entry: Entry, _ actual: Actual) -> [String] {
        var problems: [String] = []
        let quarantined = entry.quarantaine ?? false
        if quarantined != actual.quarantaine {
            problems.append(quarantined ? "expected the file to be quarantined (exit 65), it was read" : "expected the file to be read, it was quarantined: \(actual.message ?? "")")
        }
        if quarantined {
            let code = entry.code_sortie ?? 65
            if actual.quarantaine && actual.code_sortie != code { problems.append("exit code \(actual.code_sortie), expected \(code)") }
        }
        // Issues: each expected one must match one actual issue (field compared when given).
        let expectedIssues = entry.issues ?? []
        var remaining = actual.issues
        var missing: [ExpectedIssue] = []
        for e in expectedIssues.sorted(by: { ($0.field == nil ? 1 : 0, $0.description) < ($1.field == nil ? 1 : 0, $1.description) }) {
            if let i = remaining.firstIndex(where: { $0.code == e.code && $0.line == e.line && (e.field == nil || $0.field == e.field) }) {
                remaining.remove(at: i)
            } else {
                missing.append(e)
            }
        }
        if !missing.isEmpty { problems.append("expected issues not found: \(missing.map(\.description).sorted())") }
        if !remaining.isEmpty { problems.append("unexpected issues: \(remaining.map(\.description).sorted())") }
        func check(_ name: String, _ expected: Int?, _ got: Int) {
            if let expected, expected != got { problems.append("\(name): \(got), expected \(expected)") }
        }
        if !quarantined {
            check("publie", entry.publie, actual.publie)
            check("fusionne", entry.fusionne, actual.fusionne)
            check("rejete", entry.rejete, actual.rejete)
            check("activites", entry.activites, actual.activites)
        }
        return problems
    }
}
