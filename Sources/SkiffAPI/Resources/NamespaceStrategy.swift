/// Namespaces: DNS-1123 label names, the `kubernetes` finalizer, phase Active on create.
public enum NamespaceStrategy: ResourceStrategy {
    public typealias Object = Namespace
    public static let hasStatus = true
    public static let selectableFields = ["metadata.name", "status.phase"]

    /// Kubernetes labels every namespace with its own name so selectors can pick namespaces.
    public static let nameLabel = "kubernetes.io/metadata.name"

    public static func setDefaults(_ ns: inout Namespace) {
        if let name = ns.metadata.name, !name.isEmpty {
            var labels = ns.metadata.labels ?? [:]
            labels[nameLabel] = name
            ns.metadata.labels = labels
        }
        if ns.status.phase == nil { ns.status.phase = "Active" }
    }

    public static func prepareForCreate(_ ns: inout Namespace) {
        ns.status = NamespaceStatus(phase: "Active")
        if !(ns.spec.finalizers ?? []).contains("kubernetes") {
            ns.spec.finalizers = (ns.spec.finalizers ?? []) + ["kubernetes"]
        }
    }

    public static func prepareForUpdate(_ new: inout Namespace, old: Namespace) {
        new.status = old.status
        new.spec = old.spec
    }

    public static func prepareForStatusUpdate(_ new: inout Namespace, old: Namespace) {
        new.spec = old.spec
    }

    public static func validateCreate(_ ns: Namespace) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(ns.metadata, namespaced: false, nameRule: .dns1123Label)
        for (i, f) in (ns.spec.finalizers ?? []).enumerated() {
            for msg in NameValidation.qualifiedName(f) {
                errs.append(.invalid("spec.finalizers[\(i)]", f, msg))
            }
        }
        return errs
    }

    public static func validateUpdate(_ new: Namespace, old: Namespace) -> [FieldError] {
        ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: false, nameRule: .dns1123Label)
    }

    public static func fieldValue(_ ns: Namespace, path: String) -> String? {
        if path == "status.phase" { return ns.status.phase ?? "" }
        return metadataFieldValue(ns, path: path)
    }
}
