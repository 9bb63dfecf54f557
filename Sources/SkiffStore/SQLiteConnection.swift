import CSQLite
import Foundation

/// A thin, owned handle on one SQLite connection with a cache of prepared statements.
///
/// Not thread-safe on purpose: exactly one actor (`SQLiteStore`) owns it, which is what
/// makes the store's single-writer assumptions hold.
final class SQLiteConnection {
    private var db: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    let path: String

    init(path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError.unavailable("sqlite: cannot open \(path): \(message) (code \(rc))")
        }
        db = handle
        sqlite3_busy_timeout(handle, 5000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { close() }

    func close() {
        for statement in statements.values { sqlite3_finalize(statement) }
        statements.removeAll()
        if let db { sqlite3_close_v2(db) }
        db = nil
    }

    private func handle() throws -> OpaquePointer {
        guard let db else { throw StoreError.unavailable("sqlite: connection to \(path) is closed") }
        return db
    }

    func error(_ rc: Int32, _ what: String) -> StoreError {
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "closed"
        return StoreError.unavailable("sqlite: \(what): \(message) (code \(rc))")
    }

    /// Runs one or more statements that return no rows.
    func exec(_ sql: String) throws {
        let db = try handle()
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(errmsg)
            throw StoreError.unavailable("sqlite: \(sql.prefix(60)): \(message) (code \(rc))")
        }
    }

    /// A prepared statement for `sql`, reset and with its bindings cleared, ready to bind.
    func statement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] {
            sqlite3_reset(cached)
            sqlite3_clear_bindings(cached)
            return Statement(raw: cached, connection: self)
        }
        let db = try handle()
        var raw: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &raw, nil)
        guard rc == SQLITE_OK, let raw else { throw error(rc, "prepare \(sql.prefix(60))") }
        statements[sql] = raw
        return Statement(raw: raw, connection: self)
    }

    var changes: Int { db.map { Int(sqlite3_changes($0)) } ?? 0 }
}

/// A prepared statement borrowed from the connection's cache.
struct Statement {
    let raw: OpaquePointer
    unowned let connection: SQLiteConnection

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(raw, index, value)
    }

    func bind(_ index: Int32, _ value: String) {
        sqlite3_bind_text(raw, index, value, -1, csqlite_transient())
    }

    func bind(_ index: Int32, _ value: Data?) {
        guard let value else {
            sqlite3_bind_null(raw, index)
            return
        }
        _ = value.withUnsafeBytes { buffer in
            // A zero-length blob still needs a non-null pointer to be stored as a blob, not NULL.
            if buffer.count == 0 {
                sqlite3_bind_zeroblob(raw, index, 0)
            } else {
                sqlite3_bind_blob(raw, index, buffer.baseAddress, Int32(buffer.count), csqlite_transient())
            }
        }
    }

    /// Advances; true when a row is available.
    func step() throws -> Bool {
        let rc = sqlite3_step(raw)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let err = connection.error(rc, "step")
            sqlite3_reset(raw)
            throw err
        }
    }

    /// Runs a statement that returns no rows.
    func run() throws {
        _ = try step()
        sqlite3_reset(raw)
    }

    /// Makes the statement ready to run again with new bindings.
    func reset() {
        sqlite3_reset(raw)
    }

    /// Releases the statement's read snapshot (and any locks) after reading rows.
    func finish() {
        sqlite3_reset(raw)
    }

    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(raw, column) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(raw, column) else { return "" }
        return String(cString: pointer)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(raw, column) == SQLITE_NULL }

    func blob(_ column: Int32) -> Data? {
        if isNull(column) { return nil }
        let count = Int(sqlite3_column_bytes(raw, column))
        guard count > 0, let pointer = sqlite3_column_blob(raw, column) else { return Data() }
        return Data(bytes: pointer, count: count)
    }
}
