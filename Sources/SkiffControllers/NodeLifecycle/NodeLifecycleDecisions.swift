import SkiffAPI

/// The node lifecycle controller's decisions, pure: when a node's heartbeat is stale, what
/// its conditions and taints become, and when each of its pods is due for eviction.
public enum NodeLifecycleDecisions {
    public static let unreachableTaint = "node.kubernetes.io/unreachable"
    public static let notReadyTaint = "node.kubernetes.io/not-ready"
    /// Conditions the kubelet reports that turn Unknown with the heartbeat.
    public static let kubeletConditions = ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"]

    public enum Health: Equatable, Sendable {
        case ready
        case notReady
        /// No heartbeat within the grace period.
        case unknown
    }

    /// The newest sign of life: the Ready condition's heartbeat or the node Lease's renewal;
    /// a node that never reported counts from its creation.
    public static func lastHeartbeat(_ node: Node, lease: Lease?) -> Time? {
        let ready = node.status.conditions?.first { $0.type == "Ready" }
        var t = ready?.lastHeartbeatTime
        if let r = lease?.spec.renewTime {
            let lt = Time(secondsSinceEpoch: r.microsecondsSinceEpoch / 1_000_000)
            t = max(t ?? lt, lt)
        }
        return t ?? node.metadata.creationTimestamp
    }

    public static func health(_ node: Node, lease: Lease?, now: Time, grace: Int64) -> Health {
        guard let hb = lastHeartbeat(node, lease: lease) else { return .unknown }
        if hb.secondsSinceEpoch + grace < now.secondsSinceEpoch { return .unknown }
        let ready = node.status.conditions?.first { $0.type == "Ready" }
        switch ready?.status {
        case "True": return .ready
        case "False": return .notReady
        case nil:
            // Never posted but still within grace of its creation: not judged yet.
            return .ready
        default:
            // Unknown (set by us earlier) while a fresh heartbeat arrives only through the Lease.
            return lease != nil ? .ready : .unknown
        }
    }

    /// The kubelet conditions set to Unknown (Kubernetes' tryUpdateNodeHealth): reason
    /// NodeStatusUnknown, or NodeStatusNeverUpdated for conditions never posted.
    public static func staleConditions(_ node: Node, now: Time) -> [NodeCondition] {
        var conds = node.status.conditions ?? []
        for type in kubeletConditions {
            if let i = conds.firstIndex(where: { $0.type == type }) {
                if conds[i].status == "Unknown" { continue }
                conds[i].status = "Unknown"
                conds[i].reason = "NodeStatusUnknown"
                conds[i].message = "Kubelet stopped posting node status."
                conds[i].lastTransitionTime = now
            } else {
                conds.append(NodeCondition(type: type, status: "Unknown", lastHeartbeatTime: node.metadata.creationTimestamp,
                                           lastTransitionTime: now, reason: "NodeStatusNeverUpdated",
                                           message: "Kubelet never posted node status."))
            }
        }
        return conds
    }

    /// The node's taints for its health: unreachable or not-ready, NoSchedule and NoExecute;
    /// other taints untouched, existing ones keep their timeAdded.
    public static func taints(_ node: Node, health: Health, now: Time) -> [Taint] {
        let current = node.spec.taints ?? []
        let managed: Set<String> = [unreachableTaint, notReadyTaint]
        var out = current.filter { !managed.contains($0.key) }
        let key: String? = health == .unknown ? unreachableTaint : health == .notReady ? notReadyTaint : nil
        if let key {
            for effect in ["NoSchedule", "NoExecute"] {
                if let t = current.first(where: { $0.key == key && $0.effect == effect }) {
                    out.append(t)
                } else {
                    out.append(Taint(key: key, effect: effect, timeAdded: effect == "NoExecute" ? now : nil))
                }
            }
        }
        return out
    }

    /// Whether new NoExecute taints are being added (those are rate-limited).
    public static func addsNoExecute(old: [Taint], new: [Taint]) -> Bool {
        new.contains { t in t.effect == "NoExecute" && !old.contains { $0.key == t.key && $0.effect == t.effect } }
    }

    /// Seconds a pod may stay on a node with this NoExecute taint: its toleration's
    /// tolerationSeconds, forever (nil) when it tolerates without a limit, else the eviction
    /// timeout. The toleration the API server adds to every pod (DefaultTolerationSeconds:
    /// not-ready/unreachable, Exists, NoExecute, 300 s) stands for "no toleration of its own",
    /// so `--pod-eviction-timeout` decides for it.
    public static func tolerance(_ pod: Pod, taint: Taint, defaultSeconds: Int64) -> Int64? {
        for t in pod.spec.tolerations ?? [] where tolerates(t, taint) {
            if isAdmissionDefault(t) { continue }
            guard let s = t.tolerationSeconds else { return nil }
            return max(0, s)
        }
        return defaultSeconds
    }

    /// The toleration DefaultTolerationSeconds admission adds.
    public static func isAdmissionDefault(_ t: Toleration) -> Bool {
        (t.key == notReadyTaint || t.key == unreachableTaint) && t.operator == "Exists" && t.effect == "NoExecute"
            && t.tolerationSeconds == 300 && (t.value ?? "").isEmpty
    }

    static func tolerates(_ t: Toleration, _ taint: Taint) -> Bool {
        if let e = t.effect, !e.isEmpty, e != taint.effect { return false }
        let op = t.operator ?? "Equal"
        if (t.key ?? "").isEmpty { return op == "Exists" }
        guard t.key == taint.key else { return false }
        return op == "Exists" || (t.value ?? "") == (taint.value ?? "")
    }

    /// Seconds until the pod is due for eviction from a node with these taints (0: now;
    /// nil: never).
    public static func evictionDelay(_ pod: Pod, taints: [Taint], now: Time, defaultSeconds: Int64) -> Int64? {
        var due: Int64?
        for taint in taints where taint.effect == "NoExecute" {
            guard let secs = tolerance(pod, taint: taint, defaultSeconds: defaultSeconds) else { continue }
            let added = taint.timeAdded?.secondsSinceEpoch ?? now.secondsSinceEpoch
            let left = max(0, added + secs - now.secondsSinceEpoch)
            due = min(due ?? left, left)
        }
        return due
    }

    /// The pod's Ready condition turned False (what Kubernetes' MarkPodsNotReady does for pods
    /// on a node that stopped reporting); nil when it already is.
    public static func markedNotReady(_ pod: Pod, now: Time) -> Pod? {
        var p = pod
        var conds = p.status.conditions ?? []
        guard let i = conds.firstIndex(where: { $0.type == "Ready" }), conds[i].status != "False" else { return nil }
        conds[i].status = "False"
        conds[i].lastTransitionTime = now
        conds[i].reason = "NodeLost"
        conds[i].message = "Node is not ready"
        p.status.conditions = conds
        return p
    }
}

/// A token bucket (Kubernetes' flowcontrol rate limiter): `qps` tokens a second, up to `burst`.
public struct TokenBucket: Sendable {
    public let qps: Double
    public let burst: Double
    var tokens: Double
    var last: Double

    public init(qps: Double, burst: Double = 1, now: Double) {
        self.qps = qps
        self.burst = burst
        tokens = burst
        last = now
    }

    public mutating func tryAccept(now: Double) -> Bool {
        tokens = min(burst, tokens + (now - last) * qps)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Seconds until a token is available.
    public func wait(now: Double) -> Double {
        let have = min(burst, tokens + (now - last) * qps)
        return have >= 1 || qps <= 0 ? 0 : (1 - have) / qps
    }
}
