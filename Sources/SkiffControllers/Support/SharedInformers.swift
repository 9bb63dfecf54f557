import Foundation
import SkiffAPI
import SkiffClient

/// One informer per resource kind, shared by every controller in the process (one list and
/// one watch per kind, not per controller). Controllers add their handlers first; `startAll`
/// then begins listing so no controller misses the initial adds.
public final class SharedInformers: @unchecked Sendable {
    public let client: SkiffClient
    private var informers: [ObjectIdentifier: Any] = [:]
    private var starters: [@Sendable () async -> Void] = []
    private var syncers: [@Sendable () async -> Bool] = []
    private var stoppers: [@Sendable () async -> Void] = []
    private let lock = NSLock()

    public init(client: SkiffClient) { self.client = client }

    public func informer<T: KubeObject>(_ type: T.Type) -> Informer<T> {
        lock.withLock {
            if let i = informers[ObjectIdentifier(T.self)] as? Informer<T> { return i }
            let i = Informer<T>(client: client)
            informers[ObjectIdentifier(T.self)] = i
            starters.append { await i.start() }
            syncers.append { await i.waitForSync(timeout: .seconds(60)) }
            stoppers.append { await i.stop() }
            return i
        }
    }

    public func startAll() async {
        for s in lock.withLock({ starters }) { await s() }
    }

    /// Waits until every informer has its first list; false when one did not in time.
    public func waitForSync() async -> Bool {
        var ok = true
        for s in lock.withLock({ syncers }) where !(await s()) { ok = false }
        return ok
    }

    public func stopAll() async {
        for s in lock.withLock({ stoppers }) { await s() }
    }
}

/// Runs `count` workers that take keys from `queue` and sync them until the task is
/// cancelled: success forgets the key's failures, an error retries it with backoff.
public func runWorkers(queue: WorkQueue, count: Int, sync: @escaping @Sendable (String) async throws -> Void,
                       onError: @escaping @Sendable (String, Error) -> Void) async {
    await withTaskCancellationHandler {
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<max(1, count) {
                group.addTask {
                    while let key = await queue.next() {
                        do {
                            try await sync(key)
                            await queue.forget(key)
                            await queue.done(key)
                        } catch {
                            onError(key, error)
                            await queue.retry(key)
                        }
                    }
                }
            }
        }
    } onCancel: {
        Task { await queue.shutDown() }
    }
}
