import Foundation
import SkiffAPI
import SkiffAPIServer
import SkiffClient
import SkiffStore
import Testing
@testable import SkiffScheduler

/// A real API server on a free loopback port over an in-memory store.
final class LiveAPI: Sendable {
    let task: Task<Void, Error>
    let client: SkiffClient

    init() async throws {
        var o = APIServerOptions()
        o.host = "127.0.0.1"
        o.port = 0
        let server = try APIServer(store: MemoryStore(), options: o)
        let (ports, cont) = AsyncStream<Int>.makeStream()
        task = Task { try await server.run { p in cont.yield(p); cont.finish() } }
        var it = ports.makeAsyncIterator()
        guard let port = await it.next() else { throw ClientError.transport("server did not start") }
        client = SkiffClient(config: ClientConfig(server: "http://127.0.0.1:\(port)"))
    }

    func stop() async {
        await client.shutdown()
        task.cancel()
        _ = try? await task.value
    }

    /// Polls until `check` holds (generous: the test machine is small and loaded).
    func eventually(_ what: String, seconds: Double = 30, _ check: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await check()) == true { return }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        Issue.record("not within \(seconds)s: \(what)")
    }
}

@Suite(.serialized) struct LiveSchedulerTests {
    @Test func schedulesReportsAndRetriesThroughTheAPI() async throws {
        let api = try await LiveAPI()
        let c = api.client
        _ = try await c.create(Fx.node("small", cpu: "1", labels: ["disk": "ssd"]))
        _ = try await c.create(Fx.node("other", cpu: "4", labels: ["disk": "hdd"]))
        var options = SchedulerOptions()
        options.initialBackoff = 0.2
        options.maxBackoff = 0.5
        let scheduler = Scheduler(client: c, algorithm: try SchedulerPolicy().algorithm(), options: options)
        let run = Task { try await scheduler.run() }
        defer { run.cancel() }

        _ = try await c.create(Fx.pod("fits", cpu: "500m", nodeSelector: ["disk": "ssd"]), namespace: "default")
        try await api.eventually("fits is bound to small") {
            try await c.get(Pod.self, namespace: "default", name: "fits").spec.nodeName == "small"
        }
        var notOurs = Fx.pod("not-ours")
        notOurs.spec.schedulerName = "someone-else"
        _ = try await c.create(notOurs, namespace: "default")

        _ = try await c.create(Fx.pod("big", cpu: "2", nodeSelector: ["disk": "ssd"]), namespace: "default")
        let message = "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match Pod's node affinity/selector."
        try await api.eventually("big shows the Kubernetes message") {
            let p = try await c.get(Pod.self, namespace: "default", name: "big")
            let cond = p.status.conditions?.first { $0.type == "PodScheduled" }
            return cond?.status == "False" && cond?.reason == "Unschedulable" && cond?.message == message
        }
        try await api.eventually("a FailedScheduling event") {
            try await c.list(Event.self, namespace: "default").items.contains {
                $0.reason == "FailedScheduling" && $0.type == "Warning" && $0.involvedObject.name == "big" && $0.message == message
            }
        }
        try await api.eventually("a Scheduled event for fits") {
            try await c.list(Event.self, namespace: "default").items.contains {
                $0.reason == "Scheduled" && $0.message == "Successfully assigned default/fits to small"
            }
        }
        // A fitting node arrives: the waiting pod is placed.
        _ = try await c.create(Fx.node("roomy", cpu: "8", labels: ["disk": "ssd"]))
        try await api.eventually("big lands on roomy") {
            try await c.get(Pod.self, namespace: "default", name: "big").spec.nodeName == "roomy"
        }
        // Deleting a pod frees its resources for a waiting one.
        _ = try await c.create(Fx.pod("big2", cpu: "7", nodeSelector: ["disk": "ssd"]), namespace: "default")
        try await api.eventually("big2 waits") {
            try await c.get(Pod.self, namespace: "default", name: "big2").status.conditions?.first { $0.type == "PodScheduled" }?.status == "False"
        }
        try await c.delete(Pod.self, namespace: "default", name: "big", options: DeleteOptions(gracePeriodSeconds: 0))
        try await api.eventually("big2 takes its place") {
            try await c.get(Pod.self, namespace: "default", name: "big2").spec.nodeName == "roomy"
        }
        #expect(try await c.get(Pod.self, namespace: "default", name: "not-ours").spec.nodeName == nil)
        run.cancel()
        _ = await run.result
        await api.stop()
    }

    @Test func decidesNothingBeforeEveryBoundPodOfItsFirstListIsIn() async throws {
        // 1,400 pending pods fill the pod list's three pages (500 each); a pod bound to "full"
        // (taking all its cpu) sorts last, on the third. Decisions may start while pending pods
        // are still arriving, never before that bound pod is in the snapshot.
        let api = try await LiveAPI()
        let c = api.client
        _ = try await c.create(Fx.node("full", cpu: "1", pods: 1000))
        _ = try await c.create(Fx.node("roomy", cpu: "100", pods: 2000))
        var bound = Fx.pod("zz-bound", cpu: "1", nodeName: "full")
        bound.metadata.uid = nil
        _ = try await c.create(bound, namespace: "default")
        try await withThrowingTaskGroup(of: Void.self) { g in
            for w in 0..<8 {
                g.addTask {
                    for i in stride(from: w, to: 1400, by: 8) {
                        var p = Fx.pod(String(format: "p-%04d", i), cpu: "10m")
                        p.metadata.uid = nil
                        _ = try await c.create(p, namespace: "default")
                    }
                }
            }
            try await g.waitForAll()
        }
        let scheduler = Scheduler(client: c, algorithm: try SchedulerPolicy().algorithm(), options: SchedulerOptions())
        let run = Task { try await scheduler.run() }
        defer { run.cancel() }
        try await api.eventually("every pending pod is bound") {
            try await c.listAll(Pod.self, namespace: "default").items.allSatisfy { !($0.spec.nodeName ?? "").isEmpty }
        }
        let onFull = try await c.listAll(Pod.self, namespace: "default").items.filter { $0.spec.nodeName == "full" }.compactMap { $0.metadata.name }
        #expect(onFull == ["zz-bound"])
        await api.stop()
    }

    @Test func leaderElectionLetsOneLeadAndHandsOver() async throws {
        let api = try await LiveAPI()
        var cfg = LeaderElectionConfig(name: "test-lock", identity: "a")
        cfg.leaseDuration = .seconds(2)
        cfg.renewDeadline = .milliseconds(1500)
        cfg.retryPeriod = .milliseconds(200)
        let a = LeaderElector(client: api.client, config: cfg)
        cfg.identity = "b"
        let b = LeaderElector(client: api.client, config: cfg)
        let leading = Counter()
        let runA = Task { await a.run { await leading.work("a") } }
        try await api.eventually("a leads") { await leading.current == ["a"] }
        let runB = Task { await b.run { await leading.work("b") } }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        #expect(await leading.current == ["a"])
        let lease = try await api.client.get(Lease.self, namespace: "kube-system", name: "test-lock")
        #expect(lease.spec.holderIdentity == "a")
        runA.cancel()
        _ = await runA.value
        try await api.eventually("b takes over once a steps down") { await leading.current == ["b"] }
        #expect(try await api.client.get(Lease.self, namespace: "kube-system", name: "test-lock").spec.leaseTransitions == 1)
        runB.cancel()
        _ = await runB.value
        await api.stop()
    }

    actor Counter {
        var current: [String] = []
        func work(_ id: String) async {
            current.append(id)
            while !Task.isCancelled { try? await Task.sleep(nanoseconds: 20_000_000) }
            current.removeAll { $0 == id }
        }
    }

    @Test func leaseDecisions() {
        let live = LeaseSpec(holderIdentity: "x", leaseDurationSeconds: 15)
        #expect(LeaderElector.decide(current: nil, identity: "me", observedFor: .zero, leaseDuration: .seconds(15)) == .create)
        #expect(LeaderElector.decide(current: live, identity: "me", observedFor: .seconds(3), leaseDuration: .seconds(15)) == .wait)
        #expect(LeaderElector.decide(current: live, identity: "me", observedFor: .seconds(16), leaseDuration: .seconds(15)) == .take(transition: true))
        #expect(LeaderElector.decide(current: live, identity: "x", observedFor: .zero, leaseDuration: .seconds(15)) == .take(transition: false))
        #expect(LeaderElector.decide(current: LeaseSpec(holderIdentity: ""), identity: "me", observedFor: .zero, leaseDuration: .seconds(15)) == .take(transition: true))
    }
}
