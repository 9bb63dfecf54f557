import SkiffAPI

/// The pod phase and conditions the kubelet derives from its container statuses, following
/// the kubelet's own rules (getPhase and the condition generators). Pure.
public enum PodPhase {
    /// Init containers gate the pod: Failed when one failed and will not be retried (Never),
    /// Pending while any has not completed.
    public static func phase(spec: PodSpec, initStatuses: [ContainerStatus], statuses: [ContainerStatus]) -> String {
        let policy = spec.restartPolicy ?? "Always"
        let inits = spec.initContainers ?? []
        var pendingInit = 0
        for ic in inits where !isSidecar(ic) {
            let st = initStatuses.first { $0.name == ic.name }
            if let t = st?.state?.terminated {
                if t.exitCode == 0 { continue }
                if policy == "Never" { return "Failed" }
            }
            if let lt = st?.lastState?.terminated, lt.exitCode != 0, policy == "Never" { return "Failed" }
            pendingInit += 1
        }
        if pendingInit > 0 { return "Pending" }

        var unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0
        for c in spec.containers {
            guard let st = statuses.first(where: { $0.name == c.name }), let state = st.state else { unknown += 1; continue }
            if state.running != nil {
                running += 1
            } else if let t = state.terminated {
                stopped += 1
                if t.exitCode == 0 { succeeded += 1 }
            } else if state.waiting != nil {
                if st.lastState?.terminated != nil { stopped += 1 } else { waiting += 1 }
            } else {
                unknown += 1
            }
        }
        if waiting > 0 { return "Pending" }
        if running > 0 && unknown == 0 { return "Running" }
        if running == 0 && stopped > 0 && unknown == 0 {
            if policy == "Always" { return "Running" }
            if stopped == succeeded { return "Succeeded" }
            if policy == "Never" { return "Failed" }
            return "Running"
        }
        return "Pending"
    }

    static func isSidecar(_ c: Container) -> Bool { c.restartPolicy == "Always" }

    /// Initialized, ContainersReady and Ready (PodScheduled is the scheduler's and kept as is).
    /// `now` stamps a condition whose status changed; unchanged ones keep their old time.
    public static func conditions(spec: PodSpec, phase: String, initStatuses: [ContainerStatus], statuses: [ContainerStatus],
                                  old: [PodCondition], now: Time) -> [PodCondition] {
        var out = old.filter { !["Initialized", "ContainersReady", "Ready", "PodReadyToStartContainers"].contains($0.type) }
        if !out.contains(where: { $0.type == "PodScheduled" }) {
            out.insert(PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: now), at: 0)
        }
        func set(_ type: String, _ ok: Bool, reason: String?, message: String?) {
            let status = ok ? "True" : "False"
            let prev = old.first { $0.type == type }
            let t = (prev?.status == status) ? (prev?.lastTransitionTime ?? now) : now
            out.append(PodCondition(type: type, status: status, lastTransitionTime: t,
                                    reason: ok ? nil : reason, message: ok ? nil : message))
        }
        let inits = (spec.initContainers ?? []).filter { !isSidecar($0) }
        let notDoneInit = inits.filter { ic in initStatuses.first { $0.name == ic.name }?.state?.terminated?.exitCode != 0 }
        let initialized = notDoneInit.isEmpty || phase == "Succeeded"
        set("Initialized", initialized, reason: "ContainersNotInitialized",
            message: "containers with incomplete status: [\(notDoneInit.map(\.name).joined(separator: " "))]")
        let notReady = spec.containers.filter { c in !(statuses.first { $0.name == c.name }?.ready ?? false) }
        let done = Pod.isTerminal(phase: phase)
        let containersReady = notReady.isEmpty && !done
        let reason = done ? "PodCompleted" : "ContainersNotReady"
        let message = done ? nil : "containers with unready status: [\(notReady.map(\.name).joined(separator: " "))]"
        set("ContainersReady", containersReady, reason: reason, message: message)
        set("Ready", containersReady, reason: reason, message: message)
        return out
    }
}
