/// NodeAffinity (preferred): the sum of the weights of the pod's preferred node affinity
/// terms a node matches, scaled so the best node scores 100.
public struct NodeAffinityScore: ScorePlugin {
    public var name: String { "NodeAffinity" }
    public init() {}

    public func isRelevant(for pod: PodInfo, _ ctx: ScoringContext) -> Bool { !pod.preferredNodeTerms.isEmpty }

    public func score(_ pod: PodInfo, _ node: NodeInfo, _ ctx: ScoringContext) -> Int64 {
        var sum: Int64 = 0
        for t in pod.preferredNodeTerms where t.weight != 0 {
            if NodeSelectorMatch.matches(t.preference, labels: node.labels, nodeName: node.name) { sum += Int64(t.weight) }
        }
        return sum
    }

    public func normalize(_ scores: inout [Int64]) {
        let most = scores.max() ?? 0
        guard most > 0 else { return }
        for i in scores.indices { scores[i] = maxNodeScore * scores[i] / most }
    }
}
