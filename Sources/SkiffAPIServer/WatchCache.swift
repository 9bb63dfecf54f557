import Foundation
import Logging
import SkiffAPI
import SkiffStore

/// One change to a stored object, prepared once and shared by every watcher that sees it.
///
/// The encoded object (and the watch line of the event's own type) is made when the change
/// arrives; the parsed trees only when a watcher needs them (selectors, Table output), so a
/// stream of changes watched without selectors is never parsed.
public struct CachedEvent: Sendable {
    public enum Kind: String, Sendable { case added = "ADDED", modified = "MODIFIED", deleted = "DELETED" }
    public var kind: Kind
    public var key: String
    public var revision: Int64
    /// `object` encoded once, shared by every watcher's output line.
    public var objectJSON: Data
    /// `{"type":KIND,"object":...}` plus a newline: the whole line for watchers that see the
    /// change as what it is (every watcher without selectors).
    public var line: Data
    private let trees: LazyTrees

    /// The new object, or for a delete the last state with resourceVersion = the delete's revision.
    public var object: JSONValue { trees.get().object }
    /// The state before the change, so selector watchers see objects leave and enter their view.
    public var previous: JSONValue? { trees.get().previous }

    init(kind: Kind, key: String, revision: Int64, objectJSON: Data, trees: LazyTrees) {
        self.kind = kind
        self.key = key
        self.revision = revision
        self.objectJSON = objectJSON
        self.trees = trees
        line = Self.line(type: kind.rawValue, objectJSON: objectJSON)
    }

    /// A watch line of `type` for this event's object.
    static func line(type: String, objectJSON: Data) -> Data {
        var d = Data(capacity: objectJSON.count + 32)
        d.append(contentsOf: #"{"type":""#.utf8)
        d.append(contentsOf: type.utf8)
        d.append(contentsOf: #"","object":"#.utf8)
        d.append(objectJSON)
        d.append(contentsOf: "}\n".utf8)
        return d
    }

    /// Parses on first use, once, whichever watcher asks first.
    final class LazyTrees: @unchecked Sendable {
        private let lock = NSLock()
        private var make: (() -> (object: JSONValue, previous: JSONValue?))?
        private var made: (object: JSONValue, previous: JSONValue?)?

        init(_ make: @escaping () -> (object: JSONValue, previous: JSONValue?)) { self.make = make }
        init(object: JSONValue, previous: JSONValue?) { made = (object, previous) }

        func get() -> (object: JSONValue, previous: JSONValue?) {
            lock.withLock {
                if let made { return made }
                let value = make?() ?? (.null, nil)
                made = value
                make = nil
                return value
            }
        }
    }
}

/// What a watcher's stream carries: changes in revision order and progress marks.
public enum WatchItem: Sendable {
    case event(CachedEvent)
    /// Every change up to this revision has been delivered (Kubernetes' BOOKMARK).
    case bookmark(Int64)
}

/// The watch cache: one store watch over all of `/registry/`, fanned out to every API watcher
/// and kept as a window of recent history, so many watchers never each hit the store and a
/// watcher can resume from any revision still in the window (older ones get 410 Gone, as in
/// Kubernetes).
public actor WatchCache {
    private let store: any KVStore
    private let prefix: String
    private let capacity: Int
    private let logger = Logger(label: "skiff.apiserver.watchcache")

    private var buffer: [CachedEvent] = []
    private var head = 0   // index of the oldest event once the buffer is full
    /// Every change with a revision above `floor` is in the buffer (or yet to come).
    public private(set) var floor: Int64 = 0
    /// The newest revision the cache has seen.
    public private(set) var latest: Int64 = 0
    private var subscribers: [Int: Subscriber] = [:]
    private var nextID = 0
    private var pump: Task<Void, Never>?

    private struct Subscriber {
        var prefix: String
        /// Only changes after this revision (the cache may still be catching up to it).
        var after: Int64
        var mailbox: WatchMailbox
    }

    public init(store: any KVStore, prefix: String = "/registry/", capacity: Int = 8192) {
        self.store = store
        self.prefix = prefix
        self.capacity = max(16, capacity)
    }

    /// Starts following the store from its current revision.
    public func start() async throws {
        let rev = try await store.currentRevision()
        floor = rev
        latest = rev
        startPump(after: rev)
    }

    public func stop() {
        pump?.cancel()
        pump = nil
        for (_, s) in subscribers { s.mailbox.finish() }
        subscribers.removeAll()
    }

    private func startPump(after rev: Int64) {
        let store = self.store
        let prefix = self.prefix
        pump = Task { [weak self] in
            var from = rev
            while !Task.isCancelled {
                do {
                    for try await ev in store.watch(prefix: prefix, afterRevision: from) {
                        guard let self else { return }
                        from = await self.append(ev)
                    }
                    if Task.isCancelled { return }
                } catch let e as StoreError {
                    guard let self else { return }
                    if case .compacted = e {
                        from = await self.reset()
                    } else {
                        await self.log("store watch failed, retrying: \(e)")
                    }
                } catch {
                    guard let self else { return }
                    await self.log("store watch failed, retrying: \(error)")
                }
                try? await Task.sleep(nanoseconds: 200_000_000)
            }
        }
    }

    private func log(_ message: String) { logger.warning("\(message)") }

    /// The store lost the history the cache needed: start over from now and end every watcher
    /// (they resume with a fresh list, as after a 410).
    private func reset() async -> Int64 {
        let rev = (try? await store.currentRevision()) ?? latest
        buffer.removeAll()
        head = 0
        floor = rev
        latest = rev
        for (_, s) in subscribers { s.mailbox.finish() }
        subscribers.removeAll()
        return rev
    }

    /// Adds one store change and hands it to every watcher of a matching prefix.
    @discardableResult
    func append(_ ev: StoreEvent) -> Int64 {
        guard ev.kv.modRevision > latest else { return latest }
        guard let event = Self.decode(ev) else {
            latest = ev.kv.modRevision
            return latest
        }
        if buffer.count < capacity {
            buffer.append(event)
        } else {
            floor = buffer[head].revision
            buffer[head] = event
            head = (head + 1) % capacity
        }
        latest = event.revision
        for (id, s) in subscribers where event.revision > s.after && event.key.hasPrefix(s.prefix) {
            if !s.mailbox.push(.event(event)) {
                // A watcher that cannot keep up is closed; it resumes from its last revision.
                s.mailbox.finish()
                subscribers[id] = nil
            }
        }
        return latest
    }

    static func decode(_ ev: StoreEvent) -> CachedEvent? {
        let kind: CachedEvent.Kind = ev.kind == .delete ? .deleted : ev.prevKV == nil ? .added : .modified
        let revision = ev.kv.modRevision
        // A delete reports the last state, at the delete's revision.
        let stored = ev.kind == .delete ? ev.prevKV?.value ?? ev.kv.value : ev.kv.value
        if let spliced = StoredJSON.withResourceVersion(stored, revision) {
            let trees = CachedEvent.LazyTrees {
                let object = (try? JSONValue(from: spliced)) ?? .null
                let previous = ev.prevKV.flatMap { kv in (try? JSONValue(from: kv.value))?.withResourceVersion(kv.modRevision) }
                return (object, previous)
            }
            return CachedEvent(kind: kind, key: ev.kv.key, revision: revision, objectJSON: spliced, trees: trees)
        }
        // Bytes the splice does not understand: parse now (and skip what is not JSON).
        guard let obj = try? JSONValue(from: stored) else { return nil }
        let prev = ev.prevKV.flatMap { kv in (try? JSONValue(from: kv.value))?.withResourceVersion(kv.modRevision) }
        let o = obj.withResourceVersion(revision)
        return CachedEvent(kind: kind, key: ev.kv.key, revision: revision, objectJSON: o.encoded(),
                           trees: CachedEvent.LazyTrees(object: o, previous: prev))
    }

    /// Subscribes to changes under `prefix` with a revision above `after`: buffered history is
    /// replayed first, then live changes follow. Throws 410 Gone when `after` is older than the
    /// window.
    func subscribe(prefix: String, after: Int64) throws -> (id: Int, mailbox: WatchMailbox) {
        if after < floor {
            throw APIError.gone("too old resource version: \(after) (\(floor))")
        }
        let mailbox = WatchMailbox(limit: capacity * 2)
        let count = buffer.count
        for i in 0..<count {
            let e = buffer[(head + i) % count]
            if e.revision > after && e.key.hasPrefix(prefix) { mailbox.push(.event(e)) }
        }
        let id = nextID
        nextID += 1
        subscribers[id] = Subscriber(prefix: prefix, after: after, mailbox: mailbox)
        return (id, mailbox)
    }

    public func unsubscribe(_ id: Int) {
        subscribers[id]?.mailbox.finish()
        subscribers[id] = nil
    }

    /// Sends a bookmark at the newest revision to every watcher (they are all caught up to it,
    /// since events are handed out in order).
    public func bookmarkAll() {
        for (_, s) in subscribers where latest > s.after { s.mailbox.push(.bookmark(latest)) }
    }

    /// Sends a bookmark to one watcher.
    public func bookmark(_ id: Int) {
        guard let s = subscribers[id], latest > s.after else { return }
        s.mailbox.push(.bookmark(latest))
    }

    public var watcherCount: Int { subscribers.count }

    /// Waits until the cache has seen `revision` (bounded), so a client that wrote and then
    /// watches from its write's revision sees no gap.
    public func waitFor(revision: Int64, timeout: Duration = .seconds(3)) async {
        let deadline = ContinuousClock.now + timeout
        while latest < revision && ContinuousClock.now < deadline {
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
    }
}
