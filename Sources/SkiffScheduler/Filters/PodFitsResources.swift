/// PodFitsResources (NodeResourcesFit): the pod's cpu, memory and ephemeral-storage requests
/// fit in the node's allocatable minus what the pods bound or assumed there request, and the
/// node has room for one more pod.
public struct PodFitsResources: FilterPlugin {
    public var name: String { "PodFitsResources" }
    public init() {}

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        let r = pod.requests
        let a = node.allocatable
        let u = node.requested
        // Fast path: everything fits (the common case in a big cluster).
        let podsOK = u.pods + 1 <= a.pods
        let cpuOK = r.milliCPU == 0 || u.milliCPU + r.milliCPU <= a.milliCPU
        let memOK = r.memory == 0 || u.memory + r.memory <= a.memory
        let diskOK = r.ephemeralStorage == 0 || u.ephemeralStorage + r.ephemeralStorage <= a.ephemeralStorage
        if podsOK && cpuOK && memOK && diskOK { return nil }
        var reasons: [String] = []
        if !podsOK { reasons.append("Too many pods") }
        if !cpuOK { reasons.append("Insufficient cpu") }
        if !memOK { reasons.append("Insufficient memory") }
        if !diskOK { reasons.append("Insufficient ephemeral-storage") }
        return reasons
    }
}
