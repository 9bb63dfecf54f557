/// v1 Pod.
public struct Pod: KubeObject, Hashable, ZeroValue {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true, shortNames: ["po"], categories: ["all"], subresources: ["status", "binding", "log", "exec", "eviction", "ephemeralcontainers"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus

    public init(
        apiVersion: String? = Pod.resourceInfo.apiVersion,
        kind: String? = Pod.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: PodSpec = PodSpec.zero,
        status: PodStatus = PodStatus.zero
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var zero: Self { Self.init() }
}

/// The pod template of controllers.
public struct PodTemplateSpec: Codable, Sendable, Hashable, ZeroValue {
    public var metadata: ObjectMeta
    public var spec: PodSpec

    public init(
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: PodSpec = PodSpec.zero
    ) {
        self.metadata = metadata
        self.spec = spec
    }

    public static var zero: Self { Self.init() }
}

public struct PodSpec: Codable, Sendable, Hashable, ZeroValue {
    public var volumes: [Volume]?
    public var initContainers: [Container]?
    public var containers: [Container]
    /// Kept opaque: Skiff does not run ephemeral containers.
    public var ephemeralContainers: [JSONValue]?
    public var restartPolicy: String?
    public var terminationGracePeriodSeconds: Int64?
    public var activeDeadlineSeconds: Int64?
    public var dnsPolicy: String?
    public var nodeSelector: [String: String]?
    public var serviceAccountName: String?
    /// Deprecated alias of serviceAccountName.
    public var serviceAccount: String?
    public var automountServiceAccountToken: Bool?
    public var nodeName: String?
    public var hostNetwork: Bool?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    public var shareProcessNamespace: Bool?
    public var securityContext: PodSecurityContext?
    public var imagePullSecrets: [LocalObjectReference]?
    public var hostname: String?
    public var subdomain: String?
    public var affinity: Affinity?
    public var schedulerName: String?
    public var tolerations: [Toleration]?
    public var hostAliases: [HostAlias]?
    public var priorityClassName: String?
    public var priority: Int32?
    public var dnsConfig: PodDNSConfig?
    public var readinessGates: [PodReadinessGate]?
    public var runtimeClassName: String?
    public var enableServiceLinks: Bool?
    public var preemptionPolicy: String?
    public var overhead: [String: Quantity]?
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    public var setHostnameAsFQDN: Bool?
    public var os: PodOS?
    public var hostUsers: Bool?
    public var schedulingGates: [PodSchedulingGate]?

    public init(
        volumes: [Volume]? = nil,
        initContainers: [Container]? = nil,
        containers: [Container] = [],
        ephemeralContainers: [JSONValue]? = nil,
        restartPolicy: String? = nil,
        terminationGracePeriodSeconds: Int64? = nil,
        activeDeadlineSeconds: Int64? = nil,
        dnsPolicy: String? = nil,
        nodeSelector: [String: String]? = nil,
        serviceAccountName: String? = nil,
        serviceAccount: String? = nil,
        automountServiceAccountToken: Bool? = nil,
        nodeName: String? = nil,
        hostNetwork: Bool? = nil,
        hostPID: Bool? = nil,
        hostIPC: Bool? = nil,
        shareProcessNamespace: Bool? = nil,
        securityContext: PodSecurityContext? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil,
        hostname: String? = nil,
        subdomain: String? = nil,
        affinity: Affinity? = nil,
        schedulerName: String? = nil,
        tolerations: [Toleration]? = nil,
        hostAliases: [HostAlias]? = nil,
        priorityClassName: String? = nil,
        priority: Int32? = nil,
        dnsConfig: PodDNSConfig? = nil,
        readinessGates: [PodReadinessGate]? = nil,
        runtimeClassName: String? = nil,
        enableServiceLinks: Bool? = nil,
        preemptionPolicy: String? = nil,
        overhead: [String: Quantity]? = nil,
        topologySpreadConstraints: [TopologySpreadConstraint]? = nil,
        setHostnameAsFQDN: Bool? = nil,
        os: PodOS? = nil,
        hostUsers: Bool? = nil,
        schedulingGates: [PodSchedulingGate]? = nil
    ) {
        self.volumes = volumes
        self.initContainers = initContainers
        self.containers = containers
        self.ephemeralContainers = ephemeralContainers
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
        self.nodeSelector = nodeSelector
        self.serviceAccountName = serviceAccountName
        self.serviceAccount = serviceAccount
        self.automountServiceAccountToken = automountServiceAccountToken
        self.nodeName = nodeName
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.shareProcessNamespace = shareProcessNamespace
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostname = hostname
        self.subdomain = subdomain
        self.affinity = affinity
        self.schedulerName = schedulerName
        self.tolerations = tolerations
        self.hostAliases = hostAliases
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.dnsConfig = dnsConfig
        self.readinessGates = readinessGates
        self.runtimeClassName = runtimeClassName
        self.enableServiceLinks = enableServiceLinks
        self.preemptionPolicy = preemptionPolicy
        self.overhead = overhead
        self.topologySpreadConstraints = topologySpreadConstraints
        self.setHostnameAsFQDN = setHostnameAsFQDN
        self.os = os
        self.hostUsers = hostUsers
        self.schedulingGates = schedulingGates
    }

    public static var zero: Self { Self.init() }
}

public struct PodSecurityContext: Codable, Sendable, Hashable, ZeroValue {
    public var seLinuxOptions: SELinuxOptions?
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    public var supplementalGroups: [Int64]?
    public var supplementalGroupsPolicy: String?
    public var fsGroup: Int64?
    public var sysctls: [Sysctl]?
    public var fsGroupChangePolicy: String?
    public var seccompProfile: SeccompProfile?
    public var appArmorProfile: AppArmorProfile?

    public init(
        seLinuxOptions: SELinuxOptions? = nil,
        runAsUser: Int64? = nil,
        runAsGroup: Int64? = nil,
        runAsNonRoot: Bool? = nil,
        supplementalGroups: [Int64]? = nil,
        supplementalGroupsPolicy: String? = nil,
        fsGroup: Int64? = nil,
        sysctls: [Sysctl]? = nil,
        fsGroupChangePolicy: String? = nil,
        seccompProfile: SeccompProfile? = nil,
        appArmorProfile: AppArmorProfile? = nil
    ) {
        self.seLinuxOptions = seLinuxOptions
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.supplementalGroups = supplementalGroups
        self.supplementalGroupsPolicy = supplementalGroupsPolicy
        self.fsGroup = fsGroup
        self.sysctls = sysctls
        self.fsGroupChangePolicy = fsGroupChangePolicy
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
    }

    public static var zero: Self { Self.init() }
}

public struct Sysctl: Codable, Sendable, Hashable, ZeroValue {
    public var name: String
    public var value: String

    public init(
        name: String = "",
        value: String = ""
    ) {
        self.name = name
        self.value = value
    }

    public static var zero: Self { Self.init() }
}

public struct LocalObjectReference: Codable, Sendable, Hashable, ZeroValue {
    public var name: String?

    public init(
        name: String? = nil
    ) {
        self.name = name
    }

    public static var zero: Self { Self.init() }
}

public struct Affinity: Codable, Sendable, Hashable, ZeroValue {
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: PodAffinity?
    public var podAntiAffinity: PodAntiAffinity?

    public init(
        nodeAffinity: NodeAffinity? = nil,
        podAffinity: PodAffinity? = nil,
        podAntiAffinity: PodAntiAffinity? = nil
    ) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }

    public static var zero: Self { Self.init() }
}

public struct NodeAffinity: Codable, Sendable, Hashable, ZeroValue {
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }

    public static var zero: Self { Self.init() }
}

public struct NodeSelector: Codable, Sendable, Hashable, ZeroValue {
    public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(
        nodeSelectorTerms: [NodeSelectorTerm] = []
    ) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }

    public static var zero: Self { Self.init() }
}

public struct NodeSelectorTerm: Codable, Sendable, Hashable, ZeroValue {
    public var matchExpressions: [NodeSelectorRequirement]?
    public var matchFields: [NodeSelectorRequirement]?

    public init(
        matchExpressions: [NodeSelectorRequirement]? = nil,
        matchFields: [NodeSelectorRequirement]? = nil
    ) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }

    public static var zero: Self { Self.init() }
}

public struct NodeSelectorRequirement: Codable, Sendable, Hashable, ZeroValue {
    public var key: String
    /// In, NotIn, Exists, DoesNotExist, Gt, Lt.
    public var `operator`: String
    public var values: [String]?

    public init(
        key: String = "",
        `operator`: String = "",
        values: [String]? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    public static var zero: Self { Self.init() }
}

public struct PreferredSchedulingTerm: Codable, Sendable, Hashable, ZeroValue {
    public var weight: Int32
    public var preference: NodeSelectorTerm

    public init(
        weight: Int32 = 0,
        preference: NodeSelectorTerm = NodeSelectorTerm.zero
    ) {
        self.weight = weight
        self.preference = preference
    }

    public static var zero: Self { Self.init() }
}

public struct PodAffinity: Codable, Sendable, Hashable, ZeroValue {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }

    public static var zero: Self { Self.init() }
}

public struct PodAntiAffinity: Codable, Sendable, Hashable, ZeroValue {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(
        requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil,
        preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil
    ) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }

    public static var zero: Self { Self.init() }
}

public struct PodAffinityTerm: Codable, Sendable, Hashable, ZeroValue {
    public var labelSelector: LabelSelector?
    public var namespaces: [String]?
    public var topologyKey: String
    public var namespaceSelector: LabelSelector?
    public var matchLabelKeys: [String]?
    public var mismatchLabelKeys: [String]?

    public init(
        labelSelector: LabelSelector? = nil,
        namespaces: [String]? = nil,
        topologyKey: String = "",
        namespaceSelector: LabelSelector? = nil,
        matchLabelKeys: [String]? = nil,
        mismatchLabelKeys: [String]? = nil
    ) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.topologyKey = topologyKey
        self.namespaceSelector = namespaceSelector
        self.matchLabelKeys = matchLabelKeys
        self.mismatchLabelKeys = mismatchLabelKeys
    }

    public static var zero: Self { Self.init() }
}

public struct WeightedPodAffinityTerm: Codable, Sendable, Hashable, ZeroValue {
    public var weight: Int32
    public var podAffinityTerm: PodAffinityTerm

    public init(
        weight: Int32 = 0,
        podAffinityTerm: PodAffinityTerm = PodAffinityTerm.zero
    ) {
        self.weight = weight
        self.podAffinityTerm = podAffinityTerm
    }

    public static var zero: Self { Self.init() }
}

public struct Toleration: Codable, Sendable, Hashable, ZeroValue {
    public var key: String?
    /// Exists or Equal.
    public var `operator`: String?
    public var value: String?
    /// NoSchedule, PreferNoSchedule, NoExecute.
    public var effect: String?
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil,
        `operator`: String? = nil,
        value: String? = nil,
        effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    public static var zero: Self { Self.init() }
}

public struct HostAlias: Codable, Sendable, Hashable, ZeroValue {
    public var ip: String
    public var hostnames: [String]?

    public init(
        ip: String = "",
        hostnames: [String]? = nil
    ) {
        self.ip = ip
        self.hostnames = hostnames
    }

    public static var zero: Self { Self.init() }
}

public struct PodDNSConfig: Codable, Sendable, Hashable, ZeroValue {
    public var nameservers: [String]?
    public var searches: [String]?
    public var options: [PodDNSConfigOption]?

    public init(
        nameservers: [String]? = nil,
        searches: [String]? = nil,
        options: [PodDNSConfigOption]? = nil
    ) {
        self.nameservers = nameservers
        self.searches = searches
        self.options = options
    }

    public static var zero: Self { Self.init() }
}

public struct PodDNSConfigOption: Codable, Sendable, Hashable, ZeroValue {
    public var name: String?
    public var value: String?

    public init(
        name: String? = nil,
        value: String? = nil
    ) {
        self.name = name
        self.value = value
    }

    public static var zero: Self { Self.init() }
}

public struct PodReadinessGate: Codable, Sendable, Hashable, ZeroValue {
    public var conditionType: String

    public init(
        conditionType: String = ""
    ) {
        self.conditionType = conditionType
    }

    public static var zero: Self { Self.init() }
}

public struct TopologySpreadConstraint: Codable, Sendable, Hashable, ZeroValue {
    public var maxSkew: Int32
    public var topologyKey: String
    public var whenUnsatisfiable: String
    public var labelSelector: LabelSelector?
    public var minDomains: Int32?
    public var nodeAffinityPolicy: String?
    public var nodeTaintsPolicy: String?
    public var matchLabelKeys: [String]?

    public init(
        maxSkew: Int32 = 0,
        topologyKey: String = "",
        whenUnsatisfiable: String = "",
        labelSelector: LabelSelector? = nil,
        minDomains: Int32? = nil,
        nodeAffinityPolicy: String? = nil,
        nodeTaintsPolicy: String? = nil,
        matchLabelKeys: [String]? = nil
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
        self.matchLabelKeys = matchLabelKeys
    }

    public static var zero: Self { Self.init() }
}

public struct PodOS: Codable, Sendable, Hashable, ZeroValue {
    public var name: String

    public init(
        name: String = ""
    ) {
        self.name = name
    }

    public static var zero: Self { Self.init() }
}

public struct PodSchedulingGate: Codable, Sendable, Hashable, ZeroValue {
    public var name: String

    public init(
        name: String = ""
    ) {
        self.name = name
    }

    public static var zero: Self { Self.init() }
}

public struct PodStatus: Codable, Sendable, Hashable, ZeroValue {
    /// Pending, Running, Succeeded, Failed, Unknown.
    public var phase: String?
    public var conditions: [PodCondition]?
    public var message: String?
    public var reason: String?
    public var nominatedNodeName: String?
    public var hostIP: String?
    public var hostIPs: [HostIP]?
    public var podIP: String?
    public var podIPs: [PodIP]?
    public var startTime: Time?
    public var initContainerStatuses: [ContainerStatus]?
    public var containerStatuses: [ContainerStatus]?
    /// Guaranteed, Burstable, BestEffort.
    public var qosClass: String?
    public var ephemeralContainerStatuses: [ContainerStatus]?

    public init(
        phase: String? = nil,
        conditions: [PodCondition]? = nil,
        message: String? = nil,
        reason: String? = nil,
        nominatedNodeName: String? = nil,
        hostIP: String? = nil,
        hostIPs: [HostIP]? = nil,
        podIP: String? = nil,
        podIPs: [PodIP]? = nil,
        startTime: Time? = nil,
        initContainerStatuses: [ContainerStatus]? = nil,
        containerStatuses: [ContainerStatus]? = nil,
        qosClass: String? = nil,
        ephemeralContainerStatuses: [ContainerStatus]? = nil
    ) {
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.qosClass = qosClass
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
    }

    public static var zero: Self { Self.init() }
}

public struct PodCondition: Codable, Sendable, Hashable, ZeroValue {
    /// PodScheduled, Initialized, ContainersReady, Ready, PodReadyToStartContainers, ...
    public var type: String
    public var status: String
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    public static var zero: Self { Self.init() }
}

public struct HostIP: Codable, Sendable, Hashable, ZeroValue {
    public var ip: String

    public init(
        ip: String = ""
    ) {
        self.ip = ip
    }

    public static var zero: Self { Self.init() }
}

public struct PodIP: Codable, Sendable, Hashable, ZeroValue {
    public var ip: String

    public init(
        ip: String = ""
    ) {
        self.ip = ip
    }

    public static var zero: Self { Self.init() }
}

public struct ContainerStatus: Codable, Sendable, Hashable, ZeroValue {
    public var name: String
    public var state: ContainerState?
    public var lastState: ContainerState?
    public var ready: Bool
    public var restartCount: Int32
    public var image: String
    public var imageID: String
    public var containerID: String?
    public var started: Bool?
    public var allocatedResources: [String: Quantity]?
    public var resources: ResourceRequirements?
    public var volumeMounts: [VolumeMountStatus]?

    public init(
        name: String = "",
        state: ContainerState? = nil,
        lastState: ContainerState? = nil,
        ready: Bool = false,
        restartCount: Int32 = 0,
        image: String = "",
        imageID: String = "",
        containerID: String? = nil,
        started: Bool? = nil,
        allocatedResources: [String: Quantity]? = nil,
        resources: ResourceRequirements? = nil,
        volumeMounts: [VolumeMountStatus]? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
        self.allocatedResources = allocatedResources
        self.resources = resources
        self.volumeMounts = volumeMounts
    }

    public static var zero: Self { Self.init() }
}

public struct ContainerState: Codable, Sendable, Hashable, ZeroValue {
    public var waiting: ContainerStateWaiting?
    public var running: ContainerStateRunning?
    public var terminated: ContainerStateTerminated?

    public init(
        waiting: ContainerStateWaiting? = nil,
        running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }

    public static var zero: Self { Self.init() }
}

public struct ContainerStateWaiting: Codable, Sendable, Hashable, ZeroValue {
    public var reason: String?
    public var message: String?

    public init(
        reason: String? = nil,
        message: String? = nil
    ) {
        self.reason = reason
        self.message = message
    }

    public static var zero: Self { Self.init() }
}

public struct ContainerStateRunning: Codable, Sendable, Hashable, ZeroValue {
    public var startedAt: Time?

    public init(
        startedAt: Time? = nil
    ) {
        self.startedAt = startedAt
    }

    public static var zero: Self { Self.init() }
}

public struct ContainerStateTerminated: Codable, Sendable, Hashable, ZeroValue {
    public var exitCode: Int32
    public var signal: Int32?
    public var reason: String?
    public var message: String?
    public var startedAt: Time?
    public var finishedAt: Time?
    public var containerID: String?

    public init(
        exitCode: Int32 = 0,
        signal: Int32? = nil,
        reason: String? = nil,
        message: String? = nil,
        startedAt: Time? = nil,
        finishedAt: Time? = nil,
        containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }

    public static var zero: Self { Self.init() }
}

public struct VolumeMountStatus: Codable, Sendable, Hashable, ZeroValue {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool?
    public var recursiveReadOnly: String?

    public init(
        name: String = "",
        mountPath: String = "",
        readOnly: Bool? = nil,
        recursiveReadOnly: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
    }

    public static var zero: Self { Self.init() }
}

/// v1 Binding: assigns a pod to a node (POST pods/NAME/binding).
public struct Binding: KubeObject, Hashable, ZeroValue {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Binding", plural: "bindings", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var target: ObjectReference

    public init(
        apiVersion: String? = Binding.resourceInfo.apiVersion,
        kind: String? = Binding.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        target: ObjectReference = ObjectReference.zero
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.target = target
    }

    public static var zero: Self { Self.init() }
}

public struct ObjectReference: Codable, Sendable, Hashable, ZeroValue {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var apiVersion: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(
        kind: String? = nil,
        namespace: String? = nil,
        name: String? = nil,
        uid: String? = nil,
        apiVersion: String? = nil,
        resourceVersion: String? = nil,
        fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }

    public static var zero: Self { Self.init() }
}
