import SkiffAPI
import Testing
@testable import SkiffScheduler

@Suite struct AlgorithmTests {
    func defaultAlgorithm() throws -> SchedulingAlgorithm { try SchedulerPolicy().algorithm() }

    @Test func fitErrorMessageIsKubernetesForm() {
        let e = FitError(numAllNodes: 3, reasons: ["Insufficient cpu": 2, "node(s) didn't match Pod's node affinity/selector": 1])
        // Kubernetes sorts the strings "<count> <reason>" byte-wise, so the count leads.
        #expect(e.message == "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.")
        // ... and 10 sorts before 2.
        let many = FitError(numAllNodes: 12, reasons: ["Insufficient memory": 2, "Insufficient cpu": 10])
        #expect(many.message == "0/12 nodes are available: 10 Insufficient cpu, 2 Insufficient memory.")
        #expect(FitError(numAllNodes: 0).message == "no nodes available to schedule pods")
    }

    @Test func unschedulablePodGetsTheReasonHistogram() throws {
        let snap = ClusterSnapshot()
        snap.upsertNode(Fx.node("small-1", cpu: "1", labels: ["disk": "ssd"]))
        snap.upsertNode(Fx.node("small-2", cpu: "1", labels: ["disk": "ssd"]))
        snap.upsertNode(Fx.node("big", cpu: "8", labels: ["disk": "hdd"]))
        var st = AlgorithmState()
        let p = PodInfo(Fx.pod("p", cpu: "2", nodeSelector: ["disk": "ssd"]))
        let d = try defaultAlgorithm().schedule(p, in: snap, state: &st)
        #expect(d == .unschedulable(FitError(numAllNodes: 3, reasons: ["Insufficient cpu": 2, "node(s) didn't match Pod's node affinity/selector": 1])))
        if case .unschedulable(let e) = d {
            #expect(e.message == "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.")
        }
    }

    @Test func aNodeReportsOnlyItsFirstFailingFilter() throws {
        let snap = ClusterSnapshot()
        snap.upsertNode(Fx.node("down", cpu: "1", ready: false))
        snap.upsertNode(Fx.node("tainted", cpu: "1", taints: [Taint(key: "k", value: "v", effect: "NoSchedule")]))
        var st = AlgorithmState()
        let d = try defaultAlgorithm().schedule(PodInfo(Fx.pod("p", cpu: "2")), in: snap, state: &st)
        guard case .unschedulable(let e) = d else { Issue.record("expected unschedulable"); return }
        #expect(e.message == "0/2 nodes are available: 1 node(s) had untolerated taint {k: v}, 1 node(s) were not ready.")
    }

    @Test func backToBackDecisionsSeeAssumedPods() throws {
        let snap = ClusterSnapshot()
        snap.upsertNode(Fx.node("a", cpu: "1"))
        snap.upsertNode(Fx.node("b", cpu: "1"))
        let alg = try defaultAlgorithm()
        var st = AlgorithmState()
        var placed: [String] = []
        for i in 0..<2 {
            let p = PodInfo(Fx.pod("p\(i)", cpu: "800m"))
            guard case .node(let n, _, _) = alg.schedule(p, in: snap, state: &st) else { Issue.record("p\(i) unschedulable"); return }
            snap.addPod(p, node: n)
            placed.append(n)
        }
        #expect(Set(placed) == ["a", "b"])
        let third = alg.schedule(PodInfo(Fx.pod("p2", cpu: "800m")), in: snap, state: &st)
        #expect(third == .unschedulable(FitError(numAllNodes: 2, reasons: ["Insufficient cpu": 2])))
        // Forgetting an assumption (a failed binding) frees the node again.
        snap.removePod(key: "default/p0")
        guard case .node(let again, _, _) = alg.schedule(PodInfo(Fx.pod("p2", cpu: "800m")), in: snap, state: &st) else {
            Issue.record("expected a node"); return
        }
        #expect(again == placed[0])
    }

    @Test func leastRequestedSpreadsAndMostRequestedPacks() throws {
        func place(_ policy: SchedulerPolicy) throws -> [String: Int] {
            let snap = ClusterSnapshot()
            for n in ["a", "b", "c"] { snap.upsertNode(Fx.node(n, cpu: "4", memory: "4Gi")) }
            let alg = try policy.algorithm()
            var st = AlgorithmState(seed: 7)
            var counts: [String: Int] = [:]
            for i in 0..<6 {
                let p = PodInfo(Fx.pod("p\(i)", cpu: "500m", memory: "512Mi"))
                guard case .node(let n, _, _) = alg.schedule(p, in: snap, state: &st) else { continue }
                snap.addPod(p, node: n)
                counts[n, default: 0] += 1
            }
            return counts
        }
        #expect(try place(SchedulerPolicy()) == ["a": 2, "b": 2, "c": 2])
        let packed = try place(SchedulerPolicy.provider(named: "ClusterAutoscalerProvider"))
        #expect(packed.values.max() == 6)
    }

    @Test func selectorSpreadSpreadsReplicas() throws {
        let snap = ClusterSnapshot()
        // Uneven nodes: LeastRequested alone would stack the replicas on the big one.
        snap.upsertNode(Fx.node("big", cpu: "64", memory: "64Gi"))
        snap.upsertNode(Fx.node("small", cpu: "8", memory: "8Gi"))
        let policy = SchedulerPolicy(provider: AlgorithmProvider(name: "t", filters: AlgorithmProvider.defaultFilters,
                                                                 scores: [.init("SelectorSpread", weight: 10), .init("LeastRequested")]))
        let alg = try policy.algorithm()
        var st = AlgorithmState()
        var counts: [String: Int] = [:]
        for i in 0..<4 {
            let p = PodInfo(Fx.pod("r\(i)", cpu: "100m", owner: "rs"))
            guard case .node(let n, _, _) = alg.schedule(p, in: snap, state: &st) else { continue }
            snap.addPod(p, node: n)
            counts[n, default: 0] += 1
        }
        #expect(counts == ["big": 2, "small": 2])
    }

    @Test func bigClustersAreSampledAsKubernetesDoes() throws {
        let alg = try defaultAlgorithm()
        #expect(alg.numFeasibleNodesToFind(50) == 50)
        #expect(alg.numFeasibleNodesToFind(100) == 100)
        #expect(alg.numFeasibleNodesToFind(1000) == 420)      // 50 - 8 = 42%
        #expect(alg.numFeasibleNodesToFind(5000) == 500)      // 50 - 40 = 10%
        #expect(alg.numFeasibleNodesToFind(10000) == 500)     // at least 5%
        var fixed = alg
        fixed.percentageOfNodesToScore = 100
        #expect(fixed.numFeasibleNodesToFind(5000) == 5000)

        let snap = ClusterSnapshot()
        for i in 0..<1000 { snap.upsertNode(Fx.node("n\(i)")) }
        var st = AlgorithmState()
        guard case .node(_, let feasible, let evaluated) = alg.schedule(PodInfo(Fx.pod("p")), in: snap, state: &st) else {
            Issue.record("expected a node"); return
        }
        #expect(feasible == 420 && evaluated == 420)
        #expect(st.nextStartNodeIndex == 420)
    }

    @Test func aPodThatFitsNowhereIsCheckedAgainstEveryNode() throws {
        let alg = try defaultAlgorithm()
        let snap = ClusterSnapshot()
        for i in 0..<300 { snap.upsertNode(Fx.node("n\(i)", cpu: "1")) }
        var st = AlgorithmState()
        st.nextStartNodeIndex = 123
        let d = alg.schedule(PodInfo(Fx.pod("p", cpu: "2")), in: snap, state: &st)
        #expect(d == .unschedulable(FitError(numAllNodes: 300, reasons: ["Insufficient cpu": 300])))
    }

    @Test func nodesComeAndGoWithTheirPods() {
        let snap = ClusterSnapshot()
        snap.addPod(PodInfo(Fx.pod("early", cpu: "1")), node: "late")
        snap.upsertNode(Fx.node("late", cpu: "2"))
        #expect(snap.node(named: "late")?.requested.milliCPU == 1000)
        snap.upsertNode(Fx.node("other"))
        snap.removeNode(named: "late")
        #expect(snap.node(named: "late") == nil)
        #expect(snap.node(named: "other") != nil)
        #expect(snap.nodeCount == 1)
        snap.upsertNode(Fx.node("late", cpu: "2"))
        #expect(snap.node(named: "late")?.requested.milliCPU == 1000)
        snap.removePod(key: "default/early")
        #expect(snap.node(named: "late")?.requested.milliCPU == 0)
    }

    @Test func relevantNodeChangesOnly() {
        let a = Fx.node("n")
        var heartbeat = a
        heartbeat.status.conditions?[0].lastHeartbeatTime = Time.now()
        #expect(!NodeInfo.schedulingRelevantChange(a, heartbeat))
        #expect(NodeInfo.schedulingRelevantChange(a, Fx.node("n", labels: ["x": "y"])))
        #expect(NodeInfo.schedulingRelevantChange(a, Fx.node("n", ready: false)))
        #expect(NodeInfo.schedulingRelevantChange(a, Fx.node("n", cpu: "8")))
    }
}
