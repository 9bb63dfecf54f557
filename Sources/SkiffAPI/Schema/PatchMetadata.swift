/// Kubernetes' strategic-merge list semantics (`patchStrategy`/`patchMergeKey` struct tags),
/// for the fields of Skiff's types. Lists not named here are atomic: a patch replaces them.
public enum PatchMetadata {
    static let table: [String: PatchMeta] = [
        "ObjectMeta.finalizers": PatchMeta(strategy: "merge"),
        "ObjectMeta.ownerReferences": PatchMeta(strategy: "merge", mergeKey: "uid"),
        "PodSpec.volumes": PatchMeta(strategy: "merge,retainKeys", mergeKey: "name"),
        "PodSpec.initContainers": PatchMeta(strategy: "merge", mergeKey: "name"),
        "PodSpec.containers": PatchMeta(strategy: "merge", mergeKey: "name"),
        "PodSpec.ephemeralContainers": PatchMeta(strategy: "merge", mergeKey: "name"),
        "PodSpec.imagePullSecrets": PatchMeta(strategy: "merge", mergeKey: "name"),
        "PodSpec.hostAliases": PatchMeta(strategy: "merge", mergeKey: "ip"),
        "PodSpec.topologySpreadConstraints": PatchMeta(strategy: "merge", mergeKey: "topologyKey"),
        "PodSpec.schedulingGates": PatchMeta(strategy: "merge", mergeKey: "name"),
        "Container.ports": PatchMeta(strategy: "merge", mergeKey: "containerPort"),
        "Container.env": PatchMeta(strategy: "merge", mergeKey: "name"),
        "Container.volumeMounts": PatchMeta(strategy: "merge", mergeKey: "mountPath"),
        "Container.volumeDevices": PatchMeta(strategy: "merge", mergeKey: "devicePath"),
        "PodStatus.conditions": PatchMeta(strategy: "merge", mergeKey: "type"),
        "PodStatus.podIPs": PatchMeta(strategy: "merge", mergeKey: "ip"),
        "PodStatus.hostIPs": PatchMeta(strategy: "merge", mergeKey: "ip"),
        "ServiceSpec.ports": PatchMeta(strategy: "merge", mergeKey: "port"),
        "ServiceStatus.conditions": PatchMeta(strategy: "merge", mergeKey: "type"),
        "LoadBalancerStatus.ingress": PatchMeta(strategy: "atomic"),
        "NodeSpec.podCIDRs": PatchMeta(strategy: "merge"),
        "NodeStatus.conditions": PatchMeta(strategy: "merge", mergeKey: "type"),
        "NodeStatus.addresses": PatchMeta(strategy: "merge", mergeKey: "type"),
        "NamespaceStatus.conditions": PatchMeta(strategy: "merge", mergeKey: "type"),
        "ReplicationControllerStatus.conditions": PatchMeta(strategy: "merge", mergeKey: "type"),
        "ReplicaSetStatus.conditions": PatchMeta(strategy: "merge", mergeKey: "type"),
        "DeploymentStatus.conditions": PatchMeta(strategy: "merge", mergeKey: "type"),
        "DeploymentSpec.strategy": PatchMeta(strategy: "retainKeys"),
    ]

    public static func meta(type: String, field: String) -> PatchMeta? {
        table["\(type).\(field)"]
    }
}
