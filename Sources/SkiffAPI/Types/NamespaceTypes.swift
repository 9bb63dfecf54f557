/// v1 Namespace.
public struct Namespace: KubeObject, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case spec
        case status
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.spec = try c.decodeIfPresent(NamespaceSpec.self, forKey: .spec) ?? NamespaceSpec.zero
        self.status = try c.decodeIfPresent(NamespaceStatus.self, forKey: .status) ?? NamespaceStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct NamespaceSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var finalizers: [String]?

    public init(
        finalizers: [String]? = nil
    ) {
        self.finalizers = finalizers
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case finalizers
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.finalizers = try c.decodeIfPresent([String].self, forKey: .finalizers)
    }

    public static let requiredFields: Set<String> = []
}

public struct NamespaceStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case phase
        case conditions
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.phase = try c.decodeIfPresent(String.self, forKey: .phase)
        self.conditions = try c.decodeIfPresent([NamespaceCondition].self, forKey: .conditions)
    }

    public static let requiredFields: Set<String> = []
}

public struct NamespaceCondition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastTransitionTime
        case reason
        case message
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public static let requiredFields: Set<String> = ["type", "status"]
}
