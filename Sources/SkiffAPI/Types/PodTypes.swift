/// v1 Pod.
public struct Pod: KubeObject, Hashable, ZeroValue, RequiredFields {
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
        self.spec = try c.decodeIfPresent(PodSpec.self, forKey: .spec) ?? PodSpec.zero
        self.status = try c.decodeIfPresent(PodStatus.self, forKey: .status) ?? PodStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

/// The pod template of controllers.
public struct PodTemplateSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case metadata
        case spec
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.spec = try c.decodeIfPresent(PodSpec.self, forKey: .spec) ?? PodSpec.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct PodSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case volumes
        case initContainers
        case containers
        case ephemeralContainers
        case restartPolicy
        case terminationGracePeriodSeconds
        case activeDeadlineSeconds
        case dnsPolicy
        case nodeSelector
        case serviceAccountName
        case serviceAccount
        case automountServiceAccountToken
        case nodeName
        case hostNetwork
        case hostPID
        case hostIPC
        case shareProcessNamespace
        case securityContext
        case imagePullSecrets
        case hostname
        case subdomain
        case affinity
        case schedulerName
        case tolerations
        case hostAliases
        case priorityClassName
        case priority
        case dnsConfig
        case readinessGates
        case runtimeClassName
        case enableServiceLinks
        case preemptionPolicy
        case overhead
        case topologySpreadConstraints
        case setHostnameAsFQDN
        case os
        case hostUsers
        case schedulingGates
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.volumes = try c.decodeIfPresent([Volume].self, forKey: .volumes)
        self.initContainers = try c.decodeIfPresent([Container].self, forKey: .initContainers)
        self.containers = try c.decodeIfPresent([Container].self, forKey: .containers) ?? []
        self.ephemeralContainers = try c.decodeIfPresent([JSONValue].self, forKey: .ephemeralContainers)
        self.restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy)
        self.terminationGracePeriodSeconds = try c.decodeIfPresent(Int64.self, forKey: .terminationGracePeriodSeconds)
        self.activeDeadlineSeconds = try c.decodeIfPresent(Int64.self, forKey: .activeDeadlineSeconds)
        self.dnsPolicy = try c.decodeIfPresent(String.self, forKey: .dnsPolicy)
        self.nodeSelector = try c.decodeIfPresent([String: String].self, forKey: .nodeSelector)
        self.serviceAccountName = try c.decodeIfPresent(String.self, forKey: .serviceAccountName)
        self.serviceAccount = try c.decodeIfPresent(String.self, forKey: .serviceAccount)
        self.automountServiceAccountToken = try c.decodeIfPresent(Bool.self, forKey: .automountServiceAccountToken)
        self.nodeName = try c.decodeIfPresent(String.self, forKey: .nodeName)
        self.hostNetwork = try c.decodeIfPresent(Bool.self, forKey: .hostNetwork)
        self.hostPID = try c.decodeIfPresent(Bool.self, forKey: .hostPID)
        self.hostIPC = try c.decodeIfPresent(Bool.self, forKey: .hostIPC)
        self.shareProcessNamespace = try c.decodeIfPresent(Bool.self, forKey: .shareProcessNamespace)
        self.securityContext = try c.decodeIfPresent(PodSecurityContext.self, forKey: .securityContext)
        self.imagePullSecrets = try c.decodeIfPresent([LocalObjectReference].self, forKey: .imagePullSecrets)
        self.hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        self.subdomain = try c.decodeIfPresent(String.self, forKey: .subdomain)
        self.affinity = try c.decodeIfPresent(Affinity.self, forKey: .affinity)
        self.schedulerName = try c.decodeIfPresent(String.self, forKey: .schedulerName)
        self.tolerations = try c.decodeIfPresent([Toleration].self, forKey: .tolerations)
        self.hostAliases = try c.decodeIfPresent([HostAlias].self, forKey: .hostAliases)
        self.priorityClassName = try c.decodeIfPresent(String.self, forKey: .priorityClassName)
        self.priority = try c.decodeIfPresent(Int32.self, forKey: .priority)
        self.dnsConfig = try c.decodeIfPresent(PodDNSConfig.self, forKey: .dnsConfig)
        self.readinessGates = try c.decodeIfPresent([PodReadinessGate].self, forKey: .readinessGates)
        self.runtimeClassName = try c.decodeIfPresent(String.self, forKey: .runtimeClassName)
        self.enableServiceLinks = try c.decodeIfPresent(Bool.self, forKey: .enableServiceLinks)
        self.preemptionPolicy = try c.decodeIfPresent(String.self, forKey: .preemptionPolicy)
        self.overhead = try c.decodeIfPresent([String: Quantity].self, forKey: .overhead)
        self.topologySpreadConstraints = try c.decodeIfPresent([TopologySpreadConstraint].self, forKey: .topologySpreadConstraints)
        self.setHostnameAsFQDN = try c.decodeIfPresent(Bool.self, forKey: .setHostnameAsFQDN)
        self.os = try c.decodeIfPresent(PodOS.self, forKey: .os)
        self.hostUsers = try c.decodeIfPresent(Bool.self, forKey: .hostUsers)
        self.schedulingGates = try c.decodeIfPresent([PodSchedulingGate].self, forKey: .schedulingGates)
    }

    public static let requiredFields: Set<String> = ["containers"]
}

public struct PodSecurityContext: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case seLinuxOptions
        case runAsUser
        case runAsGroup
        case runAsNonRoot
        case supplementalGroups
        case supplementalGroupsPolicy
        case fsGroup
        case sysctls
        case fsGroupChangePolicy
        case seccompProfile
        case appArmorProfile
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.seLinuxOptions = try c.decodeIfPresent(SELinuxOptions.self, forKey: .seLinuxOptions)
        self.runAsUser = try c.decodeIfPresent(Int64.self, forKey: .runAsUser)
        self.runAsGroup = try c.decodeIfPresent(Int64.self, forKey: .runAsGroup)
        self.runAsNonRoot = try c.decodeIfPresent(Bool.self, forKey: .runAsNonRoot)
        self.supplementalGroups = try c.decodeIfPresent([Int64].self, forKey: .supplementalGroups)
        self.supplementalGroupsPolicy = try c.decodeIfPresent(String.self, forKey: .supplementalGroupsPolicy)
        self.fsGroup = try c.decodeIfPresent(Int64.self, forKey: .fsGroup)
        self.sysctls = try c.decodeIfPresent([Sysctl].self, forKey: .sysctls)
        self.fsGroupChangePolicy = try c.decodeIfPresent(String.self, forKey: .fsGroupChangePolicy)
        self.seccompProfile = try c.decodeIfPresent(SeccompProfile.self, forKey: .seccompProfile)
        self.appArmorProfile = try c.decodeIfPresent(AppArmorProfile.self, forKey: .appArmorProfile)
    }

    public static let requiredFields: Set<String> = []
}

public struct Sysctl: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case value
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.value = try c.decodeIfPresent(String.self, forKey: .value) ?? ""
    }

    public static let requiredFields: Set<String> = ["name", "value"]
}

public struct LocalObjectReference: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String?

    public init(
        name: String? = nil
    ) {
        self.name = name
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
    }

    public static let requiredFields: Set<String> = []
}

public struct Affinity: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case nodeAffinity
        case podAffinity
        case podAntiAffinity
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.nodeAffinity = try c.decodeIfPresent(NodeAffinity.self, forKey: .nodeAffinity)
        self.podAffinity = try c.decodeIfPresent(PodAffinity.self, forKey: .podAffinity)
        self.podAntiAffinity = try c.decodeIfPresent(PodAntiAffinity.self, forKey: .podAntiAffinity)
    }

    public static let requiredFields: Set<String> = []
}

public struct NodeAffinity: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case requiredDuringSchedulingIgnoredDuringExecution
        case preferredDuringSchedulingIgnoredDuringExecution
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.requiredDuringSchedulingIgnoredDuringExecution = try c.decodeIfPresent(NodeSelector.self, forKey: .requiredDuringSchedulingIgnoredDuringExecution)
        self.preferredDuringSchedulingIgnoredDuringExecution = try c.decodeIfPresent([PreferredSchedulingTerm].self, forKey: .preferredDuringSchedulingIgnoredDuringExecution)
    }

    public static let requiredFields: Set<String> = []
}

public struct NodeSelector: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(
        nodeSelectorTerms: [NodeSelectorTerm] = []
    ) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case nodeSelectorTerms
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.nodeSelectorTerms = try c.decodeIfPresent([NodeSelectorTerm].self, forKey: .nodeSelectorTerms) ?? []
    }

    public static let requiredFields: Set<String> = ["nodeSelectorTerms"]
}

public struct NodeSelectorTerm: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case matchExpressions
        case matchFields
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.matchExpressions = try c.decodeIfPresent([NodeSelectorRequirement].self, forKey: .matchExpressions)
        self.matchFields = try c.decodeIfPresent([NodeSelectorRequirement].self, forKey: .matchFields)
    }

    public static let requiredFields: Set<String> = []
}

public struct NodeSelectorRequirement: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case key
        case `operator`
        case values
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.operator = try c.decodeIfPresent(String.self, forKey: .`operator`) ?? ""
        self.values = try c.decodeIfPresent([String].self, forKey: .values)
    }

    public static let requiredFields: Set<String> = ["key", "operator"]
}

public struct PreferredSchedulingTerm: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case weight
        case preference
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.weight = try c.decodeIfPresent(Int32.self, forKey: .weight) ?? 0
        self.preference = try c.decodeIfPresent(NodeSelectorTerm.self, forKey: .preference) ?? NodeSelectorTerm.zero
    }

    public static let requiredFields: Set<String> = ["weight"]
}

public struct PodAffinity: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case requiredDuringSchedulingIgnoredDuringExecution
        case preferredDuringSchedulingIgnoredDuringExecution
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.requiredDuringSchedulingIgnoredDuringExecution = try c.decodeIfPresent([PodAffinityTerm].self, forKey: .requiredDuringSchedulingIgnoredDuringExecution)
        self.preferredDuringSchedulingIgnoredDuringExecution = try c.decodeIfPresent([WeightedPodAffinityTerm].self, forKey: .preferredDuringSchedulingIgnoredDuringExecution)
    }

    public static let requiredFields: Set<String> = []
}

public struct PodAntiAffinity: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case requiredDuringSchedulingIgnoredDuringExecution
        case preferredDuringSchedulingIgnoredDuringExecution
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.requiredDuringSchedulingIgnoredDuringExecution = try c.decodeIfPresent([PodAffinityTerm].self, forKey: .requiredDuringSchedulingIgnoredDuringExecution)
        self.preferredDuringSchedulingIgnoredDuringExecution = try c.decodeIfPresent([WeightedPodAffinityTerm].self, forKey: .preferredDuringSchedulingIgnoredDuringExecution)
    }

    public static let requiredFields: Set<String> = []
}

public struct PodAffinityTerm: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case labelSelector
        case namespaces
        case topologyKey
        case namespaceSelector
        case matchLabelKeys
        case mismatchLabelKeys
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.labelSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .labelSelector)
        self.namespaces = try c.decodeIfPresent([String].self, forKey: .namespaces)
        self.topologyKey = try c.decodeIfPresent(String.self, forKey: .topologyKey) ?? ""
        self.namespaceSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .namespaceSelector)
        self.matchLabelKeys = try c.decodeIfPresent([String].self, forKey: .matchLabelKeys)
        self.mismatchLabelKeys = try c.decodeIfPresent([String].self, forKey: .mismatchLabelKeys)
    }

    public static let requiredFields: Set<String> = ["topologyKey"]
}

public struct WeightedPodAffinityTerm: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case weight
        case podAffinityTerm
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.weight = try c.decodeIfPresent(Int32.self, forKey: .weight) ?? 0
        self.podAffinityTerm = try c.decodeIfPresent(PodAffinityTerm.self, forKey: .podAffinityTerm) ?? PodAffinityTerm.zero
    }

    public static let requiredFields: Set<String> = ["weight"]
}

public struct Toleration: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case key
        case `operator`
        case value
        case effect
        case tolerationSeconds
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key)
        self.operator = try c.decodeIfPresent(String.self, forKey: .`operator`)
        self.value = try c.decodeIfPresent(String.self, forKey: .value)
        self.effect = try c.decodeIfPresent(String.self, forKey: .effect)
        self.tolerationSeconds = try c.decodeIfPresent(Int64.self, forKey: .tolerationSeconds)
    }

    public static let requiredFields: Set<String> = []
}

public struct HostAlias: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case ip
        case hostnames
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
        self.hostnames = try c.decodeIfPresent([String].self, forKey: .hostnames)
    }

    public static let requiredFields: Set<String> = ["ip"]
}

public struct PodDNSConfig: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case nameservers
        case searches
        case options
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.nameservers = try c.decodeIfPresent([String].self, forKey: .nameservers)
        self.searches = try c.decodeIfPresent([String].self, forKey: .searches)
        self.options = try c.decodeIfPresent([PodDNSConfigOption].self, forKey: .options)
    }

    public static let requiredFields: Set<String> = []
}

public struct PodDNSConfigOption: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case value
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.value = try c.decodeIfPresent(String.self, forKey: .value)
    }

    public static let requiredFields: Set<String> = []
}

public struct PodReadinessGate: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var conditionType: String

    public init(
        conditionType: String = ""
    ) {
        self.conditionType = conditionType
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case conditionType
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.conditionType = try c.decodeIfPresent(String.self, forKey: .conditionType) ?? ""
    }

    public static let requiredFields: Set<String> = ["conditionType"]
}

public struct TopologySpreadConstraint: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case maxSkew
        case topologyKey
        case whenUnsatisfiable
        case labelSelector
        case minDomains
        case nodeAffinityPolicy
        case nodeTaintsPolicy
        case matchLabelKeys
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.maxSkew = try c.decodeIfPresent(Int32.self, forKey: .maxSkew) ?? 0
        self.topologyKey = try c.decodeIfPresent(String.self, forKey: .topologyKey) ?? ""
        self.whenUnsatisfiable = try c.decodeIfPresent(String.self, forKey: .whenUnsatisfiable) ?? ""
        self.labelSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .labelSelector)
        self.minDomains = try c.decodeIfPresent(Int32.self, forKey: .minDomains)
        self.nodeAffinityPolicy = try c.decodeIfPresent(String.self, forKey: .nodeAffinityPolicy)
        self.nodeTaintsPolicy = try c.decodeIfPresent(String.self, forKey: .nodeTaintsPolicy)
        self.matchLabelKeys = try c.decodeIfPresent([String].self, forKey: .matchLabelKeys)
    }

    public static let requiredFields: Set<String> = ["maxSkew", "topologyKey", "whenUnsatisfiable"]
}

public struct PodOS: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String

    public init(
        name: String = ""
    ) {
        self.name = name
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    }

    public static let requiredFields: Set<String> = ["name"]
}

public struct PodSchedulingGate: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String

    public init(
        name: String = ""
    ) {
        self.name = name
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    }

    public static let requiredFields: Set<String> = ["name"]
}

public struct PodStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case phase
        case conditions
        case message
        case reason
        case nominatedNodeName
        case hostIP
        case hostIPs
        case podIP
        case podIPs
        case startTime
        case initContainerStatuses
        case containerStatuses
        case qosClass
        case ephemeralContainerStatuses
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.phase = try c.decodeIfPresent(String.self, forKey: .phase)
        self.conditions = try c.decodeIfPresent([PodCondition].self, forKey: .conditions)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.nominatedNodeName = try c.decodeIfPresent(String.self, forKey: .nominatedNodeName)
        self.hostIP = try c.decodeIfPresent(String.self, forKey: .hostIP)
        self.hostIPs = try c.decodeIfPresent([HostIP].self, forKey: .hostIPs)
        self.podIP = try c.decodeIfPresent(String.self, forKey: .podIP)
        self.podIPs = try c.decodeIfPresent([PodIP].self, forKey: .podIPs)
        self.startTime = try c.decodeIfPresent(Time.self, forKey: .startTime)
        self.initContainerStatuses = try c.decodeIfPresent([ContainerStatus].self, forKey: .initContainerStatuses)
        self.containerStatuses = try c.decodeIfPresent([ContainerStatus].self, forKey: .containerStatuses)
        self.qosClass = try c.decodeIfPresent(String.self, forKey: .qosClass)
        self.ephemeralContainerStatuses = try c.decodeIfPresent([ContainerStatus].self, forKey: .ephemeralContainerStatuses)
    }

    public static let requiredFields: Set<String> = []
}

public struct PodCondition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastProbeTime
        case lastTransitionTime
        case reason
        case message
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.lastProbeTime = try c.decodeIfPresent(Time.self, forKey: .lastProbeTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public static let requiredFields: Set<String> = ["type", "status"]
}

public struct HostIP: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var ip: String

    public init(
        ip: String = ""
    ) {
        self.ip = ip
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case ip
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
    }

    public static let requiredFields: Set<String> = ["ip"]
}

public struct PodIP: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var ip: String

    public init(
        ip: String = ""
    ) {
        self.ip = ip
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case ip
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
    }

    public static let requiredFields: Set<String> = ["ip"]
}

public struct ContainerStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case state
        case lastState
        case ready
        case restartCount
        case image
        case imageID
        case containerID
        case started
        case allocatedResources
        case resources
        case volumeMounts
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.state = try c.decodeIfPresent(ContainerState.self, forKey: .state)
        self.lastState = try c.decodeIfPresent(ContainerState.self, forKey: .lastState)
        self.ready = try c.decodeIfPresent(Bool.self, forKey: .ready) ?? false
        self.restartCount = try c.decodeIfPresent(Int32.self, forKey: .restartCount) ?? 0
        self.image = try c.decodeIfPresent(String.self, forKey: .image) ?? ""
        self.imageID = try c.decodeIfPresent(String.self, forKey: .imageID) ?? ""
        self.containerID = try c.decodeIfPresent(String.self, forKey: .containerID)
        self.started = try c.decodeIfPresent(Bool.self, forKey: .started)
        self.allocatedResources = try c.decodeIfPresent([String: Quantity].self, forKey: .allocatedResources)
        self.resources = try c.decodeIfPresent(ResourceRequirements.self, forKey: .resources)
        self.volumeMounts = try c.decodeIfPresent([VolumeMountStatus].self, forKey: .volumeMounts)
    }

    public static let requiredFields: Set<String> = ["name", "ready", "restartCount", "image", "imageID"]
}

public struct ContainerState: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case waiting
        case running
        case terminated
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.waiting = try c.decodeIfPresent(ContainerStateWaiting.self, forKey: .waiting)
        self.running = try c.decodeIfPresent(ContainerStateRunning.self, forKey: .running)
        self.terminated = try c.decodeIfPresent(ContainerStateTerminated.self, forKey: .terminated)
    }

    public static let requiredFields: Set<String> = []
}

public struct ContainerStateWaiting: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case reason
        case message
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public static let requiredFields: Set<String> = []
}

public struct ContainerStateRunning: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var startedAt: Time?

    public init(
        startedAt: Time? = nil
    ) {
        self.startedAt = startedAt
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case startedAt
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.startedAt = try c.decodeIfPresent(Time.self, forKey: .startedAt)
    }

    public static let requiredFields: Set<String> = []
}

public struct ContainerStateTerminated: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case exitCode
        case signal
        case reason
        case message
        case startedAt
        case finishedAt
        case containerID
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.exitCode = try c.decodeIfPresent(Int32.self, forKey: .exitCode) ?? 0
        self.signal = try c.decodeIfPresent(Int32.self, forKey: .signal)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
        self.startedAt = try c.decodeIfPresent(Time.self, forKey: .startedAt)
        self.finishedAt = try c.decodeIfPresent(Time.self, forKey: .finishedAt)
        self.containerID = try c.decodeIfPresent(String.self, forKey: .containerID)
    }

    public static let requiredFields: Set<String> = ["exitCode"]
}

public struct VolumeMountStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case mountPath
        case readOnly
        case recursiveReadOnly
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.mountPath = try c.decodeIfPresent(String.self, forKey: .mountPath) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
        self.recursiveReadOnly = try c.decodeIfPresent(String.self, forKey: .recursiveReadOnly)
    }

    public static let requiredFields: Set<String> = ["name", "mountPath"]
}

/// v1 Binding: assigns a pod to a node (POST pods/NAME/binding).
public struct Binding: KubeObject, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case target
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.target = try c.decodeIfPresent(ObjectReference.self, forKey: .target) ?? ObjectReference.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct ObjectReference: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case kind
        case namespace
        case name
        case uid
        case apiVersion
        case resourceVersion
        case fieldPath
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.uid = try c.decodeIfPresent(String.self, forKey: .uid)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.resourceVersion = try c.decodeIfPresent(String.self, forKey: .resourceVersion)
        self.fieldPath = try c.decodeIfPresent(String.self, forKey: .fieldPath)
    }

    public static let requiredFields: Set<String> = []
}
