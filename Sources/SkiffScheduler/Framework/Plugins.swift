import SkiffAPI

/// A filter (a predicate in the original design): can this pod run on this node? Returns nil
/// when it fits, else the reasons in Kubernetes' words (they are counted into the
/// `0/N nodes are available: ...` message).
///
/// A custom filter is a small type conforming to this protocol, registered by name in a
/// `PluginRegistry` so a provider or config file can choose it.
public protocol FilterPlugin: Sendable {
    var name: String { get }
    /// Whether this filter has anything to check for the pod; when false it is skipped for
    /// every node (decided once per pod).
    func isRelevant(for pod: PodInfo) -> Bool
    func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]?
}

extension FilterPlugin {
    public func isRelevant(for pod: PodInfo) -> Bool { true }
}

/// What a score sees besides the pod and the node: per-pod facts computed once per decision.
public struct ScoringContext: Sendable {
    /// The selectors of the services that select the pod.
    public var serviceSelectors: [ServiceSelector] = []

    public init(serviceSelectors: [ServiceSelector] = []) { self.serviceSelectors = serviceSelectors }
}

/// A score (a priority in the original design): how good is this feasible node for the pod,
/// 0 (worst) to `maxNodeScore` after `normalize`. Scores are summed with their weights.
public protocol ScorePlugin: Sendable {
    var name: String { get }
    func isRelevant(for pod: PodInfo, _ ctx: ScoringContext) -> Bool
    /// A raw score; `normalize` maps the raw scores of all candidate nodes into 0...100.
    func score(_ pod: PodInfo, _ node: NodeInfo, _ ctx: ScoringContext) -> Int64
    func normalize(_ scores: inout [Int64])
}

extension ScorePlugin {
    public func isRelevant(for pod: PodInfo, _ ctx: ScoringContext) -> Bool { true }
    public func normalize(_ scores: inout [Int64]) {}
}

public let maxNodeScore: Int64 = 100

/// A score with its weight.
public struct WeightedScore: Sendable {
    public var plugin: any ScorePlugin
    public var weight: Int64

    public init(_ plugin: any ScorePlugin, weight: Int64 = 1) {
        self.plugin = plugin
        self.weight = weight
    }
}
