import SkiffAPI

/// The Deployment controller's arithmetic, pure: surge and unavailability budgets, how far to
/// scale the new and old ReplicaSets in a rolling update, revisions, history cleanup, status
/// and conditions. Names follow Kubernetes' deployment util so the behaviour can be compared.
public enum DeploymentDecisions {
    public static let revisionAnnotation = "deployment.kubernetes.io/revision"
    public static let revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"
    public static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
    public static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
    /// Annotations of the Deployment that are not copied to its ReplicaSets.
    public static let skippedAnnotations: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revisionAnnotation, revisionHistoryAnnotation,
        desiredReplicasAnnotation, maxReplicasAnnotation, "deprecated.deployment.rollback.to",
    ]

    public static func replicas(_ d: Deployment) -> Int { Int(d.spec.replicas ?? 1) }
    static func specReplicas(_ rs: ReplicaSet) -> Int { Int(rs.spec.replicas ?? 0) }
    static func available(_ rs: ReplicaSet) -> Int { Int(rs.status.availableReplicas ?? 0) }

    public static func isRecreate(_ d: Deployment) -> Bool { d.spec.strategy?.type == "Recreate" }

    /// maxSurge (rounded up) and maxUnavailable (rounded down) as counts; both zero would
    /// never progress, so unavailability becomes 1 (Kubernetes' ResolveFenceposts).
    public static func fenceposts(_ d: Deployment) -> (surge: Int, unavailable: Int) {
        guard !isRecreate(d) else { return (0, 0) }
        let r = replicas(d)
        let ru = d.spec.strategy?.rollingUpdate
        let surge = (ru?.maxSurge ?? .string("25%")).scaledValue(total: r, roundUp: true) ?? 0
        var unavailable = (ru?.maxUnavailable ?? .string("25%")).scaledValue(total: r, roundUp: false) ?? 0
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// maxUnavailable, never more than the replicas.
    public static func maxUnavailable(_ d: Deployment) -> Int {
        let r = replicas(d)
        if isRecreate(d) || r == 0 { return 0 }
        return min(fenceposts(d).unavailable, r)
    }

    public static func maxSurge(_ d: Deployment) -> Int { isRecreate(d) ? 0 : fenceposts(d).surge }

    // MARK: rolling update

    /// Replicas of the new ReplicaSet now: up to the deployment's replicas, without the total
    /// passing replicas + maxSurge (Kubernetes' NewRSNewReplicas).
    public static func newReplicaSetTarget(_ d: Deployment, all: [ReplicaSet], new: ReplicaSet) -> Int {
        let desired = replicas(d)
        if isRecreate(d) { return desired }
        let current = all.reduce(0) { $0 + specReplicas($1) }
        let maxTotal = desired + maxSurge(d)
        if current >= maxTotal { return specReplicas(new) }
        let up = min(maxTotal - current, max(0, desired - specReplicas(new)))
        return specReplicas(new) + up
    }

    /// New replica counts for old ReplicaSets: first drop their unavailable pods, then scale
    /// down available ones while at least replicas - maxUnavailable stay available
    /// (cleanupUnhealthyReplicas and scaleDownOldReplicaSetsForRollingUpdate). Oldest first.
    public static func oldReplicaSetTargets(_ d: Deployment, all: [ReplicaSet], old: [ReplicaSet], new: ReplicaSet?) -> [String: Int] {
        let oldCount = old.reduce(0) { $0 + specReplicas($1) }
        if oldCount == 0 { return [:] }
        let allCount = all.reduce(0) { $0 + specReplicas($1) }
        let minAvailable = replicas(d) - maxUnavailable(d)
        let newUnavailable = new.map { max(0, specReplicas($0) - available($0)) } ?? 0
        let maxScaledDown = allCount - minAvailable - newUnavailable
        if maxScaledDown <= 0 { return [:] }
        var targets: [String: Int] = [:]
        let sortedOld = old.sorted(by: olderFirst)
        // Unhealthy replicas first: they cost no availability.
        var cleaned = 0
        for rs in sortedOld {
            if cleaned >= maxScaledDown { break }
            let spec = specReplicas(rs)
            if spec == 0 || spec == available(rs) { continue }
            let n = min(maxScaledDown - cleaned, spec - available(rs))
            targets[rs.metadata.name ?? ""] = spec - n
            cleaned += n
        }
        // Then available ones, keeping minAvailable.
        let availableCount = all.reduce(0) { $0 + available($1) }
        if availableCount <= minAvailable { return targets }
        let total = availableCount - minAvailable
        var scaled = 0
        for rs in sortedOld {
            if scaled >= total { break }
            let name = rs.metadata.name ?? ""
            let spec = targets[name] ?? specReplicas(rs)
            if spec == 0 { continue }
            let n = min(spec, total - scaled)
            targets[name] = spec - n
            scaled += n
        }
        return targets.filter { name, v in old.first { $0.metadata.name == name }.map { specReplicas($0) != v } ?? false }
    }

    static func olderFirst(_ a: ReplicaSet, _ b: ReplicaSet) -> Bool {
        let ta = a.metadata.creationTimestamp?.secondsSinceEpoch ?? 0, tb = b.metadata.creationTimestamp?.secondsSinceEpoch ?? 0
        if ta != tb { return ta < tb }
        return (a.metadata.name ?? "") < (b.metadata.name ?? "")
    }

    /// Proportional scaling while paused or when replicas change mid-rollout: the active
    /// ReplicaSets share the new total (replicas + maxSurge) in proportion to their size,
    /// the leftover going to the largest (newest on ties).
    public static func proportionalTargets(_ d: Deployment, active: [ReplicaSet]) -> [String: Int] {
        let current = active.reduce(0) { $0 + specReplicas($1) }
        guard current > 0 else { return [:] }
        let allowed = replicas(d) + maxSurge(d)
        let toAdd = allowed - current
        if toAdd == 0 { return [:] }
        var out: [String: Int] = [:]
        var added = 0
        let order = active.sorted { specReplicas($0) != specReplicas($1) ? specReplicas($0) > specReplicas($1) : !olderFirst($0, $1) }
        for rs in order {
            let share = specReplicas(rs) * toAdd / current
            out[rs.metadata.name ?? ""] = specReplicas(rs) + share
            added += share
        }
        if let first = order.first?.metadata.name {
            out[first] = max(0, (out[first] ?? 0) + (toAdd - added))
        }
        return out.mapValues { max(0, $0) }
    }

    // MARK: revisions

    public static func revision(_ rs: ReplicaSet) -> Int64 {
        Int64(rs.metadata.annotations?[revisionAnnotation] ?? "") ?? 0
    }

    public static func maxRevision(_ sets: [ReplicaSet]) -> Int64 {
        sets.map(revision).max() ?? 0
    }

    /// The annotations a ReplicaSet of this deployment carries at `revision`: the deployment's
    /// own (minus bookkeeping), the revision, its history when a rollback reuses it, and the
    /// desired and max replicas.
    public static func replicaSetAnnotations(_ d: Deployment, existing: [String: String]?, revision: Int64) -> [String: String] {
        var a = existing ?? [:]
        for (k, v) in d.metadata.annotations ?? [:] where !skippedAnnotations.contains(k) { a[k] = v }
        if let old = existing?[revisionAnnotation], let oldRev = Int64(old), oldRev < revision {
            let hist = existing?[revisionHistoryAnnotation].map { $0 + "," + old } ?? old
            a[revisionHistoryAnnotation] = hist
        }
        if Int64(a[revisionAnnotation] ?? "") ?? 0 < revision { a[revisionAnnotation] = String(revision) }
        a[desiredReplicasAnnotation] = String(replicas(d))
        a[maxReplicasAnnotation] = String(replicas(d) + maxSurge(d))
        return a
    }

    /// Old ReplicaSets beyond revisionHistoryLimit that are fully scaled down, oldest revision first.
    public static func historyToDelete(_ d: Deployment, old: [ReplicaSet]) -> [ReplicaSet] {
        let limit = Int(d.spec.revisionHistoryLimit ?? 10)
        let cleanable = old.filter { $0.metadata.deletionTimestamp == nil }
        let excess = cleanable.count - limit
        guard excess > 0 else { return [] }
        let sorted = cleanable.sorted { revision($0) != revision($1) ? revision($0) < revision($1) : olderFirst($0, $1) }
        return sorted.prefix(excess).filter {
            specReplicas($0) == 0 && $0.status.replicas == 0 && ($0.status.observedGeneration ?? 0) >= ($0.metadata.generation ?? 0)
        }
    }

    // MARK: status

    public static func status(_ d: Deployment, all: [ReplicaSet], new: ReplicaSet?, now: Time) -> DeploymentStatus {
        var s = d.status
        let total = all.reduce(0) { $0 + Int($1.status.replicas) }
        let avail = all.reduce(0) { $0 + available($1) }
        s.observedGeneration = d.metadata.generation
        s.replicas = Int32(total)
        s.updatedReplicas = Int32(new.map { Int($0.status.replicas) } ?? 0)
        s.readyReplicas = Int32(all.reduce(0) { $0 + Int($1.status.readyReplicas ?? 0) })
        s.availableReplicas = Int32(avail)
        s.unavailableReplicas = Int32(max(0, replicas(d) - avail))
        let minAvailable = replicas(d) - maxUnavailable(d)
        if avail >= minAvailable {
            setCondition(&s, DeploymentCondition(type: "Available", status: "True", reason: "MinimumReplicasAvailable",
                                                 message: "Deployment has minimum availability."), now: now)
        } else {
            setCondition(&s, DeploymentCondition(type: "Available", status: "False", reason: "MinimumReplicasUnavailable",
                                                 message: "Deployment does not have minimum availability."), now: now)
        }
        return s
    }

    /// Rollout finished: every replica updated and available, nothing old left.
    public static func isComplete(_ d: Deployment, _ s: DeploymentStatus) -> Bool {
        let r = Int32(replicas(d))
        return (s.updatedReplicas ?? 0) == r && (s.replicas ?? 0) == r && (s.availableReplicas ?? 0) == r
            && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
    }

    /// More updated, ready or available pods, or fewer old ones, than before.
    public static func isProgressing(old: DeploymentStatus, new: DeploymentStatus) -> Bool {
        let oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0)
        let newOld = (new.replicas ?? 0) - (new.updatedReplicas ?? 0)
        return (new.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
            || (new.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (new.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
    }

    /// The Progressing condition after a sync (Kubernetes' syncRolloutStatus): complete →
    /// NewReplicaSetAvailable; progress → ReplicaSetUpdated; no progress for
    /// progressDeadlineSeconds → ProgressDeadlineExceeded.
    public static func progressing(_ d: Deployment, old: DeploymentStatus, new s: DeploymentStatus,
                                   newRSName: String?, now: Time) -> DeploymentStatus {
        var s = s
        guard let deadline = d.spec.progressDeadlineSeconds, deadline != Int32.max else {
            s.conditions?.removeAll { $0.type == "Progressing" }
            return s
        }
        if d.spec.paused == true { return s }
        let current = s.conditions?.first { $0.type == "Progressing" }
        let rsName = newRSName ?? ""
        if isComplete(d, s) {
            setCondition(&s, DeploymentCondition(type: "Progressing", status: "True", reason: "NewReplicaSetAvailable",
                                                 message: "ReplicaSet \"\(rsName)\" has successfully progressed."), now: now)
        } else if isProgressing(old: old, new: s) {
            var c = DeploymentCondition(type: "Progressing", status: "True", reason: "ReplicaSetUpdated",
                                        message: "ReplicaSet \"\(rsName)\" is progressing.")
            if current?.status == "True" { c.lastTransitionTime = current?.lastTransitionTime }
            c.lastUpdateTime = now
            c.lastTransitionTime = c.lastTransitionTime ?? now
            s.conditions = (s.conditions ?? []).filter { $0.type != "Progressing" } + [c]
        } else if timedOut(d, current, now: now) {
            setCondition(&s, DeploymentCondition(type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded",
                                                 message: "ReplicaSet \"\(rsName)\" has timed out progressing."), now: now)
        }
        return s
    }

    /// The deadline passed since the last progress.
    public static func timedOut(_ d: Deployment, _ c: DeploymentCondition?, now: Time) -> Bool {
        guard let deadline = d.spec.progressDeadlineSeconds, let c else { return false }
        if c.reason == "NewReplicaSetAvailable" || c.reason == "ProgressDeadlineExceeded" { return false }
        guard let from = c.lastUpdateTime ?? c.lastTransitionTime else { return false }
        return from.secondsSinceEpoch + Int64(deadline) < now.secondsSinceEpoch
    }

    /// Seconds until the progress deadline of an unfinished rollout passes (to look again).
    public static func secondsToDeadline(_ d: Deployment, _ s: DeploymentStatus, now: Time) -> Int? {
        guard let deadline = d.spec.progressDeadlineSeconds, d.spec.paused != true, !isComplete(d, s),
              let c = s.conditions?.first(where: { $0.type == "Progressing" }), c.reason != "ProgressDeadlineExceeded",
              let from = c.lastUpdateTime ?? c.lastTransitionTime else { return nil }
        return max(1, Int(from.secondsSinceEpoch + Int64(deadline) - now.secondsSinceEpoch) + 1)
    }

    /// Sets a condition; lastTransitionTime moves only when the status changes, and an
    /// identical condition leaves the status untouched.
    public static func setCondition(_ s: inout DeploymentStatus, _ c: DeploymentCondition, now: Time) {
        var conds = s.conditions ?? []
        var c = c
        if let i = conds.firstIndex(where: { $0.type == c.type }) {
            let old = conds[i]
            if old.status == c.status && old.reason == c.reason && old.message == c.message { return }
            c.lastTransitionTime = old.status == c.status ? old.lastTransitionTime : now
            c.lastUpdateTime = now
            conds[i] = c
        } else {
            c.lastTransitionTime = now
            c.lastUpdateTime = now
            conds.append(c)
        }
        s.conditions = conds
    }

    /// The ScalingReplicaSet event message of Kubernetes' deployment controller (1.27 on).
    public static func scalingMessage(_ rsName: String, from: Int, to: Int) -> String {
        "Scaled \(to > from ? "up" : "down") replica set \(rsName) to \(to) from \(from)"
    }
}
