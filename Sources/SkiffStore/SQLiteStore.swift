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
    private let fileLock: StoreFileLock
    private let readers: SQLiteReaders
    /// `compactRevision` as readers see it.
    private let compactionPoint = SharedRevision(0)
    private var revision: Int64 = 0
    private var compactRevision: Int64 = 0
    /// Rows at or below this revision that compaction removes are gone; between it and
    /// `compactRevision` a purge is due (it was interrupted or is running).
    private var purgedRevision: Int64 = 0
    private var purging = false
    private let hub = WatchHub()
    private var compactor: Task<Void, Never>?
    private var closed = false
    private let logger = Logger(label: "skiff.store.sqlite")

    /// Opens (creating if needed) the database at `path`.
    /// Throws `.unavailable` when another store already has it open.
    public init(path: String, options: Options = Options()) async throws {
        fileLock = try StoreFileLock(databasePath: path)
        connection = try SQLiteConnection(path: path)
        try connection.exec("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=\(options.synchronousFull ? "FULL" : "NORMAL");
            PRAGMA foreign_keys=OFF;
            PRAGMA cache_size=-65536;
            PRAGMA mmap_size=268435456;
            PRAGMA temp_store=MEMORY;
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
        readers = try SQLiteReaders(path: path, count: 2)
        revision = try Self.loadRevision(connection)
        compactRevision = try meta("compact_revision") ?? 0
        compactionPoint.value = compactRevision
        purgedRevision = try meta("purged_revision") ?? 0
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

    public nonisolated func list(prefix: String, revision at: Int64?, startAfter: String?, limit: Int) async throws -> ListResult {
        try await readers.with { connection in
            try Self.list(connection, prefix: prefix, revision: at, startAfter: startAfter, limit: limit,
                          compaction: compactionPoint)
        }
    }

    /// One consistent list on a reader connection, inside one read transaction.
    private static func list(_ connection: SQLiteConnection, prefix: String, revision at: Int64?, startAfter: String?,
                             limit: Int, compaction: SharedRevision) throws -> ListResult {
        try connection.statement("BEGIN").run()
        defer { try? connection.statement("COMMIT").run() }
        // The snapshot starts with this read: its newest revision is what "now" means.
        let head = try connection.statement("SELECT seq FROM sqlite_sequence WHERE name = 'kv'")
        let current = try head.step() ? head.int(0) : 0
        head.finish()
        // Read the compaction point only after the snapshot exists: the writer moves the
        // point before it removes any row, so a snapshot missing rows below the point always
        // sees the moved point here.
        let compacted = compaction.value
        let readRevision = at ?? current
        if let at {
            if at > current { throw StoreError.futureRevision(requested: at, current: current) }
            if at < compacted { throw StoreError.compacted(requested: at, compactRevision: compacted) }
        }
        let (low, high, inclusive) = Self.range(prefix: prefix, startAfter: startAfter)
        // Walk the (name, id) index in name order for each key's newest row at the revision,
        // then fetch that row by id. Two cheap steps instead of one join that would sort whole
        // rows, values included, in a temporary b-tree.
        let newest = try connection.statement("""
            SELECT MAX(id) FROM kv WHERE name \(inclusive ? ">=" : ">") ?1 AND name < ?2 AND id <= ?3
            GROUP BY name ORDER BY name
            """)
        defer { newest.finish() }
        newest.bind(1, low)
        newest.bind(2, high)
        newest.bind(3, readRevision)
        let row = try connection.statement("SELECT name, create_revision, deleted, value FROM kv WHERE id = ?1")
        defer { row.finish() }
        var items: [KeyValue] = []
        var more = false
        while try newest.step() {
            let id = newest.int(0)
            row.reset()
            row.bind(1, id)
            guard try row.step(), row.int(2) == 0 else { continue }
            if limit > 0 && items.count == limit {
                more = true
                break
            }
            items.append(KeyValue(key: row.text(0), value: row.blob(3) ?? Data(), createRevision: row.int(1), modRevision: id))
        }
        return ListResult(items: items, revision: readRevision, more: more)
    }

    public func create(_ key: String, value: Data) async throws -> Int64 {
        guard case .revision(let rev) = try await submit(.create(key: key, value: value)) else {
            throw StoreError.unavailable("sqlite: create of \(key) returned no revision")
        }
        return rev
    }

    public func update(_ key: String, value: Data, expectedRevision: Int64) async throws -> Int64 {
        guard case .revision(let rev) = try await submit(.update(key: key, value: value, expectedRevision: expectedRevision)) else {
            throw StoreError.unavailable("sqlite: update of \(key) returned no revision")
        }
        return rev
    }

    /// The read, the transform and the write happen inside one group commit's transaction:
    /// nothing else can write the key in between, so this never conflicts.
    public func modify(_ key: String, _ transform: @escaping @Sendable (KeyValue) -> Data?) async throws -> Int64? {
        switch try await submit(.modify(key: key, transform: transform)) {
        case .revision(let rev): return rev
        case .unchanged: return nil
        case .deleted: throw StoreError.unavailable("sqlite: modify of \(key) returned a delete")
        }
    }

    public func delete(_ key: String, expectedRevision: Int64?) async throws -> KeyValue {
        guard case .deleted(let kv) = try await submit(.delete(key: key, expectedRevision: expectedRevision)) else {
            throw StoreError.unavailable("sqlite: delete of \(key) returned no value")
        }
        return kv
    }

    // MARK: - group commit

    enum WriteOp {
        case create(key: String, value: Data)
        case update(key: String, value: Data, expectedRevision: Int64)
        case delete(key: String, expectedRevision: Int64?)
        case modify(key: String, transform: @Sendable (KeyValue) -> Data?)
    }

    enum WriteResult {
        case revision(Int64)
        case deleted(KeyValue)
        /// A modify whose transform left the key as it was (nothing written).
        case unchanged
    }

    private var pending: [(op: WriteOp, continuation: CheckedContinuation<WriteResult, Error>)] = []
    private var flushScheduled = false

    /// Queues a write for the next group commit. Writers that arrive while one is queued share
    /// its transaction, so N concurrent writers cost one WAL commit instead of N; a lone
    /// writer pays one task hop.
    private func submit(_ op: WriteOp) async throws -> WriteResult {
        try checkOpen()
        return try await withCheckedThrowingContinuation { continuation in
            pending.append((op, continuation))
            if !flushScheduled {
                flushScheduled = true
                Task { self.flush() }
            }
        }
    }

    /// Applies every queued write in one transaction, then acknowledges them and publishes
    /// their events. Nothing here suspends, so no read or write of the actor can see the
    /// transaction half done.
    private func flush() {
        flushScheduled = false
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        guard !batch.isEmpty else { return }
        if closed {
            for item in batch { item.continuation.resume(throwing: StoreError.unavailable("store closed")) }
            return
        }
        let startRevision = revision
        var outcomes: [Result<(WriteResult, StoreEvent?), Error>] = []
        outcomes.reserveCapacity(batch.count)
        do {
            try connection.statement("BEGIN IMMEDIATE").run()
            do {
                for item in batch {
                    do {
                        outcomes.append(.success(try apply(item.op)))
                    } catch let error as StoreError where error.isOutcome {
                        outcomes.append(.failure(error))
                    }
                }
                try connection.statement("COMMIT").run()
            } catch {
                try? connection.exec("ROLLBACK")
                throw error
            }
        } catch {
            revision = startRevision
            logger.error("write transaction failed", metadata: ["writes": "\(batch.count)", "error": "\(error)"])
            for item in batch { item.continuation.resume(throwing: error) }
            return
        }
        hub.publish(outcomes.compactMap { outcome in (try? outcome.get())?.1 })
        for (item, outcome) in zip(batch, outcomes) {
            item.continuation.resume(with: outcome.map(\.0))
        }
    }

    /// One write inside the open transaction: checks the key's newest row, appends the new row.
    private func apply(_ op: WriteOp) throws -> (WriteResult, StoreEvent?) {
        switch op {
        case .modify(let key, let transform):
            guard let old = try latest(key)?.current else { throw StoreError.notFound(key) }
            guard let value = transform(old) else { return (.unchanged, nil) }
            return try replace(old, with: value)
        case .create(let key, let value):
            if try latest(key)?.current != nil { throw StoreError.keyExists(key) }
            let rev = revision + 1
            try insert(id: rev, name: key, created: true, deleted: false, createRevision: rev, prevRevision: 0, value: value, oldValue: nil)
            let kv = KeyValue(key: key, value: value, createRevision: rev, modRevision: rev)
            return (.revision(rev), StoreEvent(kind: .put, kv: kv, prevKV: nil))
        case .update(let key, let value, let expectedRevision):
            guard let old = try latest(key)?.current else { throw StoreError.notFound(key) }
            if old.modRevision != expectedRevision {
                throw StoreError.conflict(key: key, currentRevision: old.modRevision)
            }
            return try replace(old, with: value)
        case .delete(let key, let expectedRevision):
            guard let old = try latest(key)?.current else { throw StoreError.notFound(key) }
            if let expectedRevision, old.modRevision != expectedRevision {
                throw StoreError.conflict(key: key, currentRevision: old.modRevision)
            }
            let rev = revision + 1
            try insert(id: rev, name: key, created: false, deleted: true, createRevision: old.createRevision,
                       prevRevision: old.modRevision, value: old.value, oldValue: old.value)
            var gone = old
            gone.modRevision = rev
            return (.deleted(gone), StoreEvent(kind: .delete, kv: gone, prevKV: old))
        }
    }

    /// Appends the row that gives `old`'s key a new value.
    private func replace(_ old: KeyValue, with value: Data) throws -> (WriteResult, StoreEvent?) {
        let rev = revision + 1
        try insert(id: rev, name: old.key, created: false, deleted: false, createRevision: old.createRevision,
                   prevRevision: old.modRevision, value: value, oldValue: old.value)
        let kv = KeyValue(key: old.key, value: value, createRevision: old.createRevision, modRevision: rev)
        return (.revision(rev), StoreEvent(kind: .put, kv: kv, prevKV: old))
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
        // The logical point moves first: reads below `at` are refused from here on, so
        // removing rows below it, slice by slice with writes in between, never changes an
        // answer anyone can get.
        try setMeta("compact_revision", at)
        compactRevision = at
        compactionPoint.value = at
        if purging { return }  // the running pass moves on to the new point
        purging = true
        defer { purging = false }
        try await purge()
    }

    /// Deletes rows no read at or above the compaction point can need: superseded rows at or
    /// below it, and deletes there (the key is simply absent). Each key's state at the point
    /// stays. Works in slices of ids, each its own transaction, yielding to writers between.
    private func purge() async throws {
        let sql = """
            DELETE FROM kv WHERE id > ?1 AND id <= ?2 AND (deleted = 1 OR EXISTS (
                SELECT 1 FROM kv AS newer WHERE newer.name = kv.name AND newer.id > kv.id AND newer.id <= ?3))
            """
        var removed = 0
        while purgedRevision < compactRevision, !closed {
            let target = compactRevision
            var low = purgedRevision
            while low < target, !closed {
                let high = min(low + 2000, target)
                try connection.statement("BEGIN IMMEDIATE").run()
                do {
                    let statement = try connection.statement(sql)
                    statement.bind(1, low)
                    statement.bind(2, high)
                    statement.bind(3, target)
                    try statement.run()
                    removed += connection.changes
                    try connection.statement("COMMIT").run()
                } catch {
                    try? connection.exec("ROLLBACK")
                    throw error
                }
                low = high
                await Task.yield()
            }
            if closed { return }
            try setMeta("purged_revision", target)
            purgedRevision = target
        }
        logger.debug("compacted", metadata: ["revision": "\(purgedRevision)", "rows": "\(removed)"])
    }

    private func setMeta(_ key: String, _ value: Int64) throws {
        let statement = try connection.statement("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
        statement.bind(1, key)
        statement.bind(2, value)
        try statement.run()
    }

    private func meta(_ key: String) throws -> Int64? {
        let statement = try connection.statement("SELECT value FROM meta WHERE key = ?1")
        defer { statement.finish() }
        statement.bind(1, key)
        return try statement.step() ? statement.int(0) : nil
    }

    public func close() async {
        guard !closed else { return }
        closed = true
        for item in pending { item.continuation.resume(throwing: StoreError.unavailable("store closed")) }
        pending.removeAll()
        compactor?.cancel()
        compactor = nil
        hub.finishAll(throwing: StoreError.unavailable("store closed"))
        // Fold the WAL into the database so a clean shutdown leaves one small file.
        try? connection.exec("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        readers.close()
        fileLock.release()
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

    /// Rows kept at or below `revision` (what compaction leaves: one per live key).
    public func rowCount(atOrBelow revision: Int64) throws -> Int64 {
        try checkOpen()
        let statement = try connection.statement("SELECT COUNT(*) FROM kv WHERE id <= ?1")
        defer { statement.finish() }
        statement.bind(1, revision)
        return try statement.step() ? statement.int(0) : 0
    }

    /// The revision below which history is gone.
    public func compactedRevision() -> Int64 { compactRevision }

    /// Live watch registrations (for leak checks).
    nonisolated var watchRegistrations: (watchers: Int, cancelled: Int) { hub.counts }

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
            hub.discard(id: id)
            return
        }
        if afterRevision < compactRevision {
            continuation.finish(throwing: StoreError.compacted(requested: afterRevision, compactRevision: compactRevision))
            hub.discard(id: id)
            return
        }
        // Replay and registration in one actor turn: no commit can fall between them.
        if afterRevision < revision {
            do {
                for event in try history(prefix: prefix, afterRevision: afterRevision) { continuation.yield(event) }
            } catch {
                continuation.finish(throwing: error)
                hub.discard(id: id)
                return
            }
        }
        hub.add(id: id, prefix: prefix, after: afterRevision, continuation: continuation)
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

extension StoreError {
    /// True for the answers a write gives about its key (exists, missing, conflict), which
    /// leave the rest of a group commit untouched.
    var isOutcome: Bool {
        switch self {
        case .keyExists, .notFound, .conflict: return true
        default: return false
        }
    }
}
