import SkiffAPI
import Testing
@testable import SkiffScheduler

@Suite struct QueueTests {
    @Test func backoffDoublesFromOneSecondToTen() {
        let q = SchedulingQueue()
        #expect((1...6).map { q.backoff(attempts: $0) } == [1, 2, 4, 8, 10, 10])
    }

    @Test func fifoWithoutDuplicates() {
        var q = SchedulingQueue()
        q.add(PodInfo(Fx.pod("a")))
        q.add(PodInfo(Fx.pod("b")))
        q.add(PodInfo(Fx.pod("a")))
        #expect(q.activeCount == 2)
        #expect(q.pop()?.name == "a")
        #expect(q.pop()?.name == "b")
        #expect(q.pop() == nil)
    }

    @Test func unschedulablePodsWaitForBackoffOrAClusterChange() {
        var q = SchedulingQueue()
        let p = PodInfo(Fx.pod("p"))
        q.add(p)
        _ = q.pop()
        #expect(q.unschedulable(p, now: 100) == 1)
        #expect(q.pop() == nil)
        #expect(q.flush(now: 100.5) == 101)
        #expect(q.pop() == nil)
        q.flush(now: 101)
        #expect(q.pop()?.name == "p")
        #expect(q.unschedulable(p, now: 200) == 2)
        // Our own status write does not wake it; a spec change or a cluster change does.
        var statusOnly = Fx.pod("p")
        statusOnly.status.conditions = [PodCondition(type: "PodScheduled", status: "False")]
        q.add(PodInfo(statusOnly))
        #expect(q.pop() == nil)
        q.moveAllToActive()
        #expect(q.pop()?.name == "p")
        #expect(q.unschedulable(p, now: 300) == 4)
        q.add(PodInfo(Fx.pod("p", tolerations: [Toleration(operator: "Exists")])))
        #expect(q.pop()?.name == "p")
    }

    @Test func removedPodsLeave() {
        var q = SchedulingQueue()
        q.add(PodInfo(Fx.pod("a")))
        q.remove("default/a")
        #expect(q.pop() == nil)
        let b = PodInfo(Fx.pod("b"))
        q.unschedulable(b, now: 0)
        q.remove("default/b")
        q.moveAllToActive()
        #expect(q.pop() == nil)
    }

    @Test func responsibility() {
        let o = SchedulerOptions()
        #expect(o.isResponsible(for: Fx.pod("p")))
        var named = Fx.pod("p")
        named.spec.schedulerName = "default-scheduler"
        #expect(o.isResponsible(for: named))
        named.spec.schedulerName = "other"
        #expect(!o.isResponsible(for: named))
        var custom = SchedulerOptions()
        custom.schedulerName = "other"
        #expect(custom.isResponsible(for: named))
        #expect(!custom.isResponsible(for: Fx.pod("p")))
        #expect(!o.isResponsible(for: Fx.pod("p", nodeName: "n")))
    }
}

@Suite struct PolicyTests {
    @Test func providersByName() throws {
        #expect(try SchedulerPolicy.provider(named: "DefaultProvider").provider == .defaultProvider)
        #expect(try SchedulerPolicy.provider(named: "ClusterAutoscalerProvider").provider.scores.first?.name == "MostRequested")
        #expect(throws: SchedulerConfigError.self) { try SchedulerPolicy.provider(named: "Nope") }
    }

    @Test func configFileChoosesPluginsAndWeights() throws {
        let yaml = """
        algorithmProvider: DefaultProvider
        percentageOfNodesToScore: 30
        filters: [PodFitsResources, {name: NodeAffinity}]
        scores:
          - {name: MostRequested, weight: 3}
          - name: SelectorSpread
        """
        let p = try SchedulerPolicy.parse(yaml, source: "s.yaml")
        #expect(p.provider.filters == ["PodFitsResources", "NodeAffinity"])
        #expect(p.provider.scores == [.init("MostRequested", weight: 3), .init("SelectorSpread", weight: 1)])
        #expect(p.percentageOfNodesToScore == 30)
        let alg = try p.algorithm()
        #expect(alg.filters.map(\.name) == ["PodFitsResources", "PodSelectorMatches"])
        #expect(alg.scores.map(\.weight) == [3, 1])
        let json = try SchedulerPolicy.parse(#"{"scores":[{"name":"LeastRequested","weight":2}]}"#)
        #expect(json.provider.filters == AlgorithmProvider.defaultFilters)
    }

    @Test func badConfigNamesTheField() {
        func message(_ text: String) -> String {
            do { _ = try SchedulerPolicy.parse(text, source: "c.yaml"); return "" } catch { return "\(error)" }
        }
        #expect(message("scores: [{name: Nope}]").hasPrefix("c.yaml: scores[0].name: unknown score \"Nope\""))
        #expect(message("filters: [PodFitsResources, Bogus]").hasPrefix("c.yaml: filters[1].name: unknown filter \"Bogus\""))
        #expect(message("scores: [{name: LeastRequested, weight: -1}]") == "c.yaml: scores[0].weight: must be a non-negative integer")
        #expect(message("percentageOfNodesToScore: 101") == "c.yaml: percentageOfNodesToScore: must be an integer from 0 to 100")
        #expect(message("weights: 1").hasPrefix("c.yaml: weights: unknown field"))
    }

    /// A custom filter: a small type registered by name.
    struct OnlyEvenNodes: FilterPlugin {
        let name = "OnlyEvenNodes"
        func filter(_ pod: PodInfo, _ node: NodeInfo) -> [String]? {
            (Int(node.name.dropFirst()) ?? 1) % 2 == 0 ? nil : ["node(s) were odd"]
        }
    }

    @Test func customPluginsPlugIn() throws {
        var reg = PluginRegistry.builtIn
        reg.register(filter: "OnlyEvenNodes") { OnlyEvenNodes() }
        let p = try SchedulerPolicy.parse("filters: [OnlyEvenNodes, PodFitsResources]", registry: reg)
        let alg = try p.algorithm(registry: reg)
        let snap = ClusterSnapshot()
        for i in 1...3 { snap.upsertNode(Fx.node("n\(i)")) }
        var st = AlgorithmState()
        #expect(alg.schedule(PodInfo(Fx.pod("p")), in: snap, state: &st) == .node("n2", feasible: 1, evaluated: 3))
        snap.upsertNode(Fx.node("n2", cpu: "100m"))
        let d = alg.schedule(PodInfo(Fx.pod("q", cpu: "1")), in: snap, state: &st)
        #expect(d == .unschedulable(FitError(numAllNodes: 3, reasons: ["node(s) were odd": 2, "Insufficient cpu": 1])))
    }
}
