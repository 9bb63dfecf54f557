/// TaintToleration (PodToleratesNodeTaints): every NoSchedule and NoExecute taint of the node
/// is tolerated by the pod.
public struct TaintToleration: FilterPlugin {
    public var name: String { "TaintToleration" }
    public init() {}

    /// Kubernetes' reason names the first untolerated taint.
    public static func reason(key: String, value: String) -> String {
        "node(s) had untolerated taint {\(key): \(value)}"
    }

    public func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
        if node.taints.isEmpty { return nil }
        guard let t = Tolerations.firstUntolerated(node.taints, pod.tolerations) else { return nil }
        return [Self.reason(key: t.key, value: t.value ?? "")]
    }
}
