/// Per-resource behaviour the generic registry calls (Kubernetes' "strategy"). The registry is
/// one piece of code for every resource; everything that differs lives behind this protocol.
public protocol ResourceStrategy: Sendable {
    associatedtype Object: KubeObject
    /// Fills unset fields with Kubernetes' defaults (applied on create and update).
    static func setDefaults(_ object: inout Object)
    static func validateCreate(_ object: Object) -> [FieldError]
    /// Includes the immutable-field rules.
    static func validateUpdate(_ new: Object, old: Object) -> [FieldError]
    /// Field-selector support: the string value of `path` (e.g. "metadata.name", "spec.nodeName",
    /// "status.phase", "involvedObject.name"); nil when the field is not supported for selection.
    static func fieldValue(_ object: Object, path: String) -> String?
    /// Whether the resource has a status subresource (the main endpoint then keeps the old status,
    /// the status endpoint keeps the old spec).
    static var hasStatus: Bool { get }
    /// The field paths `fieldValue` answers, so an unsupported field selector is refused with
    /// 400 (`field label not supported: spec.foo`) before any object is looked at.
    static var selectableFields: [String] { get }

    /// Resets what a client may not set on create (status of pods, generation, ...).
    static func prepareForCreate(_ object: inout Object)
    /// On a main-endpoint update: keep `old`'s status when the resource has a status
    /// subresource, and bump generation when the spec changed.
    static func prepareForUpdate(_ new: inout Object, old: Object)
    /// On a status-endpoint update: keep everything but the status from `old`.
    static func prepareForStatusUpdate(_ new: inout Object, old: Object)
    /// Validation of a status-endpoint update.
    static func validateStatusUpdate(_ new: Object, old: Object) -> [FieldError]
}

extension ResourceStrategy {
    public static var resourceInfo: ResourceInfo { Object.resourceInfo }
    public static var selectableFields: [String] {
        Object.resourceInfo.namespaced ? ["metadata.name", "metadata.namespace"] : ["metadata.name"]
    }

    public static func prepareForCreate(_ object: inout Object) {}
    public static func prepareForUpdate(_ new: inout Object, old: Object) {}
    public static func prepareForStatusUpdate(_ new: inout Object, old: Object) {}
    public static func validateStatusUpdate(_ new: Object, old: Object) -> [FieldError] {
        ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: Object.resourceInfo.namespaced, nameRule: .pathSegment)
    }

    /// The metadata fields every resource supports in field selectors.
    public static func metadataFieldValue(_ object: Object, path: String) -> String? {
        switch path {
        case "metadata.name": return object.metadata.name ?? ""
        case "metadata.namespace": return Object.resourceInfo.namespaced ? (object.metadata.namespace ?? "") : nil
        default: return nil
        }
    }

    /// Decodes, defaults and validates a create body in one step; returns the object or the
    /// field errors for a 422.
    public static func decodeForCreate(_ json: JSONValue) throws -> Object {
        var obj = try json.decode(Object.self)
        setDefaults(&obj)
        return obj
    }
}
