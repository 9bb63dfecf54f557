/// v1 Service.
public struct Service: KubeObject, Hashable, ZeroValue {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Service", plural: "services", namespaced: true, shortNames: ["svc"], categories: ["all"], subresources: ["status", "proxy"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec
    public var status: ServiceStatus

    public init(
        apiVersion: String? = Service.resourceInfo.apiVersion,
        kind: String? = Service.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        spec: ServiceSpec = ServiceSpec.zero,
        status: ServiceStatus = ServiceStatus.zero
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public static var zero: Self { Self.init() }
}

public struct ServiceSpec: Codable, Sendable, Hashable, ZeroValue {
    public var ports: [ServicePort]?
    public var selector: [String: String]?
    public var clusterIP: String?
    public var clusterIPs: [String]?
    /// ClusterIP, NodePort, LoadBalancer, ExternalName.
    public var type: String?
    public var externalIPs: [String]?
    public var sessionAffinity: String?
    public var loadBalancerIP: String?
    public var loadBalancerSourceRanges: [String]?
    public var externalName: String?
    public var externalTrafficPolicy: String?
    public var healthCheckNodePort: Int32?
    public var publishNotReadyAddresses: Bool?
    public var sessionAffinityConfig: SessionAffinityConfig?
    public var ipFamilies: [String]?
    public var ipFamilyPolicy: String?
    public var allocateLoadBalancerNodePorts: Bool?
    public var loadBalancerClass: String?
    public var internalTrafficPolicy: String?
    public var trafficDistribution: String?

    public init(
        ports: [ServicePort]? = nil,
        selector: [String: String]? = nil,
        clusterIP: String? = nil,
        clusterIPs: [String]? = nil,
        type: String? = nil,
        externalIPs: [String]? = nil,
        sessionAffinity: String? = nil,
        loadBalancerIP: String? = nil,
        loadBalancerSourceRanges: [String]? = nil,
        externalName: String? = nil,
        externalTrafficPolicy: String? = nil,
        healthCheckNodePort: Int32? = nil,
        publishNotReadyAddresses: Bool? = nil,
        sessionAffinityConfig: SessionAffinityConfig? = nil,
        ipFamilies: [String]? = nil,
        ipFamilyPolicy: String? = nil,
        allocateLoadBalancerNodePorts: Bool? = nil,
        loadBalancerClass: String? = nil,
        internalTrafficPolicy: String? = nil,
        trafficDistribution: String? = nil
    ) {
        self.ports = ports
        self.selector = selector
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.type = type
        self.externalIPs = externalIPs
        self.sessionAffinity = sessionAffinity
        self.loadBalancerIP = loadBalancerIP
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.externalName = externalName
        self.externalTrafficPolicy = externalTrafficPolicy
        self.healthCheckNodePort = healthCheckNodePort
        self.publishNotReadyAddresses = publishNotReadyAddresses
        self.sessionAffinityConfig = sessionAffinityConfig
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts
        self.loadBalancerClass = loadBalancerClass
        self.internalTrafficPolicy = internalTrafficPolicy
        self.trafficDistribution = trafficDistribution
    }

    public static var zero: Self { Self.init() }
}

public struct ServicePort: Codable, Sendable, Hashable, ZeroValue {
    public var name: String?
    public var `protocol`: String?
    public var appProtocol: String?
    public var port: Int32
    public var targetPort: IntOrString?
    public var nodePort: Int32?

    public init(
        name: String? = nil,
        `protocol`: String? = nil,
        appProtocol: String? = nil,
        port: Int32 = 0,
        targetPort: IntOrString? = nil,
        nodePort: Int32? = nil
    ) {
        self.name = name
        self.protocol = `protocol`
        self.appProtocol = appProtocol
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }

    public static var zero: Self { Self.init() }
}

public struct SessionAffinityConfig: Codable, Sendable, Hashable, ZeroValue {
    public var clientIP: ClientIPConfig?

    public init(
        clientIP: ClientIPConfig? = nil
    ) {
        self.clientIP = clientIP
    }

    public static var zero: Self { Self.init() }
}

public struct ClientIPConfig: Codable, Sendable, Hashable, ZeroValue {
    public var timeoutSeconds: Int32?

    public init(
        timeoutSeconds: Int32? = nil
    ) {
        self.timeoutSeconds = timeoutSeconds
    }

    public static var zero: Self { Self.init() }
}

public struct ServiceStatus: Codable, Sendable, Hashable, ZeroValue {
    public var loadBalancer: LoadBalancerStatus?
    public var conditions: [Condition]?

    public init(
        loadBalancer: LoadBalancerStatus? = nil,
        conditions: [Condition]? = nil
    ) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }

    public static var zero: Self { Self.init() }
}

public struct LoadBalancerStatus: Codable, Sendable, Hashable, ZeroValue {
    public var ingress: [LoadBalancerIngress]?

    public init(
        ingress: [LoadBalancerIngress]? = nil
    ) {
        self.ingress = ingress
    }

    public static var zero: Self { Self.init() }
}

public struct LoadBalancerIngress: Codable, Sendable, Hashable, ZeroValue {
    public var ip: String?
    public var hostname: String?
    public var ipMode: String?
    public var ports: [PortStatus]?

    public init(
        ip: String? = nil,
        hostname: String? = nil,
        ipMode: String? = nil,
        ports: [PortStatus]? = nil
    ) {
        self.ip = ip
        self.hostname = hostname
        self.ipMode = ipMode
        self.ports = ports
    }

    public static var zero: Self { Self.init() }
}

public struct PortStatus: Codable, Sendable, Hashable, ZeroValue {
    public var port: Int32
    public var `protocol`: String
    public var error: String?

    public init(
        port: Int32 = 0,
        `protocol`: String = "",
        error: String? = nil
    ) {
        self.port = port
        self.protocol = `protocol`
        self.error = error
    }

    public static var zero: Self { Self.init() }
}

/// metav1.Condition, the standard condition shape of newer APIs.
public struct Condition: Codable, Sendable, Hashable, ZeroValue {
    public var type: String
    public var status: String
    public var observedGeneration: Int64?
    public var lastTransitionTime: Time?
    public var reason: String
    public var message: String

    public init(
        type: String = "",
        status: String = "",
        observedGeneration: Int64? = nil,
        lastTransitionTime: Time? = nil,
        reason: String = "",
        message: String = ""
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    public static var zero: Self { Self.init() }
}

/// v1 Endpoints: the ready and not-ready addresses behind a Service.
public struct Endpoints: KubeObject, Hashable, ZeroValue {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Endpoints", plural: "endpoints", namespaced: true, shortNames: ["ep"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var subsets: [EndpointSubset]?

    public init(
        apiVersion: String? = Endpoints.resourceInfo.apiVersion,
        kind: String? = Endpoints.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        subsets: [EndpointSubset]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.subsets = subsets
    }

    public static var zero: Self { Self.init() }
}

public struct EndpointSubset: Codable, Sendable, Hashable, ZeroValue {
    public var addresses: [EndpointAddress]?
    public var notReadyAddresses: [EndpointAddress]?
    public var ports: [EndpointPort]?

    public init(
        addresses: [EndpointAddress]? = nil,
        notReadyAddresses: [EndpointAddress]? = nil,
        ports: [EndpointPort]? = nil
    ) {
        self.addresses = addresses
        self.notReadyAddresses = notReadyAddresses
        self.ports = ports
    }

    public static var zero: Self { Self.init() }
}

public struct EndpointAddress: Codable, Sendable, Hashable, ZeroValue {
    public var ip: String
    public var hostname: String?
    public var nodeName: String?
    public var targetRef: ObjectReference?

    public init(
        ip: String = "",
        hostname: String? = nil,
        nodeName: String? = nil,
        targetRef: ObjectReference? = nil
    ) {
        self.ip = ip
        self.hostname = hostname
        self.nodeName = nodeName
        self.targetRef = targetRef
    }

    public static var zero: Self { Self.init() }
}

public struct EndpointPort: Codable, Sendable, Hashable, ZeroValue {
    public var name: String?
    public var port: Int32
    public var `protocol`: String?
    public var appProtocol: String?

    public init(
        name: String? = nil,
        port: Int32 = 0,
        `protocol`: String? = nil,
        appProtocol: String? = nil
    ) {
        self.name = name
        self.port = port
        self.protocol = `protocol`
        self.appProtocol = appProtocol
    }

    public static var zero: Self { Self.init() }
}
