import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Settings of the node lifecycle controller (the kube-controller-manager flags).
public struct NodeLifecycleOptions: Sendable {
    /// `--node-monitor-grace-period`: a heartbeat older than this makes the node Unknown.
    public var gracePeriod: Duration = .seconds(40)
    /// `--pod-eviction-timeout`: how long pods stay on an unreachable or not-ready node.
    public var podEvictionTimeout: Duration = .seconds(300)
    /// `--node-eviction-rate`: nodes per second that may start evicting.
    public var evictionRate: Double = 0.1
    /// `--node-monitor-period`: how often every node's heartbeat is checked.
    public var monitorPeriod: Duration = .seconds(5)

    public init() {}
}

/// Watches node heartbeats (Ready condition and the node's Lease): a silent node gets its
/// conditions set to Unknown, its pods marked not ready and the unreachable taints; pods that
/// do not tolerate a NoExecute taint are deleted once their time is up (so their controllers
/// replace them elsewhere); a returning heartbeat lifts the taints. Decisions in
/// `NodeLifecycleDecisions`.
public final class NodeLifecycleController: Sendable {
    let client: SkiffClient
    let nodes: Informer<Node>
    let leases: Informer<Lease>
    let pods: Informer<Pod>
    let options: NodeLifecycleOptions
    let queue = WorkQueue()
    let events: EventRecorder
    let limiter: LockedBucket
    let logger = Logger(label: "skiff.controllers.node-lifecycle-controller")

    public init(client: SkiffClient, informers: SharedInformers, options: NodeLifecycleOptions = NodeLifecycleOptions()) {
        self.client = client
        self.nodes = informers.informer(Node.self)
        self.leases = informers.informer(Lease.self)
        self.pods = informers.informer(Pod.self)
        self.options = options
        self.events = EventRecorder(sink: APIEventSink(client: client), component: "node-controller")
        self.limiter = LockedBucket(TokenBucket(qps: options.evictionRate, burst: 1, now: Date().timeIntervalSince1970))
    }

    var graceSeconds: Int64 { options.gracePeriod.components.seconds }
    var evictionSeconds: Int64 { options.podEvictionTimeout.components.seconds }

    public func register() async {
        await nodes.addHandler(InformerHandler(
            onAdd: { [queue] n in await queue.add(n.metadata.name ?? "") },
            onUpdate: { [queue] old, n in
                if old.status.conditions != n.status.conditions || old.spec.taints != n.spec.taints { await queue.add(n.metadata.name ?? "") }
            }))
        await leases.addHandler(InformerHandler(
            onUpdate: { [queue, nodes] _, l in
                guard l.metadata.namespace == "kube-node-lease", let name = l.metadata.name else { return }
                // Only a lease that revives an Unknown node matters between monitor passes.
                if let n = await nodes.get(namespace: nil, name: name),
                   n.status.conditions?.first(where: { $0.type == "Ready" })?.status == "Unknown" {
                    await queue.add(name)
                }
            }))
    }

    public func run() async {
        let monitor = Task { [queue, nodes, options] in
            while !Task.isCancelled {
                try? await Task.sleep(for: options.monitorPeriod)
                for n in await nodes.list() { await queue.add(n.metadata.name ?? "") }
            }
        }
        await runWorkers(queue: queue, count: 1, sync: { [self] key in try await self.sync(key) },
                         onError: { [logger] key, error in logger.warning("node \(key): \(error)") })
        monitor.cancel()
    }

    func sync(_ name: String) async throws {
        guard var node = await nodes.get(namespace: nil, name: name) else { return }
        let now = Time.now()
        let lease = await leases.get(namespace: "kube-node-lease", name: name)
        let health = NodeLifecycleDecisions.health(node, lease: lease, now: now, grace: graceSeconds)
        let ready = node.status.conditions?.first { $0.type == "Ready" }
        if health == .unknown && ready?.status != "Unknown" {
            var copy = node
            copy.status.conditions = NodeLifecycleDecisions.staleConditions(node, now: now)
            node = try await client.updateStatus(copy)
            logger.info("node \(name): no heartbeat for \(graceSeconds)s, Ready=Unknown")
            events.event(node, reason: "NodeNotReady", message: "Node \(name) status is now: NodeNotReady")
            await markPodsNotReady(name, now: now)
        }
        let taints = NodeLifecycleDecisions.taints(node, health: health, now: now)
        if taints != (node.spec.taints ?? []) {
            if NodeLifecycleDecisions.addsNoExecute(old: node.spec.taints ?? [], new: taints),
               !limiter.tryAccept(now: Date().timeIntervalSince1970) {
                let wait = limiter.wait(now: Date().timeIntervalSince1970)
                queue.add(name, after: .milliseconds(Int(max(0.05, wait) * 1000)))
                return
            }
            var copy = node
            copy.spec.taints = taints.isEmpty ? nil : taints
            node = try await client.update(copy)
            logger.info("node \(name): taints now \(taints.map { "\($0.key):\($0.effect)" })")
        }
        try await evict(node, now: now)
    }

    func podsOn(_ node: String) async -> [Pod] {
        await pods.list().filter { $0.spec.nodeName == node }
    }

    func markPodsNotReady(_ node: String, now: Time) async {
        for p in await podsOn(node) {
            guard let updated = NodeLifecycleDecisions.markedNotReady(p, now: now) else { continue }
            do { _ = try await client.updateStatus(updated) } catch {
                logger.info("marking pod \(objectKey(p.metadata)) not ready: \(error)")
            }
        }
    }

    /// Deletes the pods whose toleration of the node's NoExecute taints ran out; looks again
    /// when the next one is due.
    func evict(_ node: Node, now: Time) async throws {
        let taints = (node.spec.taints ?? []).filter { $0.effect == "NoExecute" }
        guard !taints.isEmpty else { return }
        var next: Int64?
        for p in await podsOn(node.metadata.name ?? "") where p.metadata.deletionTimestamp == nil {
            guard let delay = NodeLifecycleDecisions.evictionDelay(p, taints: taints, now: now, defaultSeconds: evictionSeconds) else { continue }
            if delay > 0 {
                next = min(next ?? delay, delay)
                continue
            }
            events.event(p, reason: "TaintManagerEviction", message: "Marking for deletion Pod \(objectKey(p.metadata))")
            do {
                try await client.delete(Pod.self, namespace: p.metadata.namespace, name: p.metadata.name ?? "")
                logger.info("evicted pod \(objectKey(p.metadata)) from node \(node.metadata.name ?? "")")
            } catch let e as ClientError where e.isNotFound {}
        }
        if let next { queue.add(node.metadata.name ?? "", after: .seconds(next)) }
    }
}

/// A token bucket shared by workers.
final class LockedBucket: @unchecked Sendable {
    private var bucket: TokenBucket
    private let lock = NSLock()
    init(_ b: TokenBucket) { bucket = b }
    func tryAccept(now: Double) -> Bool { lock.withLock { bucket.tryAccept(now: now) } }
    func wait(now: Double) -> Double { lock.withLock { bucket.wait(now: now) } }
}
