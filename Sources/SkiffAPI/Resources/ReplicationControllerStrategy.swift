/// ReplicationControllers (v1): equality selectors, defaulted from the template's labels.
public enum ReplicationControllerStrategy: ResourceStrategy {
    public typealias Object = ReplicationController
    public static let hasStatus = true
    public static let selectableFields = ["metadata.name", "metadata.namespace", "status.replicas"]

    public static func setDefaults(_ rc: inout ReplicationController) {
        if rc.spec.replicas == nil { rc.spec.replicas = 1 }
        if var t = rc.spec.template {
            let labels = t.metadata.labels ?? [:]
            if (rc.spec.selector ?? [:]).isEmpty, !labels.isEmpty { rc.spec.selector = labels }
            if (rc.metadata.labels ?? [:]).isEmpty, !labels.isEmpty { rc.metadata.labels = labels }
            PodSpecDefaults.apply(&t.spec)
            rc.spec.template = t
        }
    }

    public static func prepareForCreate(_ rc: inout ReplicationController) {
        rc.status = ReplicationControllerStatus()
        rc.metadata.generation = 1
    }

    public static func prepareForUpdate(_ new: inout ReplicationController, old: ReplicationController) {
        new.status = old.status
        ControllerSupport.bumpGeneration(&new.metadata, newSpec: new.spec, oldSpec: old.spec, oldMeta: old.metadata)
    }

    public static func prepareForStatusUpdate(_ new: inout ReplicationController, old: ReplicationController) {
        new.spec = old.spec
        new.metadata.generation = old.metadata.generation
    }

    static func validateSpec(_ spec: ReplicationControllerSpec) -> [FieldError] {
        var errs = ControllerSupport.validateNonNegative(spec.replicas, "spec.replicas")
        errs += ControllerSupport.validateNonNegative(spec.minReadySeconds, "spec.minReadySeconds")
        let selector = spec.selector ?? [:]
        if selector.isEmpty { errs.append(.required("spec.selector")) }
        errs += ObjectMetaValidation.validateLabels(selector, path: FieldPath("spec.selector"))
        if let t = spec.template {
            errs += ControllerSupport.validateTemplate(t, path: FieldPath("spec.template"), selector: Selector(matchLabels: selector), kindName: "ReplicationController")
        } else {
            errs.append(.required("spec.template"))
        }
        return errs
    }

    public static func validateCreate(_ rc: ReplicationController) -> [FieldError] {
        ObjectMetaValidation.validate(rc.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSpec(rc.spec)
    }

    public static func validateUpdate(_ new: ReplicationController, old: ReplicationController) -> [FieldError] {
        ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSpec(new.spec)
    }

    public static func validateStatusUpdate(_ new: ReplicationController, old: ReplicationController) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        let s = new.status
        errs += ControllerSupport.validateNonNegative(s.replicas, "status.replicas")
        errs += ControllerSupport.validateNonNegative(s.fullyLabeledReplicas, "status.fullyLabeledReplicas")
        errs += ControllerSupport.validateNonNegative(s.readyReplicas, "status.readyReplicas")
        errs += ControllerSupport.validateNonNegative(s.availableReplicas, "status.availableReplicas")
        return errs
    }

    public static func fieldValue(_ rc: ReplicationController, path: String) -> String? {
        if path == "status.replicas" { return String(rc.status.replicas) }
        return metadataFieldValue(rc, path: path)
    }
}
