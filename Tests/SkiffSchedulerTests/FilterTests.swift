import SkiffAPI
import Testing
@testable import SkiffScheduler

@Suite struct FilterTests {
    @Test func podFitsResourcesChecksEachResourceAgainstWhatIsAlreadyThere() {
        let f = PodFitsResources()
        let node = Fx.info(Fx.node("n", cpu: "2", memory: "4Gi", pods: 3, ephemeral: "10Gi"),
                           pods: [Fx.pod("a", cpu: "1500m", memory: "1Gi")])
        #expect(f.filter(PodInfo(Fx.pod("fits", cpu: "500m", memory: "3Gi")), node) == nil)
        #expect(f.filter(PodInfo(Fx.pod("cpu", cpu: "600m")), node) == ["Insufficient cpu"])
        #expect(f.filter(PodInfo(Fx.pod("mem", memory: "3073Mi")), node) == ["Insufficient memory"])
        #expect(f.filter(PodInfo(Fx.pod("both", cpu: "1", memory: "5Gi")), node) == ["Insufficient cpu", "Insufficient memory"])
        #expect(f.filter(PodInfo(Fx.pod("disk", ephemeral: "11Gi")), node) == ["Insufficient ephemeral-storage"])
        #expect(f.filter(PodInfo(Fx.pod("besteffort")), node) == nil)
    }

    @Test func podFitsResourcesCountsPods() {
        let f = PodFitsResources()
        let node = Fx.info(Fx.node("n", pods: 2), pods: [Fx.pod("a"), Fx.pod("b")])
        #expect(f.filter(PodInfo(Fx.pod("c")), node) == ["Too many pods"])
        node.remove(key: "default/a")
        #expect(f.filter(PodInfo(Fx.pod("c")), node) == nil)
    }

    @Test func initContainersCountAtTheirPeak() {
        var p = Fx.pod("p", cpu: "500m")
        var ic = Container(name: "init", image: "busybox")
        ic.resources = ResourceRequirements(requests: ["cpu": Fx.q("2")])
        p.spec.initContainers = [ic]
        #expect(PodInfo(p).requests.milliCPU == 2000)
        #expect(PodFitsResources().filter(PodInfo(p), Fx.info(Fx.node("n", cpu: "1"))) == ["Insufficient cpu"])
    }

    @Test func hostPortsConflictOnTheSameProtocolAndPort() {
        let f = PodFitsHostPorts()
        let node = Fx.info(Fx.node("n"), pods: [Fx.pod("web", hostPorts: [8080])])
        #expect(!f.isRelevant(for: PodInfo(Fx.pod("none"))))
        #expect(f.filter(PodInfo(Fx.pod("clash", hostPorts: [8080])), node) == [PodFitsHostPorts.reason])
        #expect(f.filter(PodInfo(Fx.pod("other", hostPorts: [9090])), node) == nil)
        var udp = Fx.pod("udp", hostPorts: [8080])
        udp.spec.containers[0].ports?[0].protocol = "UDP"
        #expect(f.filter(PodInfo(udp), node) == nil)
        #expect(PodFitsHostPorts.reason == "node(s) didn't have free ports for the requested pod ports")
    }

    @Test func hostPortsOnDistinctAddressesDoNotConflict() {
        let a = HostPortUse(proto: "TCP", hostIP: "10.0.0.1", port: 80)
        #expect(!a.conflicts(with: HostPortUse(proto: "TCP", hostIP: "10.0.0.2", port: 80)))
        #expect(a.conflicts(with: HostPortUse(proto: "TCP", hostIP: "0.0.0.0", port: 80)))
    }

    @Test func noDiskConflictAllowsOnlySharedReadOnlyHostPaths() {
        let f = NoDiskConflict()
        let readers = Fx.info(Fx.node("n"), pods: [Fx.pod("r", hostPaths: [("/data", true)])])
        #expect(f.filter(PodInfo(Fx.pod("r2", hostPaths: [("/data/", true)])), readers) == nil)
        #expect(f.filter(PodInfo(Fx.pod("w", hostPaths: [("/data", false)])), readers) == [NoDiskConflict.reason])
        let writer = Fx.info(Fx.node("n"), pods: [Fx.pod("w", hostPaths: [("/data", false)])])
        #expect(f.filter(PodInfo(Fx.pod("r", hostPaths: [("/data", true)])), writer) == [NoDiskConflict.reason])
        #expect(f.filter(PodInfo(Fx.pod("o", hostPaths: [("/other", false)])), writer) == nil)
        writer.remove(key: "default/w")
        #expect(f.filter(PodInfo(Fx.pod("w2", hostPaths: [("/data", false)])), writer) == nil)
        #expect(NoDiskConflict.reason == "node(s) had no available disk")
    }

    @Test func nodeSelectorMustMatchEveryLabel() {
        let f = PodSelectorMatches()
        let node = Fx.info(Fx.node("n", labels: ["disk": "ssd", "zone": "a"]))
        #expect(!f.isRelevant(for: PodInfo(Fx.pod("p"))))
        #expect(f.filter(PodInfo(Fx.pod("p", nodeSelector: ["disk": "ssd"])), node) == nil)
        #expect(f.filter(PodInfo(Fx.pod("p", nodeSelector: ["disk": "ssd", "zone": "b"])), node) == [PodSelectorMatches.reason])
        #expect(PodSelectorMatches.reason == "node(s) didn't match Pod's node affinity/selector")
    }

    @Test func requiredNodeAffinityOperators() {
        let f = PodSelectorMatches()
        let node = Fx.info(Fx.node("n", labels: ["zone": "a", "cores": "16"]))
        func fits(_ a: NodeAffinity) -> Bool { f.filter(PodInfo(Fx.pod("p", affinity: a)), node) == nil }
        #expect(fits(Fx.required([Fx.requirement("zone", "In", ["a", "b"])])))
        #expect(!fits(Fx.required([Fx.requirement("zone", "In", ["b"])])))
        #expect(fits(Fx.required([Fx.requirement("zone", "NotIn", ["b"])])))
        #expect(!fits(Fx.required([Fx.requirement("zone", "NotIn", ["a"])])))
        #expect(fits(Fx.required([Fx.requirement("zone", "Exists")])))
        #expect(!fits(Fx.required([Fx.requirement("gpu", "Exists")])))
        #expect(fits(Fx.required([Fx.requirement("gpu", "DoesNotExist")])))
        #expect(!fits(Fx.required([Fx.requirement("zone", "DoesNotExist")])))
        #expect(fits(Fx.required([Fx.requirement("cores", "Gt", ["8"])])))
        #expect(!fits(Fx.required([Fx.requirement("cores", "Gt", ["16"])])))
        #expect(fits(Fx.required([Fx.requirement("cores", "Lt", ["32"])])))
        #expect(!fits(Fx.required([Fx.requirement("zone", "Lt", ["32"])])))  // not a number
        // Requirements of one term are ANDed, terms ORed.
        #expect(!fits(Fx.required([Fx.requirement("zone", "In", ["a"]), Fx.requirement("gpu", "Exists")])))
        #expect(fits(Fx.required([Fx.requirement("gpu", "Exists")], [Fx.requirement("zone", "In", ["a"])])))
        // An empty term list matches nothing.
        #expect(!fits(NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: []))))
        // matchFields on metadata.name.
        let byName = NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
            NodeSelectorTerm(matchFields: [Fx.requirement("metadata.name", "In", ["n"])])]))
        #expect(fits(byName))
    }

    @Test func podFitsHostOnlyOnTheNamedNode() {
        let f = PodFitsHost()
        #expect(!f.isRelevant(for: PodInfo(Fx.pod("p"))))
        let p = PodInfo(Fx.pod("p", nodeName: "b"))
        #expect(f.filter(p, Fx.info(Fx.node("b"))) == nil)
        #expect(f.filter(p, Fx.info(Fx.node("a"))) == ["node(s) didn't match the requested node name"])
    }

    @Test func nodeMustBeReadyAndSchedulable() {
        let p = PodInfo(Fx.pod("p"))
        #expect(NodeReady().filter(p, Fx.info(Fx.node("n"))) == nil)
        #expect(NodeReady().filter(p, Fx.info(Fx.node("n", ready: false))) == ["node(s) were not ready"])
        var noCond = Fx.node("n")
        noCond.status.conditions = nil
        #expect(NodeReady().filter(p, Fx.info(noCond)) == ["node(s) were not ready"])
        #expect(NodeUnschedulable().filter(p, Fx.info(Fx.node("n", unschedulable: true))) == ["node(s) were unschedulable"])
        let tolerant = PodInfo(Fx.pod("t", tolerations: [Toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule")]))
        #expect(NodeUnschedulable().filter(tolerant, Fx.info(Fx.node("n", unschedulable: true))) == nil)
    }

    @Test func taintsNeedTolerations() {
        let f = TaintToleration()
        let node = Fx.info(Fx.node("n", taints: [Taint(key: "dedicated", value: "gpu", effect: "NoSchedule"),
                                                 Taint(key: "soft", value: "x", effect: "PreferNoSchedule")]))
        #expect(f.filter(PodInfo(Fx.pod("p")), node) == ["node(s) had untolerated taint {dedicated: gpu}"])
        #expect(f.filter(PodInfo(Fx.pod("p", tolerations: [Toleration(key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule")])), node) == nil)
        #expect(f.filter(PodInfo(Fx.pod("p", tolerations: [Toleration(key: "dedicated", value: "cpu")])), node) != nil)
        #expect(f.filter(PodInfo(Fx.pod("p", tolerations: [Toleration(key: "dedicated", operator: "Exists")])), node) == nil)
        #expect(f.filter(PodInfo(Fx.pod("p", tolerations: [Toleration(operator: "Exists")])), node) == nil)
        #expect(f.filter(PodInfo(Fx.pod("p", tolerations: [Toleration(key: "dedicated", operator: "Exists", effect: "NoExecute")])), node) != nil)
        let exec = Fx.info(Fx.node("n", taints: [Taint(key: "node.kubernetes.io/unreachable", effect: "NoExecute")]))
        #expect(f.filter(PodInfo(Fx.pod("p")), exec) == ["node(s) had untolerated taint {node.kubernetes.io/unreachable: }"])
        #expect(f.filter(PodInfo(Fx.pod("p", tolerations: [Toleration(key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)])), exec) == nil)
    }
}
