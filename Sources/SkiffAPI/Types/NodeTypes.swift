/// v1 Node.
public struct Node: KubeObject, Hashable, ZeroValue {
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
}

public struct NodeSpec: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct Taint: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct NodeStatus: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct NodeCondition: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct NodeAddress: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct NodeDaemonEndpoints: Codable, Sendable, Hashable, ZeroValue {
    public var kubeletEndpoint: DaemonEndpoint?

    public init(
        kubeletEndpoint: DaemonEndpoint? = nil
    ) {
        self.kubeletEndpoint = kubeletEndpoint
    }

    public static var zero: Self { Self.init() }
}

/// The kubelet's port; Kubernetes spells this one field with a capital P.
public struct DaemonEndpoint: Codable, Sendable, Hashable, ZeroValue {
    public var Port: Int32

    public init(
        Port: Int32 = 0
    ) {
        self.Port = Port
    }

    public static var zero: Self { Self.init() }
}

public struct NodeSystemInfo: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ContainerImage: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct AttachedVolume: Codable, Sendable, Hashable, ZeroValue {
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
}
