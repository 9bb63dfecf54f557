import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Options of the scheduler's control loop.
public struct SchedulerOptions: Sendable {
    /// Only pods whose spec.schedulerName is this (or unset, for the default) are ours.
    public var schedulerName = "default-scheduler"
    /// Bindings in flight at once. Many at once let the store commit them in larger groups.
    public var bindWorkers = 512
    /// Connections the bindings are pipelined over (plain http servers; see `PodBinder`); the
    /// API server answers each connection's requests one after another.
    public var bindConnections = 64
    /// Backoff of pods that fit nowhere, in seconds.
    public var initialBackoff = 1.0
    public var maxBackoff = 10.0
    /// Names this instance in events.
    public var identity = ProcessInfo.processInfo.hostName
    /// Workers posting events (Scheduled, FailedScheduling). One, as Kubernetes' event
    /// broadcaster writes to its sink one event at a time; events beyond its buffer are dropped.
    public var eventWorkers = 1
    /// Called with a pod's key (namespace/name) when the pod watch shows a binding this
    /// scheduler made, that is once the store has it. Benchmarks count scheduled pods this way,
    /// as Kubernetes' scheduler_perf counts them from the scheduler's own pod informer.
    public var bindingSeen: (@Sendable (String) -> Void)?

    public init() {}

    public static let defaultSchedulerName = "default-scheduler"

    /// Whether a pod is this scheduler's to place: pending (no node), not being deleted, and
    /// naming this scheduler (or none, for the default one).
    public func isResponsible(for pod: Pod) -> Bool {
        guard (pod.spec.nodeName ?? "").isEmpty, pod.metadata.deletionTimestamp == nil, !pod.isTerminal else { return false }
        let name = pod.spec.schedulerName ?? ""
        return name == schedulerName || (name.isEmpty && schedulerName == Self.defaultSchedulerName)
    }
}

/// The scheduler's control loop: informers of nodes, pods and services keep a
/// `ClusterSnapshot` current; pending pods are decided one after another by the pure
/// `SchedulingAlgorithm` and assumed on their node at once (so the next decision sees them);
/// bindings run concurrently through `pods/NAME/binding`, and a failed one forgets its
/// assumption and retries the pod. Pods that fit nowhere get `PodScheduled=False` and a
/// `FailedScheduling` event and wait out a backoff or a cluster change.
public actor Scheduler {
    public nonisolated let client: SkiffClient
    public nonisolated let options: SchedulerOptions
    let algorithm: SchedulingAlgorithm
    let snapshot = ClusterSnapshot()
    var state = AlgorithmState(seed: UInt64.random(in: 1...UInt64.max))
    var queue: SchedulingQueue
    /// Pods decided but not yet seen bound by the informer: key → node. Shared with the pod
    /// informer's watch, which confirms a binding it sees for an assumed pod without decoding it.
    nonisolated let assumed = AssumedPods()
    var nextDue: Double?
    var waiter: CheckedContinuation<Void, Never>?
    let logger = Logger(label: "skiff.scheduler")
    let events: EventSink
    /// The lean binding transport; nil (bindings through the general client) for servers it
    /// does not speak to.
    nonisolated let binder: PodBinder?
    let binds: AsyncStream<BindJob>.Continuation
    let bindStream: AsyncStream<BindJob>
    let clock = ContinuousClock()
    let epoch = ContinuousClock.now

    /// Counters for logs and benchmarks.
    public private(set) var scheduledCount = 0
    public private(set) var unschedulableCount = 0
    public private(set) var bindFailures = 0

    struct BindJob: Sendable {
        var pod: PodInfo
        var node: String
    }

    public init(client: SkiffClient, algorithm: SchedulingAlgorithm, options: SchedulerOptions = SchedulerOptions()) {
        self.client = client
        self.algorithm = algorithm
        self.options = options
        queue = SchedulingQueue(initialBackoff: options.initialBackoff, maxBackoff: options.maxBackoff)
        events = EventSink(client: client, component: options.schedulerName, instance: options.identity, workers: options.eventWorkers)
        binder = PodBinder(config: client.config, connections: options.bindConnections, depth: max(1, options.bindWorkers))
        let (stream, continuation) = AsyncStream<BindJob>.makeStream()
        bindStream = stream
        binds = continuation
    }

    var now: Double { (ContinuousClock.now - epoch).inSeconds }

    /// Runs until cancelled: starts the informers, waits for their first lists, then decides.
    public func run() async throws {
        let nodes = Informer<Node>(client: client)
        // The watch event of a binding this scheduler made says nothing new: the pod is on
        // that node in the snapshot already. Such events only end the assumption.
        let assumed = self.assumed
        let seen = options.bindingSeen
        let pods = Informer<Pod>(client: client, skip: { type, pod in
            guard type == .modified, let node = pod.string("spec", "nodeName"), !node.isEmpty,
                  let name = pod.string("metadata", "name") else { return false }
            if Pod.isTerminal(phase: pod.string("status", "phase")) { return false }
            let key = "\(pod.string("metadata", "namespace") ?? "default")/\(name)"
            guard assumed.confirm(key, node: node) else { return false }
            seen?(key)
            return true
        }, essential: Self.holdsResources)
        let services = Informer<Service>(client: client)
        await nodes.addHandler(InformerHandler(
            onAdd: { n in await self.nodeChanged(nil, n) },
            onUpdate: { o, n in await self.nodeChanged(o, n) },
            onDelete: { n in await self.nodeDeleted(n) },
            onAddAll: { ns in await self.nodesAdded(ns) }))
        await pods.addHandler(InformerHandler(
            onAdd: { p in await self.podChanged(p) },
            onUpdate: { _, p in await self.podChanged(p) },
            onDelete: { p in await self.podDeleted(p) },
            onAddAll: { ps in await self.podsAdded(ps) }))
        await services.addHandler(InformerHandler(
            onAdd: { s in await self.serviceChanged(s) },
            onUpdate: { _, s in await self.serviceChanged(s) },
            onDelete: { s in await self.serviceDeleted(s) }))
        await nodes.start()
        await services.start()
        await pods.start()
        defer {
            events.close()
            binds.finish()
            binder?.close()
            Task {
                await nodes.stop()
                await pods.stop()
                await services.stop()
            }
        }
        var nodesAt = 0, podsAt = 0
        while !Task.isCancelled {
            let n = await nodes.waitForSync(timeout: .seconds(5))
            nodesAt = Int(now * 1000)
            // Pods on nodes must all be in the snapshot before a decision; pending ones join
            // the queue as their pages arrive.
            let p = await pods.waitForEssentials(timeout: .seconds(5))
            podsAt = Int(now * 1000)
            let s = await services.waitForSync(timeout: .seconds(5))
            if n && p && s { break }
            logger.info("waiting for the node, pod and service lists")
        }
        let podsListed = await pods.hasSynced ? "all pods" : "pods on nodes (pending ones still arriving)"
        logger.info("scheduling as \(options.schedulerName): \(snapshot.nodeCount) nodes, \(queue.activeCount) pending pods so far (caches filled in \(Int(now * 1000)) ms; nodes at \(nodesAt) ms, \(podsListed) at \(podsAt) ms)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            let stream = bindStream
            for _ in 0..<max(1, options.bindWorkers) {
                group.addTask {
                    for await job in stream {
                        if Task.isCancelled { break }
                        await self.bind(job)
                    }
                }
            }
            group.addTask { await self.loop() }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Whether a listed pod (its JSON) holds resources on a node: bound there and not finished.
    /// The scheduler decides nothing before it has every such pod of its first list.
    static let holdsResources: @Sendable (UnsafeBufferPointer<UInt8>) -> Bool = { pod in
        guard let node = JSONScan.string(at: ["spec", "nodeName"], in: pod), !node.isEmpty else { return false }
        return !Pod.isTerminal(phase: JSONScan.string(at: ["status", "phase"], in: pod))
    }

    // MARK: informer events

    func nodeChanged(_ old: Node?, _ new: Node) {
        snapshot.upsertNode(new)
        if let old, !NodeInfo.schedulingRelevantChange(old, new) { return }
        clusterChanged()
    }

    func nodesAdded(_ ns: [Node]) {
        for n in ns { nodeChanged(nil, n) }
    }

    func podsAdded(_ ps: [Pod]) {
        for p in ps { podChanged(p) }
    }

    func nodeDeleted(_ n: Node) {
        snapshot.removeNode(named: n.metadata.name ?? "")
    }

    func podChanged(_ pod: Pod) {
        let key = "\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")"
        let node = pod.spec.nodeName ?? ""
        if pod.isTerminal {
            // A finished pod no longer holds resources.
            queue.remove(key)
            assumed.remove(key)
            if snapshot.nodeName(ofPod: key) != nil {
                snapshot.removePod(key: key)
                clusterChanged()
            }
            return
        }
        if !node.isEmpty {
            queue.remove(key)
            assumed.remove(key)
            if snapshot.nodeName(ofPod: key) != node { snapshot.addPod(PodInfo(pod), node: node) }
            return
        }
        guard options.isResponsible(for: pod) else {
            queue.remove(key)
            return
        }
        // Decided and binding: the informer has not seen the binding yet.
        if assumed.contains(key) { return }
        queue.add(PodInfo(pod))
        wake()
    }

    func podDeleted(_ pod: Pod) {
        let key = "\(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "")"
        queue.remove(key)
        assumed.remove(key)
        if snapshot.nodeName(ofPod: key) != nil {
            snapshot.removePod(key: key)
            clusterChanged()
        }
    }

    func serviceChanged(_ s: Service) {
        let ns = s.metadata.namespace ?? "default", name = s.metadata.name ?? ""
        if let sel = s.spec.selector, !sel.isEmpty {
            snapshot.upsertService(ServiceSelector(namespace: ns, name: name, selector: sel))
        } else {
            snapshot.removeService(namespace: ns, name: name)
        }
    }

    func serviceDeleted(_ s: Service) {
        snapshot.removeService(namespace: s.metadata.namespace ?? "default", name: s.metadata.name ?? "")
    }

    /// Something that may let a waiting pod fit happened: retry every waiting pod now.
    func clusterChanged() {
        guard queue.waitingCount > 0 else { return }
        queue.moveAllToActive()
        wake()
    }

    // MARK: the decision loop

    func wake() {
        if let w = waiter {
            waiter = nil
            w.resume()
        }
    }

    func loop() async {
        while !Task.isCancelled {
            if let due = nextDue, due <= now { nextDue = queue.flush(now: now) }
            var n = 0
            while n < 128, let p = queue.pop() {
                scheduleOne(p)
                n += 1
            }
            if n > 0 {
                await Task.yield()
                continue
            }
            await waitForWork()
        }
    }

    func waitForWork() async {
        guard queue.activeCount == 0 else { return }
        var timer: Task<Void, Never>?
        if let due = nextDue {
            let delay = max(0, due - now)
            timer = Task {
                try? await Task.sleep(nanoseconds: UInt64(delay * 1e9) + 1_000_000)
                await self.wake()
            }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                if Task.isCancelled { c.resume() } else { waiter = c }
            }
        } onCancel: {
            Task { await self.wake() }
        }
        timer?.cancel()
    }

    func scheduleOne(_ p: PodInfo) {
        switch algorithm.schedule(p, in: snapshot, state: &state) {
        case .node(let node, _, _):
            snapshot.addPod(p, node: node)
            assumed.set(p.key, node: node)
            queue.scheduled(p.key)
            scheduledCount += 1
            binds.yield(BindJob(pod: p, node: node))
        case .unschedulable(let fit):
            unschedulableCount += 1
            retryLater(p)
            let message = fit.message
            logger.debug("\(p.key): \(message)")
            recordUnschedulable(p.pod, message: message)
        }
    }

    func retryLater(_ p: PodInfo) {
        let delay = queue.unschedulable(p, now: now)
        let due = now + delay
        nextDue = min(nextDue ?? due, due)
    }

    /// PodScheduled=False with reason Unschedulable (written only when it changes) and a
    /// FailedScheduling event.
    nonisolated func recordUnschedulable(_ pod: Pod, message: String) {
        events.post(pod, type: "Warning", reason: "FailedScheduling", action: "Scheduling", message: message)
        let current = pod.status.conditions?.first { $0.type == "PodScheduled" }
        if current?.status == "False" && current?.reason == "Unschedulable" && current?.message == message { return }
        let client = self.client
        let logger = self.logger
        Task {
            let cond: JSONValue = ["type": "PodScheduled", "status": "False", "reason": "Unschedulable",
                                   "message": .string(message), "lastProbeTime": .null,
                                   "lastTransitionTime": .string(Time.now().rfc3339)]
            let patch: JSONValue = ["status": ["conditions": [cond]]]
            do {
                _ = try await client.patch(Pod.self, namespace: pod.metadata.namespace, name: pod.metadata.name ?? "",
                                           patch: patch, kind: .strategic, subresource: "status")
            } catch let e as ClientError where e.isNotFound {
            } catch {
                logger.warning("updating the status of \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? ""): \(error)")
            }
        }
    }

    // MARK: binding

    nonisolated func bind(_ job: BindJob) async {
        do {
            if let binder {
                try await binder.bind(namespace: job.pod.namespace, pod: job.pod.name, node: job.node)
            } else {
                try await client.bind(namespace: job.pod.namespace, pod: job.pod.name, node: job.node)
            }
            events.post(job.pod.pod, type: "Normal", reason: "Scheduled", action: "Binding",
                        message: "Successfully assigned \(job.pod.key) to \(job.node)")
        } catch {
            await bindFailed(job, error)
        }
    }

    func bindFailed(_ job: BindJob, _ error: any Error) {
        bindFailures += 1
        let key = job.pod.key
        switch assumed.bindingFailed(key, node: job.node) {
        case .seenBound:
            // Bound after all; the snapshot has it there.
            return
        case .dropped:
            if snapshot.nodeName(ofPod: key) == job.node { snapshot.removePod(key: key) }
        case .unknown:
            break
        }
        if let e = error as? ClientError, e.isNotFound || (e.isConflict && (e.description.contains("already assigned") || e.description.contains("being deleted"))) {
            // Deleted, or bound by someone else: the informer brings the truth.
            return
        }
        logger.warning("binding \(key) to \(job.node): \(error)")
        events.post(job.pod.pod, type: "Warning", reason: "FailedScheduling", action: "Scheduling",
                    message: "Binding rejected: \(error)")
        retryLater(job.pod)
        clusterChanged()
        wake()
    }
}

/// The pods a scheduler has decided: key → node, and whether the pod watch has seen the
/// binding. Behind a lock so the watch can mark a binding seen as it reads the event, before
/// decoding it (`confirm`). That happens ahead of the informer applying the events before it,
/// so a seen binding stays here (marked) rather than going: a stale pending event of the pod
/// applied afterwards must still find it and be ignored. The mark goes with the pod's next
/// decoded event or its deletion.
public final class AssumedPods: @unchecked Sendable {
    private var entries: [String: (node: String, bound: Bool)] = [:]
    private let lock = NSLock()

    public init() {}

    /// Whether the pod is assumed or its binding was seen.
    public func contains(_ key: String) -> Bool { lock.withLock { entries[key] != nil } }
    /// The pod is assumed on `node` (a binding is on its way).
    public func set(_ key: String, node: String) { lock.withLock { entries[key] = (node, false) } }
    public func remove(_ key: String) { lock.withLock { entries[key] = nil } }
    public var count: Int { lock.withLock { entries.count } }

    /// The watch saw the pod bound to `node`: true (and marked) when that is where it was
    /// assumed, so the event says nothing new; false otherwise.
    public func confirm(_ key: String, node: String) -> Bool {
        lock.withLock {
            guard let e = entries[key], e.node == node, !e.bound else { return false }
            entries[key] = (node, true)
            return true
        }
    }

    public enum FailedBinding: Sendable, Equatable {
        /// Still assumed there: the assumption is dropped.
        case dropped
        /// The watch saw this binding succeed (the answer was lost on the way back).
        case seenBound
        /// Not assumed there (forgotten, or assumed elsewhere since).
        case unknown
    }

    /// A binding to `node` failed.
    public func bindingFailed(_ key: String, node: String) -> FailedBinding {
        lock.withLock {
            guard let e = entries[key], e.node == node else { return .unknown }
            if e.bound { return .seenBound }
            entries[key] = nil
            return .dropped
        }
    }
}
