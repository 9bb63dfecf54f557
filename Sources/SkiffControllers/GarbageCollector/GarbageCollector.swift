import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// API calls the garbage collector makes for one resource kind.
struct GCResource: Sendable {
    let kind: String
    let apiVersion: String
    let exists: @Sendable (_ namespace: String?, _ name: String, _ uid: String) async throws -> Bool
    let delete: @Sendable (_ namespace: String?, _ name: String, _ uid: String, _ policy: String) async throws -> Void
    let patch: @Sendable (_ namespace: String?, _ name: String, _ patch: JSONValue) async throws -> Void
    let current: @Sendable (_ namespace: String?, _ name: String) async throws -> GraphNode

    static func make<T: KubeObject>(_ type: T.Type, client: SkiffClient) -> GCResource {
        GCResource(
            kind: T.resourceInfo.kind, apiVersion: T.resourceInfo.apiVersion,
            exists: { ns, name, uid in
                do { return try await client.get(T.self, namespace: ns, name: name).metadata.uid == uid } catch let e as ClientError where e.isNotFound {
                    return false
                }
            },
            delete: { ns, name, uid, policy in
                let opts = DeleteOptions(preconditions: Preconditions(uid: uid), propagationPolicy: policy)
                do { try await client.delete(T.self, namespace: ns, name: name, options: opts) } catch let e as ClientError where e.isNotFound || e.isConflict {}
            },
            patch: { ns, name, p in
                _ = try await client.patch(T.self, namespace: ns, name: name, patch: p)
            },
            current: { ns, name in GraphNode(try await client.get(T.self, namespace: ns, name: name)) })
    }
}

/// Deletes objects whose owners are gone (ownerReferences by uid), and carries out the
/// foreground and orphan deletions the API server marks with finalizers: `foregroundDeletion`
/// (dependents first, the owner once no blocking dependent is left) and `orphan` (owner
/// references removed from dependents). Decisions in `OwnerGraph`.
public final class GarbageCollector: Sendable {
    let client: SkiffClient
    let informers: SharedInformers
    let resources: [String: GCResource]
    let graph = LockedGraph()
    /// Owner uids confirmed gone (a uid never comes back), so siblings need no second lookup.
    let absentOwners = AbsentCache()
    let queue = WorkQueue()
    let workers: Int
    let logger = Logger(label: "skiff.controllers.garbage-collector")

    public init(client: SkiffClient, informers: SharedInformers, workers: Int = 20) {
        self.client = client
        self.informers = informers
        self.workers = workers
        var r: [String: GCResource] = [:]
        for res in [GCResource.make(Pod.self, client: client), GCResource.make(ReplicaSet.self, client: client),
                    GCResource.make(ReplicationController.self, client: client), GCResource.make(Deployment.self, client: client),
                    GCResource.make(Service.self, client: client), GCResource.make(Endpoints.self, client: client),
                    GCResource.make(ConfigMap.self, client: client), GCResource.make(Secret.self, client: client)] {
            r[res.kind] = res
        }
        resources = r
    }

    public func register() async {
        await watch(Pod.self)
        await watch(ReplicaSet.self)
        await watch(ReplicationController.self)
        await watch(Deployment.self)
        await watch(Service.self)
        await watch(Endpoints.self)
        await watch(ConfigMap.self)
        await watch(Secret.self)
    }

    func watch<T: KubeObject>(_ type: T.Type) async {
        await informers.informer(T.self).addHandler(InformerHandler(
            onAdd: { [self] o in await self.changed(GraphNode(o)) },
            onUpdate: { [self] _, o in await self.changed(GraphNode(o)) },
            onDelete: { [self] o in await self.removed(GraphNode(o)) }))
    }

    func changed(_ n: GraphNode) async {
        let dropped = graph.upsert(n)
        if graph.needsAttention(n) { await queue.add(n.uid) }
        // An owner waiting for dependents looks again when one lets go of it.
        for u in dropped { await queue.add(u) }
        if n.deleting && n.finalizers.contains(OwnerGraph.foregroundFinalizer) {
            for d in graph.dependents(of: n.uid) { await queue.add(d.uid) }
        }
    }

    func removed(_ n: GraphNode) async {
        let deps = graph.dependents(of: n.uid)
        graph.remove(n.uid)
        for d in deps { await queue.add(d.uid) }
        for o in n.owners { await queue.add(o.uid) }
    }

    public func run() async {
        // Judging an owner absent needs every kind listed first.
        _ = await informers.waitForSync()
        await runWorkers(queue: queue, count: workers, sync: { [self] uid in try await self.process(uid) },
                         onError: { [logger] uid, error in logger.warning("garbage collecting \(uid): \(error)") })
    }

    func process(_ uid: String) async throws {
        guard let node = graph.node(uid) else { return }
        // Owners missing from the graph are confirmed against the API (the graph may lag).
        var confirmed = Set<String>()
        for ref in node.owners where graph.node(ref.uid) == nil {
            if absentOwners.contains(ref.uid) {
                confirmed.insert(ref.uid)
                continue
            }
            guard let res = resources[ref.kind] else { continue }
            if !(try await res.exists(node.namespace, ref.name, ref.uid)) {
                absentOwners.insert(ref.uid)
                confirmed.insert(ref.uid)
            }
        }
        switch graph.decide(uid: uid, confirmedAbsent: confirmed) {
        case .none:
            return
        case .orphanDependents(let deps):
            for d in deps {
                guard let res = resources[d.kind] else { continue }
                let refs = OwnerRefs.removing(uid: uid, from: d.owners)
                do {
                    let value: JSONValue = try refs.isEmpty ? .null : JSONValue(encoding: refs)
                    try await res.patch(d.namespace, d.name, ["metadata": ["ownerReferences": value]])
                } catch let e as ClientError where e.isNotFound {}
            }
            logger.info("\(node.kind) \(objectKey(namespace: node.namespace, name: node.name)): orphaned \(deps.count) dependents")
            try await removeFinalizer(node, OwnerGraph.orphanFinalizer)
        case .deleteDependents(let toDelete, let blockingLeft):
            for d in toDelete {
                guard let res = resources[d.kind] else { continue }
                let blocks = d.owners.contains { $0.uid == uid && $0.blockOwnerDeletion == true }
                try await res.delete(d.namespace, d.name, d.uid, blocks ? "Foreground" : "Background")
            }
            if blockingLeft == 0 { try await removeFinalizer(node, OwnerGraph.foregroundFinalizer) }
        case .delete(let foreground):
            guard let res = resources[node.kind] else { return }
            logger.info("deleting \(node.kind) \(objectKey(namespace: node.namespace, name: node.name)): its owners are gone")
            try await res.delete(node.namespace, node.name, node.uid, foreground ? "Foreground" : "Background")
        case .removeDanglingRefs(let gone):
            guard let res = resources[node.kind] else { return }
            let refs = node.owners.filter { !gone.contains($0.uid) }
            try await res.patch(node.namespace, node.name, ["metadata": ["ownerReferences": try JSONValue(encoding: refs)]])
        }
    }

    /// Drops one finalizer from a fresh read of the object (the API server deletes it when
    /// none is left).
    func removeFinalizer(_ node: GraphNode, _ finalizer: String) async throws {
        guard let res = resources[node.kind] else { return }
        let fresh: GraphNode
        do { fresh = try await res.current(node.namespace, node.name) } catch let e as ClientError where e.isNotFound { return }
        guard fresh.uid == node.uid, fresh.finalizers.contains(finalizer) else { return }
        let left = fresh.finalizers.filter { $0 != finalizer }
        do {
            try await res.patch(node.namespace, node.name, ["metadata": ["finalizers": left.isEmpty ? .null : .array(left.map { .string($0) })]])
        } catch let e as ClientError where e.isNotFound {}
    }
}

/// The graph behind a lock: informer handlers write it, workers read it.
final class LockedGraph: @unchecked Sendable {
    private var g = OwnerGraph()
    private let lock = NSLock()
    func upsert(_ n: GraphNode) -> [String] { lock.withLock { g.upsert(n) } }
    func remove(_ uid: String) { lock.withLock { g.remove(uid: uid) } }
    func node(_ uid: String) -> GraphNode? { lock.withLock { g.nodes[uid] } }
    func dependents(of uid: String) -> [GraphNode] { lock.withLock { g.dependents(of: uid) } }
    /// Deleting with a finalizer of ours, or owned by something absent or being deleted: the
    /// common case (all owners present and well) costs no work.
    func needsAttention(_ n: GraphNode) -> Bool {
        if n.deleting && (n.finalizers.contains(OwnerGraph.orphanFinalizer) || n.finalizers.contains(OwnerGraph.foregroundFinalizer)) { return true }
        return lock.withLock { n.owners.contains { g.ownerState($0) != .solid } }
    }
    func decide(uid: String, confirmedAbsent: Set<String>) -> OwnerGraph.Action {
        lock.withLock { g.decide(uid: uid, confirmedAbsent: confirmedAbsent) }
    }
}

/// A bounded set of uids known to be gone.
final class AbsentCache: @unchecked Sendable {
    private var set = Set<String>()
    private var order: [String] = []
    private let lock = NSLock()
    private let limit = 10_000

    func contains(_ uid: String) -> Bool { lock.withLock { set.contains(uid) } }

    func insert(_ uid: String) {
        lock.withLock {
            guard set.insert(uid).inserted else { return }
            order.append(uid)
            if order.count > limit { set.remove(order.removeFirst()) }
        }
    }
}
