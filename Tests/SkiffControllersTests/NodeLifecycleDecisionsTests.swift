import SkiffAPI
import Testing
@testable import SkiffControllers

func makeNode(ready: String? = "True", heartbeat: Int64 = 1000, created: Int64 = 500) -> Node {
    var n = Node()
    n.metadata.name = "n1"
    n.metadata.creationTimestamp = Time(secondsSinceEpoch: created)
    if let ready {
        n.status.conditions = [NodeCondition(type: "Ready", status: ready, lastHeartbeatTime: Time(secondsSinceEpoch: heartbeat),
                                             lastTransitionTime: Time(secondsSinceEpoch: heartbeat), reason: "KubeletReady")]
    }
    return n
}

@Test func staleHeartbeatIsUnknown() {
    let n = makeNode(heartbeat: 1000)
    #expect(NodeLifecycleDecisions.health(n, lease: nil, now: Time(secondsSinceEpoch: 1040), grace: 40) == .ready)
    #expect(NodeLifecycleDecisions.health(n, lease: nil, now: Time(secondsSinceEpoch: 1041), grace: 40) == .unknown)
    #expect(NodeLifecycleDecisions.health(makeNode(ready: "False"), lease: nil, now: Time(secondsSinceEpoch: 1010), grace: 40) == .notReady)
}

@Test func leaseRenewalKeepsNodeAlive() {
    let n = makeNode(heartbeat: 1000)
    var lease = Lease()
    lease.spec.renewTime = MicroTime(microsecondsSinceEpoch: 1_100 * 1_000_000)
    #expect(NodeLifecycleDecisions.lastHeartbeat(n, lease: lease) == Time(secondsSinceEpoch: 1100))
    #expect(NodeLifecycleDecisions.health(n, lease: lease, now: Time(secondsSinceEpoch: 1120), grace: 40) == .ready)
}

@Test func nodeThatNeverReportedCountsFromCreation() {
    let n = makeNode(ready: nil, created: 500)
    #expect(NodeLifecycleDecisions.health(n, lease: nil, now: Time(secondsSinceEpoch: 530), grace: 40) == .ready)
    #expect(NodeLifecycleDecisions.health(n, lease: nil, now: Time(secondsSinceEpoch: 541), grace: 40) == .unknown)
    let conds = NodeLifecycleDecisions.staleConditions(n, now: Time(secondsSinceEpoch: 541))
    #expect(conds.first { $0.type == "Ready" }?.reason == "NodeStatusNeverUpdated")
}

@Test func staleConditionsBecomeUnknownKeepingHeartbeat() {
    let n = makeNode(heartbeat: 1000)
    let conds = NodeLifecycleDecisions.staleConditions(n, now: Time(secondsSinceEpoch: 2000))
    let ready = conds.first { $0.type == "Ready" }
    #expect(ready?.status == "Unknown")
    #expect(ready?.reason == "NodeStatusUnknown")
    #expect(ready?.message == "Kubelet stopped posting node status.")
    #expect(ready?.lastHeartbeatTime == Time(secondsSinceEpoch: 1000))
    #expect(ready?.lastTransitionTime == Time(secondsSinceEpoch: 2000))
    #expect(conds.count == 4)
}

@Test func taintsFollowHealth() {
    var n = makeNode()
    n.spec.taints = [Taint(key: "dedicated", value: "x", effect: "NoSchedule")]
    let now = Time(secondsSinceEpoch: 2000)
    let t = NodeLifecycleDecisions.taints(n, health: .unknown, now: now)
    #expect(t.contains { $0.key == "dedicated" })
    #expect(t.contains { $0.key == NodeLifecycleDecisions.unreachableTaint && $0.effect == "NoExecute" && $0.timeAdded == now })
    #expect(t.contains { $0.key == NodeLifecycleDecisions.unreachableTaint && $0.effect == "NoSchedule" })
    #expect(NodeLifecycleDecisions.addsNoExecute(old: n.spec.taints ?? [], new: t))
    // Kept as is on the next pass (timeAdded unchanged), removed when healthy.
    n.spec.taints = t
    #expect(NodeLifecycleDecisions.taints(n, health: .unknown, now: Time(secondsSinceEpoch: 3000)) == t)
    #expect(NodeLifecycleDecisions.taints(n, health: .ready, now: now).map(\.key) == ["dedicated"])
    #expect(NodeLifecycleDecisions.taints(n, health: .notReady, now: now).contains { $0.key == NodeLifecycleDecisions.notReadyTaint })
}

@Test func evictionWaitsForTolerationOrDefault() {
    let taint = Taint(key: NodeLifecycleDecisions.unreachableTaint, effect: "NoExecute", timeAdded: Time(secondsSinceEpoch: 1000))
    let plain = makePod("a", node: "n1")
    #expect(NodeLifecycleDecisions.evictionDelay(plain, taints: [taint], now: Time(secondsSinceEpoch: 1010), defaultSeconds: 300) == 290)
    #expect(NodeLifecycleDecisions.evictionDelay(plain, taints: [taint], now: Time(secondsSinceEpoch: 1400), defaultSeconds: 300) == 0)
    var short = plain
    short.spec.tolerations = [Toleration(key: NodeLifecycleDecisions.unreachableTaint, operator: "Exists", effect: "NoExecute", tolerationSeconds: 5)]
    #expect(NodeLifecycleDecisions.evictionDelay(short, taints: [taint], now: Time(secondsSinceEpoch: 1001), defaultSeconds: 300) == 4)
    // The toleration every pod gets from the API server's defaulting leaves it to the timeout.
    var defaulted = plain
    defaulted.spec.tolerations = [Toleration(key: NodeLifecycleDecisions.unreachableTaint, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300)]
    #expect(NodeLifecycleDecisions.evictionDelay(defaulted, taints: [taint], now: Time(secondsSinceEpoch: 1001), defaultSeconds: 3) == 2)
    var forever = plain
    forever.spec.tolerations = [Toleration(operator: "Exists")]
    #expect(NodeLifecycleDecisions.evictionDelay(forever, taints: [taint], now: Time(secondsSinceEpoch: 9999), defaultSeconds: 300) == nil)
    // NoSchedule taints never evict.
    let soft = Taint(key: "x", effect: "NoSchedule")
    #expect(NodeLifecycleDecisions.evictionDelay(plain, taints: [soft], now: Time(secondsSinceEpoch: 9999), defaultSeconds: 0) == nil)
}

@Test func podsOnLostNodeMarkedNotReady() {
    let p = makePod("a", node: "n1", phase: "Running", ready: true)
    let m = NodeLifecycleDecisions.markedNotReady(p, now: Time(secondsSinceEpoch: 5))
    #expect(m?.status.conditions?.first?.status == "False")
    #expect(NodeLifecycleDecisions.markedNotReady(m!, now: Time(secondsSinceEpoch: 6)) == nil)
}

@Test func tokenBucketLimitsRate() {
    var b = TokenBucket(qps: 0.1, burst: 1, now: 0)
    let first = b.tryAccept(now: 0)
    let second = b.tryAccept(now: 5)
    #expect(first)
    #expect(!second)
    #expect(abs(b.wait(now: 5) - 5) < 0.001)
    let third = b.tryAccept(now: 10.01)
    #expect(third)
}
