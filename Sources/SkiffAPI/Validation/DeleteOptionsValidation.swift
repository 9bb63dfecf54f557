/// Kubernetes' `ValidateDeleteOptions`, and the pod rule for how long a graceful delete waits.
public enum DeleteOptionsValidation {
    static let policies = ["Foreground", "Background", "Orphan", "nil"]

    public static func validate(_ o: DeleteOptions) -> [FieldError] {
        var errs: [FieldError] = []
        if o.orphanDependents != nil, let p = o.propagationPolicy {
            errs.append(.invalid("propagationPolicy", p, "orphanDependents and deletionPropagation cannot be both set"))
        }
        if let p = o.propagationPolicy, !["Foreground", "Background", "Orphan"].contains(p) {
            errs.append(.notSupported("propagationPolicy", p, policies))
        }
        for (i, d) in (o.dryRun ?? []).enumerated() where d != "All" {
            errs.append(.notSupported("dryRun[\(i)]", d, ["All"]))
        }
        if let g = o.gracePeriodSeconds, g < 0 {
            errs.append(.invalid("gracePeriodSeconds", int: g, "must be greater than or equal to 0"))
        }
        return errs
    }
}

extension PodStrategy {
    /// The grace period of a pod delete (Kubernetes' `CheckGracefulDelete`): the request's,
    /// else the pod's terminationGracePeriodSeconds, else 30; zero for a pod that never reached
    /// a node or has already finished, since nothing is left to stop. A pod already being
    /// deleted can only have its grace period shortened.
    public static func deletionGracePeriod(_ pod: Pod, options: DeleteOptions?) -> Int64 {
        var grace = options?.gracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? PodSpecDefaults.defaultTerminationGracePeriodSeconds
        if grace < 0 { grace = 1 }
        if (pod.spec.nodeName ?? "").isEmpty { grace = 0 }
        if pod.isTerminal { grace = 0 }
        if let current = pod.metadata.deletionGracePeriodSeconds, pod.metadata.deletionTimestamp != nil {
            grace = min(grace, current)
        }
        return grace
    }

    /// Marks a pod for graceful deletion at `now`: deletionTimestamp = now + grace and
    /// deletionGracePeriodSeconds = grace. Returns false when the pod should be removed at once.
    public static func markForDeletion(_ pod: inout Pod, options: DeleteOptions?, now: Time) -> Bool {
        let grace = deletionGracePeriod(pod, options: options)
        if grace == 0 { return false }
        pod.metadata.deletionGracePeriodSeconds = grace
        let deadline = Time(secondsSinceEpoch: now.secondsSinceEpoch + grace)
        if let existing = pod.metadata.deletionTimestamp, existing < deadline {
            return true
        }
        pod.metadata.deletionTimestamp = deadline
        return true
    }
}
