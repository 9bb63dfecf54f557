/// v1 Namespace.
public struct Namespace: KubeObject, Hashable {
    public static let resourceInfo = ResourceInfo(kind: "Namespace", plural: "namespaces", namespaced: false,
                                                  shortNames: ["ns"], subresources: ["status", "finalize"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NamespaceSpec?
    public var status: NamespaceStatus?

    public init(metadata: ObjectMeta = ObjectMeta(), spec: NamespaceSpec? = nil, status: NamespaceStatus? = nil) {
        self.apiVersion = Self.resourceInfo.apiVersion
        self.kind = Self.resourceInfo.kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }
}

public struct NamespaceSpec: Codable, Sendable, Hashable {
    public var finalizers: [String]?
    public init(finalizers: [String]? = nil) { self.finalizers = finalizers }
}

public struct NamespaceStatus: Codable, Sendable, Hashable {
    /// Active or Terminating.
    public var phase: String?
    public var conditions: [NamespaceCondition]?
    public init(phase: String? = nil, conditions: [NamespaceCondition]? = nil) {
        self.phase = phase
        self.conditions = conditions
    }
}

public struct NamespaceCondition: Codable, Sendable, Hashable {
    public var type: String
    public var status: String
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?
}

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
        if ns.status?.phase == nil {
            var st = ns.status ?? NamespaceStatus()
            st.phase = "Active"
            ns.status = st
        }
    }

    public static func prepareForCreate(_ ns: inout Namespace) {
        ns.status = NamespaceStatus(phase: "Active")
        var spec = ns.spec ?? NamespaceSpec()
        if !(spec.finalizers ?? []).contains("kubernetes") {
            spec.finalizers = (spec.finalizers ?? []) + ["kubernetes"]
        }
        ns.spec = spec
    }

    public static func prepareForUpdate(_ new: inout Namespace, old: Namespace) {
        new.status = old.status
        new.spec = old.spec ?? new.spec
    }

    public static func prepareForStatusUpdate(_ new: inout Namespace, old: Namespace) {
        new.spec = old.spec
    }

    public static func validateCreate(_ ns: Namespace) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(ns.metadata, namespaced: false, nameRule: .dns1123Label)
        for (i, f) in (ns.spec?.finalizers ?? []).enumerated() {
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
        if path == "status.phase" { return ns.status?.phase ?? "" }
        return metadataFieldValue(ns, path: path)
    }
}
