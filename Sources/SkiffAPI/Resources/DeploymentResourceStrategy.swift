/// apps/v1 Deployments: rolling-update defaults (25%/25%), history and progress deadlines.
/// Named so because `DeploymentStrategy` is the spec type of the same name in Kubernetes.
public enum DeploymentResourceStrategy: ResourceStrategy {
    public typealias Object = Deployment
    public static let hasStatus = true

    public static func setDefaults(_ d: inout Deployment) {
        if d.spec.replicas == nil { d.spec.replicas = 1 }
        var strategy = d.spec.strategy ?? DeploymentStrategy()
        if (strategy.type ?? "").isEmpty { strategy.type = "RollingUpdate" }
        if strategy.type == "RollingUpdate" {
            var ru = strategy.rollingUpdate ?? RollingUpdateDeployment()
            if ru.maxUnavailable == nil { ru.maxUnavailable = .string("25%") }
            if ru.maxSurge == nil { ru.maxSurge = .string("25%") }
            strategy.rollingUpdate = ru
        }
        d.spec.strategy = strategy
        if d.spec.revisionHistoryLimit == nil { d.spec.revisionHistoryLimit = 10 }
        if d.spec.progressDeadlineSeconds == nil { d.spec.progressDeadlineSeconds = 600 }
        PodSpecDefaults.apply(&d.spec.template.spec)
    }

    public static func prepareForCreate(_ d: inout Deployment) {
        d.status = DeploymentStatus()
        d.metadata.generation = 1
    }

    public static func prepareForUpdate(_ new: inout Deployment, old: Deployment) {
        new.status = old.status
        ControllerSupport.bumpGeneration(&new.metadata, newSpec: new.spec, oldSpec: old.spec, oldMeta: old.metadata)
    }

    public static func prepareForStatusUpdate(_ new: inout Deployment, old: Deployment) {
        new.spec = old.spec
        new.metadata.generation = old.metadata.generation
    }

    static func validateIntOrPercent(_ v: IntOrString?, _ field: String) -> [FieldError] {
        guard let v else { return [] }
        switch v {
        case .int(let i):
            return i < 0 ? [.invalid(field, int: Int64(i), "must be greater than or equal to 0")] : []
        case .string(let s):
            guard s.hasSuffix("%"), let p = Int(s.dropLast()) else {
                return [.invalid(field, s, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")]
            }
            if p < 0 { return [.invalid(field, s, "must be greater than or equal to 0")] }
            if p > 100 { return [.invalid(field, s, "must not be greater than 100%")] }
            return []
        }
    }

    static func isZero(_ v: IntOrString?) -> Bool {
        switch v {
        case .int(0)?: return true
        case .string(let s)?: return s == "0%"
        default: return false
        }
    }

    static func validateSpec(_ spec: DeploymentSpec) -> [FieldError] {
        var errs = ControllerSupport.validateNonNegative(spec.replicas, "spec.replicas")
        errs += ControllerSupport.validateNonNegative(spec.minReadySeconds, "spec.minReadySeconds")
        errs += ReplicaSetStrategy.validateSelectorAndTemplate(spec.selector, spec.template, kindName: "Deployment")
        if let s = spec.strategy {
            let type = s.type ?? ""
            if type.isEmpty { errs.append(.required("spec.strategy.type")) }
            else if !["Recreate", "RollingUpdate"].contains(type) {
                errs.append(.notSupported("spec.strategy.type", type, ["Recreate", "RollingUpdate"]))
            }
            if type == "Recreate", s.rollingUpdate != nil {
                errs.append(.forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'"))
            }
            if let ru = s.rollingUpdate, type == "RollingUpdate" {
                errs += validateIntOrPercent(ru.maxUnavailable, "spec.strategy.rollingUpdate.maxUnavailable")
                errs += validateIntOrPercent(ru.maxSurge, "spec.strategy.rollingUpdate.maxSurge")
                if isZero(ru.maxUnavailable) && isZero(ru.maxSurge) {
                    errs.append(.invalid("spec.strategy.rollingUpdate.maxUnavailable", raw: ru.maxUnavailable?.description ?? "0", "may not be 0 when `maxSurge` is 0"))
                }
            }
        }
        errs += ControllerSupport.validateNonNegative(spec.revisionHistoryLimit, "spec.revisionHistoryLimit")
        if let pds = spec.progressDeadlineSeconds {
            errs += ControllerSupport.validateNonNegative(pds, "spec.progressDeadlineSeconds")
            if pds <= (spec.minReadySeconds ?? 0) {
                errs.append(.invalid("spec.progressDeadlineSeconds", int: Int64(pds), "must be greater than minReadySeconds"))
            }
        }
        return errs
    }

    public static func validateCreate(_ d: Deployment) -> [FieldError] {
        ObjectMetaValidation.validate(d.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSpec(d.spec)
    }

    public static func validateUpdate(_ new: Deployment, old: Deployment) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSpec(new.spec)
        if new.spec.selector != old.spec.selector {
            errs.append(.invalid("spec.selector", raw: ControllerSupport.describe(new.spec.selector), "field is immutable"))
        }
        return errs
    }

    public static func validateStatusUpdate(_ new: Deployment, old: Deployment) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        for (label, v) in [("replicas", new.status.replicas), ("updatedReplicas", new.status.updatedReplicas), ("readyReplicas", new.status.readyReplicas),
                           ("availableReplicas", new.status.availableReplicas), ("unavailableReplicas", new.status.unavailableReplicas)] {
            errs += ControllerSupport.validateNonNegative(v, "status.\(label)")
        }
        return errs
    }

    public static func fieldValue(_ d: Deployment, path: String) -> String? { metadataFieldValue(d, path: path) }
}
