import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Posts v1 Events about pods from a bounded buffer served by a few workers, so events never
/// slow down binding: when the buffer is full new events are dropped (as Kubernetes' event
/// broadcaster does). A repeat of the same event for the same pod bumps its count.
public final class EventSink: Sendable {
    struct Item: Sendable {
        var pod: Pod
        var type: String
        var reason: String
        var action: String
        var message: String
    }

    private let continuation: AsyncStream<Item>.Continuation
    private let workers: [Task<Void, Never>]
    private let seen: Locked<[String: (name: String, count: Int32)]>

    public init(client: SkiffClient, component: String, instance: String, workers: Int = 2, buffer: Int = 1000) {
        let (stream, cont) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingOldest(buffer))
        continuation = cont
        let seen = Locked<[String: (name: String, count: Int32)]>([:])
        self.seen = seen
        let logger = Logger(label: "skiff.scheduler.events")
        var tasks: [Task<Void, Never>] = []
        for _ in 0..<max(1, workers) {
            tasks.append(Task {
                for await item in stream {
                    await Self.post(item, client: client, component: component, instance: instance, seen: seen, logger: logger)
                }
            })
        }
        self.workers = tasks
    }

    /// Queues an event (dropped when the buffer is full).
    public func post(_ pod: Pod, type: String, reason: String, action: String, message: String) {
        _ = continuation.yield(Item(pod: pod, type: type, reason: reason, action: action, message: message))
    }

    /// Stops taking events; the queued ones are still posted.
    public func close() { continuation.finish() }

    /// Stops taking events and waits for the queued ones to be posted.
    public func finish() async {
        continuation.finish()
        for w in workers { await w.value }
    }

    static func post(_ item: Item, client: SkiffClient, component: String, instance: String,
                     seen: Locked<[String: (name: String, count: Int32)]>, logger: Logger) async {
        let ns = item.pod.metadata.namespace ?? "default"
        let podName = item.pod.metadata.name ?? ""
        let key = [ns, podName, item.pod.metadata.uid ?? "", item.type, item.reason, item.message].joined(separator: "\u{1}")
        let now = Time.now()
        if let prev = seen.withLock({ $0[key] }) {
            let count = prev.count + 1
            seen.withLock { $0[key] = (prev.name, count) }
            let patch: JSONValue = ["count": .int(Int64(count)), "lastTimestamp": .string(now.rfc3339)]
            if (try? await client.patch(Event.self, namespace: ns, name: prev.name, patch: patch)) != nil { return }
        }
        var ev = Event(involvedObject: ObjectReference(kind: "Pod", namespace: ns, name: podName, uid: item.pod.metadata.uid,
                                                       apiVersion: "v1", resourceVersion: item.pod.metadata.resourceVersion),
                       reportingComponent: component, reportingInstance: instance)
        ev.metadata.name = "\(podName).\(String(UInt64(Date().timeIntervalSince1970 * 1e9), radix: 16))"
        ev.metadata.namespace = ns
        ev.reason = item.reason
        ev.message = item.message
        ev.type = item.type
        ev.action = item.action
        ev.source = EventSource(component: component)
        ev.firstTimestamp = now
        ev.lastTimestamp = now
        ev.count = 1
        do {
            // The answer is not decoded: the name is ours, and decoding costs the scheduler's CPU.
            _ = try await client.send(.POST, ResourcePaths.path(Event.resourceInfo, namespace: ns), body: try KubeJSON.encode(ev))
            let name = ev.metadata.name ?? ""
            seen.withLock {
                if $0.count > 4096 { $0.removeAll() }
                $0[key] = (name, 1)
            }
        } catch {
            logger.debug("posting event \(item.reason) for \(ns)/\(podName): \(error)")
        }
    }
}

/// A value behind a lock (Synchronization.Mutex needs a newer macOS than the package's floor).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ v: Value) { value = v }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
