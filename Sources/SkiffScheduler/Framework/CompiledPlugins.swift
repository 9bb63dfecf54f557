/// A filter as the decision loop runs it: a built-in one is called directly (no dynamic
/// dispatch, inlined into the loop, no existential copied per node); any other plugin goes
/// through the protocol. The built-ins are stateless, so the case alone is the plugin; any
/// other is named by its index in the algorithm's `filters`, which keeps this a plain value
/// (copying it per node costs nothing).
enum CompiledFilter {
    case nodeReady, nodeUnschedulable, podFitsHost, taintToleration, podSelectorMatches, podFitsHostPorts, podFitsResources, noDiskConflict
    case custom(Int)

    init(_ f: any FilterPlugin, index: Int) {
        switch f {
        case is NodeReady: self = .nodeReady
        case is NodeUnschedulable: self = .nodeUnschedulable
        case is PodFitsHost: self = .podFitsHost
        case is TaintToleration: self = .taintToleration
        case is PodSelectorMatches: self = .podSelectorMatches
        case is PodFitsHostPorts: self = .podFitsHostPorts
        case is PodFitsResources: self = .podFitsResources
        case is NoDiskConflict: self = .noDiskConflict
        default: self = .custom(index)
        }
    }

    func isRelevant(for pod: PodInfo, _ plugins: [any FilterPlugin]) -> Bool {
        switch self {
        case .nodeReady: return NodeReady().isRelevant(for: pod)
        case .nodeUnschedulable: return NodeUnschedulable().isRelevant(for: pod)
        case .podFitsHost: return PodFitsHost().isRelevant(for: pod)
        case .taintToleration: return TaintToleration().isRelevant(for: pod)
        case .podSelectorMatches: return PodSelectorMatches().isRelevant(for: pod)
        case .podFitsHostPorts: return PodFitsHostPorts().isRelevant(for: pod)
        case .podFitsResources: return PodFitsResources().isRelevant(for: pod)
        case .noDiskConflict: return NoDiskConflict().isRelevant(for: pod)
        case .custom(let i): return plugins[i].isRelevant(for: pod)
        }
    }

    @inline(__always)
    func filter(_ pod: PodInfo, _ node: NodeInfo, _ plugins: [any FilterPlugin]) -> [String]? {
        switch self {
        case .nodeReady: return NodeReady().filter(pod, node)
        case .nodeUnschedulable: return NodeUnschedulable().filter(pod, node)
        case .podFitsHost: return PodFitsHost().filter(pod, node)
        case .taintToleration: return TaintToleration().filter(pod, node)
        case .podSelectorMatches: return PodSelectorMatches().filter(pod, node)
        case .podFitsHostPorts: return PodFitsHostPorts().filter(pod, node)
        case .podFitsResources: return PodFitsResources().filter(pod, node)
        case .noDiskConflict: return NoDiskConflict().filter(pod, node)
        case .custom(let i): return plugins[i].filter(pod, node)
        }
    }
}

/// A score as the decision loop runs it; built-ins direct, as for `CompiledFilter`.
enum CompiledScore {
    case leastRequested, mostRequested, balancedResourceAllocation, selectorSpread, nodeAffinity
    case custom(Int)

    init(_ s: any ScorePlugin, index: Int) {
        switch s {
        case is LeastRequested: self = .leastRequested
        case is MostRequested: self = .mostRequested
        case is BalancedResourceAllocation: self = .balancedResourceAllocation
        case is SelectorSpread: self = .selectorSpread
        case is NodeAffinityScore: self = .nodeAffinity
        default: self = .custom(index)
        }
    }

    /// Fills `raw` with the normalized scores of the feasible nodes (indices into `nodes`).
    func scoreAll(_ pod: PodInfo, _ nodes: [NodeInfo], _ feasible: [Int], _ ctx: ScoringContext, _ raw: inout [Int64],
                  _ plugins: [WeightedScore]) {
        switch self {
        case .leastRequested: Self.fill(LeastRequested(), pod, nodes, feasible, ctx, &raw)
        case .mostRequested: Self.fill(MostRequested(), pod, nodes, feasible, ctx, &raw)
        case .balancedResourceAllocation: Self.fill(BalancedResourceAllocation(), pod, nodes, feasible, ctx, &raw)
        case .selectorSpread: Self.fill(SelectorSpread(), pod, nodes, feasible, ctx, &raw)
        case .nodeAffinity: Self.fill(NodeAffinityScore(), pod, nodes, feasible, ctx, &raw)
        case .custom(let i): Self.fill(plugins[i].plugin, pod, nodes, feasible, ctx, &raw)
        }
    }

    /// Generic, so each built-in gets its own specialized loop and a custom plugin's
    /// existential is opened once per decision.
    static func fill<S: ScorePlugin>(_ s: S, _ pod: PodInfo, _ nodes: [NodeInfo], _ feasible: [Int], _ ctx: ScoringContext, _ raw: inout [Int64]) {
        for j in feasible.indices { raw[j] = s.score(pod, nodes[feasible[j]], ctx) }
        s.normalize(&raw)
    }
}
