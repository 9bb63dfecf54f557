import SkiffAPI

/// The kubelet's settings that shape its Node object.
public struct NodeConfig: Sendable, Equatable {
    public var nodeName: String
    public var podCIDR: String?
    public var maxPods: Int
    /// InternalIP addresses of the node (its "host" addresses).
    public var internalIPs: [String]
    public var hostname: String
    public var kubeletPort: Int32
    public var labels: [String: String]
    /// Resources held back from pods (kube-reserved + system-reserved).
    public var reservedMilliCPU: Int64
    public var reservedMemory: Int64

    public init(nodeName: String, podCIDR: String? = nil, maxPods: Int = 110, internalIPs: [String] = [], hostname: String? = nil,
                kubeletPort: Int32 = 10250, labels: [String: String] = [:], reservedMilliCPU: Int64 = 0, reservedMemory: Int64 = 0) {
        self.nodeName = nodeName; self.podCIDR = podCIDR; self.maxPods = maxPods; self.internalIPs = internalIPs
        self.hostname = hostname ?? nodeName; self.kubeletPort = kubeletPort; self.labels = labels
        self.reservedMilliCPU = reservedMilliCPU; self.reservedMemory = reservedMemory
    }
}

/// Builds the Node's metadata, spec and status from what the node knows. Pure.
public enum NodeStatusBuilder {
    /// The labels every kubelet puts on its node.
    public static func labels(_ c: NodeConfig, facts: NodeFacts) -> [String: String] {
        var l = c.labels
        l["kubernetes.io/hostname"] = c.hostname
        l["kubernetes.io/os"] = facts.operatingSystem
        l["kubernetes.io/arch"] = facts.architecture
        l["beta.kubernetes.io/os"] = facts.operatingSystem
        l["beta.kubernetes.io/arch"] = facts.architecture
        return l
    }

    public static func status(_ c: NodeConfig, facts: NodeFacts, images: [LocalImage], old: NodeStatus?, now: Time,
                              runtimeReady: Bool, runtimeMessage: String = "") -> NodeStatus {
        var s = NodeStatus()
        let capacity: [String: Quantity] = [
            "cpu": Quantity(integer: Int64(facts.cpus)),
            "memory": Quantity(integer: Int64(facts.memoryBytes), format: .binarySI),
            "ephemeral-storage": Quantity(integer: Int64(facts.ephemeralStorageBytes), format: .binarySI),
            "pods": Quantity(integer: Int64(c.maxPods)),
            "hugepages-2Mi": Quantity(integer: 0, format: .binarySI),
            "hugepages-1Gi": Quantity(integer: 0, format: .binarySI),
        ]
        s.capacity = capacity
        var alloc = capacity
        alloc["cpu"] = Quantity(milli: max(0, Int64(facts.cpus) * 1000 - c.reservedMilliCPU))
        // Kubernetes also holds back the hard eviction threshold (100Mi) from allocatable memory.
        alloc["memory"] = Quantity(integer: max(0, Int64(facts.memoryBytes) - c.reservedMemory - 100 * 1024 * 1024), format: .binarySI)
        alloc["ephemeral-storage"] = Quantity(integer: Int64(Double(facts.ephemeralStorageBytes) * 0.9), format: .binarySI)
        s.allocatable = alloc
        var addresses = c.internalIPs.map { NodeAddress(type: "InternalIP", address: $0) }
        addresses.append(NodeAddress(type: "Hostname", address: c.hostname))
        s.addresses = addresses
        s.daemonEndpoints = NodeDaemonEndpoints(kubeletEndpoint: DaemonEndpoint(Port: c.kubeletPort))
        s.nodeInfo = NodeSystemInfo(
            machineID: facts.machineID, systemUUID: facts.systemUUID, bootID: facts.bootID,
            kernelVersion: facts.kernelVersion, osImage: facts.osImage,
            containerRuntimeVersion: "skiff://\(SkiffVersion.skiff)",
            kubeletVersion: SkiffVersion.gitVersion, kubeProxyVersion: SkiffVersion.gitVersion,
            operatingSystem: facts.operatingSystem, architecture: facts.architecture)
        s.images = images.map { ContainerImage(names: [$0.imageID, $0.name + ":latest"], sizeBytes: nil) }

        let p = NodePressure.evaluate(facts)
        func cond(_ type: String, _ on: Bool, trueReason: String, falseReason: String, trueMsg: String, falseMsg: String) -> NodeCondition {
            let status = on ? "True" : "False"
            let prev = old?.conditions?.first { $0.type == type }
            return NodeCondition(type: type, status: status, lastHeartbeatTime: now,
                                 lastTransitionTime: prev?.status == status ? (prev?.lastTransitionTime ?? now) : now,
                                 reason: on ? trueReason : falseReason, message: on ? trueMsg : falseMsg)
        }
        s.conditions = [
            cond("MemoryPressure", p.memory, trueReason: "KubeletHasInsufficientMemory", falseReason: "KubeletHasSufficientMemory",
                 trueMsg: "kubelet has insufficient memory available", falseMsg: "kubelet has sufficient memory available"),
            cond("DiskPressure", p.disk, trueReason: "KubeletHasDiskPressure", falseReason: "KubeletHasNoDiskPressure",
                 trueMsg: "kubelet has disk pressure", falseMsg: "kubelet has no disk pressure"),
            cond("PIDPressure", p.pid, trueReason: "KubeletHasInsufficientPID", falseReason: "KubeletHasSufficientPID",
                 trueMsg: "kubelet has insufficient PID available", falseMsg: "kubelet has sufficient PID available"),
            cond("Ready", runtimeReady, trueReason: "KubeletReady", falseReason: "KubeletNotReady",
                 trueMsg: "kubelet is posting ready status", falseMsg: runtimeMessage.isEmpty ? "container runtime is not ready" : runtimeMessage),
        ]
        return s
    }
}
