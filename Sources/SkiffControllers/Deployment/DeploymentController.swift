import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Rolls Deployments out through ReplicaSets named `<deployment>-<pod-template-hash>`:
/// RollingUpdate within maxSurge/maxUnavailable, or Recreate; revisions and history,
/// pause/resume, Progressing and Available conditions. A thin loop over the deployment,
/// ReplicaSet and pod informers around `DeploymentDecisions`.
public final class DeploymentController: Sendable {
    let client: SkiffClient
    let deployments: Informer<Deployment>
    let replicaSets: Informer<ReplicaSet>
    let pods: Informer<Pod>
    let queue = WorkQueue()
    let events: EventRecorder
    let workers: Int
    let logger = Logger(label: "skiff.controllers.deployment-controller")

    public init(client: SkiffClient, informers: SharedInformers, workers: Int = 5) {
        self.client = client
        self.deployments = informers.informer(Deployment.self)
        self.replicaSets = informers.informer(ReplicaSet.self)
        self.pods = informers.informer(Pod.self)
        self.events = EventRecorder(sink: APIEventSink(client: client), component: "deployment-controller")
        self.workers = workers
    }

    public func register() async {
        await deployments.addHandler(InformerHandler(
            onAdd: { [queue] d in await queue.add(objectKey(d.metadata)) },
            onUpdate: { [queue] _, d in await queue.add(objectKey(d.metadata)) },
            onDelete: { [queue] d in await queue.add(objectKey(d.metadata)) }))
        await replicaSets.addHandler(InformerHandler(
            onAdd: { [self] rs in await self.replicaSetChanged(nil, rs) },
            onUpdate: { [self] old, rs in await self.replicaSetChanged(old, rs) },
            onDelete: { [self] rs in await self.replicaSetChanged(nil, rs) }))
        await pods.addHandler(InformerHandler(onDelete: { [self] p in await self.podDeleted(p) }))
    }

    func deploymentKey(of rs: ReplicaSet) -> String? {
        guard let ref = OwnerRefs.controllerOf(rs.metadata), ref.kind == "Deployment" else { return nil }
        return objectKey(namespace: rs.metadata.namespace, name: ref.name)
    }

    func replicaSetChanged(_ old: ReplicaSet?, _ rs: ReplicaSet) async {
        if let old, let k = deploymentKey(of: old), k != deploymentKey(of: rs) { await queue.add(k) }
        if let k = deploymentKey(of: rs) {
            await queue.add(k)
            return
        }
        for d in await deployments.list(namespace: rs.metadata.namespace ?? "") {
            if let s = try? d.spec.selector?.toSelector(), !s.isEmpty, s.matches(rs.metadata.labels ?? [:]) {
                await queue.add(objectKey(d.metadata))
            }
        }
    }

    /// A Recreate rollout waits for the old pods to be gone.
    func podDeleted(_ pod: Pod) async {
        guard let ref = OwnerRefs.controllerOf(pod.metadata), ref.kind == "ReplicaSet",
              let rs = await replicaSets.get(namespace: pod.metadata.namespace, name: ref.name),
              let k = deploymentKey(of: rs) else { return }
        await queue.add(k)
    }

    public func run() async {
        await runWorkers(queue: queue, count: workers, sync: { [self] key in try await self.sync(key) },
                         onError: { [logger] key, error in logger.warning("syncing Deployment \(key): \(error)") })
    }

    // MARK: sync

    func sync(_ key: String) async throws {
        let (ns, name) = splitKey(key)
        guard var d = await deployments.get(namespace: ns, name: name) else { return }
        let selector: Selector
        do {
            guard let s = try d.spec.selector?.toSelector(), !s.isEmpty else {
                events.event(d, type: "Warning", reason: "SelectingAll", message: "This deployment is selecting all pods. A non-empty selector is required.")
                return
            }
            selector = s
        } catch {
            logger.warning("Deployment \(key): invalid selector: \(error)")
            return
        }
        let rsList = try await claimReplicaSets(d, selector: selector)
        if d.metadata.deletionTimestamp != nil {
            let new = findNew(d, rsList)
            try await syncStatus(&d, all: rsList, new: new, progress: false)
            return
        }
        if d.spec.paused == true || isScalingEvent(d, rsList) {
            try await scaleOnly(&d, rsList)
            return
        }
        if DeploymentDecisions.isRecreate(d) {
            try await rolloutRecreate(&d, rsList)
        } else {
            try await rolloutRolling(&d, rsList)
        }
    }

    /// The deployment's ReplicaSets: its own that still match, plus matching orphans it adopts;
    /// its own that no longer match are released.
    func claimReplicaSets(_ d: Deployment, selector: Selector) async throws -> [ReplicaSet] {
        let uid = d.metadata.uid ?? ""
        var owned: [ReplicaSet] = []
        for rs in await replicaSets.list(namespace: d.metadata.namespace ?? "") {
            let matches = selector.matches(rs.metadata.labels ?? [:])
            if let ref = OwnerRefs.controllerOf(rs.metadata) {
                guard ref.uid == uid else { continue }
                if matches || d.metadata.deletionTimestamp != nil {
                    owned.append(rs)
                } else {
                    let refs = OwnerRefs.removing(uid: uid, from: rs.metadata.ownerReferences)
                    try await patchOwners(rs, refs)
                }
            } else if matches && d.metadata.deletionTimestamp == nil && rs.metadata.deletionTimestamp == nil {
                let refs = OwnerRefs.adding(OwnerRefs.controllerRef(to: d), to: rs.metadata.ownerReferences)
                owned.append(try await patchOwners(rs, refs))
            }
        }
        return owned
    }

    @discardableResult
    func patchOwners(_ rs: ReplicaSet, _ refs: [OwnerReference]) async throws -> ReplicaSet {
        let value: JSONValue = try refs.isEmpty ? .null : JSONValue(encoding: refs)
        let patch: JSONValue = ["metadata": ["ownerReferences": value, "resourceVersion": .string(rs.metadata.resourceVersion ?? "")]]
        return try await client.patch(ReplicaSet.self, namespace: rs.metadata.namespace, name: rs.metadata.name ?? "", patch: patch)
    }

    func findNew(_ d: Deployment, _ rsList: [ReplicaSet]) -> ReplicaSet? {
        rsList.sorted(by: DeploymentDecisions.olderFirst).first { TemplateHash.equalIgnoringHash($0.spec.template, d.spec.template) }
    }

    func isScalingEvent(_ d: Deployment, _ rsList: [ReplicaSet]) -> Bool {
        let want = String(DeploymentDecisions.replicas(d))
        return rsList.contains { rs in
            (rs.spec.replicas ?? 0) > 0 && rs.metadata.annotations?[DeploymentDecisions.desiredReplicasAnnotation].map { $0 != want } == true
        }
    }

    /// The new ReplicaSet (created when asked and missing) with its revision brought up to
    /// date, the deployment's revision annotation following it, and the old ones.
    func newAndOld(_ d: inout Deployment, _ rsList: [ReplicaSet], create: Bool) async throws -> (ReplicaSet?, [ReplicaSet]) {
        let existing = findNew(d, rsList)
        let old = rsList.filter { $0.metadata.uid != existing?.metadata.uid }
        let revision = DeploymentDecisions.maxRevision(old) + 1
        var new: ReplicaSet?
        if var rs = existing {
            let annotations = DeploymentDecisions.replicaSetAnnotations(d, existing: rs.metadata.annotations,
                                                                        revision: revision)
            if annotations != rs.metadata.annotations || rs.spec.minReadySeconds != d.spec.minReadySeconds {
                rs.metadata.annotations = annotations
                rs.spec.minReadySeconds = d.spec.minReadySeconds
                rs = try await client.update(rs)
            }
            new = rs
            if d.status.conditions?.contains(where: { $0.type == "Progressing" }) != true {
                DeploymentDecisions.setCondition(&d.status, DeploymentCondition(type: "Progressing", status: "True", reason: "FoundNewReplicaSet",
                                                                                message: "Found new replica set \"\(rs.metadata.name ?? "")\""), now: .now())
            }
        } else if create {
            new = try await createNew(&d, all: rsList, revision: revision)
        }
        if let new, let rev = new.metadata.annotations?[DeploymentDecisions.revisionAnnotation],
           d.metadata.annotations?[DeploymentDecisions.revisionAnnotation] != rev {
            var copy = d
            copy.metadata.annotations = (copy.metadata.annotations ?? [:]).merging([DeploymentDecisions.revisionAnnotation: rev]) { _, b in b }
            let status = d.status
            d = try await client.update(copy)
            d.status = status
        }
        return (new, old)
    }

    func createNew(_ d: inout Deployment, all: [ReplicaSet], revision: Int64) async throws -> ReplicaSet? {
        let hash = TemplateHash.compute(d.spec.template, collisionCount: d.status.collisionCount)
        var template = d.spec.template
        template.metadata.labels = (template.metadata.labels ?? [:]).merging([TemplateHash.label: hash]) { _, b in b }
        var selector = d.spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([TemplateHash.label: hash]) { _, b in b }
        var rs = ReplicaSet()
        rs.metadata.name = "\(d.metadata.name ?? "")-\(hash)"
        rs.metadata.namespace = d.metadata.namespace
        rs.metadata.labels = template.metadata.labels
        rs.metadata.ownerReferences = [OwnerRefs.controllerRef(to: d)]
        rs.metadata.annotations = DeploymentDecisions.replicaSetAnnotations(d, existing: nil, revision: revision)
        rs.spec = ReplicaSetSpec(replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector: selector, template: template)
        let target = DeploymentDecisions.newReplicaSetTarget(d, all: all, new: rs)
        rs.spec.replicas = Int32(target)
        let made: ReplicaSet
        do {
            made = try await client.create(rs, namespace: d.metadata.namespace)
        } catch let e as ClientError where e.isAlreadyExists {
            // Ours already (a stale cache) or a hash collision: bump the collision count and retry.
            let other = try await client.get(ReplicaSet.self, namespace: d.metadata.namespace, name: rs.metadata.name ?? "")
            if OwnerRefs.controllerOf(other.metadata)?.uid == d.metadata.uid,
               TemplateHash.equalIgnoringHash(other.spec.template, d.spec.template) {
                return other
            }
            d.status.collisionCount = (d.status.collisionCount ?? 0) + 1
            d = try await client.updateStatus(d)
            throw e
        }
        if target > 0 {
            events.event(d, reason: "ScalingReplicaSet", message: DeploymentDecisions.scalingMessage(made.metadata.name ?? "", from: 0, to: target))
        }
        DeploymentDecisions.setCondition(&d.status, DeploymentCondition(type: "Progressing", status: "True", reason: "NewReplicaSetCreated",
                                                                        message: "Created new replica set \"\(made.metadata.name ?? "")\""), now: .now())
        return made
    }

    /// Scales one ReplicaSet (and records its desired/max replicas), with the event.
    func scale(_ rs: ReplicaSet, to n: Int, _ d: Deployment) async throws -> ReplicaSet {
        var copy = rs
        let from = Int(rs.spec.replicas ?? 0)
        copy.spec.replicas = Int32(n)
        var a = copy.metadata.annotations ?? [:]
        a[DeploymentDecisions.desiredReplicasAnnotation] = String(DeploymentDecisions.replicas(d))
        a[DeploymentDecisions.maxReplicasAnnotation] = String(DeploymentDecisions.replicas(d) + DeploymentDecisions.maxSurge(d))
        copy.metadata.annotations = a
        if copy == rs { return rs }
        let updated = try await client.update(copy)
        if from != n {
            events.event(d, reason: "ScalingReplicaSet", message: DeploymentDecisions.scalingMessage(rs.metadata.name ?? "", from: from, to: n))
        }
        return updated
    }

    func rolloutRolling(_ d: inout Deployment, _ rsList: [ReplicaSet]) async throws {
        let (newRS, old) = try await newAndOld(&d, rsList, create: true)
        guard var new = newRS else { return }
        var all = old + [new]
        let target = DeploymentDecisions.newReplicaSetTarget(d, all: all, new: new)
        if target != Int(new.spec.replicas ?? 0) {
            new = try await scale(new, to: target, d)
            try await syncStatus(&d, all: old + [new], new: new, progress: true)
            return
        }
        let targets = DeploymentDecisions.oldReplicaSetTargets(d, all: all, old: old, new: new)
        if !targets.isEmpty {
            var updatedOld: [ReplicaSet] = []
            for rs in old {
                if let t = targets[rs.metadata.name ?? ""] { updatedOld.append(try await scale(rs, to: t, d)) } else { updatedOld.append(rs) }
            }
            try await syncStatus(&d, all: updatedOld + [new], new: new, progress: true)
            return
        }
        all = old + [new]
        let status = DeploymentDecisions.status(d, all: all, new: new, now: .now())
        if DeploymentDecisions.isComplete(d, status) { try await cleanupHistory(d, old: old) }
        try await syncStatus(&d, all: all, new: new, progress: true)
    }

    func rolloutRecreate(_ d: inout Deployment, _ rsList: [ReplicaSet]) async throws {
        var (newRS, old) = try await newAndOld(&d, rsList, create: false)
        var scaledDown = false
        var updatedOld: [ReplicaSet] = []
        for rs in old {
            if (rs.spec.replicas ?? 0) > 0 {
                updatedOld.append(try await scale(rs, to: 0, d))
                scaledDown = true
            } else {
                updatedOld.append(rs)
            }
        }
        let running = await oldPodsRunning(old)
        if scaledDown || running {
            try await syncStatus(&d, all: updatedOld + (newRS.map { [$0] } ?? []), new: newRS, progress: true)
            return
        }
        if newRS == nil {
            (newRS, _) = try await newAndOld(&d, rsList, create: true)
        }
        guard var new = newRS else { return }
        let want = DeploymentDecisions.replicas(d)
        if Int(new.spec.replicas ?? 0) != want { new = try await scale(new, to: want, d) }
        let status = DeploymentDecisions.status(d, all: old + [new], new: new, now: .now())
        if DeploymentDecisions.isComplete(d, status) { try await cleanupHistory(d, old: old) }
        try await syncStatus(&d, all: old + [new], new: new, progress: true)
    }

    /// Any pod of the old ReplicaSets not yet finished (Recreate waits for them).
    func oldPodsRunning(_ old: [ReplicaSet]) async -> Bool {
        guard let ns = old.first?.metadata.namespace else { return false }
        let uids = Set(old.compactMap(\.metadata.uid))
        for p in await pods.list(namespace: ns) {
            guard let ref = OwnerRefs.controllerOf(p.metadata), uids.contains(ref.uid) else { continue }
            let phase = p.status.phase ?? ""
            if phase != "Succeeded" && phase != "Failed" { return true }
        }
        return false
    }

    /// Paused, or replicas changed: resize what exists without rolling anything out.
    func scaleOnly(_ d: inout Deployment, _ rsList: [ReplicaSet]) async throws {
        let (new, old) = try await newAndOld(&d, rsList, create: false)
        var all = old + (new.map { [$0] } ?? [])
        let active = all.filter { ($0.spec.replicas ?? 0) > 0 }
        let want = DeploymentDecisions.replicas(d)
        var targets: [String: Int] = [:]
        if active.count <= 1 {
            let latest = active.first ?? new ?? old.sorted(by: DeploymentDecisions.olderFirst).last
            if let latest { targets[latest.metadata.name ?? ""] = want }
        } else if let new, Int(new.spec.replicas ?? 0) == want, Int(new.status.availableReplicas ?? 0) == want {
            for rs in old where (rs.spec.replicas ?? 0) > 0 { targets[rs.metadata.name ?? ""] = 0 }
        } else if !DeploymentDecisions.isRecreate(d) {
            targets = DeploymentDecisions.proportionalTargets(d, active: active)
        }
        var updated: [ReplicaSet] = []
        for rs in all {
            if let t = targets[rs.metadata.name ?? ""] { updated.append(try await scale(rs, to: t, d)) } else { updated.append(rs) }
        }
        all = updated
        let newNow = all.first { $0.metadata.uid == new?.metadata.uid }
        try await syncStatus(&d, all: all, new: newNow, progress: d.spec.paused != true)
    }

    func cleanupHistory(_ d: Deployment, old: [ReplicaSet]) async throws {
        for rs in DeploymentDecisions.historyToDelete(d, old: old) {
            logger.info("Deployment \(objectKey(d.metadata)): deleting old ReplicaSet \(rs.metadata.name ?? "") beyond the history limit")
            do {
                try await client.delete(ReplicaSet.self, namespace: rs.metadata.namespace, name: rs.metadata.name ?? "")
            } catch let e as ClientError where e.isNotFound {}
        }
    }

    /// Writes the status when it changed; an unfinished rollout is looked at again when its
    /// progress deadline passes.
    func syncStatus(_ d: inout Deployment, all: [ReplicaSet], new: ReplicaSet?, progress: Bool) async throws {
        let now = Time.now()
        var s = DeploymentDecisions.status(d, all: all, new: new, now: now)
        if let _ = d.spec.progressDeadlineSeconds {
            let cur = s.conditions?.first { $0.type == "Progressing" }
            if d.spec.paused == true, cur?.reason != "DeploymentPaused" {
                DeploymentDecisions.setCondition(&s, DeploymentCondition(type: "Progressing", status: "Unknown", reason: "DeploymentPaused",
                                                                         message: "Deployment is paused"), now: now)
            } else if d.spec.paused != true, cur?.reason == "DeploymentPaused" {
                DeploymentDecisions.setCondition(&s, DeploymentCondition(type: "Progressing", status: "Unknown", reason: "DeploymentResumed",
                                                                         message: "Deployment is resumed"), now: now)
            }
        }
        if progress && d.metadata.deletionTimestamp == nil {
            s = DeploymentDecisions.progressing(d, old: d.status, new: s, newRSName: new?.metadata.name, now: now)
        }
        if s != d.status {
            let before = d.status.conditions?.first { $0.type == "Progressing" }?.reason
            var copy = d
            copy.status = s
            do {
                d = try await client.updateStatus(copy)
            } catch let e as ClientError where e.isNotFound {
                return
            }
            if s.conditions?.first(where: { $0.type == "Progressing" })?.reason == "ProgressDeadlineExceeded",
               before != "ProgressDeadlineExceeded" {
                events.event(d, type: "Warning", reason: "ProgressDeadlineExceeded",
                             message: "Deployment \"\(d.metadata.name ?? "")\" has timed out progressing.")
            }
        }
        if let wait = DeploymentDecisions.secondsToDeadline(d, s, now: now) {
            queue.add(objectKey(d.metadata), after: .seconds(wait))
        }
        if let minReady = d.spec.minReadySeconds, minReady > 0, !DeploymentDecisions.isComplete(d, s) {
            queue.add(objectKey(d.metadata), after: .seconds(Int(minReady)))
        }
    }
}
