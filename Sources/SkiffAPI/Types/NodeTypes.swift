/// v1 Node.
public struct Node: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false, shortNames: ["no"], subresources: ["status", "proxy"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodeSpec
    public var status: NodeStatus

    public init(
        apiVersion: String? = Node.resourceInfo.apiVersion,
        kind: String? = Node.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: NodeSpec = NodeSpec.zero,
        status: NodeStatus = NodeStatus.zero
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
        self.spec = try c.decodeIfPresent(NodeSpec.self, forKey: .spec) ?? NodeSpec.zero
        self.status = try c.decodeIfPresent(NodeStatus.self, forKey: .status) ?? NodeStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct NodeSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var podCIDR: String?
    public var podCIDRs: [String]?
    public var providerID: String?
    public var unschedulable: Bool?
    public var taints: [Taint]?
    public var configSource: JSONValue?
    public var externalID: String?

    public init(
        podCIDR: String? = nil,
        podCIDRs: [String]? = nil,
        providerID: String? = nil,
        unschedulable: Bool? = nil,
        taints: [Taint]? = nil,
        configSource: JSONValue? = nil,
        externalID: String? = nil
    ) {
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
        self.providerID = providerID
        self.unschedulable = unschedulable
        self.taints = taints
        self.configSource = configSource
        self.externalID = externalID
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case podCIDR
        case podCIDRs
        case providerID
        case unschedulable
        case taints
        case configSource
        case externalID
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.podCIDR = try c.decodeIfPresent(String.self, forKey: .podCIDR)
        self.podCIDRs = try c.decodeIfPresent([String].self, forKey: .podCIDRs)
        self.providerID = try c.decodeIfPresent(String.self, forKey: .providerID)
        self.unschedulable = try c.decodeIfPresent(Bool.self, forKey: .unschedulable)
        self.taints = try c.decodeIfPresent([Taint].self, forKey: .taints)
        self.configSource = try c.decodeIfPresent(JSONValue.self, forKey: .configSource)
        self.externalID = try c.decodeIfPresent(String.self, forKey: .externalID)
    }

    public static let requiredFields: Set<String> = []
}

public struct Taint: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var key: String
    public var value: String?
    public var effect: String
    public var timeAdded: Time?

    public init(
        key: String = "",
        value: String? = nil,
        effect: String = "",
        timeAdded: Time? = nil
    ) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case key
        case value
        case effect
        case timeAdded
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.value = try c.decodeIfPresent(String.self, forKey: .value)
        self.effect = try c.decodeIfPresent(String.self, forKey: .effect) ?? ""
        self.timeAdded = try c.decodeIfPresent(Time.self, forKey: .timeAdded)
    }

    public static let requiredFields: Set<String> = ["key", "effect"]
}

public struct NodeStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var capacity: [String: Quantity]?
    public var allocatable: [String: Quantity]?
    public var phase: String?
    public var conditions: [NodeCondition]?
    public var addresses: [NodeAddress]?
    public var daemonEndpoints: NodeDaemonEndpoints?
    public var nodeInfo: NodeSystemInfo?
    public var images: [ContainerImage]?
    public var volumesInUse: [String]?
    public var volumesAttached: [AttachedVolume]?
    public var config: JSONValue?
    public var runtimeHandlers: [JSONValue]?
    public var features: JSONValue?

    public init(
        capacity: [String: Quantity]? = nil,
        allocatable: [String: Quantity]? = nil,
        phase: String? = nil,
        conditions: [NodeCondition]? = nil,
        addresses: [NodeAddress]? = nil,
        daemonEndpoints: NodeDaemonEndpoints? = nil,
        nodeInfo: NodeSystemInfo? = nil,
        images: [ContainerImage]? = nil,
        volumesInUse: [String]? = nil,
        volumesAttached: [AttachedVolume]? = nil,
        config: JSONValue? = nil,
        runtimeHandlers: [JSONValue]? = nil,
        features: JSONValue? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.phase = phase
        self.conditions = conditions
        self.addresses = addresses
        self.daemonEndpoints = daemonEndpoints
        self.nodeInfo = nodeInfo
        self.images = images
        self.volumesInUse = volumesInUse
        self.volumesAttached = volumesAttached
        self.config = config
        self.runtimeHandlers = runtimeHandlers
        self.features = features
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case capacity
        case allocatable
        case phase
        case conditions
        case addresses
        case daemonEndpoints
        case nodeInfo
        case images
        case volumesInUse
        case volumesAttached
        case config
        case runtimeHandlers
        case features
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.capacity = try c.decodeIfPresent([String: Quantity].self, forKey: .capacity)
        self.allocatable = try c.decodeIfPresent([String: Quantity].self, forKey: .allocatable)
        self.phase = try c.decodeIfPresent(String.self, forKey: .phase)
        self.conditions = try c.decodeIfPresent([NodeCondition].self, forKey: .conditions)
        self.addresses = try c.decodeIfPresent([NodeAddress].self, forKey: .addresses)
        self.daemonEndpoints = try c.decodeIfPresent(NodeDaemonEndpoints.self, forKey: .daemonEndpoints)
        self.nodeInfo = try c.decodeIfPresent(NodeSystemInfo.self, forKey: .nodeInfo)
        self.images = try c.decodeIfPresent([ContainerImage].self, forKey: .images)
        self.volumesInUse = try c.decodeIfPresent([String].self, forKey: .volumesInUse)
        self.volumesAttached = try c.decodeIfPresent([AttachedVolume].self, forKey: .volumesAttached)
        self.config = try c.decodeIfPresent(JSONValue.self, forKey: .config)
        self.runtimeHandlers = try c.decodeIfPresent([JSONValue].self, forKey: .runtimeHandlers)
        self.features = try c.decodeIfPresent(JSONValue.self, forKey: .features)
    }

    public static let requiredFields: Set<String> = []
}

public struct NodeCondition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    /// Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.
    public var type: String
    public var status: String
    public var lastHeartbeatTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastHeartbeatTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastHeartbeatTime
        case lastTransitionTime
        case reason
        case message
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.lastHeartbeatTime = try c.decodeIfPresent(Time.self, forKey: .lastHeartbeatTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public static let requiredFields: Set<String> = ["type", "status"]
}

public struct NodeAddress: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    /// Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS.
    public var type: String
    public var address: String

    public init(
        type: String = "",
        address: String = ""
    ) {
        self.type = type
        self.address = address
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case type
        case address
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
    }

    public static let requiredFields: Set<String> = ["type", "address"]
}

public struct NodeDaemonEndpoints: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var kubeletEndpoint: DaemonEndpoint?

    public init(
        kubeletEndpoint: DaemonEndpoint? = nil
    ) {
        self.kubeletEndpoint = kubeletEndpoint
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case kubeletEndpoint
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kubeletEndpoint = try c.decodeIfPresent(DaemonEndpoint.self, forKey: .kubeletEndpoint)
    }

    public static let requiredFields: Set<String> = []
}

/// The kubelet's port; Kubernetes spells this one field with a capital P.
public struct DaemonEndpoint: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var Port: Int32

    public init(
        Port: Int32 = 0
    ) {
        self.Port = Port
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case Port
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.Port = try c.decodeIfPresent(Int32.self, forKey: .Port) ?? 0
    }

    public static let requiredFields: Set<String> = ["Port"]
}

public struct NodeSystemInfo: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var machineID: String
    public var systemUUID: String
    public var bootID: String
    public var kernelVersion: String
    public var osImage: String
    public var containerRuntimeVersion: String
    public var kubeletVersion: String
    public var kubeProxyVersion: String
    public var operatingSystem: String
    public var architecture: String

    public init(
        machineID: String = "",
        systemUUID: String = "",
        bootID: String = "",
        kernelVersion: String = "",
        osImage: String = "",
        containerRuntimeVersion: String = "",
        kubeletVersion: String = "",
        kubeProxyVersion: String = "",
        operatingSystem: String = "",
        architecture: String = ""
    ) {
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.containerRuntimeVersion = containerRuntimeVersion
        self.kubeletVersion = kubeletVersion
        self.kubeProxyVersion = kubeProxyVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case machineID
        case systemUUID
        case bootID
        case kernelVersion
        case osImage
        case containerRuntimeVersion
        case kubeletVersion
        case kubeProxyVersion
        case operatingSystem
        case architecture
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.machineID = try c.decodeIfPresent(String.self, forKey: .machineID) ?? ""
        self.systemUUID = try c.decodeIfPresent(String.self, forKey: .systemUUID) ?? ""
        self.bootID = try c.decodeIfPresent(String.self, forKey: .bootID) ?? ""
        self.kernelVersion = try c.decodeIfPresent(String.self, forKey: .kernelVersion) ?? ""
        self.osImage = try c.decodeIfPresent(String.self, forKey: .osImage) ?? ""
        self.containerRuntimeVersion = try c.decodeIfPresent(String.self, forKey: .containerRuntimeVersion) ?? ""
        self.kubeletVersion = try c.decodeIfPresent(String.self, forKey: .kubeletVersion) ?? ""
        self.kubeProxyVersion = try c.decodeIfPresent(String.self, forKey: .kubeProxyVersion) ?? ""
        self.operatingSystem = try c.decodeIfPresent(String.self, forKey: .operatingSystem) ?? ""
        self.architecture = try c.decodeIfPresent(String.self, forKey: .architecture) ?? ""
    }

    public static let requiredFields: Set<String> = ["machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture"]
}

public struct ContainerImage: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var names: [String]?
    public var sizeBytes: Int64?

    public init(
        names: [String]? = nil,
        sizeBytes: Int64? = nil
    ) {
        self.names = names
        self.sizeBytes = sizeBytes
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case names
        case sizeBytes
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.names = try c.decodeIfPresent([String].self, forKey: .names)
        self.sizeBytes = try c.decodeIfPresent(Int64.self, forKey: .sizeBytes)
    }

    public static let requiredFields: Set<String> = []
}

public struct AttachedVolume: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String
    public var devicePath: String

    public init(
        name: String = "",
        devicePath: String = ""
    ) {
        self.name = name
        self.devicePath = devicePath
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case devicePath
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.devicePath = try c.decodeIfPresent(String.self, forKey: .devicePath) ?? ""
    }

    public static let requiredFields: Set<String> = ["name", "devicePath"]
}
