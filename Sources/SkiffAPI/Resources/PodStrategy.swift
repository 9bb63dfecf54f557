/// Pods: defaulting (including what Kubernetes' default admission plugins add), validation,
/// the narrow set of fields an update may change, and the fields selectable in queries.
public enum PodStrategy: ResourceStrategy {
    public typealias Object = Pod
    public static let hasStatus = true
    public static let selectableFields = [
        "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
        "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName",
    ]

    public static func setDefaults(_ pod: inout Pod) {
        PodSpecDefaults.apply(&pod.spec)
        // What the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins add.
        if (pod.spec.serviceAccountName ?? "").isEmpty { pod.spec.serviceAccountName = pod.spec.serviceAccount ?? "default" }
        if (pod.spec.serviceAccount ?? "").isEmpty { pod.spec.serviceAccount = pod.spec.serviceAccountName }
        if pod.spec.priority == nil && (pod.spec.priorityClassName ?? "").isEmpty { pod.spec.priority = 0 }
        if pod.spec.preemptionPolicy == nil { pod.spec.preemptionPolicy = "PreemptLowerPriority" }
        var tolerations = pod.spec.tolerations ?? []
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
            let covered = tolerations.contains { t in
                (t.key == key || ((t.key ?? "").isEmpty && t.operator == "Exists")) && ((t.effect ?? "").isEmpty || t.effect == "NoExecute")
            }
            if !covered {
                tolerations.append(Toleration(key: key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300))
            }
        }
        pod.spec.tolerations = tolerations
    }

    public static func prepareForCreate(_ pod: inout Pod) {
        pod.status = PodStatus(phase: "Pending", qosClass: PodSpecDefaults.qosClass(pod.spec))
        if let t = pod.spec.terminationGracePeriodSeconds, t < 0 { pod.spec.terminationGracePeriodSeconds = 1 }
    }

    public static func prepareForUpdate(_ new: inout Pod, old: Pod) {
        new.status = old.status
        if let t = new.spec.terminationGracePeriodSeconds, t < 0 { new.spec.terminationGracePeriodSeconds = 1 }
    }

    public static func prepareForStatusUpdate(_ new: inout Pod, old: Pod) {
        new.spec = old.spec
        new.metadata.ownerReferences = old.metadata.ownerReferences
        new.metadata.deletionTimestamp = old.metadata.deletionTimestamp
    }

    public static func validateCreate(_ pod: Pod) -> [FieldError] {
        ObjectMetaValidation.validate(pod.metadata, namespaced: true, nameRule: .dns1123Subdomain)
            + PodSpecValidation.validate(pod.spec)
    }

    static let updateForbiddenMessage = "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    public static func validateUpdate(_ new: Pod, old: Pod) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        errs += PodSpecValidation.validate(new.spec)
        // Everything but images, activeDeadlineSeconds and added tolerations is immutable.
        var mutated = old.spec
        if new.spec.containers.count == old.spec.containers.count {
            for i in mutated.containers.indices { mutated.containers[i].image = new.spec.containers[i].image }
        }
        if var inits = mutated.initContainers, inits.count == (new.spec.initContainers ?? []).count {
            for i in inits.indices { inits[i].image = new.spec.initContainers?[i].image }
            mutated.initContainers = inits
        }
        mutated.activeDeadlineSeconds = new.spec.activeDeadlineSeconds
        let oldTol = old.spec.tolerations ?? []
        let newTol = new.spec.tolerations ?? []
        if oldTol.allSatisfy({ newTol.contains($0) }) { mutated.tolerations = new.spec.tolerations }
        if let o = old.spec.terminationGracePeriodSeconds, o < 0, new.spec.terminationGracePeriodSeconds == 1 {
            mutated.terminationGracePeriodSeconds = 1
        }
        if let oa = old.spec.activeDeadlineSeconds, let na = new.spec.activeDeadlineSeconds, na > oa {
            errs.append(.invalid("spec.activeDeadlineSeconds", int: na, "must be less than or equal to previous value"))
        } else if old.spec.activeDeadlineSeconds != nil && new.spec.activeDeadlineSeconds == nil {
            errs.append(.invalid("spec.activeDeadlineSeconds", raw: "null", "must not update from a positive integer to nil value"))
        }
        if mutated != new.spec {
            errs.append(.forbidden("spec", updateForbiddenMessage))
        }
        return errs
    }

    public static func validateStatusUpdate(_ new: Pod, old: Pod) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        let phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"]
        if let p = new.status.phase, !p.isEmpty, !phases.contains(p) {
            errs.append(.notSupported("status.phase", p, phases))
        }
        if let ip = new.status.podIP, !ip.isEmpty, !NameValidation.isIP(ip) {
            errs.append(.invalid("status.podIP", ip, "must be a valid IP address"))
        }
        for (i, ip) in (new.status.podIPs ?? []).enumerated() where !NameValidation.isIP(ip.ip) {
            errs.append(.invalid("status.podIPs[\(i)].ip", ip.ip, "must be a valid IP address"))
        }
        if let ip = new.status.hostIP, !ip.isEmpty, !NameValidation.isIP(ip) {
            errs.append(.invalid("status.hostIP", ip, "must be a valid IP address"))
        }
        // A pod that finished may not come back to life.
        if old.isTerminal, let o = old.status.phase, let n = new.status.phase, n != o {
            errs.append(.forbidden("status.phase", "pod phase may not transition from \(o) to \(n)"))
        }
        return errs
    }

    public static func fieldValue(_ pod: Pod, path: String) -> String? {
        switch path {
        case "spec.nodeName": return pod.spec.nodeName ?? ""
        case "spec.restartPolicy": return pod.spec.restartPolicy ?? ""
        case "spec.schedulerName": return pod.spec.schedulerName ?? ""
        case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? ""
        case "spec.hostNetwork": return (pod.spec.hostNetwork ?? false) ? "true" : "false"
        case "status.phase": return pod.status.phase ?? ""
        case "status.podIP": return pod.status.podIP ?? ""
        case "status.podIPs": return pod.status.podIPs?.first?.ip ?? ""
        case "status.nominatedNodeName": return pod.status.nominatedNodeName ?? ""
        default: return metadataFieldValue(pod, path: path)
        }
    }
}
