/// Bindings are not stored: `POST pods/NAME/binding` validates one and sets the pod's nodeName.
public enum BindingStrategy: ResourceStrategy {
    public typealias Object = Binding
    public static let hasStatus = false

    public static func setDefaults(_ b: inout Binding) {}

    public static func validateCreate(_ b: Binding) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(b.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        let kind = b.target.kind ?? ""
        if !kind.isEmpty && kind != "Node" {
            errs.append(.notSupported("target.kind", kind, ["Node", "<empty>"]))
        }
        if (b.target.name ?? "").isEmpty { errs.append(.required("target.name")) }
        return errs
    }

    public static func validateUpdate(_ new: Binding, old: Binding) -> [FieldError] { validateCreate(new) }

    public static func fieldValue(_ b: Binding, path: String) -> String? { metadataFieldValue(b, path: path) }

    /// Applies a binding to a pod, refusing a pod that is already bound (409 in Kubernetes:
    /// `pod web is already assigned to node "n1"`).
    public static func bind(_ pod: inout Pod, to binding: Binding) throws {
        if let current = pod.spec.nodeName, !current.isEmpty {
            throw Status.failure(code: 409, reason: "Conflict",
                                 message: "Operation cannot be fulfilled on pods/binding \"\(pod.metadata.name ?? "")\": pod \(pod.metadata.name ?? "") is already assigned to node \"\(current)\"",
                                 details: StatusDetails(name: pod.metadata.name, kind: "pods/binding"))
        }
        pod.spec.nodeName = binding.target.name
        if let ann = binding.metadata.annotations, !ann.isEmpty {
            var merged = pod.metadata.annotations ?? [:]
            for (k, v) in ann { merged[k] = v }
            pod.metadata.annotations = merged
        }
        var conds = pod.status.conditions ?? []
        conds.removeAll { $0.type == "PodScheduled" }
        conds.append(PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: Time.now()))
        pod.status.conditions = conds
    }
}
