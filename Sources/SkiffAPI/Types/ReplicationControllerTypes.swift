/// v1 ReplicationController.
public struct ReplicationController: KubeObject, Hashable, ZeroValue {
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
}

public struct ReplicationControllerSpec: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ReplicationControllerStatus: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ReplicationControllerCondition: Codable, Sendable, Hashable, ZeroValue {
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
