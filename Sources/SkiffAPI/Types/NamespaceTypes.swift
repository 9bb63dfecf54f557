/// v1 Namespace.
public struct Namespace: KubeObject, Hashable, ZeroValue {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false, shortNames: ["ns"], subresources: ["status", "finalize"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NamespaceSpec
    public var status: NamespaceStatus

    public init(
        apiVersion: String? = Namespace.resourceInfo.apiVersion,
        kind: String? = Namespace.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: NamespaceSpec = NamespaceSpec.zero,
        status: NamespaceStatus = NamespaceStatus.zero
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var zero: Self { Self.init() }
}

public struct NamespaceSpec: Codable, Sendable, Hashable, ZeroValue {
    public var finalizers: [String]?

    public init(
        finalizers: [String]? = nil
    ) {
        self.finalizers = finalizers
    }

    public static var zero: Self { Self.init() }
}

public struct NamespaceStatus: Codable, Sendable, Hashable, ZeroValue {
    /// Active or Terminating.
    public var phase: String?
    public var conditions: [NamespaceCondition]?

    public init(
        phase: String? = nil,
        conditions: [NamespaceCondition]? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
    }

    public static var zero: Self { Self.init() }
}

public struct NamespaceCondition: Codable, Sendable, Hashable, ZeroValue {
    public var type: String
    public var status: String
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    public static var zero: Self { Self.init() }
}
