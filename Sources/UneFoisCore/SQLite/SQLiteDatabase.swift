import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure reported by SQLite: result code, SQLite's message and the SQL that failed.
/// Bound values are never included (they may be personal data).
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    public var description: String {
        "SQLite \(code) : \(message)" + (sql.map { " (requête : \($0))" } ?? "")
    }
}

/// One SQLite connection, owned by this object and closed in `deinit`.
/// The only Swift code (with ``SQLiteStatement``) that calls `sqlite3_*`.
public final class SQLiteDatabase {
    let handle: OpaquePointer

    /// How to open a database file.
    public enum Mode: Sendable {
        /// Read-write, created if missing (our own state and outputs).
        case create
        /// Read-only with SQLite's defensive settings, for untrusted files (GeoPackage inputs,
        /// an earlier run's state).
        case readOnlyUntrusted
    }

    /// Opens `path` in `mode`; throws ``SQLiteError`` when SQLite refuses.
    /// Untrusted files are opened through a URI with `immutable=1` (SQLite never writes, locks
    /// or creates `-wal`/`-shm` files beside them, so a WAL-mode GeoPackage in a read-only folder
    /// reads fine) and get a time budget per query (`queryBudget` seconds, enforced by a progress
    /// handler: a view with a runaway recursive query is interrupted, SQLITE_INTERRUPT).
    public init(path: String, mode: Mode, queryBudget: Double = SQLiteDatabase.defaultQueryBudget) throws {
        _ = SQLiteDatabase.processConfiguration
        var db: OpaquePointer?
        let flags: Int32
        let name: String
        switch mode {
        case .create:
            flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
            name = path
        case .readOnlyUntrusted:
            flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
            name = SQLiteDatabase.immutableURI(path)
        }
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let msg = db.map { String(cString: sqlite3_errmsg($0)) } ?? "ouverture impossible"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: msg, sql: nil)
        }
        handle = db
        sqlite3_extended_result_codes(db, 1)
        if mode == .readOnlyUntrusted {
            _ = unefois_sqlite_enable_defensive(db)
            _ = unefois_sqlite_disable_trusted_schema(db)
            try execute("PRAGMA trusted_schema = OFF")
            try execute("PRAGMA cell_size_check = ON")
            budget.seconds = queryBudget
            sqlite3_progress_handler(db, 10_000, { ctx in
                guard let ctx else { return 0 }
                return Unmanaged<QueryBudget>.fromOpaque(ctx).takeUnretainedValue().exhausted() ? 1 : 0
            }, Unmanaged.passUnretained(budget).toOpaque())
        }
    }

    /// SQLite's process-wide settings, applied once before the first connection opens.
    static let processConfiguration: Void = { _ = unefois_sqlite_disable_memstatus() }()

    /// Seconds one query on an untrusted file may run before it is interrupted.
    public static let defaultQueryBudget: Double = 60

    /// The time budget of the query being run (restarted by every ``prepare(_:)`` and ``execute(_:)``).
    final class QueryBudget {
        var seconds: Double = .infinity
        var deadline: UInt64 = .max
        func restart() {
            deadline = seconds.isFinite ? QueryBudget.now() &+ UInt64(seconds * 1e9) : .max
        }
        func exhausted() -> Bool { QueryBudget.now() > deadline }
        static func now() -> UInt64 {
            var t = timespec()
            clock_gettime(CLOCK_MONOTONIC, &t)
            return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
        }
    }
    let budget = QueryBudget()

    /// `file:` URI of `path`, read-only and immutable (percent-encoded, RFC 3986).
    static func immutableURI(_ path: String) -> String {
        var out = "file:"
        for b in path.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "/-_.~".contains(c) { out.append(c) } else { out += "%" + String(b, radix: 16, uppercase: true).leftPadded() }
        }
        return out + "?mode=ro&immutable=1"
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without results.
    public func execute(_ sql: String) throws {
        budget.restart()
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(err)
            throw SQLiteError(code: rc, message: msg, sql: sql)
        }
    }

    /// Prepares a statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        budget.restart()
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
        return SQLiteStatement(handle: stmt, database: self, sql: sql)
    }

    /// Runs `body` in a transaction, committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let r = try body()
            try execute("COMMIT")
            return r
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Returns the rows of a query as arrays of optional strings (small queries only).
    public func rows(_ sql: String, _ values: [SQLiteValue] = []) throws -> [[String?]] {
        let stmt = try prepare(sql)
        try stmt.bind(values)
        var out: [[String?]] = []
        while try stmt.step() {
            out.append((0..<stmt.columnCount).map { stmt.text($0) })
        }
        return out
    }

    /// `PRAGMA quick_check`: nil when the file is sound, else SQLite's first complaint.
    public func quickCheckProblem() -> String? {
        guard let rows = try? rows("PRAGMA quick_check") else { return "vérification impossible" }
        let first = rows.first?.first ?? nil
        return first == "ok" ? nil : (first ?? "vérification impossible")
    }
}

/// A value bound to a statement parameter.
public enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A prepared statement, finalized in `deinit`.
public final class SQLiteStatement {
    let handle: OpaquePointer
    let database: SQLiteDatabase
    let sql: String

    init(handle: OpaquePointer, database: SQLiteDatabase, sql: String) {
        self.handle = handle
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Resets the statement and binds `values` to parameters 1...n.
    public func bind(_ values: [SQLiteValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, v) in values.enumerated() {
            let idx = Int32(i + 1)
            switch v {
            case .null: try bindNull(idx)
            case .integer(let n): try bind(idx, integer: n)
            case .real(let d): try bind(idx, real: d)
            case .text(let s): try bind(idx, text: s)
            case .blob(let b): try b.withUnsafeBytes { try bind(idx, blob: $0) }
            }
        }
    }

    /// Binds and runs a statement that returns no rows.
    public func run(_ values: [SQLiteValue]) throws {
        try bind(values)
        while try step() {}
    }

    // Binding parameter by parameter (1-based `index`), then ``insert()``: the large tables are
    // filled this way, without a ``SQLiteValue`` array per row. Text goes from the string's own
    // UTF-8 bytes with its length (no C-string copy); SQLite copies it (SQLITE_TRANSIENT).

    /// Binds `text` (UTF-8, not NUL-terminated) to parameter `index`.
    public func bind(_ index: Int32, text: String) throws {
        var text = text
        try text.withUTF8 { try bind(index, utf8: $0) }
    }

    /// Binds UTF-8 text given as bytes (copied by SQLite).
    public func bind(_ index: Int32, utf8 buf: UnsafeBufferPointer<UInt8>) throws {
        // An empty buffer may have no address, which SQLite would bind as NULL, not ''.
        let rc: Int32
        if let base = buf.baseAddress, !buf.isEmpty {
            rc = base.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                sqlite3_bind_text(handle, index, $0, Int32(buf.count), unefois_sqlite_transient())
            }
        } else {
            rc = sqlite3_bind_text(handle, index, "", 0, unefois_sqlite_transient())
        }
        guard rc == SQLITE_OK else { throw error(rc) }
    }

    /// Binds `text`, or NULL when it is nil.
    public func bind(_ index: Int32, text: String?) throws {
        if let text { try bind(index, text: text) } else { try bindNull(index) }
    }

    public func bind(_ index: Int32, integer: Int64) throws {
        let rc = sqlite3_bind_int64(handle, index, integer)
        guard rc == SQLITE_OK else { throw error(rc) }
    }

    public func bind(_ index: Int32, real: Double) throws {
        let rc = sqlite3_bind_double(handle, index, real)
        guard rc == SQLITE_OK else { throw error(rc) }
    }

    public func bindNull(_ index: Int32) throws {
        let rc = sqlite3_bind_null(handle, index)
        guard rc == SQLITE_OK else { throw error(rc) }
    }

    /// Binds a copy of `blob` (an empty blob, not NULL, when it is empty).
    public func bind(_ index: Int32, blob: UnsafeRawBufferPointer) throws {
        let rc = blob.isEmpty ? sqlite3_bind_zeroblob(handle, index, 0)
            : sqlite3_bind_blob(handle, index, blob.baseAddress, Int32(blob.count), unefois_sqlite_transient())
        guard rc == SQLITE_OK else { throw error(rc) }
    }

    /// Runs the statement with the parameters bound (a statement that returns no rows), then
    /// resets it for the next row; parameters not bound again keep their value.
    public func insert() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Steps once: true when a row is available.
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        if rc == SQLITE_ROW { return true }
        if rc == SQLITE_DONE { return false }
        throw error(rc)
    }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func columnName(_ i: Int) -> String { String(cString: sqlite3_column_name(handle, Int32(i))) }

    public func isNull(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_NULL }

    /// True when column `i` of the current row holds a BLOB.
    public func isBlob(_ i: Int) -> Bool { sqlite3_column_type(handle, Int32(i)) == SQLITE_BLOB }

    /// Column `i` of the current row as text (nil for NULL).
    public func text(_ i: Int) -> String? {
        guard let p = sqlite3_column_text(handle, Int32(i)) else { return nil }
        return String(cString: p)
    }

    public func int64(_ i: Int) -> Int64 { sqlite3_column_int64(handle, Int32(i)) }

    public func double(_ i: Int) -> Double? { isNull(i) ? nil : sqlite3_column_double(handle, Int32(i)) }

    /// Column `i` of the current row as bytes (empty for NULL).
    public func blob(_ i: Int) -> [UInt8] {
        let n = Int(sqlite3_column_bytes(handle, Int32(i)))
        guard n > 0, let p = sqlite3_column_blob(handle, Int32(i)) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    private func error(_ rc: Int32) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(database.handle)), sql: sql)
    }
}

private extension String {
    func leftPadded() -> String { count == 1 ? "0" + self : self }
}
