import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

/// Runs the real `unefois` executable on `samples/` and checks the outputs: contract, golden
/// files, determinism, `--source`.
///
/// Golden files live in `Golden/samples/`; re-record them with `UNEFOIS_RECORD_GOLDEN=1 swift test
/// --filter EndToEndTests` and review the diff.
final class EndToEndTests: XCTestCase {
    static let goldenFiles = ["lieux.csv", "correspondances.csv", "rejets.csv", "structures.json", "services.json", "lieux.geojson"]
    static let goldenDirectory = TestSupport.testsDirectory.appendingPathComponent("Golden/samples")
    static var recording: Bool { ProcessInfo.processInfo.environment["UNEFOIS_RECORD_GOLDEN"] == "1" }

    /// The place sources of samples/unefois.json.
    static let placeSources = ["cartographie-nationale", "france-services", "dora", "lizmap-geojson", "lizmap-gml"]

    func runSamples(into out: URL) throws -> TestSupport.ProcessOutput {
        let r = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r
    }

    func data(_ dir: URL, _ name: String) throws -> Data {
        try Data(contentsOf: dir.appendingPathComponent(name))
    }

    func csv(_ dir: URL, _ name: String) throws -> (header: [String], rows: [[String: String]]) {
        let rows = TestSupport.csvRows(try data(dir, name))
        let header = rows.first ?? []
        return (header, rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) })
    }

    // MARK: - Expected counts, computed without the library

    /// Records of a CSV sample: non-blank records after the header, counting quoted newlines as
    /// part of their record.
    static func csvRecordCount(_ url: URL, separator: Character) throws -> Int {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var records: [String] = []
        var current = ""
        var inQuotes = false
        for ch in text {
            if ch == "\"" { inQuotes.toggle() }
            if !inQuotes && (ch == "\n" || ch == "\r\n" || ch == "\r") {
                records.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { records.append(current) }
        let nonBlank = records.filter { !$0.allSatisfy { $0 == separator || $0 == " " } }
        return nonBlank.count - 1
    }

    static func expectedPlaceRecords() throws -> [String: Int] {
        let s = TestSupport.samplesDirectory
        let dora = try JSONSerialization.jsonObject(with: Data(contentsOf: s.appendingPathComponent("dora/dora-structures-page1.json"))) as? [String: Any]
        let geo = try JSONSerialization.jsonObject(with: Data(contentsOf: s.appendingPathComponent("lizmap/lieux-mediation-l93.geojson"))) as? [String: Any]
        let gml = try String(contentsOf: s.appendingPathComponent("lizmap/lieux-mediation.gml"), encoding: .utf8)
        return [
            "cartographie-nationale": try csvRecordCount(s.appendingPathComponent("national/cartographie-nationale-lmv.csv"), separator: ","),
            "france-services": try csvRecordCount(s.appendingPathComponent("france-services/liste-france-services.csv"), separator: ";"),
            "dora": (dora?["results"] as? [Any])?.count ?? -1,
            "lizmap-geojson": (geo?["features"] as? [Any])?.count ?? -1,
            "lizmap-gml": gml.components(separatedBy: "<gml:featureMember").count - 1,
        ]
    }

    // MARK: - Contract

    func testSamplesRunPublishesEveryOutputAndAccountsForEveryRecord() throws {
        let out = try TestSupport.temporaryDirectory(self, "e2e")
        let run = try runSamples(into: out)
        XCTAssertTrue(run.stderr.contains("lieux publiés"), run.stderr)
        for name in RunJob.outputs {
            let path = out.appendingPathComponent(name).path
            XCTAssertTrue(FileManager.default.fileExists(atPath: path), name)
            XCTAssertGreaterThan((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0, 0, name)
        }
        XCTAssertFalse(try FileManager.default.contentsOfDirectory(atPath: out.path).contains { $0.contains(".tmp-") }, "no temporary file left")

        // Every input place record is in correspondances.csv.
        let expected = try Self.expectedPlaceRecords()
        XCTAssertEqual(expected, ["cartographie-nationale": 12, "france-services": 5, "dora": 11, "lizmap-geojson": 14, "lizmap-gml": 11],
                       "sample volumes as documented in samples/README.md")
        let corr = try csv(out, "correspondances.csv")
        XCTAssertEqual(corr.header, ["source", "source_id", "lieu_id", "statut", "motif"])
        var perSource: [String: Int] = [:]
        for r in corr.rows { perSource[r["source"]!, default: 0] += 1 }
        XCTAssertEqual(perSource, expected)
        XCTAssertEqual(Set(corr.rows.map { $0["statut"]! }).subtracting(["publie", "fusionne", "rejete"]), [])

        // The exact DORA duplicate (results[0] == results[8]) is merged, not published twice.
        let doraDuplicate = corr.rows.filter { $0["source"] == "dora" && $0["motif"]!.hasPrefix("doublon exact") }
        XCTAssertEqual(doraDuplicate.count, 1)
        XCTAssertEqual(doraDuplicate.first?["statut"], "fusionne")

        // Every lieu_id of a published or merged record exists in lieux.csv; rejected have none.
        let lieux = try csv(out, "lieux.csv")
        let ids = Set(lieux.rows.map { $0["id"]! })
        XCTAssertEqual(ids.count, lieux.rows.count, "ids are unique")
        for r in corr.rows {
            if r["statut"] == "rejete" {
                XCTAssertEqual(r["lieu_id"], "", "\(r)")
            } else {
                XCTAssertTrue(ids.contains(r["lieu_id"]!), "\(r)")
            }
        }
        XCTAssertEqual(Set(corr.rows.filter { $0["statut"] == "publie" }.map { $0["lieu_id"]! }), ids, "one anchor per published place")

        // lieux.csv has the standard's 32 columns, in order.
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: TestSupport.schemasPath + "/standard-mediation-num/schema_v1.0.2.json"))) as? [String: Any]
        let columns = (schema?["fields"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        XCTAssertEqual(columns.count, 32)
        XCTAssertEqual(lieux.header, columns)
        for row in TestSupport.csvRows(try data(out, "lieux.csv")) { XCTAssertEqual(row.count, 32) }

        // structures.json / services.json: arrays with one item per place.
        let structures = try JSONSerialization.jsonObject(with: data(out, "structures.json")) as? [[String: Any]]
        let services = try JSONSerialization.jsonObject(with: data(out, "services.json")) as? [[String: Any]]
        XCTAssertEqual(structures?.count, lieux.rows.count)
        XCTAssertEqual(services?.count, lieux.rows.count)
        XCTAssertEqual(Set(structures?.compactMap { $0["id"] as? String } ?? []), ids)
        XCTAssertEqual(Set(services?.compactMap { $0["structure_id"] as? String } ?? []), ids)
        let geo = try JSONSerialization.jsonObject(with: data(out, "lieux.geojson")) as? [String: Any]
        XCTAssertEqual((geo?["features"] as? [Any])?.count, lieux.rows.count)

        // The SQLite output is sound and agrees with lieux.csv.
        let db = try SQLiteDatabase(path: out.appendingPathComponent("unefois.sqlite").path, mode: .readOnlyUntrusted)
        XCTAssertNil(db.quickCheckProblem())
        XCTAssertEqual(try db.rows("SELECT count(*) FROM lieux"), [[String(lieux.rows.count)]])

        // Every data file of samples/ is a source of this run or of the variants' run, and none was quarantined.
        let sampleFiles = try FileManager.default.subpathsOfDirectory(atPath: TestSupport.samplesDirectory.path)
            .filter { [".csv", ".json", ".geojson", ".gml", ".xlsx", ".gpkg"].contains(where: $0.hasSuffix) && !$0.hasSuffix("unefois.json") }
        let sources = try db.rows("SELECT fichier, echec FROM sources")
        var configured = Set(sources.compactMap { $0[0] })
        configured.formUnion(try Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("variantes/unefois.json").path).sources.map { FileManagerShim.fileName($0.chemin) })
        // The worked example of a new partner source (samples/nouvelle-source/README.md) runs on its own.
        let exemple = try Configuration.load(path: TestSupport.samplesDirectory.appendingPathComponent("nouvelle-source/unefois.json").path)
        configured.formUnion(exemple.sources.map { FileManagerShim.fileName($0.chemin) } + exemple.sources.compactMap { $0.correspondance.map(FileManagerShim.fileName) })
        XCTAssertEqual(configured, Set(sampleFiles.map { ($0 as NSString).lastPathComponent }))
        XCTAssertEqual(sources.compactMap { $0[1] }, [], "no source quarantined")
    }

    /// The same data read from the .xlsx workbook and the GeoPackage publishes the same places,
    /// byte for byte, as from the CSV and the GeoJSON.
    func testWorkbookAndGeoPackageVariantsPublishTheSamePlaces() throws {
        let out = try TestSupport.temporaryDirectory(self, "e2e")
        _ = try runSamples(into: out.appendingPathComponent("csv"))
        let r = try TestSupport.runCLI(["run", "--config", "samples/variantes/unefois.json", "--out", out.appendingPathComponent("variantes").path])
        XCTAssertEqual(r.status, 0, r.stderr)
        for f in ["lieux.csv", "structures.json", "services.json", "lieux.geojson", "lieux.gpkg"] {
            XCTAssertEqual(try Data(contentsOf: out.appendingPathComponent("csv/" + f)), try Data(contentsOf: out.appendingPathComponent("variantes/" + f)), f)
        }
        let db = try SQLiteDatabase(path: out.appendingPathComponent("variantes/unefois.sqlite").path, mode: .readOnlyUntrusted)
        XCTAssertEqual(try db.rows("SELECT count(*) FROM activites WHERE source = 'coop'"), [["623"]])
    }

    func testSamplesMatchGoldenFiles() throws {
        let out = try TestSupport.temporaryDirectory(self, "golden")
        _ = try runSamples(into: out)
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
            for name in Self.goldenFiles {
                try data(out, name).write(to: Self.goldenDirectory.appendingPathComponent(name))
            }
            return
        }
        for name in Self.goldenFiles {
            let golden = Self.goldenDirectory.appendingPathComponent(name)
            guard let expected = try? Data(contentsOf: golden) else {
                XCTFail("golden file \(golden.path) missing: record with UNEFOIS_RECORD_GOLDEN=1")
                continue
            }
            let actual = try data(out, name)
            if actual != expected {
                XCTFail("\(name) differs from its golden file (first difference at line \(Self.firstDifferentLine(actual, expected))). Review, then re-record with UNEFOIS_RECORD_GOLDEN=1.")
            }
        }
    }

    static func firstDifferentLine(_ a: Data, _ b: Data) -> Int {
        let la = String(decoding: a, as: UTF8.self).components(separatedBy: "\n")
        let lb = String(decoding: b, as: UTF8.self).components(separatedBy: "\n")
        for i in 0..<max(la.count, lb.count) where i >= la.count || i >= lb.count || la[i] != lb[i] { return i + 1 }
        return 0
    }

    // MARK: - Determinism

    /// The published GeoPackage is a valid one our own reader takes back: same ids, same points.
    func testPublishedGeoPackageReadsBack() throws {
        let out = try TestSupport.temporaryDirectory(self, "gpkg")
        _ = try runSamples(into: out)
        let table = try GeoPackageReader.read(path: out.appendingPathComponent("lieux.gpkg").path, source: "carte", file: "lieux.gpkg")
        let lieux = try String(contentsOf: out.appendingPathComponent("lieux.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(table.records.count, lieux.count)
        let idColumn = try XCTUnwrap(table.index(of: "id"))
        XCTAssertEqual(table.records.compactMap { $0.value(idColumn).text }, lieux.map { String($0.split(separator: ",")[0]) })
        XCTAssertTrue(table.records.allSatisfy { $0.point == nil || ($0.point!.epsg == 4326 && (4.9...5.5).contains($0.point!.x) && (43.7...44.0).contains($0.point!.y)) })
        let withCoordinates = try String(contentsOf: out.appendingPathComponent("lieux.geojson"), encoding: .utf8).components(separatedBy: "\"Point\"").count - 1
        XCTAssertEqual(table.records.filter { $0.point != nil }.count, withCoordinates)
        let db = try SQLiteDatabase(path: out.appendingPathComponent("lieux.gpkg").path, mode: .readOnlyUntrusted)
        XCTAssertEqual(try db.rows("PRAGMA application_id"), [["1196444487"]])
        XCTAssertEqual(try db.rows("SELECT data_type, srs_id FROM gpkg_contents"), [["features", "4326"]])
    }

    func testTwoRunsIntoTwoFoldersAreByteIdentical() throws {
        let a = try TestSupport.temporaryDirectory(self, "det-a")
        let b = try TestSupport.temporaryDirectory(self, "det-b")
        _ = try runSamples(into: a)
        _ = try runSamples(into: b)
        for name in RunJob.outputs {
            XCTAssertEqual(try data(a, name), try data(b, name), name)
        }
    }

    func testRerunIntoSameFolderKeepsIdsAndFiles() throws {
        let out = try TestSupport.temporaryDirectory(self, "rerun")
        _ = try runSamples(into: out)
        var first: [String: Data] = [:]
        for name in RunJob.outputs { first[name] = try data(out, name) }
        let idsBefore = try csv(out, "lieux.csv").rows.map { $0["id"]! }
        _ = try runSamples(into: out)
        XCTAssertEqual(try csv(out, "lieux.csv").rows.map { $0["id"]! }, idsBefore)
        for name in RunJob.outputs {
            XCTAssertEqual(try data(out, name), first[name], name)
        }
    }

    // MARK: - --source

    func testSourceOptionReplacesConfiguredSources() throws {
        let out = try TestSupport.temporaryDirectory(self, "source")
        let r = try TestSupport.runCLI(["run", "--config", "samples/unefois.json", "--source", "dora:samples/dora/dora-structures-page1.json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let corr = try csv(out, "correspondances.csv")
        XCTAssertEqual(Set(corr.rows.map { $0["source"]! }), ["dora-structures-page1"], "NOM defaults to the file name without extension")
        XCTAssertEqual(corr.rows.count, 11)
        let lieux = try csv(out, "lieux.csv")
        XCTAssertEqual(lieux.rows.count, corr.rows.filter { $0["statut"] == "publie" }.count)
        XCTAssertEqual(lieux.rows.count, 10, "11 DORA results, one exact duplicate")
        let db = try SQLiteDatabase(path: out.appendingPathComponent("unefois.sqlite").path, mode: .readOnlyUntrusted)
        XCTAssertEqual(try db.rows("SELECT nom, format FROM sources"), [["dora-structures-page1", "dora"]])
    }

    func testNamedSource() throws {
        let out = try TestSupport.temporaryDirectory(self, "source")
        let r = try TestSupport.runCLI(["run", "--source", "annuaire=dora:samples/dora/dora-structures-page1.json", "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(Set(try csv(out, "correspondances.csv").rows.map { $0["source"]! }), ["annuaire"])
    }
}
