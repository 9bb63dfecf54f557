import SkiffAPI

/// A small namespaced resource with spec and status used to test the generic registry's
/// semantics independently of the real resource types.
struct Widget: KubeObject, Hashable {
    static let resourceInfo = ResourceInfo(group: "test.skiff.io", version: "v1", kind: "Widget", plural: "widgets",
                                           namespaced: true, shortNames: ["wd"], subresources: ["status", "scale"])
    var apiVersion: String?
    var kind: String?
    var metadata: ObjectMeta
    var spec: WidgetSpec?
    var status: WidgetStatus?
}

struct WidgetSpec: Codable, Hashable, Sendable {
    var size: Int64?
    var replicas: Int64?
    var color: String?
    var selector: [String: String]?
}

struct WidgetStatus: Codable, Hashable, Sendable {
    var phase: String?
    var replicas: Int64?
}

enum WidgetStrategy: ResourceStrategy {
    typealias Object = Widget
    static let hasStatus = true

    static func setDefaults(_ w: inout Widget) {
        if w.spec == nil { w.spec = WidgetSpec() }
        if w.spec?.color == nil { w.spec?.color = "blue" }
    }

    static func prepareForCreate(_ w: inout Widget) { w.status = WidgetStatus(phase: "New") }

    static func prepareForUpdate(_ new: inout Widget, old: Widget) {
        new.status = old.status
        if new.spec != old.spec { new.metadata.generation = (old.metadata.generation ?? 0) + 1 }
    }

    static func prepareForStatusUpdate(_ new: inout Widget, old: Widget) { new.spec = old.spec }

    static func validateCreate(_ w: Widget) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(w.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        if let s = w.spec?.size, s < 0 {
            errs.append(FieldError(kind: .invalid, field: "spec.size", badValue: String(s), detail: "must be greater than or equal to 0"))
        }
        return errs
    }

    static func validateUpdate(_ new: Widget, old: Widget) -> [FieldError] {
        var errs = validateCreate(new)
        errs += ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        return errs
    }

    static func fieldValue(_ w: Widget, path: String) -> String? {
        if path == "status.phase" { return w.status?.phase ?? "" }
        if path == "spec.color" { return w.spec?.color ?? "" }
        return metadataFieldValue(w, path: path)
    }
}
