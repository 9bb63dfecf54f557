// Interim in-memory store for `skiff apiserver --store memory` until SkiffStore provides its own.
import Foundation
import SkiffStore

/// A small in-memory `KVStore` for the API server's unit tests: etcd's model (one global
/// revision, history for watches, compaction) without persistence.
actor DevMemoryStore: KVStore {
    private var data: [String: KeyValue] = [:]
    private var history: [StoreEvent] = []
    private var revision: Int64 = 0
    private var compacted: Int64 = 0
    private var watchers: [Int: (prefix: String, cont: AsyncThrowingStream<StoreEvent, Error>.Continuation)] = [:]
    private var nextWatcher = 0

    func currentRevision() async throws -> Int64 { revision }

    func get(_ key: String) async throws -> KeyValue? { data[key] }

    func list(prefix: String, revision rev: Int64?, startAfter: String?, limit: Int) async throws -> ListResult {
        let at = rev ?? revision
        if at < compacted { throw StoreError.compacted(requested: at, compactRevision: compacted) }
        var state = data
        if at < revision {
            // Undo newer changes to rebuild the past state.
            for ev in history.reversed() where ev.kv.modRevision > at {
                if let prev = ev.prevKV { state[ev.kv.key] = prev } else { state[ev.kv.key] = nil }
            }
        }
        var keys = state.keys.filter { $0.hasPrefix(prefix) }.sorted()
        if let s = startAfter { keys = keys.filter { $0 > s } }
        var more = false
        if limit > 0 && keys.count > limit {
            keys = Array(keys.prefix(limit))
            more = true
        }
        return ListResult(items: keys.compactMap { state[$0] }, revision: at, more: more)
    }

    private func emit(_ ev: StoreEvent) {
        history.append(ev)
        for (_, w) in watchers where ev.kv.key.hasPrefix(w.prefix) { w.cont.yield(ev) }
    }

    func create(_ key: String, value: Data) async throws -> Int64 {
        if data[key] != nil { throw StoreError.keyExists(key) }
        revision += 1
        let kv = KeyValue(key: key, value: value, createRevision: revision, modRevision: revision)
        data[key] = kv
        emit(StoreEvent(kind: .put, kv: kv, prevKV: nil))
        return revision
    }

    func update(_ key: String, value: Data, expectedRevision: Int64) async throws -> Int64 {
        guard let old = data[key] else { throw StoreError.notFound(key) }
        if old.modRevision != expectedRevision { throw StoreError.conflict(key: key, currentRevision: old.modRevision) }
        revision += 1
        let kv = KeyValue(key: key, value: value, createRevision: old.createRevision, modRevision: revision)
        data[key] = kv
        emit(StoreEvent(kind: .put, kv: kv, prevKV: old))
        return revision
    }

    func delete(_ key: String, expectedRevision: Int64?) async throws -> KeyValue {
        guard let old = data[key] else { throw StoreError.notFound(key) }
        if let e = expectedRevision, old.modRevision != e { throw StoreError.conflict(key: key, currentRevision: old.modRevision) }
        revision += 1
        data[key] = nil
        var kv = old
        kv.modRevision = revision
        emit(StoreEvent(kind: .delete, kv: kv, prevKV: old))
        return kv
    }

    nonisolated func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreEvent, Error> {
        let (stream, cont) = AsyncThrowingStream<StoreEvent, Error>.makeStream()
        Task { await self.register(prefix: prefix, after: afterRevision, cont: cont) }
        return stream
    }

    private func register(prefix: String, after: Int64, cont: AsyncThrowingStream<StoreEvent, Error>.Continuation) {
        if after < compacted {
            cont.finish(throwing: StoreError.compacted(requested: after, compactRevision: compacted))
            return
        }
        for ev in history where ev.kv.modRevision > after && ev.kv.key.hasPrefix(prefix) { cont.yield(ev) }
        let id = nextWatcher
        nextWatcher += 1
        watchers[id] = (prefix, cont)
        cont.onTermination = { _ in Task { await self.unregister(id) } }
    }

    private func unregister(_ id: Int) { watchers[id] = nil }

    func compact(revision rev: Int64) async throws {
        compacted = max(compacted, rev)
        history.removeAll { $0.kv.modRevision <= rev }
    }

    func close() async {
        for (_, w) in watchers { w.cont.finish() }
        watchers.removeAll()
    }
}
