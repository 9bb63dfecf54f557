/// apps/v1 ReplicaSet.
public struct ReplicaSet: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", namespaced: true, shortNames: ["rs"], categories: ["all"], subresources: ["status", "scale"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec
    public var status: ReplicaSetStatus

    public init(
        apiVersion: String? = ReplicaSet.resourceInfo.apiVersion,
        kind: String? = ReplicaSet.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: ReplicaSetSpec = ReplicaSetSpec.zero,
        status: ReplicaSetStatus = ReplicaSetStatus.zero
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
        self.spec = try c.decodeIfPresent(ReplicaSetSpec.self, forKey: .spec) ?? ReplicaSetSpec.zero
        self.status = try c.decodeIfPresent(ReplicaSetStatus.self, forKey: .status) ?? ReplicaSetStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct ReplicaSetSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var replicas: Int32?
    public var minReadySeconds: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec

    public init(
        replicas: Int32? = nil,
        minReadySeconds: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec = PodTemplateSpec.zero
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
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template) ?? PodTemplateSpec.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct ReplicaSetStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var replicas: Int32
    public var fullyLabeledReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var terminatingReplicas: Int32?
    public var observedGeneration: Int64?
    public var conditions: [ReplicaSetCondition]?

    public init(
        replicas: Int32 = 0,
        fullyLabeledReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil,
        observedGeneration: Int64? = nil,
        conditions: [ReplicaSetCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case replicas
        case fullyLabeledReplicas
        case readyReplicas
        case availableReplicas
        case terminatingReplicas
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
        self.terminatingReplicas = try c.decodeIfPresent(Int32.self, forKey: .terminatingReplicas)
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.conditions = try c.decodeIfPresent([ReplicaSetCondition].self, forKey: .conditions)
    }

    public static let requiredFields: Set<String> = ["replicas"]
}

public struct ReplicaSetCondition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

/// apps/v1 Deployment.
public struct Deployment: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true, shortNames: ["deploy"], categories: ["all"], subresources: ["status", "scale"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec
    public var status: DeploymentStatus

    public init(
        apiVersion: String? = Deployment.resourceInfo.apiVersion,
        kind: String? = Deployment.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: DeploymentSpec = DeploymentSpec.zero,
        status: DeploymentStatus = DeploymentStatus.zero
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
        self.spec = try c.decodeIfPresent(DeploymentSpec.self, forKey: .spec) ?? DeploymentSpec.zero
        self.status = try c.decodeIfPresent(DeploymentStatus.self, forKey: .status) ?? DeploymentStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct DeploymentSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var replicas: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var strategy: DeploymentStrategy?
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int32?

    public init(
        replicas: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec = PodTemplateSpec.zero,
        strategy: DeploymentStrategy? = nil,
        minReadySeconds: Int32? = nil,
        revisionHistoryLimit: Int32? = nil,
        paused: Bool? = nil,
        progressDeadlineSeconds: Int32? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case replicas
        case selector
        case template
        case strategy
        case minReadySeconds
        case revisionHistoryLimit
        case paused
        case progressDeadlineSeconds
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas)
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template) ?? PodTemplateSpec.zero
        self.strategy = try c.decodeIfPresent(DeploymentStrategy.self, forKey: .strategy)
        self.minReadySeconds = try c.decodeIfPresent(Int32.self, forKey: .minReadySeconds)
        self.revisionHistoryLimit = try c.decodeIfPresent(Int32.self, forKey: .revisionHistoryLimit)
        self.paused = try c.decodeIfPresent(Bool.self, forKey: .paused)
        self.progressDeadlineSeconds = try c.decodeIfPresent(Int32.self, forKey: .progressDeadlineSeconds)
    }

    public static let requiredFields: Set<String> = []
}

public struct DeploymentStrategy: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    /// RollingUpdate or Recreate.
    public var type: String?
    public var rollingUpdate: RollingUpdateDeployment?

    public init(
        type: String? = nil,
        rollingUpdate: RollingUpdateDeployment? = nil
    ) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case type
        case rollingUpdate
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
        self.rollingUpdate = try c.decodeIfPresent(RollingUpdateDeployment.self, forKey: .rollingUpdate)
    }

    public static let requiredFields: Set<String> = []
}

public struct RollingUpdateDeployment: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var maxUnavailable: IntOrString?
    public var maxSurge: IntOrString?

    public init(
        maxUnavailable: IntOrString? = nil,
        maxSurge: IntOrString? = nil
    ) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case maxUnavailable
        case maxSurge
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.maxUnavailable = try c.decodeIfPresent(IntOrString.self, forKey: .maxUnavailable)
        self.maxSurge = try c.decodeIfPresent(IntOrString.self, forKey: .maxSurge)
    }

    public static let requiredFields: Set<String> = []
}

public struct DeploymentStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var observedGeneration: Int64?
    public var replicas: Int32?
    public var updatedReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var unavailableReplicas: Int32?
    public var terminatingReplicas: Int32?
    public var conditions: [DeploymentCondition]?
    public var collisionCount: Int32?

    public init(
        observedGeneration: Int64? = nil,
        replicas: Int32? = nil,
        updatedReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        unavailableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil,
        conditions: [DeploymentCondition]? = nil,
        collisionCount: Int32? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.conditions = conditions
        self.collisionCount = collisionCount
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case observedGeneration
        case replicas
        case updatedReplicas
        case readyReplicas
        case availableReplicas
        case unavailableReplicas
        case terminatingReplicas
        case conditions
        case collisionCount
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas)
        self.updatedReplicas = try c.decodeIfPresent(Int32.self, forKey: .updatedReplicas)
        self.readyReplicas = try c.decodeIfPresent(Int32.self, forKey: .readyReplicas)
        self.availableReplicas = try c.decodeIfPresent(Int32.self, forKey: .availableReplicas)
        self.unavailableReplicas = try c.decodeIfPresent(Int32.self, forKey: .unavailableReplicas)
        self.terminatingReplicas = try c.decodeIfPresent(Int32.self, forKey: .terminatingReplicas)
        self.conditions = try c.decodeIfPresent([DeploymentCondition].self, forKey: .conditions)
        self.collisionCount = try c.decodeIfPresent(Int32.self, forKey: .collisionCount)
    }

    public static let requiredFields: Set<String> = []
}

public struct DeploymentCondition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var type: String
    public var status: String
    public var lastUpdateTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastUpdateTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastUpdateTime
        case lastTransitionTime
        case reason
        case message
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.lastUpdateTime = try c.decodeIfPresent(Time.self, forKey: .lastUpdateTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public static let requiredFields: Set<String> = ["type", "status"]
}

/// autoscaling/v1 Scale: the scale subresource of controllers.
public struct Scale: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "autoscaling", version: "v1", kind: "Scale", plural: "scale", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ScaleSpec
    public var status: ScaleStatus

    public init(
        apiVersion: String? = Scale.resourceInfo.apiVersion,
        kind: String? = Scale.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: ScaleSpec = ScaleSpec.zero,
        status: ScaleStatus = ScaleStatus.zero
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
        self.spec = try c.decodeIfPresent(ScaleSpec.self, forKey: .spec) ?? ScaleSpec.zero
        self.status = try c.decodeIfPresent(ScaleStatus.self, forKey: .status) ?? ScaleStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct ScaleSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var replicas: Int32?

    public init(
        replicas: Int32? = nil
    ) {
        self.replicas = replicas
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case replicas
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas)
    }

    public static let requiredFields: Set<String> = []
}

public struct ScaleStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var replicas: Int32
    public var selector: String?

    public init(
        replicas: Int32 = 0,
        selector: String? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case replicas
        case selector
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas) ?? 0
        self.selector = try c.decodeIfPresent(String.self, forKey: .selector)
    }

    public static let requiredFields: Set<String> = ["replicas"]
}

/// coordination.k8s.io/v1 Lease: node heartbeats and leader election.
public struct Lease: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: LeaseSpec

    public init(
        apiVersion: String? = Lease.resourceInfo.apiVersion,
        kind: String? = Lease.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: LeaseSpec = LeaseSpec.zero
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case spec
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.spec = try c.decodeIfPresent(LeaseSpec.self, forKey: .spec) ?? LeaseSpec.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct LeaseSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var holderIdentity: String?
    public var leaseDurationSeconds: Int32?
    public var acquireTime: MicroTime?
    public var renewTime: MicroTime?
    public var leaseTransitions: Int32?
    public var strategy: String?
    public var preferredHolder: String?

    public init(
        holderIdentity: String? = nil,
        leaseDurationSeconds: Int32? = nil,
        acquireTime: MicroTime? = nil,
        renewTime: MicroTime? = nil,
        leaseTransitions: Int32? = nil,
        strategy: String? = nil,
        preferredHolder: String? = nil
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
        self.strategy = strategy
        self.preferredHolder = preferredHolder
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case holderIdentity
        case leaseDurationSeconds
        case acquireTime
        case renewTime
        case leaseTransitions
        case strategy
        case preferredHolder
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.holderIdentity = try c.decodeIfPresent(String.self, forKey: .holderIdentity)
        self.leaseDurationSeconds = try c.decodeIfPresent(Int32.self, forKey: .leaseDurationSeconds)
        self.acquireTime = try c.decodeIfPresent(MicroTime.self, forKey: .acquireTime)
        self.renewTime = try c.decodeIfPresent(MicroTime.self, forKey: .renewTime)
        self.leaseTransitions = try c.decodeIfPresent(Int32.self, forKey: .leaseTransitions)
        self.strategy = try c.decodeIfPresent(String.self, forKey: .strategy)
        self.preferredHolder = try c.decodeIfPresent(String.self, forKey: .preferredHolder)
    }

    public static let requiredFields: Set<String> = []
}
