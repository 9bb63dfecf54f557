/// Core v1 Events: what `kubectl describe` lists, selected by their involved object.
public enum EventStrategy: ResourceStrategy {
    public typealias Object = Event
    public static let hasStatus = false
    public static let selectableFields = [
        "metadata.name", "metadata.namespace", "involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ]

    public static func setDefaults(_ e: inout Event) {
        if (e.involvedObject.namespace ?? "").isEmpty, let ns = e.metadata.namespace, e.involvedObject.kind != "Node",
           e.involvedObject.kind != "Namespace"
        {
            e.involvedObject.namespace = ns
        }
        if (e.type ?? "").isEmpty { e.type = "Normal" }
    }

    public static func validateCreate(_ e: Event) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(e.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        if let ns = e.involvedObject.namespace, !ns.isEmpty, ns != (e.metadata.namespace ?? "") {
            errs.append(.invalid("involvedObject.namespace", ns, "does not match event.namespace"))
        }
        if let t = e.type, !["Normal", "Warning"].contains(t) {
            errs.append(.notSupported("type", t, ["Normal", "Warning"]))
        }
        if let c = e.count, c < 0 { errs.append(.invalid("count", int: Int64(c), "must be greater than or equal to 0")) }
        return errs
    }

    public static func validateUpdate(_ new: Event, old: Event) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        errs += validateCreate(new).filter { !$0.field.hasPrefix("metadata") }
        return errs
    }

    public static func fieldValue(_ e: Event, path: String) -> String? {
        let o = e.involvedObject
        switch path {
        case "involvedObject.kind": return o.kind ?? ""
        case "involvedObject.namespace": return o.namespace ?? ""
        case "involvedObject.name": return o.name ?? ""
        case "involvedObject.uid": return o.uid ?? ""
        case "involvedObject.apiVersion": return o.apiVersion ?? ""
        case "involvedObject.resourceVersion": return o.resourceVersion ?? ""
        case "involvedObject.fieldPath": return o.fieldPath ?? ""
        case "reason": return e.reason ?? ""
        case "reportingComponent": return e.reportingComponent
        case "source": return e.source?.component ?? ""
        case "type": return e.type ?? ""
        default: return metadataFieldValue(e, path: path)
        }
    }
}
