import Foundation

/// In-process fan-out of committed events to watch streams.
///
/// Backends that own their data in this process (memory, SQLite) publish each committed
/// write here; each watcher receives the events under its prefix. Registration must happen
/// in the same critical section as the replay of past events (the backend's job) so no
/// event falls between replay and live delivery.
final class WatchHub: @unchecked Sendable {
    typealias Continuation = AsyncThrowingStream<StoreEvent, Error>.Continuation

    private struct Watcher {
        var prefix: String
        /// Events at or below this revision were replayed or not asked for (a watch may
        /// start from a revision not reached yet).
        var after: Int64
        var continuation: Continuation
    }

    private let lock = NSLock()
    private var nextID: UInt64 = 0
    private var watchers: [UInt64: Watcher] = [:]

    /// Reserves an id for a watcher that is registered later with `add(id:...)`; removing
    /// an id before it is added makes the later `add` a no-op, so a stream cancelled during
    /// its replay never leaks a registration.
    func reserve() -> UInt64 {
        lock.withLock {
            nextID += 1
            return nextID
        }
    }

    private var cancelled: Set<UInt64> = []

    func add(id: UInt64, prefix: String, after: Int64, continuation: Continuation) {
        lock.withLock {
            if cancelled.remove(id) != nil { return }
            watchers[id] = Watcher(prefix: prefix, after: after, continuation: continuation)
        }
    }

    func remove(id: UInt64) {
        lock.withLock {
            if watchers.removeValue(forKey: id) == nil { cancelled.insert(id) }
        }
    }

    /// Forgets a reserved id that will never be added (its stream ended before registration).
    func discard(id: UInt64) {
        lock.withLock { _ = cancelled.remove(id) }
    }

    /// Registered watchers and ids cancelled before registration (both drop to zero when
    /// every stream has ended).
    var counts: (watchers: Int, cancelled: Int) { lock.withLock { (watchers.count, cancelled.count) } }

    /// Delivers events (in revision order) to every watcher whose prefix matches.
    func publish(_ events: [StoreEvent]) {
        lock.withLock {
            for watcher in watchers.values {
                for event in events where event.kv.modRevision > watcher.after && event.kv.key.hasPrefix(watcher.prefix) {
                    watcher.continuation.yield(event)
                }
            }
        }
    }

    /// Ends every stream (store closed) and forgets them.
    func finishAll(throwing error: Error) {
        let all = lock.withLock {
            let all = watchers.values.map(\.continuation)
            watchers.removeAll()
            return all
        }
        for continuation in all { continuation.finish(throwing: error) }
    }
}
