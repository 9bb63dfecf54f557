import SkiffAPI

/// A host port a pod asks for; two uses conflict on the same protocol and port when their
/// host IPs are equal or either is unspecified (0.0.0.0).
public struct HostPortUse: Sendable, Hashable {
    public var proto: String
    public var hostIP: String
    public var port: Int32

    public init(proto: String, hostIP: String, port: Int32) {
        self.proto = proto
        self.hostIP = hostIP
        self.port = port
    }

    public func conflicts(with o: HostPortUse) -> Bool {
        guard port == o.port, proto == o.proto else { return false }
        return hostIP == o.hostIP || hostIP == "0.0.0.0" || o.hostIP == "0.0.0.0"
    }
}

/// A hostPath a pod mounts, and whether any of its mounts can write.
public struct HostPathUse: Sendable, Hashable {
    public var path: String
    public var readOnly: Bool

    public init(path: String, readOnly: Bool) {
        self.path = path
        self.readOnly = readOnly
    }
}

/// Everything the filters and scores read from a pod, computed once per pod (never per node):
/// requests as integers, host ports, hostPath uses, selectors, tolerations and the controller.
public final class PodInfo: Sendable {
    public let pod: Pod
    /// `namespace/name`.
    public let key: String
    public let namespace: String
    public let name: String
    public let uid: String
    public let labels: [String: String]
    public let requests: ResourceVector
    /// Requests with Kubernetes' defaults for unset cpu and memory (for scoring).
    public let nonZeroRequests: ResourceVector
    public let hostPorts: [HostPortUse]
    public let hostPaths: [HostPathUse]
    public let nodeSelector: [String: String]
    /// Required node affinity terms; nil when the pod has none.
    public let requiredNodeTerms: [NodeSelectorTerm]?
    public let preferredNodeTerms: [PreferredSchedulingTerm]
    public let tolerations: [Toleration]
    /// spec.nodeName when set (PodFitsHost).
    public let requestedNodeName: String?
    /// The uid of the controller ownerReference (SelectorSpread).
    public let controllerUID: String?

    public init(_ pod: Pod) {
        self.pod = pod
        namespace = pod.metadata.namespace ?? "default"
        name = pod.metadata.name ?? ""
        key = "\(namespace)/\(name)"
        uid = pod.metadata.uid ?? ""
        labels = pod.metadata.labels ?? [:]
        requests = PodRequests.of(pod.spec)
        nonZeroRequests = PodRequests.nonZero(pod.spec)
        var ports: [HostPortUse] = []
        for c in pod.spec.containers + (pod.spec.initContainers ?? []) {
            for p in c.ports ?? [] {
                guard let hp = p.hostPort, hp > 0 else { continue }
                let ip = (p.hostIP ?? "").isEmpty ? "0.0.0.0" : (p.hostIP ?? "")
                ports.append(HostPortUse(proto: p.protocol ?? "TCP", hostIP: ip, port: hp))
            }
        }
        hostPorts = ports
        var paths: [HostPathUse] = []
        for v in pod.spec.volumes ?? [] {
            guard let hp = v.hostPath else { continue }
            // Read-only when every container that mounts it mounts it read-only.
            let mounts = (pod.spec.containers + (pod.spec.initContainers ?? [])).flatMap { $0.volumeMounts ?? [] }.filter { $0.name == v.name }
            let ro = !mounts.isEmpty && mounts.allSatisfy { $0.readOnly ?? false }
            paths.append(HostPathUse(path: Self.clean(hp.path), readOnly: ro))
        }
        hostPaths = paths
        nodeSelector = pod.spec.nodeSelector ?? [:]
        requiredNodeTerms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
        preferredNodeTerms = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
        tolerations = pod.spec.tolerations ?? []
        requestedNodeName = (pod.spec.nodeName ?? "").isEmpty ? nil : pod.spec.nodeName
        controllerUID = pod.metadata.ownerReferences?.first { $0.controller == true }?.uid
    }

    /// A path without a trailing slash, so `/data/` and `/data` are the same directory.
    static func clean(_ p: String) -> String {
        var s = p
        while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
        return s
    }
}
