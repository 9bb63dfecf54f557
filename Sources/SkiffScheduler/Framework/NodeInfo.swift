import SkiffAPI

/// A node as the scheduler sees it: the fields the filters read, precomputed from the Node,
/// plus the running totals of the pods bound or assumed there. Kept up to date incrementally
/// (a pod added or removed changes only its node), so a decision never rebuilds or copies it.
/// A reference type so the filter loop touches one pointer per node; owned by one
/// `ClusterSnapshot`, which its owner (the scheduler's cache) confines to one task.
public final class NodeInfo {
    public private(set) var node: Node
    public let name: String
    public private(set) var labels: [String: String]
    /// NoSchedule and NoExecute taints (the ones that filter).
    public private(set) var taints: [Taint]
    public private(set) var unschedulable: Bool
    /// The Ready condition is True.
    public private(set) var ready: Bool
    public private(set) var allocatable: ResourceVector

    /// Sums over the pods here.
    public private(set) var requested = ResourceVector.zero
    public private(set) var nonZeroRequested = ResourceVector.zero
    public private(set) var usedPorts: [HostPortUse] = []
    /// hostPath → (read-only uses, writable uses).
    public private(set) var hostPaths: [String: (readOnly: Int, writable: Int)] = [:]
    /// Controller uid → pods of it here.
    public private(set) var controllerCounts: [String: Int] = [:]
    /// The pods here, by key.
    public private(set) var pods: [String: PodInfo] = [:]

    public init(_ node: Node) {
        self.node = node
        name = node.metadata.name ?? ""
        labels = [:]; taints = []; unschedulable = false; ready = false; allocatable = .zero
        update(node)
    }

    /// Replaces the Node object (labels, taints, allocatable, conditions), keeping the pods.
    public func update(_ node: Node) {
        self.node = node
        labels = node.metadata.labels ?? [:]
        taints = (node.spec.taints ?? []).filter { $0.effect == "NoSchedule" || $0.effect == "NoExecute" }
        unschedulable = node.spec.unschedulable ?? false
        ready = node.status.conditions?.first { $0.type == "Ready" }?.status == "True"
        allocatable = ResourceVector(node.status.allocatable ?? node.status.capacity)
    }

    /// Whether two Node objects differ in anything a filter or score reads (a heartbeat alone
    /// does not, so it never makes unschedulable pods retry).
    public static func schedulingRelevantChange(_ a: Node, _ b: Node) -> Bool {
        a.metadata.labels != b.metadata.labels || a.spec.taints != b.spec.taints || a.spec.unschedulable != b.spec.unschedulable
            || (a.status.allocatable ?? a.status.capacity) != (b.status.allocatable ?? b.status.capacity)
            || a.status.conditions?.first { $0.type == "Ready" }?.status != b.status.conditions?.first { $0.type == "Ready" }?.status
    }

    public func add(_ p: PodInfo) {
        guard pods.updateValue(p, forKey: p.key) == nil else { return }
        requested += p.requests
        nonZeroRequested += p.nonZeroRequests
        usedPorts += p.hostPorts
        for h in p.hostPaths {
            var c = hostPaths[h.path] ?? (0, 0)
            if h.readOnly { c.readOnly += 1 } else { c.writable += 1 }
            hostPaths[h.path] = c
        }
        if let c = p.controllerUID { controllerCounts[c, default: 0] += 1 }
    }

    public func remove(key: String) {
        guard let p = pods.removeValue(forKey: key) else { return }
        requested -= p.requests
        nonZeroRequested -= p.nonZeroRequests
        for hp in p.hostPorts {
            if let i = usedPorts.firstIndex(of: hp) { usedPorts.remove(at: i) }
        }
        for h in p.hostPaths {
            guard var c = hostPaths[h.path] else { continue }
            if h.readOnly { c.readOnly -= 1 } else { c.writable -= 1 }
            hostPaths[h.path] = c.readOnly + c.writable <= 0 ? nil : c
        }
        if let c = p.controllerUID {
            let n = (controllerCounts[c] ?? 1) - 1
            controllerCounts[c] = n <= 0 ? nil : n
        }
    }
}
