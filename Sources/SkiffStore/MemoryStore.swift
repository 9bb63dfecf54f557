import Foundation

/// An in-memory `KVStore` for tests and `--store memory`.
///
/// It keeps every version of every key (until compaction) so it answers lists at a past
/// revision and watches from a past revision exactly like the durable backends. All state
/// lives in one actor, so a write, its history entry and its fan-out to watchers happen as
/// one step and a watcher that registers after replay can never miss an event.
public actor MemoryStore: KVStore {
    /// One version of a key; `value == nil` marks a delete (a tombstone).
    struct Version {
        var modRevision: Int64
        var createRevision: Int64
        var value: Data?
    }

    private var revision: Int64 = 0
    private var compactRevision: Int64 = 0
    /// Versions per key, oldest first.
    private var versions: [String: [Version]] = [:]
    /// Every change in revision order, for watch replay.
    private var events: [StoreEvent] = []
    private let hub = WatchHub()
    private var closed = false

    public init() {}

    public func currentRevision() async throws -> Int64 {
        try checkOpen()
        return revision
    }

    public func get(_ key: String) async throws -> KeyValue? {
        try checkOpen()
        return latest(key)
    }

    public func list(prefix: String, revision at: Int64?, startAfter: String?, limit: Int) async throws -> ListResult {
        try checkOpen()
        let readRevision = at ?? revision
        if let at {
            if at > revision { throw StoreError.futureRevision(requested: at, current: revision) }
            if at < compactRevision { throw StoreError.compacted(requested: at, compactRevision: compactRevision) }
        }
        var keys = versions.keys.filter { $0.hasPrefix(prefix) }
        if let startAfter { keys = keys.filter { $0 > startAfter } }
        keys.sort()
        var items: [KeyValue] = []
        var more = false
        for key in keys {
            guard let list = versions[key],
                  let version = list.last(where: { $0.modRevision <= readRevision }),
                  let value = version.value else { continue }
            if limit > 0 && items.count == limit {
                more = true
                break
            }
            items.append(KeyValue(key: key, value: value, createRevision: version.createRevision, modRevision: version.modRevision))
        }
        return ListResult(items: items, revision: readRevision, more: more)
    }

    public func create(_ key: String, value: Data) async throws -> Int64 {
        try checkOpen()
        if latest(key) != nil { throw StoreError.keyExists(key) }
        revision += 1
        let kv = KeyValue(key: key, value: value, createRevision: revision, modRevision: revision)
        record(key, Version(modRevision: revision, createRevision: revision, value: value),
               event: StoreEvent(kind: .put, kv: kv, prevKV: nil))
        return revision
    }

    public func update(_ key: String, value: Data, expectedRevision: Int64) async throws -> Int64 {
        try checkOpen()
        guard let old = latest(key) else { throw StoreError.notFound(key) }
        if old.modRevision != expectedRevision {
            throw StoreError.conflict(key: key, currentRevision: old.modRevision)
        }
        revision += 1
        let kv = KeyValue(key: key, value: value, createRevision: old.createRevision, modRevision: revision)
        record(key, Version(modRevision: revision, createRevision: old.createRevision, value: value),
               event: StoreEvent(kind: .put, kv: kv, prevKV: old))
        return revision
    }

    public func delete(_ key: String, expectedRevision: Int64?) async throws -> KeyValue {
        try checkOpen()
        guard let old = latest(key) else { throw StoreError.notFound(key) }
        if let expectedRevision, old.modRevision != expectedRevision {
            throw StoreError.conflict(key: key, currentRevision: old.modRevision)
        }
        revision += 1
        var gone = old
        gone.modRevision = revision
        record(key, Version(modRevision: revision, createRevision: old.createRevision, value: nil),
               event: StoreEvent(kind: .delete, kv: gone, prevKV: old))
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
        for (key, list) in versions {
            // Keep the newest version at or below `at` (the key's value at that revision)
            // unless it is a delete, and everything newer.
            let newer = list.filter { $0.modRevision > at }
            var kept: [Version] = []
            if let base = list.last(where: { $0.modRevision <= at }), base.value != nil { kept.append(base) }
            kept += newer
            versions[key] = kept.isEmpty ? nil : kept
        }
        events.removeAll { $0.kv.modRevision <= at }
        compactRevision = at
    }

    public func close() async {
        closed = true
        hub.finishAll(throwing: StoreError.unavailable("store closed"))
    }

    /// Live watch registrations (for leak checks).
    nonisolated var watchRegistrations: (watchers: Int, cancelled: Int) { hub.counts }

    // MARK: - internals

    private func checkOpen() throws {
        if closed { throw StoreError.unavailable("store closed") }
    }

    private func latest(_ key: String) -> KeyValue? {
        guard let version = versions[key]?.last, let value = version.value else { return nil }
        return KeyValue(key: key, value: value, createRevision: version.createRevision, modRevision: version.modRevision)
    }

    private func record(_ key: String, _ version: Version, event: StoreEvent) {
        versions[key, default: []].append(version)
        events.append(event)
        hub.publish([event])
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
        // Replay and registration happen in one actor turn: no write can fall between them.
        let start = firstIndex(after: afterRevision)
        for event in events[start...] where event.kv.key.hasPrefix(prefix) {
            continuation.yield(event)
        }
        hub.add(id: id, prefix: prefix, after: afterRevision, continuation: continuation)
    }

    /// Index of the first event with a revision above `after` (binary search; events are ordered).
    private func firstIndex(after: Int64) -> Int {
        var lo = 0, hi = events.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if events[mid].kv.modRevision <= after { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
