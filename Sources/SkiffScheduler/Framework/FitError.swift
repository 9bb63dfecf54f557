/// Why a pod fits on no node, rendered as Kubernetes renders it:
/// `0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.`
/// Each node contributes the reasons of the first filter it failed; the counts are written as
/// `"<count> <reason>"` and those strings sorted byte-wise, as Kubernetes' FitError does (so the
/// order follows the counts' digits first: "1 node(s)..." before "2 Insufficient cpu").
public struct FitError: Sendable, Hashable, Error, CustomStringConvertible {
    public var numAllNodes: Int
    /// reason → how many nodes gave it.
    public var reasons: [String: Int]

    public init(numAllNodes: Int, reasons: [String: Int] = [:]) {
        self.numAllNodes = numAllNodes
        self.reasons = reasons
    }

    /// Kubernetes' text when the cluster has no nodes at all.
    public static let noNodesMessage = "no nodes available to schedule pods"

    public var message: String {
        if numAllNodes == 0 { return Self.noNodesMessage }
        let parts = reasons.map { "\($0.value) \($0.key)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return "0/\(numAllNodes) nodes are available: \(parts.joined(separator: ", "))."
    }

    public var description: String { message }
}
