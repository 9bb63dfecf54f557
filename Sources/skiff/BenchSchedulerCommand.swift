import ArgumentParser
import Dispatch
import Foundation
import SkiffAPI
import SkiffClient
import SkiffScheduler

/// `skiff bench-scheduler` (hidden): the load behind hack/bench/scheduler.sh, Kubernetes'
/// scheduler_perf SchedulingBasic case. `--mode decide` runs the pure algorithm over a
/// synthetic cluster (decisions per second, each pod assumed before the next); `--mode e2e`
/// creates the Node objects and pending pods through the API, then runs the scheduler and
/// counts bindings arriving on a watch (pods bound per second).
struct BenchSchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-scheduler",
        abstract: "Load generator for the scheduler benchmark (hack/bench/scheduler.sh).",
        shouldDisplay: false
    )

    enum Mode: String, ExpressibleByArgument { case decide, e2e }

    @Option(help: "decide (in-process algorithm) or e2e (through the API server).") var mode: Mode
    @Option(help: "API server URL (e2e).") var server: String?
    @Option(help: "Nodes.") var nodes: Int = 5000
    @Option(help: "Pods to schedule.") var pods: Int = 10000
    @Option(help: "Concurrent clients creating the objects (e2e).") var clients: Int = 32
    @Option(help: "Repetitions (decide).") var runs: Int = 3
    @Option(help: "percentageOfNodesToScore (0 = adaptive, as Kubernetes).") var percentage: Int = 0
    @Option(help: "Bindings in flight (e2e).") var bindWorkers: Int = SchedulerOptions().bindWorkers
    @Option(help: "Connections the bindings are pipelined over (e2e).") var bindConnections: Int = SchedulerOptions().bindConnections

    func validate() throws {
        guard nodes >= 1, pods >= 1, clients >= 1, runs >= 1 else { throw ValidationError("--nodes, --pods, --clients and --runs must be at least 1") }
        if mode == .e2e && server == nil { throw ValidationError("--server: required with --mode e2e") }
    }

    /// scheduler_perf's node template: 4 cpu, 32 Gi, 110 pods, Ready.
    static func node(_ i: Int) -> Node {
        var n = Node()
        n.metadata.name = "node-\(i)"
        n.metadata.labels = ["kubernetes.io/hostname": "node-\(i)"]
        let cap: [String: Quantity] = ["cpu": Quantity(integer: 4), "memory": Quantity(integer: 32 << 30, format: .binarySI),
                                       "pods": Quantity(integer: 110)]
        n.status.capacity = cap
        n.status.allocatable = cap
        n.status.conditions = [NodeCondition(type: "Ready", status: "True")]
        return n
    }

    /// scheduler_perf's default pod: one container requesting 100m cpu and 500 Mi.
    static func pod(_ i: Int) -> Pod {
        var p = Pod()
        p.metadata.name = "pod-\(i)"
        p.metadata.namespace = "sched-bench"
        p.metadata.uid = "uid-\(i)"
        let req: [String: Quantity] = ["cpu": Quantity(milli: 100), "memory": Quantity(integer: 500 << 20, format: .binarySI)]
        p.spec.containers = [Container(name: "pause", image: "pause", resources: ResourceRequirements(limits: req, requests: req))]
        return p
    }

    func run() async throws {
        switch mode {
        case .decide: try decide()
        case .e2e: try await endToEnd()
        }
    }

    func decide() throws {
        var policy = SchedulerPolicy()
        policy.percentageOfNodesToScore = percentage
        let algorithm = try policy.algorithm()
        let podInfos = (0..<pods).map { PodInfo(Self.pod($0)) }
        var rates: [Double] = []
        var cpuRates: [Double] = []
        for _ in 0..<runs {
            let snapshot = ClusterSnapshot()
            for i in 0..<nodes { snapshot.upsertNode(Self.node(i)) }
            var state = AlgorithmState(seed: 42)
            var placed = 0
            let c0 = Self.cpuSeconds()
            let t0 = DispatchTime.now().uptimeNanoseconds
            for p in podInfos {
                if case .node(let name, _, _) = algorithm.schedule(p, in: snapshot, state: &state) {
                    snapshot.addPod(p, node: name)
                    placed += 1
                }
            }
            let secs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            cpuRates.append(Double(pods) / max(Self.cpuSeconds() - c0, 1e-9))
            guard placed == pods else { throw ValidationError("only \(placed) of \(pods) pods placed") }
            rates.append(Double(pods) / secs)
        }
        rates.sort()
        cpuRates.sort()
        let t0 = DispatchTime.now().uptimeNanoseconds
        var built = 0
        for i in 0..<pods { built += PodInfo(Self.pod(i)).requests.pods > 0 ? 1 : 0 }
        let prep = Double(pods) / (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        print(String(format: "decide nodes=%d pods=%d runs=%d per_second=%.0f min=%.0f max=%.0f per_cpu_second=%.0f podinfo_per_second=%.0f",
                     nodes, pods, runs, rates[rates.count / 2], rates[0], rates[rates.count - 1], cpuRates[cpuRates.count / 2], prep))
        _ = built
    }

    func endToEnd() async throws {
        guard let server else { return }
        let client = SkiffClient(config: ClientConfig(server: server))
        defer { Task { await client.shutdown() } }
        var ns = Namespace()
        ns.metadata.name = "sched-bench"
        _ = try? await client.create(ns)
        let tn = DispatchTime.now().uptimeNanoseconds
        _ = try await BenchAPICommand.parallel(clients: clients, count: nodes) { i in _ = try await client.create(Self.node(i)) }
        let nodeSecs = Double(DispatchTime.now().uptimeNanoseconds - tn) / 1e9
        let tp = DispatchTime.now().uptimeNanoseconds
        _ = try await BenchAPICommand.parallel(clients: clients, count: pods) { i in
            var p = Self.pod(i)
            p.metadata.uid = nil
            _ = try await client.create(p)
        }
        let podSecs = Double(DispatchTime.now().uptimeNanoseconds - tp) / 1e9
        print(String(format: "created nodes=%d in %.1fs, pending pods=%d in %.1fs (%.0f/s)", nodes, nodeSecs, pods, podSecs, Double(pods) / podSecs))

        // Bindings are counted as the store reports them: when the scheduler's own pod watch
        // shows one (as scheduler_perf counts them from the scheduler's informer). A second
        // watch here would make the server send every binding twice and this process read it,
        // on the machine the scheduler and the server share.
        let counter = BindCounter()
        let expected = pods
        // The creates' watch fan-out settles before the clock starts.
        try await Task.sleep(nanoseconds: 300_000_000)
        var policy = SchedulerPolicy()
        policy.percentageOfNodesToScore = percentage
        var options = SchedulerOptions()
        options.bindWorkers = bindWorkers
        options.bindConnections = bindConnections
        options.bindingSeen = { counter.bound($0, at: DispatchTime.now().uptimeNanoseconds) }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let scheduler = Scheduler(client: client, algorithm: try policy.algorithm(), options: options)
        let run = Task { try await scheduler.run() }
        let deadline = Date().addingTimeInterval(600)
        while counter.count < expected && Date() < deadline {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        run.cancel()
        let (count, first, last) = counter.summary()
        let total = Double(last &- t0) / 1e9
        let steady = Double(last &- first) / 1e9
        // After the clock stopped: what the store holds, read back (the time this takes is the
        // full pod list figure below).
        let tl = DispatchTime.now().uptimeNanoseconds
        let listed = try await client.listAll(Pod.self, namespace: "sched-bench").items
        let listMs = Double(DispatchTime.now().uptimeNanoseconds - tl) / 1e6
        let stored = listed.filter { !($0.spec.nodeName ?? "").isEmpty }.count
        print(String(format: "e2e nodes=%d pods=%d bound=%d stored_bound=%d seconds=%.3f per_second=%.0f first_bind_after=%.3f steady_per_second=%.0f",
                     nodes, pods, count, stored, total, Double(count) / total, Double(first &- t0) / 1e9, Double(max(count - 1, 1)) / max(steady, 1e-9)))
        if stored != count { throw ValidationError("the store holds \(stored) bound pods, the scheduler's watch showed \(count)") }
        // Measured after the run, so it warms nothing the run uses.
        try await measureDecoding(client, pods: listed.count, podListMs: listMs)
    }

    /// What reading pods costs the scheduler before its first decision: one page of 500 pods
    /// as the server sends it (bound by now, so a little larger than pending ones), parsed,
    /// decoded, and turned into `PodInfo`s (microseconds per pod, best of 5, one thread); then
    /// the full node list as an informer reads it, next to the full pod list's (read before).
    func measureDecoding(_ client: SkiffClient, pods allPods: Int, podListMs: Double) async throws {
        let page = try await client.send(.GET, "/api/v1/namespaces/sched-bench/pods?limit=500")
        func best(_ body: () throws -> Int) rethrows -> Double {
            var times: [Double] = []
            var n = 1
            for _ in 0..<5 {
                let t0 = DispatchTime.now().uptimeNanoseconds
                n = try body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e3 / Double(max(n, 1)))
            }
            return times.min() ?? 0
        }
        let parse = try best { if case .object(let o) = try JSONValue(from: page), case .array(let a)? = o["items"] { return a.count }; return 1 }
        let decode = try best { try JSONValue(from: page).decode(List<Pod>.self).items.count }
        let info = try best { try JSONValue(from: page).decode(List<Pod>.self).items.map { PodInfo($0) }.count }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let allNodes = try await client.listAll(Node.self).items.count
        let t1 = DispatchTime.now().uptimeNanoseconds
        print(String(format: "pod list reading (us per pod): parse=%.1f parse+decode=%.1f parse+decode+podinfo=%.1f; full lists: %d nodes in %.0f ms, %d pods in %.0f ms",
                     parse, decode, info, allNodes, Double(t1 - t0) / 1e6, allPods, podListMs))
    }

    /// CPU time of this process: on a shared machine wall time also counts other work.
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Bindings the scheduler's pod watch showed, behind a lock: the watch records each one
    /// as it reads it, without a hop to another executor.
    final class BindCounter: @unchecked Sendable {
        private var seen = Set<String>()
        private var first: UInt64 = 0
        private var last: UInt64 = 0
        private let lock = NSLock()
        var count: Int { lock.withLock { seen.count } }
        func bound(_ name: String, at t: UInt64) {
            lock.withLock {
                if seen.insert(name).inserted {
                    if first == 0 { first = t }
                    last = t
                }
            }
        }
        func summary() -> (Int, UInt64, UInt64) { lock.withLock { (seen.count, first, last) } }
    }
}
