import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Keeps the pods of every ReplicationController or ReplicaSet (one implementation over
/// both) at the desired count: a thin loop over the pod and owner informers and a work queue
/// around `ReplicaDecisions`.
public final class ReplicaController<Owner: ReplicaOwner>: Sendable {
    let client: SkiffClient
    let owners: Informer<Owner>
    let pods: Informer<Pod>
    let queue = WorkQueue()
    public let expectations = Expectations()
    let events: EventRecorder
    let burst: Int
    let workers: Int
    let logger: Logger

    public init(client: SkiffClient, informers: SharedInformers, workers: Int = 5,
                burst: Int = ReplicaDecisions.defaultBurstReplicas) {
        self.client = client
        self.owners = informers.informer(Owner.self)
        self.pods = informers.informer(Pod.self)
        self.events = EventRecorder(sink: APIEventSink(client: client), component: Owner.controllerName)
        self.burst = burst
        self.workers = workers
        self.logger = Logger(label: "skiff.controllers.\(Owner.controllerName)")
    }

    static var kind: String { Owner.resourceInfo.kind }

    /// Adds the informer handlers (before the informers start).
    public func register() async {
        await owners.addHandler(InformerHandler(
            onAdd: { [queue] o in await queue.add(objectKey(o.metadata)) },
            onUpdate: { [queue] _, o in await queue.add(objectKey(o.metadata)) },
            onDelete: { [queue, expectations] o in
                expectations.forget(objectKey(o.metadata))
                await queue.add(objectKey(o.metadata))
            }))
        await pods.addHandler(InformerHandler(
            onAdd: { [self] p in await self.podAdded(p) },
            onUpdate: { [self] old, new in await self.podUpdated(old, new) },
            onDelete: { [self] p in await self.podDeleted(p) }))
    }

    func ownerKey(of pod: Pod) -> String? {
        guard let ref = OwnerRefs.controllerOf(pod.metadata), ref.kind == Self.kind else { return nil }
        return objectKey(namespace: pod.metadata.namespace, name: ref.name)
    }

    func podAdded(_ pod: Pod) async {
        if pod.metadata.deletionTimestamp != nil {
            await podDeleted(pod)
            return
        }
        if let key = ownerKey(of: pod) {
            expectations.creationObserved(key)
            await queue.add(key)
            return
        }
        for key in await matchingOwners(pod) { await queue.add(key) }
    }

    func podUpdated(_ old: Pod, _ new: Pod) async {
        if old.metadata.resourceVersion == new.metadata.resourceVersion { return }
        if new.metadata.deletionTimestamp != nil && old.metadata.deletionTimestamp == nil, let key = ownerKey(of: new) {
            expectations.deletionObserved(key, podKey: objectKey(new.metadata))
        }
        let oldKey = ownerKey(of: old), newKey = ownerKey(of: new)
        if let oldKey, oldKey != newKey { await queue.add(oldKey) }
        if let newKey {
            await queue.add(newKey)
            return
        }
        if old.metadata.labels != new.metadata.labels || oldKey != nil {
            for key in await matchingOwners(new) { await queue.add(key) }
        }
    }

    func podDeleted(_ pod: Pod) async {
        guard let key = ownerKey(of: pod) else { return }
        expectations.deletionObserved(key, podKey: objectKey(pod.metadata))
        await queue.add(key)
    }

    /// Owners in the pod's namespace whose selector matches it (candidates to adopt it).
    func matchingOwners(_ pod: Pod) async -> [String] {
        await owners.list(namespace: pod.metadata.namespace ?? "").compactMap { o in
            guard let s = o.podSelector, s.matches(pod.metadata.labels ?? [:]) else { return nil }
            return objectKey(o.metadata)
        }
    }

    /// Runs the workers until cancelled.
    public func run() async {
        await runWorkers(queue: queue, count: workers, sync: { [self] key in try await self.sync(key) },
                         onError: { [logger] key, error in logger.warning("syncing \(Self.kind) \(key): \(error)") })
    }

    // MARK: sync

    func sync(_ key: String) async throws {
        let (ns, name) = splitKey(key)
        guard let owner = await owners.get(namespace: ns, name: name) else {
            expectations.forget(key)
            return
        }
        let namespace = ns ?? ""
        let needsSync = expectations.satisfied(key)
        guard let selector = owner.podSelector else {
            logger.warning("\(Self.kind) \(key) has no selector; it manages no pods")
            return
        }
        let deleting = owner.metadata.deletionTimestamp != nil
        let uid = owner.metadata.uid ?? ""
        var owned: [Pod] = []
        var toAdopt: [Pod] = []
        var toRelease: [Pod] = []
        for p in await pods.list(namespace: namespace) where PodFacts.isActive(p) {
            switch ReplicaDecisions.claim(p, ownerUID: uid, selector: selector, ownerDeleting: deleting) {
            case .owned: owned.append(p)
            case .adopt: toAdopt.append(p)
            case .release: toRelease.append(p)
            case .ignore: break
            }
        }
        if !toAdopt.isEmpty, try await stillCurrent(owner) {
            owned += await adopt(toAdopt, owner: owner)
        }
        if !toRelease.isEmpty { await release(toRelease, owner: owner) }

        var manageError: Error?
        if needsSync && !deleting {
            do { try await manage(owner, key: key, active: owned) } catch { manageError = error }
        }
        try await updateStatus(owner, active: owned)
        if let manageError { throw manageError }
        if let wait = ReplicaDecisions.nextAvailableCheck(pods: owned, minReadySeconds: owner.minReadySecondsValue, now: .now()) {
            queue.add(key, after: .seconds(wait))
        }
    }

    /// Adoption re-reads the owner first: an owner deleted (or replaced) meanwhile must not
    /// take pods.
    func stillCurrent(_ owner: Owner) async throws -> Bool {
        let fresh = try await client.get(Owner.self, namespace: owner.metadata.namespace, name: owner.metadata.name ?? "")
        return fresh.metadata.uid == owner.metadata.uid && fresh.metadata.deletionTimestamp == nil
    }

    func adopt(_ candidates: [Pod], owner: Owner) async -> [Pod] {
        let ref = OwnerRefs.controllerRef(to: owner)
        return await withTaskGroup(of: Pod?.self) { group in
            for p in candidates {
                group.addTask { [client, logger] in
                    let refs = OwnerRefs.adding(ref, to: p.metadata.ownerReferences)
                    let patch: JSONValue = ["metadata": ["ownerReferences": (try? JSONValue(encoding: refs)) ?? .array([]),
                                                         "resourceVersion": .string(p.metadata.resourceVersion ?? "")]]
                    do {
                        return try await client.patch(Pod.self, namespace: p.metadata.namespace, name: p.metadata.name ?? "", patch: patch)
                    } catch {
                        logger.info("adopting pod \(p.metadata.name ?? ""): \(error)")
                        return nil
                    }
                }
            }
            var out: [Pod] = []
            for await p in group { if let p { out.append(p) } }
            return out
        }
    }

    func release(_ pods: [Pod], owner: Owner) async {
        let uid = owner.metadata.uid ?? ""
        await withTaskGroup(of: Void.self) { group in
            for p in pods {
                group.addTask { [client, logger] in
                    let refs = OwnerRefs.removing(uid: uid, from: p.metadata.ownerReferences)
                    let patch: JSONValue = ["metadata": ["ownerReferences": refs.isEmpty ? .null : ((try? JSONValue(encoding: refs)) ?? .null),
                                                         "resourceVersion": .string(p.metadata.resourceVersion ?? "")]]
                    do {
                        _ = try await client.patch(Pod.self, namespace: p.metadata.namespace, name: p.metadata.name ?? "", patch: patch)
                    } catch let e as ClientError where e.isNotFound {
                    } catch {
                        logger.info("releasing pod \(p.metadata.name ?? ""): \(error)")
                    }
                }
            }
        }
    }

    func manage(_ owner: Owner, key: String, active: [Pod]) async throws {
        switch ReplicaDecisions.diff(active: active.count, desired: owner.desiredReplicas, burst: burst) {
        case .none:
            return
        case .create(let n):
            try await create(n, owner: owner, key: key)
        case .delete(let n):
            try await delete(ReplicaDecisions.podsToDelete(active, count: n), owner: owner, key: key)
        }
    }

    func create(_ n: Int, owner: Owner, key: String) async throws {
        guard let template = owner.podTemplate else { return }
        let namespace = owner.metadata.namespace ?? ""
        let pod = ReplicaDecisions.pod(from: template, ownerName: owner.metadata.name ?? "", namespace: namespace,
                                       controllerRef: OwnerRefs.controllerRef(to: owner))
        expectations.expectCreations(key, n)
        var attempted = 0
        var firstError: Error?
        for batch in ReplicaDecisions.slowStartBatches(n) {
            attempted += batch
            let results = await withTaskGroup(of: Result<Pod, Error>.self) { group in
                for _ in 0..<batch {
                    group.addTask { [client] in
                        do { return .success(try await client.create(pod, namespace: namespace)) } catch { return .failure(error) }
                    }
                }
                var r: [Result<Pod, Error>] = []
                for await x in group { r.append(x) }
                return r
            }
            for r in results {
                switch r {
                case .success(let p):
                    events.event(owner, reason: "SuccessfulCreate", message: "Created pod: \(p.metadata.name ?? "")")
                case .failure(let e):
                    // A failed create will never be observed.
                    firstError = firstError ?? e
                    expectations.creationObserved(key)
                    events.event(owner, type: "Warning", reason: "FailedCreate", message: "Error creating: \(apiErrorMessage(e))")
                }
            }
            if firstError != nil { break }
        }
        // Neither will the creates skipped after a failing batch.
        for _ in 0..<(n - attempted) { expectations.creationObserved(key) }
        if let firstError { throw firstError }
    }

    func delete(_ victims: [Pod], owner: Owner, key: String) async throws {
        expectations.expectDeletions(key, victims.map { objectKey($0.metadata) })
        let errors = await withTaskGroup(of: Error?.self) { group in
            for p in victims {
                group.addTask { [client, events, expectations] in
                    do {
                        try await client.delete(Pod.self, namespace: p.metadata.namespace, name: p.metadata.name ?? "")
                        events.event(owner, reason: "SuccessfulDelete", message: "Deleted pod: \(p.metadata.name ?? "")")
                        return nil
                    } catch let e as ClientError where e.isNotFound {
                        expectations.deletionObserved(key, podKey: objectKey(p.metadata))
                        return nil
                    } catch {
                        expectations.deletionObserved(key, podKey: objectKey(p.metadata))
                        events.event(owner, type: "Warning", reason: "FailedDelete", message: "Error deleting: \(apiErrorMessage(error))")
                        return error
                    }
                }
            }
            var out: [Error] = []
            for await e in group { if let e { out.append(e) } }
            return out
        }
        if let e = errors.first { throw e }
    }

    func updateStatus(_ owner: Owner, active: [Pod]) async throws {
        let counts = ReplicaDecisions.status(pods: active, templateLabels: owner.podTemplate?.metadata.labels ?? [:],
                                             minReadySeconds: owner.minReadySecondsValue,
                                             generation: owner.metadata.generation ?? 0, now: .now())
        if counts == owner.counts { return }
        var o = owner
        o.counts = counts
        do {
            _ = try await client.updateStatus(o)
        } catch let e as ClientError where e.isConflict {
            var fresh = try await client.get(Owner.self, namespace: owner.metadata.namespace, name: owner.metadata.name ?? "")
            guard fresh.metadata.uid == owner.metadata.uid else { return }
            fresh.counts = counts
            _ = try await client.updateStatus(fresh)
        } catch let e as ClientError where e.isNotFound {
        }
    }
}
