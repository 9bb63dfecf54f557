/// v1 Service.
public struct Service: KubeObject, Hashable, ZeroValue, RequiredFields {
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
        self.spec = try c.decodeIfPresent(ServiceSpec.self, forKey: .spec) ?? ServiceSpec.zero
        self.status = try c.decodeIfPresent(ServiceStatus.self, forKey: .status) ?? ServiceStatus.zero
    }

    public static let requiredFields: Set<String> = []
}

public struct ServiceSpec: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case ports
        case selector
        case clusterIP
        case clusterIPs
        case type
        case externalIPs
        case sessionAffinity
        case loadBalancerIP
        case loadBalancerSourceRanges
        case externalName
        case externalTrafficPolicy
        case healthCheckNodePort
        case publishNotReadyAddresses
        case sessionAffinityConfig
        case ipFamilies
        case ipFamilyPolicy
        case allocateLoadBalancerNodePorts
        case loadBalancerClass
        case internalTrafficPolicy
        case trafficDistribution
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ports = try c.decodeIfPresent([ServicePort].self, forKey: .ports)
        self.selector = try c.decodeIfPresent([String: String].self, forKey: .selector)
        self.clusterIP = try c.decodeIfPresent(String.self, forKey: .clusterIP)
        self.clusterIPs = try c.decodeIfPresent([String].self, forKey: .clusterIPs)
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
        self.externalIPs = try c.decodeIfPresent([String].self, forKey: .externalIPs)
        self.sessionAffinity = try c.decodeIfPresent(String.self, forKey: .sessionAffinity)
        self.loadBalancerIP = try c.decodeIfPresent(String.self, forKey: .loadBalancerIP)
        self.loadBalancerSourceRanges = try c.decodeIfPresent([String].self, forKey: .loadBalancerSourceRanges)
        self.externalName = try c.decodeIfPresent(String.self, forKey: .externalName)
        self.externalTrafficPolicy = try c.decodeIfPresent(String.self, forKey: .externalTrafficPolicy)
        self.healthCheckNodePort = try c.decodeIfPresent(Int32.self, forKey: .healthCheckNodePort)
        self.publishNotReadyAddresses = try c.decodeIfPresent(Bool.self, forKey: .publishNotReadyAddresses)
        self.sessionAffinityConfig = try c.decodeIfPresent(SessionAffinityConfig.self, forKey: .sessionAffinityConfig)
        self.ipFamilies = try c.decodeIfPresent([String].self, forKey: .ipFamilies)
        self.ipFamilyPolicy = try c.decodeIfPresent(String.self, forKey: .ipFamilyPolicy)
        self.allocateLoadBalancerNodePorts = try c.decodeIfPresent(Bool.self, forKey: .allocateLoadBalancerNodePorts)
        self.loadBalancerClass = try c.decodeIfPresent(String.self, forKey: .loadBalancerClass)
        self.internalTrafficPolicy = try c.decodeIfPresent(String.self, forKey: .internalTrafficPolicy)
        self.trafficDistribution = try c.decodeIfPresent(String.self, forKey: .trafficDistribution)
    }

    public static let requiredFields: Set<String> = []
}

public struct ServicePort: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case `protocol`
        case appProtocol
        case port
        case targetPort
        case nodePort
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.protocol = try c.decodeIfPresent(String.self, forKey: .`protocol`)
        self.appProtocol = try c.decodeIfPresent(String.self, forKey: .appProtocol)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        self.targetPort = try c.decodeIfPresent(IntOrString.self, forKey: .targetPort)
        self.nodePort = try c.decodeIfPresent(Int32.self, forKey: .nodePort)
    }

    public static let requiredFields: Set<String> = ["port"]
}

public struct SessionAffinityConfig: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var clientIP: ClientIPConfig?

    public init(
        clientIP: ClientIPConfig? = nil
    ) {
        self.clientIP = clientIP
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case clientIP
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.clientIP = try c.decodeIfPresent(ClientIPConfig.self, forKey: .clientIP)
    }

    public static let requiredFields: Set<String> = []
}

public struct ClientIPConfig: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var timeoutSeconds: Int32?

    public init(
        timeoutSeconds: Int32? = nil
    ) {
        self.timeoutSeconds = timeoutSeconds
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case timeoutSeconds
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.timeoutSeconds = try c.decodeIfPresent(Int32.self, forKey: .timeoutSeconds)
    }

    public static let requiredFields: Set<String> = []
}

public struct ServiceStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case loadBalancer
        case conditions
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.loadBalancer = try c.decodeIfPresent(LoadBalancerStatus.self, forKey: .loadBalancer)
        self.conditions = try c.decodeIfPresent([Condition].self, forKey: .conditions)
    }

    public static let requiredFields: Set<String> = []
}

public struct LoadBalancerStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var ingress: [LoadBalancerIngress]?

    public init(
        ingress: [LoadBalancerIngress]? = nil
    ) {
        self.ingress = ingress
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case ingress
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ingress = try c.decodeIfPresent([LoadBalancerIngress].self, forKey: .ingress)
    }

    public static let requiredFields: Set<String> = []
}

public struct LoadBalancerIngress: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case ip
        case hostname
        case ipMode
        case ports
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip)
        self.hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        self.ipMode = try c.decodeIfPresent(String.self, forKey: .ipMode)
        self.ports = try c.decodeIfPresent([PortStatus].self, forKey: .ports)
    }

    public static let requiredFields: Set<String> = []
}

public struct PortStatus: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case port
        case `protocol`
        case error
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        self.protocol = try c.decodeIfPresent(String.self, forKey: .`protocol`) ?? ""
        self.error = try c.decodeIfPresent(String.self, forKey: .error)
    }

    public static let requiredFields: Set<String> = ["port", "protocol"]
}

/// metav1.Condition, the standard condition shape of newer APIs.
public struct Condition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case observedGeneration
        case lastTransitionTime
        case reason
        case message
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        self.message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
    }

    public static let requiredFields: Set<String> = ["type", "status", "reason", "message"]
}

/// v1 Endpoints: the ready and not-ready addresses behind a Service.
public struct Endpoints: KubeObject, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case subsets
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.subsets = try c.decodeIfPresent([EndpointSubset].self, forKey: .subsets)
    }

    public static let requiredFields: Set<String> = []
}

public struct EndpointSubset: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case addresses
        case notReadyAddresses
        case ports
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.addresses = try c.decodeIfPresent([EndpointAddress].self, forKey: .addresses)
        self.notReadyAddresses = try c.decodeIfPresent([EndpointAddress].self, forKey: .notReadyAddresses)
        self.ports = try c.decodeIfPresent([EndpointPort].self, forKey: .ports)
    }

    public static let requiredFields: Set<String> = []
}

public struct EndpointAddress: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case ip
        case hostname
        case nodeName
        case targetRef
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
        self.hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        self.nodeName = try c.decodeIfPresent(String.self, forKey: .nodeName)
        self.targetRef = try c.decodeIfPresent(ObjectReference.self, forKey: .targetRef)
    }

    public static let requiredFields: Set<String> = ["ip"]
}

public struct EndpointPort: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case port
        case `protocol`
        case appProtocol
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        self.protocol = try c.decodeIfPresent(String.self, forKey: .`protocol`)
        self.appProtocol = try c.decodeIfPresent(String.self, forKey: .appProtocol)
    }

    public static let requiredFields: Set<String> = ["port"]
}
