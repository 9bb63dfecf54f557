/// PodFitsHost (NodeName): a pod that names its node in spec.nodeName fits only there.
public struct PodFitsHost: FilterPlugin {
    public var name: String { "PodFitsHost" }
    public static let reason = "node(s) didn't match the requested node name"
    public init() {}

    public func isRelevant(for pod: PodInfo) -> Bool { pod.requestedNodeName != nil }

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        guard let want = pod.requestedNodeName, want != node.name else { return nil }
        return [Self.reason]
    }
}
