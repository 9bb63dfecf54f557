import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Posts v1 Events about pods, as the kubelet's recorder does; a repeat of the same event for
/// the same object within the process bumps its count instead of creating another object.
public actor EventRecorder {
    let client: SkiffClient?
    let component: String
    let host: String
    private let logger = Logger(label: "skiff.kubelet.events")
    private var seen: [String: (name: String, count: Int32, first: Time)] = [:]

    public init(client: SkiffClient?, component: String = "kubelet", host: String) {
        self.client = client; self.component = component; self.host = host
    }

    public nonisolated func post(_ pod: Pod, type: String = "Normal", reason: String, message: String, fieldPath: String? = nil) {
        Task { await self.record(pod, type: type, reason: reason, message: message, fieldPath: fieldPath) }
    }

    func record(_ pod: Pod, type: String, reason: String, message: String, fieldPath: String?) async {
        logger.debug("\(type) \(reason) \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? ""): \(message)")
        guard let client, let ns = pod.metadata.namespace, let podName = pod.metadata.name else { return }
        let key = [ns, podName, pod.metadata.uid ?? "", fieldPath ?? "", type, reason, message].joined(separator: "\u{1}")
        let now = Time.now()
        if let prev = seen[key] {
            let count = prev.count + 1
            seen[key] = (prev.name, count, prev.first)
            do {
                var ev = try await client.get(Event.self, namespace: ns, name: prev.name)
                ev.count = count
                ev.lastTimestamp = now
                _ = try await client.update(ev)
                return
            } catch {
                // Fall through and create a fresh event (the old one may have expired).
            }
        }
        var ev = Event(involvedObject: ObjectReference(kind: "Pod", namespace: ns, name: podName, uid: pod.metadata.uid,
                                                       apiVersion: "v1", resourceVersion: pod.metadata.resourceVersion, fieldPath: fieldPath),
                       reportingComponent: component, reportingInstance: host)
        ev.metadata.name = "\(podName).\(String(UInt64(Date().timeIntervalSince1970 * 1e9), radix: 16))"
        ev.metadata.namespace = ns
        ev.reason = reason
        ev.message = message
        ev.type = type
        ev.source = EventSource(component: component, host: host)
        ev.firstTimestamp = now
        ev.lastTimestamp = now
        ev.count = 1
        do {
            let made = try await client.create(ev, namespace: ns)
            seen[key] = (made.metadata.name ?? "", 1, now)
        } catch {
            logger.warning("posting event \(reason) for \(ns)/\(podName): \(error)")
        }
    }
}
