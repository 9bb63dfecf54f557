/// apps/v1 ReplicaSets: structured selectors that must match the template and never change.
public enum ReplicaSetStrategy: ResourceStrategy {
    public typealias Object = ReplicaSet
    public static let hasStatus = true
    public static let selectableFields = ["metadata.name", "metadata.namespace", "status.replicas"]

    public static func setDefaults(_ rs: inout ReplicaSet) {
        if rs.spec.replicas == nil { rs.spec.replicas = 1 }
        PodSpecDefaults.apply(&rs.spec.template.spec)
    }

    public static func prepareForCreate(_ rs: inout ReplicaSet) {
        rs.status = ReplicaSetStatus()
        rs.metadata.generation = 1
    }

    public static func prepareForUpdate(_ new: inout ReplicaSet, old: ReplicaSet) {
        new.status = old.status
        ControllerSupport.bumpGeneration(&new.metadata, newSpec: new.spec, oldSpec: old.spec, oldMeta: old.metadata)
    }

    public static func prepareForStatusUpdate(_ new: inout ReplicaSet, old: ReplicaSet) {
        new.spec = old.spec
        new.metadata.generation = old.metadata.generation
    }

    static func validateSelectorAndTemplate(_ selector: LabelSelector?, _ template: PodTemplateSpec, kindName: String) -> [FieldError] {
        var errs: [FieldError] = []
        var sel: Selector?
        if let s = selector {
            errs += s.validate(path: FieldPath("spec.selector"))
            if s.isEmpty {
                errs.append(.invalid("spec.selector", raw: ControllerSupport.describe(s), "empty selector is invalid for deployment"))
            }
            sel = try? s.toSelector()
        } else {
            errs.append(.required("spec.selector"))
        }
        errs += ControllerSupport.validateTemplate(template, path: FieldPath("spec.template"), selector: sel, kindName: kindName)
        return errs
    }

    static func validateSpec(_ spec: ReplicaSetSpec) -> [FieldError] {
        ControllerSupport.validateNonNegative(spec.replicas, "spec.replicas")
            + ControllerSupport.validateNonNegative(spec.minReadySeconds, "spec.minReadySeconds")
            + validateSelectorAndTemplate(spec.selector, spec.template, kindName: "ReplicaSet")
    }

    public static func validateCreate(_ rs: ReplicaSet) -> [FieldError] {
        ObjectMetaValidation.validate(rs.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSpec(rs.spec)
    }

    public static func validateUpdate(_ new: ReplicaSet, old: ReplicaSet) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSpec(new.spec)
        if new.spec.selector != old.spec.selector {
            errs.append(.invalid("spec.selector", raw: ControllerSupport.describe(new.spec.selector), "field is immutable"))
        }
        return errs
    }

    public static func validateStatusUpdate(_ new: ReplicaSet, old: ReplicaSet) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        errs += ControllerSupport.validateNonNegative(new.status.replicas, "status.replicas")
        errs += ControllerSupport.validateNonNegative(new.status.readyReplicas, "status.readyReplicas")
        errs += ControllerSupport.validateNonNegative(new.status.availableReplicas, "status.availableReplicas")
        return errs
    }

    public static func fieldValue(_ rs: ReplicaSet, path: String) -> String? {
        if path == "status.replicas" { return String(rs.status.replicas) }
        return metadataFieldValue(rs, path: path)
    }
}
