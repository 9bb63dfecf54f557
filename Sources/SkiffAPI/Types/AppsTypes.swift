/// apps/v1 ReplicaSet.
public struct ReplicaSet: KubeObject, Hashable, ZeroValue {
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
}

public struct ReplicaSetSpec: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ReplicaSetStatus: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ReplicaSetCondition: Codable, Sendable, Hashable, ZeroValue {
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

/// apps/v1 Deployment.
public struct Deployment: KubeObject, Hashable, ZeroValue {
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
}

public struct DeploymentSpec: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct DeploymentStrategy: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct RollingUpdateDeployment: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct DeploymentStatus: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct DeploymentCondition: Codable, Sendable, Hashable, ZeroValue {
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
}

/// autoscaling/v1 Scale: the scale subresource of controllers.
public struct Scale: KubeObject, Hashable, ZeroValue {
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
}

public struct ScaleSpec: Codable, Sendable, Hashable, ZeroValue {
    public var replicas: Int32?

    public init(
        replicas: Int32? = nil
    ) {
        self.replicas = replicas
    }

    public static var zero: Self { Self.init() }
}

public struct ScaleStatus: Codable, Sendable, Hashable, ZeroValue {
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
}

/// coordination.k8s.io/v1 Lease: node heartbeats and leader election.
public struct Lease: KubeObject, Hashable, ZeroValue {
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
}

public struct LeaseSpec: Codable, Sendable, Hashable, ZeroValue {
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
}
