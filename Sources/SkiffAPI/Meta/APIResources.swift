/// The registry of served resources, in discovery order.
public enum APIResources {
    /// Every served resource, in discovery order.
    public static let all: [any ResourceStrategy.Type] = [
        // v1, in Kubernetes' discovery order.
        ConfigMapStrategy.self,
        EndpointsStrategy.self,
        EventStrategy.self,
        NamespaceStrategy.self,
        NodeStrategy.self,
        PodStrategy.self,
        ReplicationControllerStrategy.self,
        SecretStrategy.self,
        ServiceStrategy.self,
        // apps/v1
        DeploymentResourceStrategy.self,
        ReplicaSetStrategy.self,
        // coordination.k8s.io/v1
        LeaseStrategy.self,
    ]

    /// The strategy serving `group/version/plural`, or nil for an unknown resource.
    public static func strategy(group: String, version: String, plural: String) -> (any ResourceStrategy.Type)? {
        all.first { s in
            let i = s.resourceInfo
            return i.group == group && i.version == version && i.plural == plural
        }
    }

    /// The strategy for a kind, e.g. for decoding a `List` item or an owner reference.
    public static func strategy(apiVersion: String, kind: String) -> (any ResourceStrategy.Type)? {
        all.first { $0.resourceInfo.apiVersion == apiVersion && $0.resourceInfo.kind == kind }
    }

    /// Distinct group/versions in discovery order ("v1", "apps/v1", ...).
    public static var groupVersions: [String] {
        var seen: [String] = []
        for s in all where !seen.contains(s.resourceInfo.apiVersion) { seen.append(s.resourceInfo.apiVersion) }
        return seen
    }
}
