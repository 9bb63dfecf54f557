import Foundation

/// Read-only connections for lists, so a long list never holds up the writer.
///
/// WAL lets readers work on a snapshot while the writer commits. A connection is handed to
/// one task at a time (that exclusive hand-over is what makes sharing the non-thread-safe
/// `SQLiteConnection` sound); tasks beyond the pool size wait without blocking a thread.
final class SQLiteReaders: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [SQLiteConnection] = []
    private var waiters: [CheckedContinuation<SQLiteConnection?, Never>] = []
    private var closed = false

    init(path: String, count: Int) throws {
        for _ in 0..<max(1, count) {
            let connection = try SQLiteConnection(path: path)
            try connection.exec("""
                PRAGMA query_only=1;
                PRAGMA cache_size=-32768;
                PRAGMA mmap_size=268435456;
                PRAGMA temp_store=MEMORY;
                """)
            idle.append(connection)
        }
    }

    /// Runs `body` with a connection of its own; throws `.unavailable` once closed.
    func with<T>(_ body: (SQLiteConnection) throws -> T) async throws -> T {
        guard let connection = await acquire() else { throw StoreError.unavailable("store closed") }
        defer { release(connection) }
        return try body(connection)
    }

    private func acquire() async -> SQLiteConnection? {
        await withCheckedContinuation { (continuation: CheckedContinuation<SQLiteConnection?, Never>) in
            let ready: SQLiteConnection?? = lock.withLock {
                if closed { return .some(nil) }
                if let connection = idle.popLast() { return .some(connection) }
                waiters.append(continuation)
                return .none
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func release(_ connection: SQLiteConnection) {
        let next: CheckedContinuation<SQLiteConnection?, Never>? = lock.withLock {
            if closed {
                connection.close()
                return nil
            }
            if waiters.isEmpty {
                idle.append(connection)
                return nil
            }
            return waiters.removeFirst()
        }
        next?.resume(returning: connection)
    }

    /// Closes idle connections now and busy ones when they come back; waiters get nil.
    func close() {
        let (connections, pending) = lock.withLock {
            closed = true
            let all = (idle, waiters)
            idle.removeAll()
            waiters.removeAll()
            return all
        }
        for connection in connections { connection.close() }
        for waiter in pending { waiter.resume(returning: nil) }
    }
}

/// The compaction point, shared between the writer actor (which moves it) and readers.
final class SharedRevision: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int64

    init(_ value: Int64) { stored = value }

    var value: Int64 {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
