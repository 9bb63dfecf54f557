/// SelectorSpread: spreads the pods of one controller (the controller ownerReference) or of
/// the services selecting the pod across nodes. A node scores
/// `100 * (max - count) / max`, where count is how many such pods it already has.
public struct SelectorSpread: ScorePlugin {
    public var name: String { "SelectorSpread" }
    public init() {}

    public func isRelevant(for pod: PodInfo, _ ctx: ScoringContext) -> Bool {
        pod.controllerUID != nil || !ctx.serviceSelectors.isEmpty
    }

    /// The raw score is the count of matching pods on the node.
    public func score(_ pod: PodInfo, _ node: NodeInfo, _ ctx: ScoringContext) -> Int64 {
        if ctx.serviceSelectors.isEmpty, let c = pod.controllerUID {
            return Int64(node.controllerCounts[c] ?? 0)
        }
        var n: Int64 = 0
        for other in node.pods.values where other.namespace == pod.namespace && other.key != pod.key {
            let sameController = pod.controllerUID.map { $0 == other.controllerUID } ?? true
            if sameController && ctx.serviceSelectors.allSatisfy({ $0.selects(other) }) { n += 1 }
        }
        return n
    }

    public func normalize(_ scores: inout [Int64]) {
        let most = scores.max() ?? 0
        for i in scores.indices {
            scores[i] = most == 0 ? maxNodeScore : maxNodeScore * (most - scores[i]) / most
        }
    }
}
