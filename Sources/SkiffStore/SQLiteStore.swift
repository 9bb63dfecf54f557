import Foundation
import Logging

/// The embedded default store: SQLite in WAL mode with kine's single-table design.
///
/// Every write appends one row whose `id` is the new revision; a key's current value is its
/// newest row unless that row is a delete. Lists at a revision pick each key's newest row at
/// or below it. One process owns the database, so watches are an in-process fan-out of
/// committed rows plus a replay from the table for a start revision in the past. An
/// acknowledged write is committed to the WAL, which survives a crash of the process.
public actor SQLiteStore: KVStore {
    public struct Options: Sendable {
        /// How often the automatic compactor runs (nil: never; compact by hand).
        public var compactInterval: Duration?
        /// How many of the newest revisions the automatic compactor keeps.
        public var retainedRevisions: Int64
        /// `synchronous` pragma: NORMAL survives process crashes, FULL also power loss.
        public var synchronousFull: Bool

        public init(compactInterval: Duration? = .seconds(300), retainedRevisions: Int64 = 1000, synchronousFull: Bool = false) {
            self.compactInterval = compactInterval
            self.retainedRevisions = retainedRevisions
            self.synchronousFull = synchronousFull
        }
    }

    private let connection: SQLiteConnection
    private var revision: Int64 = 0
    private var compactRevision: Int64 = 0
    private let hub = WatchHub()
    private var compactor: Task<Void, Never>?
    private var closed = false
    private let logger = Logger(label: "skiff.store.sqlite")

    /// Opens (creating if needed) the database at `path`.
    public init(path: String, options: Options = Options()) async throws {
        connection = try SQLiteConnection(path: path)
        try connection.exec("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=\(options.synchronousFull ? "FULL" : "NORMAL");
            PRAGMA foreign_keys=OFF;
            CREATE TABLE IF NOT EXISTS kv (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                name TEXT NOT NULL,
                created INTEGER NOT NULL,
                deleted INTEGER NOT NULL,
                create_revision INTEGER NOT NULL,
                prev_revision INTEGER NOT NULL,
                value BLOB,
                old_value BLOB
            );
            CREATE INDEX IF NOT EXISTS kv_name_id ON kv (name, id);
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            """)
        revision = try Self.loadRevision(connection)
        let compacted = try connection.statement("SELECT value FROM meta WHERE key = 'compact_revision'")
        if try compacted.step() { compactRevision = compacted.int(0) }
        compacted.finish()
        if let interval = options.compactInterval {
            let keep = options.retainedRevisions
            compactor = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { return }
                    await self?.autoCompact(keep: keep)
                }
            }
        }
    }

    /// The newest revision ever assigned: AUTOINCREMENT's sequence survives compaction of
    /// the newest rows, so revisions never go back after a restart.
    private static func loadRevision(_ connection: SQLiteConnection) throws -> Int64 {
        let seq = try connection.statement("SELECT seq FROM sqlite_sequence WHERE name = 'kv'")
        var rev: Int64 = 0
        if try seq.step() { rev = seq.int(0) }
        seq.finish()
        let maxID = try connection.statement("SELECT COALESCE(MAX(id), 0) FROM kv")
        if try maxID.step() { rev = max(rev, maxID.int(0)) }
        maxID.finish()
        return rev
    }

    public func currentRevision() async throws -> Int64 {
        try checkOpen()
        return revision
    }

    public func get(_ key: String) async throws -> KeyValue? {
        try checkOpen()
        return try latest(key)?.current
    }

    public func list(prefix: String, revision at: Int64?, startAfter: String?, limit: Int) async throws -> ListResult {
        try checkOpen()
        let readRevision = at ?? revision
        if let at {
            if at > revision { throw StoreError.futureRevision(requested: at, current: revision) }
            if at < compactRevision { throw StoreError.compacted(requested: at, compactRevision: compactRevision) }
        }
        let (low, high, inclusive) = Self.range(prefix: prefix, startAfter: startAfter)
        let sql = """
            SELECT kv.name, kv.create_revision, kv.id, kv.value FROM kv
            JOIN (SELECT MAX(id) AS id FROM kv WHERE name \(inclusive ? ">=" : ">") ?1 AND name < ?2 AND id <= ?3 GROUP BY name) AS newest
              ON kv.id = newest.id
            WHERE kv.deleted = 0
            ORDER BY kv.name
            LIMIT ?4
            """
        let statement = try connection.statement(sql)
        defer { statement.finish() }
        statement.bind(1, low)
        statement.bind(2, high)
        statement.bind(3, readRevision)
        statement.bind(4, limit > 0 ? Int64(limit) + 1 : -1)
        var items: [KeyValue] = []
        var more = false
        while try statement.step() {
            if limit > 0 && items.count == limit {
                more = true
                break
            }
            items.append(KeyValue(key: statement.text(0), value: statement.blob(3) ?? Data(),
                                  createRevision: statement.int(1), modRevision: statement.int(2)))
        }
        return ListResult(items: items, revision: readRevision, more: more)
    }

    public func create(_ key: String, value: Data) async throws -> Int64 {
        try checkOpen()
        if try latest(key)?.current != nil { throw StoreError.keyExists(key) }
        let rev = revision + 1
        try insert(id: rev, name: key, created: true, deleted: false, createRevision: rev, prevRevision: 0, value: value, oldValue: nil)
        let kv = KeyValue(key: key, value: value, createRevision: rev, modRevision: rev)
        hub.publish([StoreEvent(kind: .put, kv: kv, prevKV: nil)])
        return rev
    }

    public func update(_ key: String, value: Data, expectedRevision: Int64) async throws -> Int64 {
        try checkOpen()
        guard let old = try latest(key)?.current else { throw StoreError.notFound(key) }
        if old.modRevision != expectedRevision {
            throw StoreError.conflict(key: key, currentRevision: old.modRevision)
        }
        let rev = revision + 1
        try insert(id: rev, name: key, created: false, deleted: false, createRevision: old.createRevision,
                   prevRevision: old.modRevision, value: value, oldValue: old.value)
        let kv = KeyValue(key: key, value: value, createRevision: old.createRevision, modRevision: rev)
        hub.publish([StoreEvent(kind: .put, kv: kv, prevKV: old)])
        return rev
    }

    public func delete(_ key: String, expectedRevision: Int64?) async throws -> KeyValue {
        try checkOpen()
        guard let old = try latest(key)?.current else { throw StoreError.notFound(key) }
        if let expectedRevision, old.modRevision != expectedRevision {
            throw StoreError.conflict(key: key, currentRevision: old.modRevision)
        }
        let rev = revision + 1
        try insert(id: rev, name: key, created: false, deleted: true, createRevision: old.createRevision,
                   prevRevision: old.modRevision, value: old.value, oldValue: old.value)
        var gone = old
        gone.modRevision = rev
        hub.publish([StoreEvent(kind: .delete, kv: gone, prevKV: old)])
        return gone
    }

    public nonisolated func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreEvent, Error> {
        let (stream, continuation) = AsyncThrowingStream<StoreEvent, Error>.makeStream(bufferingPolicy: .unbounded)
        let id = hub.reserve()
        continuation.onTermination = { [hub] _ in hub.remove(id: id) }
        Task { await self.startWatch(id: id, prefix: prefix, afterRevision: afterRevision, continuation: continuation) }
        return stream
    }

    public func compact(revision at: Int64) async throws {
        try checkOpen()
        if at > revision { throw StoreError.futureRevision(requested: at, current: revision) }
        if at <= compactRevision { return }
        // Superseded rows at or below `at`, and deletes there (the key is simply absent),
        // go; each key's state at `at` stays so lists at `at` and later are unchanged.
        // Done in slices of ids so writers are not held up by one long transaction.
        let sql = """
            DELETE FROM kv WHERE id > ?1 AND id <= ?2 AND (deleted = 1 OR EXISTS (
                SELECT 1 FROM kv AS newer WHERE newer.name = kv.name AND newer.id > kv.id AND newer.id <= ?3))
            """
        var low = compactRevision
        var removed = 0
        while low < at {
            let high = min(low + 5000, at)
            try connection.exec("BEGIN IMMEDIATE")
            do {
                let statement = try connection.statement(sql)
                statement.bind(1, low)
                statement.bind(2, high)
                statement.bind(3, at)
                try statement.run()
                removed += connection.changes
                try connection.exec("COMMIT")
            } catch {
                try? connection.exec("ROLLBACK")
                throw error
            }
            low = high
        }
        let record = try connection.statement("INSERT OR REPLACE INTO meta (key, value) VALUES ('compact_revision', ?1)")
        record.bind(1, at)
        try record.run()
        compactRevision = at
        logger.debug("compacted", metadata: ["revision": "\(at)", "rows": "\(removed)"])
    }

    public func close() async {
        guard !closed else { return }
        closed = true
        compactor?.cancel()
        compactor = nil
        hub.finishAll(throwing: StoreError.unavailable("store closed"))
        connection.close()
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try checkOpen()
        let statement = try connection.statement("PRAGMA integrity_check")
        defer { statement.finish() }
        var lines: [String] = []
        while try statement.step() { lines.append(statement.text(0)) }
        return lines.joined(separator: "\n")
    }

    /// The revision below which history is gone.
    public func compactedRevision() -> Int64 { compactRevision }

    // MARK: - internals

    private func checkOpen() throws {
        if closed { throw StoreError.unavailable("store closed") }
    }

    private func autoCompact(keep: Int64) async {
        guard !closed else { return }
        let target = revision - keep
        guard target > compactRevision else { return }
        do {
            try await compact(revision: target)
        } catch {
            logger.warning("automatic compaction failed", metadata: ["revision": "\(target)", "error": "\(error)"])
        }
    }

    /// Key range for a prefix: from the prefix (inclusive) or after `startAfter` (exclusive)
    /// up to the prefix followed by the highest code point (exclusive), in SQLite's byte order.
    static func range(prefix: String, startAfter: String?) -> (low: String, high: String, inclusive: Bool) {
        let high = prefix + "\u{10FFFF}"
        if let startAfter, startAfter >= prefix { return (startAfter, high, false) }
        return (prefix, high, true)
    }

    /// The newest row of `key`: its current value (nil when deleted or absent).
    private func latest(_ key: String) throws -> (current: KeyValue?, modRevision: Int64)? {
        let statement = try connection.statement(
            "SELECT id, create_revision, deleted, value FROM kv WHERE name = ?1 ORDER BY id DESC LIMIT 1")
        defer { statement.finish() }
        statement.bind(1, key)
        guard try statement.step() else { return nil }
        let id = statement.int(0)
        if statement.int(2) != 0 { return (nil, id) }
        let kv = KeyValue(key: key, value: statement.blob(3) ?? Data(), createRevision: statement.int(1), modRevision: id)
        return (kv, id)
    }

    private func insert(id: Int64, name: String, created: Bool, deleted: Bool, createRevision: Int64,
                        prevRevision: Int64, value: Data?, oldValue: Data?) throws {
        let statement = try connection.statement("""
            INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, value, old_value)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
            """)
        statement.bind(1, id)
        statement.bind(2, name)
        statement.bind(3, created ? 1 : 0)
        statement.bind(4, deleted ? 1 : 0)
        statement.bind(5, createRevision)
        statement.bind(6, prevRevision)
        statement.bind(7, value)
        statement.bind(8, oldValue)
        try statement.run()
        revision = id
    }

    private func startWatch(id: UInt64, prefix: String, afterRevision: Int64, continuation: AsyncThrowingStream<StoreEvent, Error>.Continuation) {
        if closed {
            continuation.finish(throwing: StoreError.unavailable("store closed"))
            return
        }
        if afterRevision < compactRevision {
            continuation.finish(throwing: StoreError.compacted(requested: afterRevision, compactRevision: compactRevision))
            return
        }
        // Replay and registration in one actor turn: no commit can fall between them.
        if afterRevision < revision {
            do {
                for event in try history(prefix: prefix, afterRevision: afterRevision) { continuation.yield(event) }
            } catch {
                continuation.finish(throwing: error)
                return
            }
        }
        hub.add(id: id, prefix: prefix, continuation: continuation)
    }

    /// Committed changes under `prefix` after `afterRevision`, in revision order.
    private func history(prefix: String, afterRevision: Int64) throws -> [StoreEvent] {
        let (low, high, _) = Self.range(prefix: prefix, startAfter: nil)
        let statement = try connection.statement("""
            SELECT id, name, deleted, create_revision, prev_revision, value, old_value FROM kv
            WHERE id > ?1 AND name >= ?2 AND name < ?3 ORDER BY id
            """)
        defer { statement.finish() }
        statement.bind(1, afterRevision)
        statement.bind(2, low)
        statement.bind(3, high)
        var events: [StoreEvent] = []
        while try statement.step() {
            let rev = statement.int(0)
            let name = statement.text(1)
            let createRevision = statement.int(3)
            let prevRevision = statement.int(4)
            let value = statement.blob(5) ?? Data()
            let prev = statement.blob(6).map {
                KeyValue(key: name, value: $0, createRevision: createRevision, modRevision: prevRevision)
            }
            let kind: StoreEvent.Kind = statement.int(2) != 0 ? .delete : .put
            events.append(StoreEvent(kind: kind, kv: KeyValue(key: name, value: value, createRevision: createRevision, modRevision: rev), prevKV: prev))
        }
        return events
    }
}
