/// The outcome of one decision.
public enum ScheduleDecision: Sendable, Equatable {
    /// The chosen node; `feasible` nodes passed the filters out of `evaluated` looked at.
    case node(String, feasible: Int, evaluated: Int)
    case unschedulable(FitError)
}

/// What the algorithm carries from one decision to the next: where the next node scan starts
/// (so successive pods look at different parts of a big cluster, as Kubernetes' scheduler
/// does) and the random state that breaks ties between equally good nodes.
public struct AlgorithmState: Sendable {
    public var nextStartNodeIndex = 0
    public var random: UInt64

    public init(seed: UInt64 = 0x9E37_79B9_7F4A_7C15) { random = seed == 0 ? 1 : seed }

    mutating func next() -> UInt64 {
        // xorshift64*: fast and good enough to break ties.
        random ^= random >> 12
        random ^= random << 25
        random ^= random >> 27
        return random &* 2_685_821_657_736_338_717
    }
}

/// The scheduling algorithm: filter the nodes, score the feasible ones, take the best.
/// Pure: it reads a `ClusterSnapshot` and changes nothing but its `AlgorithmState`.
///
/// Like Kubernetes it stops filtering once it has found enough feasible nodes in a big cluster
/// (`percentageOfNodesToScore`; adaptive by default: 50% minus 1% per 125 nodes, at least 5%,
/// at least 100 nodes), starting each scan where the previous one stopped.
public struct SchedulingAlgorithm: Sendable {
    public var filters: [any FilterPlugin] { didSet { compiledFilters = Self.compile(filters) } }
    public var scores: [WeightedScore] { didSet { compiledScores = Self.compile(scores) } }
    /// The same plugins as the decision loop calls them (built-ins directly).
    private var compiledFilters: [CompiledFilter]
    private var compiledScores: [CompiledScore]
    /// 0 means adaptive; 100 looks at every node.
    public var percentageOfNodesToScore: Int

    public static let minFeasibleNodesToFind = 100
    public static let minFeasibleNodesPercentageToFind = 5

    public init(filters: [any FilterPlugin], scores: [WeightedScore], percentageOfNodesToScore: Int = 0) {
        self.filters = filters
        self.scores = scores
        compiledFilters = Self.compile(filters)
        compiledScores = Self.compile(scores)
        self.percentageOfNodesToScore = percentageOfNodesToScore
    }

    static func compile(_ filters: [any FilterPlugin]) -> [CompiledFilter] {
        filters.indices.map { CompiledFilter(filters[$0], index: $0) }
    }

    static func compile(_ scores: [WeightedScore]) -> [CompiledScore] {
        scores.indices.map { CompiledScore(scores[$0].plugin, index: $0) }
    }

    /// How many feasible nodes to find before scoring, for a cluster of `total` nodes.
    public func numFeasibleNodesToFind(_ total: Int) -> Int {
        if total < Self.minFeasibleNodesToFind || percentageOfNodesToScore >= 100 { return total }
        var pct = percentageOfNodesToScore
        if pct <= 0 {
            pct = max(50 - total / 125, Self.minFeasibleNodesPercentageToFind)
        }
        return max(total * pct / 100, Self.minFeasibleNodesToFind)
    }

    public func schedule(_ pod: PodInfo, in snapshot: ClusterSnapshot, state: inout AlgorithmState) -> ScheduleDecision {
        let nodes = snapshot.nodes
        let n = nodes.count
        guard n > 0 else { return .unschedulable(FitError(numAllNodes: 0)) }
        let plugins = filters
        let active = ContiguousArray(compiledFilters.filter { $0.isRelevant(for: pod, plugins) })
        let want = numFeasibleNodesToFind(n)
        // Indices into `nodes`, not references: no retain per append, nothing to release after.
        var feasible: [Int] = []
        feasible.reserveCapacity(min(want, n))
        var reasons: [String: Int] = [:]
        let start = state.nextStartNodeIndex % n
        var processed = 0
        var i = start
        while processed < n && feasible.count < want {
            let node = nodes[i]
            var failed: [String]?
            for k in active.indices {
                if let r = active[k].filter(pod, node, plugins) { failed = r; break }
            }
            if let failed {
                for r in failed { reasons[r, default: 0] += 1 }
            } else {
                feasible.append(i)
            }
            processed += 1
            i += 1
            if i == n { i = 0 }
        }
        state.nextStartNodeIndex = (start + processed) % n
        if feasible.isEmpty { return .unschedulable(FitError(numAllNodes: n, reasons: reasons)) }
        if feasible.count == 1 { return .node(nodes[feasible[0]].name, feasible: 1, evaluated: processed) }

        let ctx = ScoringContext(serviceSelectors: snapshot.services.values.filter { $0.selects(pod) })
        var total = [Int64](repeating: 0, count: feasible.count)
        var raw = [Int64](repeating: 0, count: feasible.count)
        for si in scores.indices where scores[si].weight != 0 && scores[si].plugin.isRelevant(for: pod, ctx) {
            compiledScores[si].scoreAll(pod, nodes, feasible, ctx, &raw, scores)
            let weight = scores[si].weight
            for j in feasible.indices { total[j] += raw[j] * weight }
        }
        // The highest total; ties broken uniformly at random (reservoir sampling).
        var best = 0
        var ties: UInt64 = 1
        for j in 1..<feasible.count {
            if total[j] > total[best] {
                best = j
                ties = 1
            } else if total[j] == total[best] {
                ties += 1
                if state.next() % ties == 0 { best = j }
            }
        }
        return .node(nodes[feasible[best]].name, feasible: feasible.count, evaluated: processed)
    }
}
