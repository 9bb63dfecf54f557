import SkiffAPI

/// CheckNodeCondition: only nodes whose Ready condition is True take new pods.
public struct NodeReady: FilterPlugin {
    public var name: String { "NodeReady" }
    public static let reason = "node(s) were not ready"
    public init() {}

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        node.ready ? nil : [Self.reason]
    }
}

/// NodeUnschedulable: a cordoned node (spec.unschedulable) takes only pods that tolerate
/// the `node.kubernetes.io/unschedulable:NoSchedule` taint.
public struct NodeUnschedulable: FilterPlugin {
    public var name: String { "NodeUnschedulable" }
    public static let reason = "node(s) were unschedulable"
    static let taint = Taint(key: "node.kubernetes.io/unschedulable", effect: "NoSchedule")
    public init() {}

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        guard node.unschedulable else { return nil }
        return pod.tolerations.contains { Tolerations.tolerates($0, Self.taint) } ? nil : [Self.reason]
    }
}
