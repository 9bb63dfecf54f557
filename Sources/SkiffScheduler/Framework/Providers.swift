import Foundation
import SkiffAPI

/// Filters and scores by name, so providers and config files can choose them. The built-ins
/// answer to their original predicate/priority names and to their modern plugin names;
/// `register` adds a custom one (a small type conforming to `FilterPlugin` or `ScorePlugin`).
public struct PluginRegistry: Sendable {
    public private(set) var filters: [String: @Sendable () -> any FilterPlugin] = [:]
    public private(set) var scores: [String: @Sendable () -> any ScorePlugin] = [:]

    public init() {}

    public mutating func register(filter name: String, _ make: @escaping @Sendable () -> any FilterPlugin) { filters[name] = make }
    public mutating func register(score name: String, _ make: @escaping @Sendable () -> any ScorePlugin) { scores[name] = make }

    /// The built-in filters and scores.
    public static let builtIn: PluginRegistry = {
        var r = PluginRegistry()
        for name in ["NodeReady", "CheckNodeCondition"] { r.register(filter: name) { NodeReady() } }
        r.register(filter: "NodeUnschedulable") { NodeUnschedulable() }
        for name in ["PodFitsHost", "NodeName", "HostName"] { r.register(filter: name) { PodFitsHost() } }
        for name in ["TaintToleration", "PodToleratesNodeTaints"] { r.register(filter: name) { TaintToleration() } }
        for name in ["PodSelectorMatches", "MatchNodeSelector", "NodeAffinity"] { r.register(filter: name) { PodSelectorMatches() } }
        for name in ["PodFitsHostPorts", "NodePorts"] { r.register(filter: name) { PodFitsHostPorts() } }
        for name in ["PodFitsResources", "NodeResourcesFit"] { r.register(filter: name) { PodFitsResources() } }
        for name in ["NoDiskConflict", "VolumeRestrictions"] { r.register(filter: name) { NoDiskConflict() } }
        for name in ["LeastRequested", "LeastRequestedPriority"] { r.register(score: name) { LeastRequested() } }
        for name in ["MostRequested", "MostRequestedPriority"] { r.register(score: name) { MostRequested() } }
        for name in ["BalancedResourceAllocation", "NodeResourcesBalancedAllocation"] { r.register(score: name) { BalancedResourceAllocation() } }
        for name in ["SelectorSpread", "SelectorSpreadPriority"] { r.register(score: name) { SelectorSpread() } }
        for name in ["NodeAffinity", "NodeAffinityPriority"] { r.register(score: name) { NodeAffinityScore() } }
        return r
    }()
}

/// A named set of filters and weighted scores (an algorithm provider of the original design).
public struct AlgorithmProvider: Sendable, Equatable {
    public var name: String
    public var filters: [String]
    public var scores: [ScoreChoice]

    public struct ScoreChoice: Sendable, Equatable {
        public var name: String
        public var weight: Int64
        public init(_ name: String, weight: Int64 = 1) { self.name = name; self.weight = weight }
    }

    public init(name: String, filters: [String], scores: [ScoreChoice]) {
        self.name = name
        self.filters = filters
        self.scores = scores
    }

    /// The filters every provider starts from, cheapest and most decisive first (a node is
    /// reported with the reasons of the first filter it fails).
    public static let defaultFilters = ["NodeReady", "NodeUnschedulable", "PodFitsHost", "TaintToleration",
                                        "PodSelectorMatches", "PodFitsHostPorts", "PodFitsResources", "NoDiskConflict"]

    /// Spreads: LeastRequested, BalancedResourceAllocation, SelectorSpread and preferred node
    /// affinity, weight 1 each.
    public static let defaultProvider = AlgorithmProvider(
        name: "DefaultProvider", filters: defaultFilters,
        scores: [ScoreChoice("LeastRequested"), ScoreChoice("BalancedResourceAllocation"),
                 ScoreChoice("SelectorSpread"), ScoreChoice("NodeAffinity")])

    /// Packs: MostRequested instead of LeastRequested, so empty nodes can be removed.
    public static let clusterAutoscalerProvider = AlgorithmProvider(
        name: "ClusterAutoscalerProvider", filters: defaultFilters,
        scores: [ScoreChoice("MostRequested"), ScoreChoice("BalancedResourceAllocation"),
                 ScoreChoice("SelectorSpread"), ScoreChoice("NodeAffinity")])

    public static let all: [AlgorithmProvider] = [defaultProvider, clusterAutoscalerProvider]

    public static func named(_ name: String) -> AlgorithmProvider? { all.first { $0.name == name } }
}

/// A configuration error naming the offending field.
public struct SchedulerConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What the scheduler runs: a provider, optionally replaced in part by a config file.
///
/// Config file (YAML or JSON):
/// ```yaml
/// algorithmProvider: DefaultProvider      # the base (optional)
/// percentageOfNodesToScore: 50            # optional; 0 = adaptive
/// filters: [PodFitsResources, {name: PodSelectorMatches}]   # replaces the provider's filters
/// scores:                                 # replaces the provider's scores
///   - {name: LeastRequested, weight: 2}
///   - {name: SelectorSpread}
/// ```
public struct SchedulerPolicy: Sendable, Equatable {
    public var provider: AlgorithmProvider
    public var percentageOfNodesToScore: Int

    public init(provider: AlgorithmProvider = .defaultProvider, percentageOfNodesToScore: Int = 0) {
        self.provider = provider
        self.percentageOfNodesToScore = percentageOfNodesToScore
    }

    public static func provider(named name: String) throws -> SchedulerPolicy {
        guard let p = AlgorithmProvider.named(name) else {
            throw SchedulerConfigError("--algorithm-provider: unknown provider \"\(name)\" (known: \(AlgorithmProvider.all.map(\.name).joined(separator: ", ")))")
        }
        return SchedulerPolicy(provider: p)
    }

    /// Parses a config file's text; `source` names it in errors.
    public static func parse(_ text: String, source: String = "config", registry: PluginRegistry = .builtIn) throws -> SchedulerPolicy {
        let doc: JSONValue
        do { doc = try JSONValue(yaml: text) } catch {
            throw SchedulerConfigError("\(source): not valid YAML or JSON: \(error)")
        }
        guard case .object(let o) = doc else { throw SchedulerConfigError("\(source): must be an object with filters and scores") }
        let known: Set<String> = ["apiVersion", "kind", "algorithmProvider", "percentageOfNodesToScore", "filters", "scores"]
        if let bad = o.keys.sorted().first(where: { !known.contains($0) }) {
            throw SchedulerConfigError("\(source): \(bad): unknown field (known: \(known.sorted().joined(separator: ", ")))")
        }
        var policy = SchedulerPolicy()
        if let p = o["algorithmProvider"] {
            guard let name = p.stringValue else { throw SchedulerConfigError("\(source): algorithmProvider: must be a string") }
            guard let prov = AlgorithmProvider.named(name) else {
                throw SchedulerConfigError("\(source): algorithmProvider: unknown provider \"\(name)\" (known: \(AlgorithmProvider.all.map(\.name).joined(separator: ", ")))")
            }
            policy.provider = prov
        }
        if let p = o["percentageOfNodesToScore"] {
            guard let v = p.intValue, (0...100).contains(v) else {
                throw SchedulerConfigError("\(source): percentageOfNodesToScore: must be an integer from 0 to 100")
            }
            policy.percentageOfNodesToScore = Int(v)
        }
        if let f = o["filters"] {
            guard let items = f.arrayValue else { throw SchedulerConfigError("\(source): filters: must be a list") }
            var names: [String] = []
            for (i, item) in items.enumerated() {
                let name = item.stringValue ?? item["name"]?.stringValue
                guard let name, !name.isEmpty else { throw SchedulerConfigError("\(source): filters[\(i)].name: required") }
                guard registry.filters[name] != nil else {
                    throw SchedulerConfigError("\(source): filters[\(i)].name: unknown filter \"\(name)\" (known: \(registry.filters.keys.sorted().joined(separator: ", ")))")
                }
                names.append(name)
            }
            policy.provider.filters = names
        }
        if let s = o["scores"] {
            guard let items = s.arrayValue else { throw SchedulerConfigError("\(source): scores: must be a list") }
            var choices: [AlgorithmProvider.ScoreChoice] = []
            for (i, item) in items.enumerated() {
                let name = item.stringValue ?? item["name"]?.stringValue
                guard let name, !name.isEmpty else { throw SchedulerConfigError("\(source): scores[\(i)].name: required") }
                guard registry.scores[name] != nil else {
                    throw SchedulerConfigError("\(source): scores[\(i)].name: unknown score \"\(name)\" (known: \(registry.scores.keys.sorted().joined(separator: ", ")))")
                }
                var weight: Int64 = 1
                if let w = item["weight"] {
                    guard let v = w.intValue, v >= 0 else { throw SchedulerConfigError("\(source): scores[\(i)].weight: must be a non-negative integer") }
                    weight = v
                }
                choices.append(.init(name, weight: weight))
            }
            policy.provider.scores = choices
        }
        if o["filters"] != nil || o["scores"] != nil { policy.provider.name = "\(source)" }
        return policy
    }

    public static func load(path: String, registry: PluginRegistry = .builtIn) throws -> SchedulerPolicy {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SchedulerConfigError("--config \(path): cannot read it: \(error.localizedDescription)")
        }
        return try parse(text, source: path, registry: registry)
    }

    /// Builds the algorithm from the registry.
    public func algorithm(registry: PluginRegistry = .builtIn) throws -> SchedulingAlgorithm {
        var filters: [any FilterPlugin] = []
        for name in provider.filters {
            guard let make = registry.filters[name] else { throw SchedulerConfigError("filter \"\(name)\" is not registered") }
            filters.append(make())
        }
        var scores: [WeightedScore] = []
        for c in provider.scores {
            guard let make = registry.scores[c.name] else { throw SchedulerConfigError("score \"\(c.name)\" is not registered") }
            scores.append(WeightedScore(make(), weight: c.weight))
        }
        return SchedulingAlgorithm(filters: filters, scores: scores, percentageOfNodesToScore: percentageOfNodesToScore)
    }
}
