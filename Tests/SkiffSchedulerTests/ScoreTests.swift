import SkiffAPI
import Testing
@testable import SkiffScheduler

@Suite struct ScoreTests {
    let ctx = ScoringContext()

    @Test func leastRequestedFavoursTheEmptierNode() {
        let p = PodInfo(Fx.pod("p", cpu: "1", memory: "1Gi"))
        let empty = Fx.info(Fx.node("a", cpu: "4", memory: "4Gi"))
        let busy = Fx.info(Fx.node("b", cpu: "4", memory: "4Gi"), pods: [Fx.pod("x", cpu: "2", memory: "2Gi")])
        // (4-1)/4 = 75 on both resources; (4-3)/4 = 25.
        #expect(LeastRequested().score(p, empty, ctx) == 75)
        #expect(LeastRequested().score(p, busy, ctx) == 25)
    }

    @Test func pods_without_requests_count_the_defaults() {
        let p = PodInfo(Fx.pod("p"))
        #expect(p.requests.milliCPU == 0)
        #expect(p.nonZeroRequests.milliCPU == 100)
        #expect(p.nonZeroRequests.memory == 200 * 1024 * 1024)
        let n = Fx.info(Fx.node("a", cpu: "1", memory: "2000Mi"))
        // cpu (1000-100)/1000 = 90, memory (2000-200)/2000 = 90.
        #expect(LeastRequested().score(p, n, ctx) == 90)
    }

    @Test func mostRequestedFavoursTheFullerNode() {
        let p = PodInfo(Fx.pod("p", cpu: "1", memory: "1Gi"))
        let empty = Fx.info(Fx.node("a", cpu: "4", memory: "4Gi"))
        let busy = Fx.info(Fx.node("b", cpu: "4", memory: "4Gi"), pods: [Fx.pod("x", cpu: "2", memory: "2Gi")])
        #expect(MostRequested().score(p, empty, ctx) == 25)
        #expect(MostRequested().score(p, busy, ctx) == 75)
    }

    @Test func balancedAllocationPrefersEqualFractions() {
        let p = PodInfo(Fx.pod("p", cpu: "1", memory: "1Gi"))
        let balanced = Fx.info(Fx.node("a", cpu: "4", memory: "4Gi"))
        // cpu 1/2 = 0.5, memory 1/8 = 0.125: std = 0.1875, score 81.
        let skewed = Fx.info(Fx.node("b", cpu: "2", memory: "8Gi"))
        #expect(BalancedResourceAllocation().score(p, balanced, ctx) == 100)
        #expect(BalancedResourceAllocation().score(p, skewed, ctx) == 81)
    }

    @Test func selectorSpreadByController() {
        let p = PodInfo(Fx.pod("new", owner: "rs1"))
        let s = SelectorSpread()
        #expect(s.isRelevant(for: p, ctx))
        #expect(!s.isRelevant(for: PodInfo(Fx.pod("lone")), ctx))
        let two = Fx.info(Fx.node("a"), pods: [Fx.pod("x", owner: "rs1"), Fx.pod("y", owner: "rs1"), Fx.pod("z", owner: "other")])
        let one = Fx.info(Fx.node("b"), pods: [Fx.pod("w", owner: "rs1")])
        let none = Fx.info(Fx.node("c"))
        var scores = [two, one, none].map { s.score(p, $0, ctx) }
        #expect(scores == [2, 1, 0])
        s.normalize(&scores)
        #expect(scores == [0, 50, 100])
    }

    @Test func selectorSpreadByService() {
        let svc = ServiceSelector(namespace: "default", name: "web", selector: ["app": "web"])
        let p = PodInfo(Fx.pod("new", labels: ["app": "web"]))
        #expect(svc.selects(p))
        let ctx = ScoringContext(serviceSelectors: [svc])
        let s = SelectorSpread()
        #expect(s.isRelevant(for: p, ctx))
        let a = Fx.info(Fx.node("a"), pods: [Fx.pod("w1", labels: ["app": "web"]), Fx.pod("db", labels: ["app": "db"])])
        let b = Fx.info(Fx.node("b"), pods: [Fx.pod("w2", ns: "other", labels: ["app": "web"])])
        #expect(s.score(p, a, ctx) == 1)
        #expect(s.score(p, b, ctx) == 0)
    }

    @Test func preferredNodeAffinitySumsWeightsAndScales() {
        let pref = NodeAffinity(preferredDuringSchedulingIgnoredDuringExecution: [
            PreferredSchedulingTerm(weight: 10, preference: NodeSelectorTerm(matchExpressions: [Fx.requirement("zone", "In", ["a"])])),
            PreferredSchedulingTerm(weight: 30, preference: NodeSelectorTerm(matchExpressions: [Fx.requirement("disk", "In", ["ssd"])])),
        ])
        let p = PodInfo(Fx.pod("p", affinity: pref))
        let s = NodeAffinityScore()
        #expect(s.isRelevant(for: p, ctx))
        var scores = [Fx.node("a", labels: ["zone": "a"]), Fx.node("b", labels: ["zone": "a", "disk": "ssd"]), Fx.node("c")]
            .map { s.score(p, Fx.info($0), ctx) }
        #expect(scores == [10, 40, 0])
        s.normalize(&scores)
        #expect(scores == [25, 100, 0])
    }
}
