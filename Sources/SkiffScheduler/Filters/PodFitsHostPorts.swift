/// PodFitsHostPorts (NodePorts): no host port the pod asks for is taken on the node.
public struct PodFitsHostPorts: FilterPlugin {
    public var name: String { "PodFitsHostPorts" }
    public static let reason = "node(s) didn't have free ports for the requested pod ports"
    public init() {}

    public func isRelevant(for pod: PodInfo) -> Bool { !pod.hostPorts.isEmpty }

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        for want in pod.hostPorts where node.usedPorts.contains(where: { $0.conflicts(with: want) }) {
            return [Self.reason]
        }
        return nil
    }
}
