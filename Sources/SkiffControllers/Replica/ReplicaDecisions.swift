import SkiffAPI

/// The replica controller's decisions, pure: which pods it owns, adopts and releases, how
/// many to create or which to delete, batch sizes, and the status it reports.
public enum ReplicaDecisions {
    /// Kubernetes creates or deletes at most this many pods per sync.
    public static let defaultBurstReplicas = 500

    public enum Claim: Equatable, Sendable {
        case owned
        case adopt
        case release
        case ignore
    }

    /// What the owner (uid `ownerUID`, selector, being deleted or not) does with a pod:
    /// keep its own matching pods, adopt matching orphans, release its pods that no longer
    /// match, leave pods controlled by someone else alone.
    public static func claim(_ pod: Pod, ownerUID: String, selector: Selector, ownerDeleting: Bool) -> Claim {
        let matches = selector.matches(pod.metadata.labels ?? [:])
        if let ref = OwnerRefs.controllerOf(pod.metadata) {
            guard ref.uid == ownerUID else { return .ignore }
            if matches { return .owned }
            return ownerDeleting ? .ignore : .release
        }
        if !matches || ownerDeleting || pod.metadata.deletionTimestamp != nil { return .ignore }
        return .adopt
    }

    public enum Action: Equatable, Sendable {
        case none
        case create(Int)
        case delete(Int)
    }

    /// How many to create or delete, capped at `burst` per sync.
    public static func diff(active: Int, desired: Int, burst: Int = defaultBurstReplicas) -> Action {
        let d = active - desired
        if d < 0 { return .create(min(-d, burst)) }
        if d > 0 { return .delete(min(d, burst)) }
        return .none
    }

    /// Slow-start batch sizes (1, 2, 4, ...) that add up to `count`: a template that fails to
    /// create costs one call, not hundreds.
    public static func slowStartBatches(_ count: Int, initial: Int = 1) -> [Int] {
        var out: [Int] = []
        var remaining = count
        var size = max(1, initial)
        while remaining > 0 {
            let b = min(size, remaining)
            out.append(b)
            remaining -= b
            size *= 2
        }
        return out
    }

    /// Whether `a` should be deleted before `b` (Kubernetes' ActivePodsWithRanks): not yet
    /// on a node < on a node; Pending < Unknown < Running; not ready < ready; more pods of the
    /// same owner on its node first; ready for less time first; more restarts first; newer first.
    public static func deleteBefore(_ a: Pod, _ b: Pod, rankA: Int = 0, rankB: Int = 0) -> Bool {
        let na = (a.spec.nodeName ?? "").isEmpty, nb = (b.spec.nodeName ?? "").isEmpty
        if na != nb { return na }
        let pa = phaseRank(a), pb = phaseRank(b)
        if pa != pb { return pa < pb }
        let ra = PodFacts.isReady(a), rb = PodFacts.isReady(b)
        if ra != rb { return !ra }
        if rankA != rankB { return rankA > rankB }
        if ra && rb {
            let ta = PodFacts.readyCondition(a)?.lastTransitionTime, tb = PodFacts.readyCondition(b)?.lastTransitionTime
            if let ta, let tb, ta != tb { return ta > tb }
        }
        let ca = restarts(a), cb = restarts(b)
        if ca != cb { return ca > cb }
        let ka = a.metadata.creationTimestamp, kb = b.metadata.creationTimestamp
        if let ka, let kb, ka != kb { return ka > kb }
        return (a.metadata.name ?? "") > (b.metadata.name ?? "")
    }

    static func phaseRank(_ p: Pod) -> Int {
        switch p.status.phase ?? "Pending" {
        case "Pending": return 0
        case "Unknown": return 1
        case "Running": return 2
        default: return 0
        }
    }

    static func restarts(_ p: Pod) -> Int {
        (p.status.containerStatuses ?? []).reduce(0) { $0 + Int($1.restartCount) }
    }

    /// The `count` least valuable pods. `related` are all active pods of the same owner
    /// (a pod on a node crowded with its siblings goes first).
    public static func podsToDelete(_ pods: [Pod], count: Int, related: [Pod]? = nil) -> [Pod] {
        var perNode: [String: Int] = [:]
        for p in related ?? pods { if let n = p.spec.nodeName, !n.isEmpty { perNode[n, default: 0] += 1 } }
        func rank(_ p: Pod) -> Int { perNode[p.spec.nodeName ?? ""] ?? 0 }
        let sorted = pods.sorted { deleteBefore($0, $1, rankA: rank($0), rankB: rank($1)) }
        return Array(sorted.prefix(count))
    }

    /// The status of an owner with these active pods at `now`.
    public static func status(pods: [Pod], templateLabels: [String: String], minReadySeconds: Int,
                              generation: Int64, now: Time) -> ReplicaCounts {
        var c = ReplicaCounts(observedGeneration: generation)
        c.replicas = Int32(pods.count)
        for p in pods {
            let labels = p.metadata.labels ?? [:]
            if templateLabels.allSatisfy({ labels[$0.key] == $0.value }) { c.fullyLabeledReplicas += 1 }
            if PodFacts.isReady(p) {
                c.readyReplicas += 1
                if PodFacts.isAvailable(p, minReadySeconds: minReadySeconds, now: now) { c.availableReplicas += 1 }
            }
        }
        return c
    }

    /// When ready pods are waiting out minReadySeconds, the seconds until the next one
    /// becomes available (the controller looks again then).
    public static func nextAvailableCheck(pods: [Pod], minReadySeconds: Int, now: Time) -> Int? {
        guard minReadySeconds > 0 else { return nil }
        var best: Int?
        for p in pods where PodFacts.isReady(p) && !PodFacts.isAvailable(p, minReadySeconds: minReadySeconds, now: now) {
            let since = PodFacts.readyCondition(p)?.lastTransitionTime?.secondsSinceEpoch ?? now.secondsSinceEpoch
            let wait = Int(since + Int64(minReadySeconds) - now.secondsSinceEpoch) + 1
            best = min(best ?? wait, max(1, wait))
        }
        return best
    }

    /// A new pod from the owner's template (Kubernetes' GetPodFromTemplate): the template's
    /// labels, annotations and spec, named `<owner>-<random>` by the API server.
    public static func pod(from template: PodTemplateSpec, ownerName: String, namespace: String, controllerRef: OwnerReference) -> Pod {
        var meta = ObjectMeta()
        meta.generateName = ownerName + "-"
        meta.namespace = namespace
        meta.labels = template.metadata.labels
        meta.annotations = template.metadata.annotations
        meta.finalizers = template.metadata.finalizers
        meta.ownerReferences = [controllerRef]
        return Pod(metadata: meta, spec: template.spec)
    }
}
