import Foundation
import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest

/// Nothing can hang the night or write beside an input: GeoPackages are opened immutable and
/// read-only, and every query on them has a time budget.
final class NothingHangsTests: XCTestCase {
    func copyOfSampleGeoPackage(_ dir: URL) throws -> String {
        let path = dir.appendingPathComponent("couche.gpkg").path
        try FileManager.default.copyItem(atPath: TestSupport.samplesDirectory.appendingPathComponent("lizmap/lieux-mediation.gpkg").path, toPath: path)
        return path
    }

    func testWALGeoPackageIsReadWithoutCreatingAnythingBesideIt() throws {
        let dir = try TestSupport.temporaryDirectory(self, "gpkg")
        let path = try copyOfSampleGeoPackage(dir)
        do {
            let db = try SQLiteDatabase(path: path, mode: .create)
            XCTAssertEqual(try db.rows("PRAGMA journal_mode = WAL").first?.first, "wal")
        }
        for extra in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + extra) }
        let before = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        let table = try GeoPackageReader.read(path: path, source: "lizmap", file: "couche.gpkg")
        XCTAssertFalse(table.records.isEmpty)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), before, "no -wal/-shm file created beside the input")
    }

    func testRunawayRecursiveViewIsInterruptedByTheQueryBudget() throws {
        let dir = try TestSupport.temporaryDirectory(self, "gpkg")
        let path = try copyOfSampleGeoPackage(dir)
        do {
            let db = try SQLiteDatabase(path: path, mode: .create)
            try db.execute("""
                CREATE VIEW boucle AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x AS fid, 'lieu ' || x AS nom FROM c;
                INSERT INTO gpkg_contents (table_name, data_type, identifier) VALUES ('boucle', 'attributes', 'boucle');
                """)
        }
        let start = Date()
        XCTAssertThrowsError(try GeoPackageReader.read(path: path, source: "lizmap", file: "couche.gpkg", table: "boucle", queryBudget: 1)) { error in
            XCTAssertEqual((error as? OperationalError)?.code, "gpkg-budget", "\(error)")
            XCTAssertEqual((error as? OperationalError)?.exitCode, 65)
        }
        XCTAssertLessThan(Date().timeIntervalSince(start), 30, "stopped by the budget, not by luck")
    }

    func testImmutableURIEscapesThePath() {
        XCTAssertEqual(SQLiteDatabase.immutableURI("/tmp/a b/c?d#é.gpkg"), "file:/tmp/a%20b/c%3Fd%23%C3%A9.gpkg?mode=ro&immutable=1")
    }
}
