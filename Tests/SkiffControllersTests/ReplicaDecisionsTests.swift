import SkiffAPI
import Testing
@testable import SkiffControllers

@Test func claimOwnsAdoptsReleasesAndIgnores() {
    let sel = Selector(matchLabels: ["app": "web"])
    let mine = ref(uid: "me")
    #expect(ReplicaDecisions.claim(makePod("a", owner: mine), ownerUID: "me", selector: sel, ownerDeleting: false) == .owned)
    #expect(ReplicaDecisions.claim(makePod("b"), ownerUID: "me", selector: sel, ownerDeleting: false) == .adopt)
    #expect(ReplicaDecisions.claim(makePod("c", labels: ["app": "db"], owner: mine), ownerUID: "me", selector: sel, ownerDeleting: false) == .release)
    #expect(ReplicaDecisions.claim(makePod("d", owner: ref(uid: "other")), ownerUID: "me", selector: sel, ownerDeleting: false) == .ignore)
    #expect(ReplicaDecisions.claim(makePod("e", labels: ["app": "db"]), ownerUID: "me", selector: sel, ownerDeleting: false) == .ignore)
    // An owner being deleted adopts nothing and releases nothing.
    #expect(ReplicaDecisions.claim(makePod("f"), ownerUID: "me", selector: sel, ownerDeleting: true) == .ignore)
    #expect(ReplicaDecisions.claim(makePod("g", labels: ["app": "db"], owner: mine), ownerUID: "me", selector: sel, ownerDeleting: true) == .ignore)
}

@Test func diffCapsAtBurst() {
    #expect(ReplicaDecisions.diff(active: 0, desired: 3) == .create(3))
    #expect(ReplicaDecisions.diff(active: 5, desired: 1) == .delete(4))
    #expect(ReplicaDecisions.diff(active: 2, desired: 2) == .none)
    #expect(ReplicaDecisions.diff(active: 0, desired: 1000) == .create(500))
    #expect(ReplicaDecisions.diff(active: 0, desired: 1000, burst: 2000) == .create(1000))
}

@Test func slowStartDoublesUntilDone() {
    #expect(ReplicaDecisions.slowStartBatches(1) == [1])
    #expect(ReplicaDecisions.slowStartBatches(10) == [1, 2, 4, 3])
    #expect(ReplicaDecisions.slowStartBatches(500) == [1, 2, 4, 8, 16, 32, 64, 128, 245])
    #expect(ReplicaDecisions.slowStartBatches(0) == [])
    #expect(ReplicaDecisions.slowStartBatches(500).reduce(0, +) == 500)
}

@Test func leastValuablePodsGoFirst() {
    let unscheduled = makePod("unscheduled", created: 100)
    let pending = makePod("pending", node: "n1", phase: "Pending", created: 100)
    let notReady = makePod("notready", node: "n1", phase: "Running", ready: false, readySince: 50, created: 100)
    let readyOld = makePod("ready-old", node: "n2", phase: "Running", ready: true, readySince: 100, created: 100)
    let readyNew = makePod("ready-new", node: "n3", phase: "Running", ready: true, readySince: 100, created: 200)
    let all = [readyOld, readyNew, notReady, pending, unscheduled]
    let order = ReplicaDecisions.podsToDelete(all, count: 5).map { $0.metadata.name ?? "" }
    #expect(order == ["unscheduled", "pending", "notready", "ready-new", "ready-old"])
    #expect(ReplicaDecisions.podsToDelete(all, count: 2).map { $0.metadata.name ?? "" } == ["unscheduled", "pending"])
}

@Test func crowdedNodeLosesPodsFirst() {
    let a = makePod("a", node: "busy", phase: "Running", ready: true, readySince: 100, created: 100)
    let b = makePod("b", node: "busy", phase: "Running", ready: true, readySince: 100, created: 100)
    let c = makePod("c", node: "quiet", phase: "Running", ready: true, readySince: 100, created: 300)
    let victim = ReplicaDecisions.podsToDelete([a, b, c], count: 1)
    #expect(victim.first?.spec.nodeName == "busy")
}

@Test func statusCountsReadyAvailableAndLabels() {
    let now = Time(secondsSinceEpoch: 2000)
    let pods = [
        makePod("a", labels: ["app": "web", "tier": "x"], ready: true, readySince: 1000),
        makePod("b", labels: ["app": "web", "tier": "x"], ready: true, readySince: 1995),
        makePod("c", labels: ["app": "web"], ready: false),
    ]
    let s = ReplicaDecisions.status(pods: pods, templateLabels: ["app": "web", "tier": "x"], minReadySeconds: 10, generation: 4, now: now)
    #expect(s == ReplicaCounts(replicas: 3, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 1, observedGeneration: 4))
    #expect(ReplicaDecisions.nextAvailableCheck(pods: pods, minReadySeconds: 10, now: now) == 6)
    #expect(ReplicaDecisions.nextAvailableCheck(pods: pods, minReadySeconds: 0, now: now) == nil)
}

@Test func podFromTemplateCarriesOwnerAndLabels() {
    var t = PodTemplateSpec()
    t.metadata.labels = ["app": "web"]
    t.metadata.annotations = ["a": "b"]
    t.spec.containers = [Container(name: "c", image: "busybox")]
    let p = ReplicaDecisions.pod(from: t, ownerName: "web", namespace: "ns", controllerRef: ref(name: "web"))
    #expect(p.metadata.generateName == "web-")
    #expect(p.metadata.name == nil)
    #expect(p.metadata.labels == ["app": "web"])
    #expect(p.metadata.annotations == ["a": "b"])
    #expect(p.metadata.ownerReferences?.first?.controller == true)
    #expect(p.metadata.ownerReferences?.first?.blockOwnerDeletion == true)
    #expect(p.spec.containers.first?.image == "busybox")
}

@Test func expectationsHoldUntilObserved() {
    let e = Expectations()
    #expect(e.satisfied("ns/rc"))
    e.expectCreations("ns/rc", 2)
    #expect(!e.satisfied("ns/rc"))
    e.creationObserved("ns/rc")
    #expect(!e.satisfied("ns/rc"))
    e.creationObserved("ns/rc")
    #expect(e.satisfied("ns/rc"))
    e.expectDeletions("ns/rc", ["ns/a", "ns/b"])
    e.deletionObserved("ns/rc", podKey: "ns/a")
    #expect(!e.satisfied("ns/rc"))
    e.deletionObserved("ns/rc", podKey: "ns/a")
    #expect(!e.satisfied("ns/rc"))
    e.deletionObserved("ns/rc", podKey: "ns/b")
    #expect(e.satisfied("ns/rc"))
}

@Test func expiredExpectationsDoNotWedge() {
    let e = Expectations(ttl: .zero)
    e.expectCreations("k", 5)
    #expect(e.satisfied("k"))
}

@Test func replicaOwnersMapTheirFields() throws {
    var rc = ReplicationController()
    rc.spec.selector = ["app": "web"]
    rc.spec.replicas = 3
    rc.spec.minReadySeconds = 5
    #expect(rc.podSelector?.matches(["app": "web"]) == true)
    #expect(rc.desiredReplicas == 3)
    rc.counts = ReplicaCounts(replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 1, observedGeneration: 7)
    #expect(rc.status.readyReplicas == 2 && rc.status.observedGeneration == 7)
    var rs = ReplicaSet()
    #expect(rs.podSelector == nil)
    rs.spec.selector = LabelSelector(matchExpressions: [LabelSelectorRequirement(key: "app", operator: "In", values: ["web", "api"])])
    #expect(rs.podSelector?.matches(["app": "api"]) == true)
    #expect(rs.desiredReplicas == 1)
}
