import SkiffAPI

/// A service's pod selector, for SelectorSpread.
public struct ServiceSelector: Sendable, Hashable {
    public var namespace: String
    public var name: String
    public var selector: [String: String]

    public init(namespace: String, name: String, selector: [String: String]) {
        self.namespace = namespace
        self.name = name
        self.selector = selector
    }

    public func selects(_ p: PodInfo) -> Bool {
        guard p.namespace == namespace, !selector.isEmpty else { return false }
        for (k, v) in selector where p.labels[k] != v { return false }
        return true
    }
}

/// The cluster state the algorithm decides over: every node with the pods bound or assumed
/// there, and the services. Owned by the scheduler's cache and changed in place (a pod added
/// updates only its node), so deciding a pod never copies it; not shared across tasks.
public final class ClusterSnapshot {
    public private(set) var nodes: [NodeInfo] = []
    private var index: [String: Int] = [:]
    /// Every pod's node, also for nodes not (or no longer) known, so a node that appears later
    /// starts with its pods.
    private var podNode: [String: String] = [:]
    private var podsByNode: [String: [String: PodInfo]] = [:]
    public private(set) var services: [String: ServiceSelector] = [:]

    public init() {}

    public var nodeCount: Int { nodes.count }

    public func node(named name: String) -> NodeInfo? {
        index[name].map { nodes[$0] }
    }

    public func nodeName(ofPod key: String) -> String? { podNode[key] }

    public var podCount: Int { podNode.count }

    /// Adds or updates a node.
    public func upsertNode(_ node: Node) {
        let name = node.metadata.name ?? ""
        if let i = index[name] {
            nodes[i].update(node)
            return
        }
        let info = NodeInfo(node)
        for p in (podsByNode[name] ?? [:]).values { info.add(p) }
        index[name] = nodes.count
        nodes.append(info)
    }

    /// Removes a node (its pods stay remembered until they are deleted).
    public func removeNode(named name: String) {
        guard let i = index.removeValue(forKey: name) else { return }
        let last = nodes.count - 1
        if i != last {
            nodes.swapAt(i, last)
            index[nodes[i].name] = i
        }
        nodes.removeLast()
    }

    /// Puts a pod on a node (bound, or assumed by a decision); moves it if it was elsewhere.
    public func addPod(_ p: PodInfo, node: String) {
        if let old = podNode[p.key] {
            if old == node { return }
            removePod(key: p.key)
        }
        podNode[p.key] = node
        podsByNode[node, default: [:]][p.key] = p
        if let i = index[node] { nodes[i].add(p) }
    }

    /// Takes a pod off its node (deleted, finished, or an assumption that failed to bind).
    public func removePod(key: String) {
        guard let node = podNode.removeValue(forKey: key) else { return }
        podsByNode[node]?[key] = nil
        if podsByNode[node]?.isEmpty == true { podsByNode[node] = nil }
        if let i = index[node] { nodes[i].remove(key: key) }
    }

    public func upsertService(_ s: ServiceSelector) { services["\(s.namespace)/\(s.name)"] = s }
    public func removeService(namespace: String, name: String) { services["\(namespace)/\(name)"] = nil }
}
