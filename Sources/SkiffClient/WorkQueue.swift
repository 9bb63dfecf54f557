import Foundation

/// A deduplicating work queue for controllers: a key added while queued is not queued twice,
/// a key being processed is re-queued once it is done, and failures retry with backoff.
public actor WorkQueue {
    private var queue: [String] = []
    private var queued = Set<String>()
    private var processing = Set<String>()
    private var dirtyWhileProcessing = Set<String>()
    private var failures: [String: Int] = [:]
    private var waiters: [CheckedContinuation<String?, Never>] = []
    private var shuttingDown = false

    public init() {}

    public func add(_ key: String) {
        guard !shuttingDown else { return }
        if processing.contains(key) {
            dirtyWhileProcessing.insert(key)
            return
        }
        guard !queued.contains(key) else { return }
        queued.insert(key)
        if !waiters.isEmpty {
            queued.remove(key)
            processing.insert(key)
            waiters.removeFirst().resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// Adds after a delay (e.g. a retry).
    public nonisolated func add(_ key: String, after delay: Duration) {
        Task {
            try? await Task.sleep(for: delay)
            await self.add(key)
        }
    }

    /// The next key to process, waiting for one; nil once shut down.
    public func next() async -> String? {
        if !queue.isEmpty {
            let k = queue.removeFirst()
            queued.remove(k)
            processing.insert(k)
            return k
        }
        if shuttingDown { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Marks a key done; re-queues it if it changed while being processed.
    public func done(_ key: String) {
        processing.remove(key)
        if dirtyWhileProcessing.remove(key) != nil { add(key) }
    }

    /// Marks a failure and retries the key with exponential backoff (5ms doubling to 30s).
    public func retry(_ key: String) {
        let n = (failures[key] ?? 0) + 1
        failures[key] = n
        done(key)
        let ms = min(5 * (1 << min(n, 13)), 30_000)
        add(key, after: .milliseconds(ms))
    }

    /// Clears a key's failure count after a success.
    public func forget(_ key: String) { failures[key] = nil }

    public var length: Int { queue.count }

    public func shutDown() {
        shuttingDown = true
        for w in waiters { w.resume(returning: nil) }
        waiters.removeAll()
    }
}
