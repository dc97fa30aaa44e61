import XCTest
@testable import UneFoisCore
@testable import UneFoisModel
@testable import UneFoisIngest
@testable import UneFoisConsolidate
@testable import UneFoisPublish
@testable import UneFoisReport
@testable import UneFois

final class SQLiteDatabaseTests: XCTestCase {
    func testRoundTrip() throws {
        let dir = try TestSupport.temporaryDirectory(self, "sqlite")
        let path = dir.path + "/t.sqlite"
        do {
            let db = try SQLiteDatabase(path: path, mode: .create)
            try db.execute("CREATE TABLE t (a TEXT, b INTEGER, c REAL, d BLOB)")
            try db.transaction {
                let ins = try db.prepare("INSERT INTO t VALUES (?,?,?,?)")
                try ins.run([.text("Médiathèque d’Oppède"), .integer(42), .real(43.5), .blob([0, 1, 255])])
                try ins.run([.null, .integer(-1), .null, .blob([])])
            }
            XCTAssertNil(db.quickCheckProblem())
        }
        let db = try SQLiteDatabase(path: path, mode: .readOnlyUntrusted)
        XCTAssertEqual(try db.rows("SELECT a, b FROM t ORDER BY b DESC"), [["Médiathèque d’Oppède", "42"], [nil, "-1"]])
        let stmt = try db.prepare("SELECT a, b, c, d FROM t WHERE b = ?")
        try stmt.bind([.integer(42)])
        XCTAssertTrue(try stmt.step())
        XCTAssertEqual(stmt.columnName(0), "a")
        XCTAssertEqual(stmt.int64(1), 42)
        XCTAssertEqual(stmt.double(2), 43.5)
        XCTAssertEqual(stmt.blob(3), [0, 1, 255])
        XCTAssertFalse(try stmt.step())
        XCTAssertThrowsError(try db.execute("INSERT INTO t VALUES ('x', 1, 1, NULL)"), "read-only")
    }

    func testRollbackOnThrow() throws {
        let dir = try TestSupport.temporaryDirectory(self, "sqlite")
        let db = try SQLiteDatabase(path: dir.path + "/t.sqlite", mode: .create)
        try db.execute("CREATE TABLE t (a INTEGER)")
        struct Boom: Error {}
        XCTAssertThrowsError(try db.transaction { try db.execute("INSERT INTO t VALUES (1)"); throw Boom() })
        XCTAssertEqual(try db.rows("SELECT count(*) FROM t"), [["0"]])
    }

    func testErrorCarriesSQLNotValues() throws {
        let dir = try TestSupport.temporaryDirectory(self, "sqlite")
        let db = try SQLiteDatabase(path: dir.path + "/t.sqlite", mode: .create)
        try db.execute("CREATE TABLE t (a TEXT NOT NULL)")
        XCTAssertThrowsError(try db.prepare("SELEC nothing")) { error in
            XCTAssertEqual((error as? SQLiteError)?.sql, "SELEC nothing")
        }
        XCTAssertThrowsError(try db.prepare("INSERT INTO t VALUES (?)").run([.null])) { error in
            let e = error as? SQLiteError
            XCTAssertEqual(e?.sql, "INSERT INTO t VALUES (?)")
            XCTAssertFalse(e?.description.contains("secret") ?? true)
        }
    }

    /// A full disk (simulated with a page limit) is said in French without any SQL, and the
    /// earlier file stays.
    func testFullDiskDuringAnAtomicBuildSaysSoWithoutSQL() throws {
        let dir = try TestSupport.temporaryDirectory(self, "sqlite-full")
        let path = dir.appendingPathComponent("etat.sqlite").path
        try SQLiteDatabase.buildAtomically(at: path, label: "la base") { db in try db.execute("CREATE TABLE t (x TEXT)") }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SQLiteDatabase.buildAtomically(at: path, label: "la base") { db in
            try db.execute("CREATE TABLE t (x TEXT); PRAGMA max_page_count = 3")
            let insert = try db.prepare("INSERT INTO t VALUES (?)")
            for _ in 0..<10_000 { try insert.run([.text(String(repeating: "x", count: 500))]) }
        }) { error in
            let e = error as? OperationalError
            XCTAssertEqual(e?.code, "disk-full")
            XCTAssertEqual(e?.exitCode, 74)
            XCTAssertFalse(e?.message.contains("CREATE") ?? true, e?.message ?? "")
            XCTAssertFalse(e?.message.contains("INSERT") ?? true, e?.message ?? "")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before)
    }
}
