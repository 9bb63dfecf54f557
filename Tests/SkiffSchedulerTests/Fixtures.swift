import SkiffAPI
@testable import SkiffScheduler

/// Builders for nodes and pods in scheduler tests.
enum Fx {
    static func node(_ name: String, cpu: String = "4", memory: String = "8Gi", pods: Int64 = 110, ephemeral: String? = nil,
                     labels: [String: String] = [:], taints: [Taint] = [], ready: Bool = true, unschedulable: Bool = false) -> Node {
        var n = Node()
        n.metadata.name = name
        n.metadata.labels = labels
        var alloc: [String: Quantity] = ["cpu": q(cpu), "memory": q(memory), "pods": Quantity(integer: pods)]
        if let ephemeral { alloc["ephemeral-storage"] = q(ephemeral) }
        n.status.allocatable = alloc
        n.status.capacity = alloc
        n.status.conditions = [NodeCondition(type: "Ready", status: ready ? "True" : "False")]
        n.spec.taints = taints.isEmpty ? nil : taints
        n.spec.unschedulable = unschedulable ? true : nil
        return n
    }

    static func q(_ s: String) -> Quantity { (try? Quantity(s)) ?? Quantity(integer: 0) }

    static func pod(_ name: String, ns: String = "default", cpu: String? = nil, memory: String? = nil, ephemeral: String? = nil,
                    labels: [String: String] = [:], nodeSelector: [String: String]? = nil, affinity: NodeAffinity? = nil,
                    tolerations: [Toleration]? = nil, hostPorts: [Int32] = [], hostPaths: [(String, Bool)] = [],
                    nodeName: String? = nil, owner: String? = nil) -> Pod {
        var p = Pod()
        p.metadata.name = name
        p.metadata.namespace = ns
        p.metadata.uid = "uid-\(name)"
        p.metadata.labels = labels.isEmpty ? nil : labels
        if let owner {
            p.metadata.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, uid: "uid-\(owner)", controller: true)]
        }
        var req: [String: Quantity] = [:]
        if let cpu { req["cpu"] = q(cpu) }
        if let memory { req["memory"] = q(memory) }
        if let ephemeral { req["ephemeral-storage"] = q(ephemeral) }
        var c = Container(name: "c", image: "busybox")
        if !req.isEmpty { c.resources = ResourceRequirements(requests: req) }
        if !hostPorts.isEmpty { c.ports = hostPorts.map { ContainerPort(hostPort: $0, containerPort: $0) } }
        var volumes: [Volume] = []
        var mounts: [VolumeMount] = []
        for (i, (path, ro)) in hostPaths.enumerated() {
            volumes.append(Volume(name: "v\(i)", hostPath: HostPathVolumeSource(path: path)))
            mounts.append(VolumeMount(name: "v\(i)", readOnly: ro, mountPath: "/m\(i)"))
        }
        if !mounts.isEmpty { c.volumeMounts = mounts }
        p.spec.containers = [c]
        p.spec.volumes = volumes.isEmpty ? nil : volumes
        p.spec.nodeSelector = nodeSelector
        if let affinity { p.spec.affinity = Affinity(nodeAffinity: affinity) }
        p.spec.tolerations = tolerations
        p.spec.nodeName = nodeName
        return p
    }

    static func info(_ n: Node, pods: [Pod] = []) -> NodeInfo {
        let i = NodeInfo(n)
        for p in pods { i.add(PodInfo(p)) }
        return i
    }

    static func requirement(_ key: String, _ op: String, _ values: [String]? = nil) -> NodeSelectorRequirement {
        NodeSelectorRequirement(key: key, operator: op, values: values)
    }

    static func required(_ exprs: [NodeSelectorRequirement]...) -> NodeAffinity {
        NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: exprs.map { NodeSelectorTerm(matchExpressions: $0) }))
    }
}
