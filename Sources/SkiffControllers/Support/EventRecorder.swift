import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Where events go: the API in the controller manager, a list in tests.
public protocol EventSink: Sendable {
    func post(_ event: Event) async throws -> Event
    func update(_ event: Event) async throws -> Event
    func get(namespace: String, name: String) async throws -> Event
}

/// Writes events through the API.
public struct APIEventSink: EventSink {
    public let client: SkiffClient
    public init(client: SkiffClient) { self.client = client }
    public func post(_ event: Event) async throws -> Event { try await client.create(event, namespace: event.metadata.namespace) }
    public func update(_ event: Event) async throws -> Event { try await client.update(event) }
    public func get(namespace: String, name: String) async throws -> Event { try await client.get(Event.self, namespace: namespace, name: name) }
}

/// Per-object spam filter, as Kubernetes' event correlator has: a burst of 25 events per
/// involved object, then one per 5 minutes (pure; the recorder keeps one per object).
public struct EventSpamFilter: Sendable {
    public var tokens: Double
    public var last: Double
    public static let burst = 25.0
    public static let refillPerSecond = 1.0 / 300.0

    public init(now: Double) { tokens = Self.burst; last = now }

    /// Takes a token if one is left at `now` (seconds).
    public mutating func allow(now: Double) -> Bool {
        tokens = min(Self.burst, tokens + (now - last) * Self.refillPerSecond)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

/// Records v1 Events about any object (SuccessfulCreate, ScalingReplicaSet, ...): the same
/// event again bumps the count of the one already posted; a flood about one object is cut by
/// the spam filter. Posting never blocks the caller.
public actor EventRecorder {
    let sink: EventSink?
    let component: String
    private let logger: Logger
    private var posted: [String: (name: String, namespace: String, count: Int32)] = [:]
    private var filters: [String: EventSpamFilter] = [:]

    public init(sink: EventSink?, component: String) {
        self.sink = sink
        self.component = component
        self.logger = Logger(label: "skiff.controllers.events")
    }

    public nonisolated func event<T: KubeObject>(_ obj: T, type: String = "Normal", reason: String, message: String) {
        let ref = ObjectReference(kind: T.resourceInfo.kind, namespace: obj.metadata.namespace, name: obj.metadata.name,
                                  uid: obj.metadata.uid, apiVersion: T.resourceInfo.apiVersion,
                                  resourceVersion: obj.metadata.resourceVersion)
        Task { await self.record(ref, type: type, reason: reason, message: message) }
    }

    func record(_ ref: ObjectReference, type: String, reason: String, message: String) async {
        logger.debug("\(type) \(reason) \(ref.kind ?? "") \(ref.namespace ?? "")/\(ref.name ?? ""): \(message)")
        guard let sink else { return }
        let objKey = [ref.kind ?? "", ref.namespace ?? "", ref.name ?? "", ref.uid ?? ""].joined(separator: "\u{1}")
        let now = Date().timeIntervalSince1970
        var f = filters[objKey] ?? EventSpamFilter(now: now)
        let allowed = f.allow(now: now)
        filters[objKey] = f
        guard allowed else { return }
        let key = [objKey, type, reason, message].joined(separator: "\u{1}")
        let stamp = Time.now()
        // Events live in the object's namespace; cluster-scoped objects' events in default.
        let ns = (ref.namespace ?? "").isEmpty ? "default" : (ref.namespace ?? "default")
        if let prev = posted[key] {
            let count = prev.count + 1
            posted[key] = (prev.name, prev.namespace, count)
            if var ev = try? await sink.get(namespace: prev.namespace, name: prev.name) {
                ev.count = count
                ev.lastTimestamp = stamp
                if (try? await sink.update(ev)) != nil { return }
            }
        }
        var ev = Event(involvedObject: ref, reportingComponent: component, reportingInstance: component)
        ev.metadata.name = "\(ref.name ?? "object").\(String(UInt64(now * 1e9), radix: 16))"
        ev.metadata.namespace = ns
        ev.reason = reason
        ev.message = message
        ev.type = type
        ev.source = EventSource(component: component)
        ev.firstTimestamp = stamp
        ev.lastTimestamp = stamp
        ev.count = 1
        do {
            let made = try await sink.post(ev)
            posted[key] = (made.metadata.name ?? "", ns, 1)
        } catch {
            logger.warning("posting event \(reason) for \(ref.kind ?? "") \(ns)/\(ref.name ?? ""): \(error)")
        }
    }
}
