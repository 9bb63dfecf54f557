/// v1 ReplicationController.
public struct ReplicationController: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "ReplicationController", plural: "replicationcontrollers", namespaced: true, shortNames: ["rc"], categories: ["all"], subresources: ["status", "scale"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicationControllerSpec
    public var status: ReplicationControllerStatus

    public init(
        apiVersion: String? = ReplicationController.resourceInfo.apiVersion,
        kind: String? = ReplicationController.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: ReplicationControllerSpec = ReplicationControllerSpec.zero,
        status: ReplicationControllerStatus = ReplicationControllerStatus.zero
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
        self.spec = try c.decodeIfPresent(ReplicationControllerSpec.self, forKey: .spec) ?? ReplicationControllerSpec.zero
        self.status = try c.decodeIfPresent(ReplicationControllerStatus.self, forKey: .status) ?? ReplicationControllerStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct ReplicationControllerSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var replicas: Int32?
    public var minReadySeconds: Int32?
    public var selector: [String: String]?
    public var template: PodTemplateSpec?

    public init(
        replicas: Int32? = nil,
        minReadySeconds: Int32? = nil,
        selector: [String: String]? = nil,
        template: PodTemplateSpec? = nil
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case replicas
        case minReadySeconds
        case selector
        case template
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas)
        self.minReadySeconds = try c.decodeIfPresent(Int32.self, forKey: .minReadySeconds)
        self.selector = try c.decodeIfPresent([String: String].self, forKey: .selector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template)
    }

    public static let requiredFields: Set<String> = []
}

public struct ReplicationControllerStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var replicas: Int32
    public var fullyLabeledReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var observedGeneration: Int64?
    public var conditions: [ReplicationControllerCondition]?

    public init(
        replicas: Int32 = 0,
        fullyLabeledReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        observedGeneration: Int64? = nil,
        conditions: [ReplicationControllerCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case replicas
        case fullyLabeledReplicas
        case readyReplicas
        case availableReplicas
        case observedGeneration
        case conditions
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas) ?? 0
        self.fullyLabeledReplicas = try c.decodeIfPresent(Int32.self, forKey: .fullyLabeledReplicas)
        self.readyReplicas = try c.decodeIfPresent(Int32.self, forKey: .readyReplicas)
        self.availableReplicas = try c.decodeIfPresent(Int32.self, forKey: .availableReplicas)
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.conditions = try c.decodeIfPresent([ReplicationControllerCondition].self, forKey: .conditions)
    }

    public static let requiredFields: Set<String> = ["replicas"]
}

public struct ReplicationControllerCondition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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
