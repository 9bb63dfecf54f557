/// Scores from the node's cpu and memory after placing the pod. Requests here are the
/// "non-zero" ones (pods without requests count 0.1 cpu and 200 MB), so best-effort pods
/// still spread.
enum ResourceFractions {
    /// (requested cpu, allocatable cpu, requested memory, allocatable memory) with the pod.
    @inline(__always)
    static func after(_ pod: PodInfo, _ node: NodeInfo) -> (Int64, Int64, Int64, Int64) {
        (node.nonZeroRequested.milliCPU + pod.nonZeroRequests.milliCPU, node.allocatable.milliCPU,
         node.nonZeroRequested.memory + pod.nonZeroRequests.memory, node.allocatable.memory)
    }
}

/// LeastRequested: favours the emptiest nodes, `(allocatable - requested) * 100 / allocatable`
/// averaged over cpu and memory (spreads pods).
public struct LeastRequested: ScorePlugin {
    public var name: String { "LeastRequested" }
    public init() {}

    @inline(__always)
    static func part(_ requested: Int64, _ capacity: Int64) -> Int64 {
        guard capacity > 0, requested <= capacity else { return 0 }
        return (capacity - requested) * maxNodeScore / capacity
    }

    public func score(_ pod: PodInfo, _ node: NodeInfo, _ ctx: ScoringContext) -> Int64 {
        let (rc, ac, rm, am) = ResourceFractions.after(pod, node)
        return (Self.part(rc, ac) + Self.part(rm, am)) / 2
    }
}

/// MostRequested: favours the fullest nodes, `requested * 100 / allocatable` averaged over
/// cpu and memory (bin packing, what a cluster autoscaler wants so empty nodes can go).
public struct MostRequested: ScorePlugin {
    public var name: String { "MostRequested" }
    public init() {}

    @inline(__always)
    static func part(_ requested: Int64, _ capacity: Int64) -> Int64 {
        guard capacity > 0 else { return 0 }
        return min(requested, capacity) * maxNodeScore / capacity
    }

    public func score(_ pod: PodInfo, _ node: NodeInfo, _ ctx: ScoringContext) -> Int64 {
        let (rc, ac, rm, am) = ResourceFractions.after(pod, node)
        return (Self.part(rc, ac) + Self.part(rm, am)) / 2
    }
}

/// BalancedResourceAllocation: favours nodes whose cpu and memory would be used in equal
/// fractions: `(1 - stddev(fractions)) * 100`; for two resources stddev = |cpu - mem| / 2.
public struct BalancedResourceAllocation: ScorePlugin {
    public var name: String { "BalancedResourceAllocation" }
    public init() {}

    public func score(_ pod: PodInfo, _ node: NodeInfo, _ ctx: ScoringContext) -> Int64 {
        let (rc, ac, rm, am) = ResourceFractions.after(pod, node)
        guard ac > 0, am > 0 else { return 0 }
        let cpu = min(Double(rc) / Double(ac), 1)
        let mem = min(Double(rm) / Double(am), 1)
        let std = abs(cpu - mem) / 2
        return Int64((1 - std) * Double(maxNodeScore))
    }
}
