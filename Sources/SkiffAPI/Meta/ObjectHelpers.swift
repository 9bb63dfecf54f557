/// Small pure helpers the controllers, scheduler and kubelet share (Kubernetes' podutil and
/// metav1 helpers), so each component reads conditions and owners the same way.
extension ObjectMeta {
    /// The owner reference marked `controller: true`, if any.
    public var controllerRef: OwnerReference? {
        ownerReferences?.first { $0.controller == true }
    }

    /// Whether deletion has started (finalizers or a grace period still pending).
    public var isBeingDeleted: Bool { deletionTimestamp != nil }

    /// `namespace/name`, or `name` for cluster-scoped objects: the usual cache key.
    public var key: String {
        let ns = namespace ?? ""
        return ns.isEmpty ? (name ?? "") : "\(ns)/\(name ?? "")"
    }
}

extension Pod {
    public func condition(_ type: String) -> PodCondition? {
        status.conditions?.first { $0.type == type }
    }

    /// Ready condition is True.
    public var isReady: Bool { condition("Ready")?.status == "True" }

    /// Succeeded or Failed: nothing will run again.
    public var isTerminal: Bool { Self.isTerminal(phase: status.phase) }

    /// Whether a pod phase (as read from the pod, or straight from its JSON) is a final one.
    public static func isTerminal(phase: String?) -> Bool { phase == "Succeeded" || phase == "Failed" }

    /// Counts as a live replica for controllers: not finished and not being deleted.
    public var isActive: Bool { !isTerminal && metadata.deletionTimestamp == nil }

    /// Sets or replaces a condition, moving lastTransitionTime only when the status changes.
    /// Returns whether anything changed.
    @discardableResult
    public mutating func setCondition(_ c: PodCondition, now: Time) -> Bool {
        var conds = status.conditions ?? []
        var new = c
        if let i = conds.firstIndex(where: { $0.type == c.type }) {
            let old = conds[i]
            new.lastTransitionTime = old.status == c.status ? (old.lastTransitionTime ?? now) : (c.lastTransitionTime ?? now)
            if old == new { return false }
            conds[i] = new
        } else {
            if new.lastTransitionTime == nil { new.lastTransitionTime = now }
            conds.append(new)
        }
        status.conditions = conds
        return true
    }
}

extension Node {
    public func condition(_ type: String) -> NodeCondition? {
        status.conditions?.first { $0.type == type }
    }

    /// Ready condition is True.
    public var isReady: Bool { condition("Ready")?.status == "True" }

    /// The first address of the given type (InternalIP, Hostname, ...).
    public func address(_ type: String) -> String? {
        status.addresses?.first { $0.type == type }?.address
    }
}

extension Toleration {
    /// Kubernetes' `ToleratesTaint`: operator Exists matches any value, Equal the same value;
    /// an empty key with Exists matches every taint; an empty effect matches every effect.
    public func tolerates(_ taint: Taint) -> Bool {
        if let e = effect, !e.isEmpty, e != taint.effect { return false }
        let k = key ?? ""
        if !k.isEmpty && k != taint.key { return false }
        switch self.operator ?? "Equal" {
        case "Exists": return true
        case "", "Equal": return (value ?? "") == (taint.value ?? "")
        default: return false
        }
    }
}
