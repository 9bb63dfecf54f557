/// PodSelectorMatches (NodeAffinity): the node's labels satisfy the pod's nodeSelector and
/// its required node affinity (In, NotIn, Exists, DoesNotExist, Gt, Lt).
public struct PodSelectorMatches: FilterPlugin {
    public var name: String { "PodSelectorMatches" }
    public static let reason = "node(s) didn't match Pod's node affinity/selector"
    public init() {}

    public func isRelevant(for pod: PodInfo) -> Bool { !pod.nodeSelector.isEmpty || pod.requiredNodeTerms != nil }

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        for (k, v) in pod.nodeSelector where node.labels[k] != v { return [Self.reason] }
        if let terms = pod.requiredNodeTerms, !NodeSelectorMatch.matches(terms, labels: node.labels, nodeName: node.name) {
            return [Self.reason]
        }
        return nil
    }
}
