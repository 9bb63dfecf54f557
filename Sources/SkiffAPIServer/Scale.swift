import SkiffAPI

/// The autoscaling/v1 `Scale` view of replicated resources (rc, rs, deployments): reads build
/// it from the object, writes carry only `spec.replicas` back.
enum Scale {
    static let info = ResourceInfo(group: "autoscaling", version: "v1", kind: "Scale", plural: "scale", namespaced: true)

    static func from(_ obj: JSONValue, info: ResourceInfo) -> JSONValue {
        var meta: [String: JSONValue] = [:]
        for k in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let v = obj.value(at: ["metadata", k]) { meta[k] = v }
        }
        let selectorValue = obj.value(at: ["spec", "selector"])
        let selector: String
        if info.plural == "replicationcontrollers" {
            selector = Tables.selectorString(selectorValue)
        } else {
            selector = Tables.labelSelectorString(selectorValue)
        }
        return .object([
            "kind": "Scale", "apiVersion": "autoscaling/v1",
            "metadata": .object(meta),
            "spec": .object(["replicas": .int(obj.value(at: ["spec", "replicas"])?.intValue ?? 1)]),
            "status": .object(["replicas": .int(obj.value(at: ["status", "replicas"])?.intValue ?? 0), "selector": .string(selector)]),
        ])
    }

    /// The object with the scale's replicas; a scale carrying a stale resourceVersion is a 409.
    static func apply(_ scale: JSONValue, to obj: JSONValue, info: ResourceInfo) throws -> JSONValue {
        let name = obj.metadataName
        guard let replicas = scale.value(at: ["spec", "replicas"]) else {
            throw APIError.invalid(Self.info, name, [FieldError(kind: .required, field: "spec.replicas")])
        }
        guard let n = replicas.intValue else {
            throw APIError.badRequest("Scale in version \"v1\" cannot be handled as a Scale: spec.replicas: expected an integer")
        }
        if n < 0 {
            throw APIError.invalid(Self.info, name, [FieldError(kind: .invalid, field: "spec.replicas", badValue: String(n),
                                                                detail: "must be greater than or equal to 0")])
        }
        if let rv = scale.value(at: ["metadata", "resourceVersion"])?.stringValue, !rv.isEmpty,
           rv != obj.value(at: ["metadata", "resourceVersion"])?.stringValue {
            throw APIError.conflict(info, name)
        }
        return obj.setting(["spec", "replicas"], to: .int(n))
    }
}
