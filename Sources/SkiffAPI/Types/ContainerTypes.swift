/// A container of a pod (core/v1 Container).
public struct Container: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var ports: [ContainerPort]?
    public var envFrom: [EnvFromSource]?
    public var env: [EnvVar]?
    public var resources: ResourceRequirements?
    public var resizePolicy: [ContainerResizePolicy]?
    /// Always for restartable init containers (sidecars).
    public var restartPolicy: String?
    public var volumeMounts: [VolumeMount]?
    public var volumeDevices: [VolumeDevice]?
    public var livenessProbe: Probe?
    public var readinessProbe: Probe?
    public var startupProbe: Probe?
    public var lifecycle: Lifecycle?
    public var terminationMessagePath: String?
    public var terminationMessagePolicy: String?
    public var imagePullPolicy: String?
    public var securityContext: SecurityContext?
    public var stdin: Bool?
    public var stdinOnce: Bool?
    public var tty: Bool?

    public init(
        name: String = "",
        image: String? = nil,
        command: [String]? = nil,
        args: [String]? = nil,
        workingDir: String? = nil,
        ports: [ContainerPort]? = nil,
        envFrom: [EnvFromSource]? = nil,
        env: [EnvVar]? = nil,
        resources: ResourceRequirements? = nil,
        resizePolicy: [ContainerResizePolicy]? = nil,
        restartPolicy: String? = nil,
        volumeMounts: [VolumeMount]? = nil,
        volumeDevices: [VolumeDevice]? = nil,
        livenessProbe: Probe? = nil,
        readinessProbe: Probe? = nil,
        startupProbe: Probe? = nil,
        lifecycle: Lifecycle? = nil,
        terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil,
        imagePullPolicy: String? = nil,
        securityContext: SecurityContext? = nil,
        stdin: Bool? = nil,
        stdinOnce: Bool? = nil,
        tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.resizePolicy = resizePolicy
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.volumeDevices = volumeDevices
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case image
        case command
        case args
        case workingDir
        case ports
        case envFrom
        case env
        case resources
        case resizePolicy
        case restartPolicy
        case volumeMounts
        case volumeDevices
        case livenessProbe
        case readinessProbe
        case startupProbe
        case lifecycle
        case terminationMessagePath
        case terminationMessagePolicy
        case imagePullPolicy
        case securityContext
        case stdin
        case stdinOnce
        case tty
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.image = try c.decodeIfPresent(String.self, forKey: .image)
        self.command = try c.decodeIfPresent([String].self, forKey: .command)
        self.args = try c.decodeIfPresent([String].self, forKey: .args)
        self.workingDir = try c.decodeIfPresent(String.self, forKey: .workingDir)
        self.ports = try c.decodeIfPresent([ContainerPort].self, forKey: .ports)
        self.envFrom = try c.decodeIfPresent([EnvFromSource].self, forKey: .envFrom)
        self.env = try c.decodeIfPresent([EnvVar].self, forKey: .env)
        self.resources = try c.decodeIfPresent(ResourceRequirements.self, forKey: .resources)
        self.resizePolicy = try c.decodeIfPresent([ContainerResizePolicy].self, forKey: .resizePolicy)
        self.restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy)
        self.volumeMounts = try c.decodeIfPresent([VolumeMount].self, forKey: .volumeMounts)
        self.volumeDevices = try c.decodeIfPresent([VolumeDevice].self, forKey: .volumeDevices)
        self.livenessProbe = try c.decodeIfPresent(Probe.self, forKey: .livenessProbe)
        self.readinessProbe = try c.decodeIfPresent(Probe.self, forKey: .readinessProbe)
        self.startupProbe = try c.decodeIfPresent(Probe.self, forKey: .startupProbe)
        self.lifecycle = try c.decodeIfPresent(Lifecycle.self, forKey: .lifecycle)
        self.terminationMessagePath = try c.decodeIfPresent(String.self, forKey: .terminationMessagePath)
        self.terminationMessagePolicy = try c.decodeIfPresent(String.self, forKey: .terminationMessagePolicy)
        self.imagePullPolicy = try c.decodeIfPresent(String.self, forKey: .imagePullPolicy)
        self.securityContext = try c.decodeIfPresent(SecurityContext.self, forKey: .securityContext)
        self.stdin = try c.decodeIfPresent(Bool.self, forKey: .stdin)
        self.stdinOnce = try c.decodeIfPresent(Bool.self, forKey: .stdinOnce)
        self.tty = try c.decodeIfPresent(Bool.self, forKey: .tty)
    }

    public static let requiredFields: Set<String> = ["name"]
}

public struct ContainerPort: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String?
    public var hostPort: Int32?
    public var containerPort: Int32
    public var `protocol`: String?
    public var hostIP: String?

    public init(
        name: String? = nil,
        hostPort: Int32? = nil,
        containerPort: Int32 = 0,
        `protocol`: String? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.protocol = `protocol`
        self.hostIP = hostIP
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case hostPort
        case containerPort
        case `protocol`
        case hostIP
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.hostPort = try c.decodeIfPresent(Int32.self, forKey: .hostPort)
        self.containerPort = try c.decodeIfPresent(Int32.self, forKey: .containerPort) ?? 0
        self.protocol = try c.decodeIfPresent(String.self, forKey: .`protocol`)
        self.hostIP = try c.decodeIfPresent(String.self, forKey: .hostIP)
    }

    public static let requiredFields: Set<String> = ["containerPort"]
}

public struct EnvVar: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String
    public var value: String?
    public var valueFrom: EnvVarSource?

    public init(
        name: String = "",
        value: String? = nil,
        valueFrom: EnvVarSource? = nil
    ) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case value
        case valueFrom
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.value = try c.decodeIfPresent(String.self, forKey: .value)
        self.valueFrom = try c.decodeIfPresent(EnvVarSource.self, forKey: .valueFrom)
    }

    public static let requiredFields: Set<String> = ["name"]
}

public struct EnvVarSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var configMapKeyRef: ConfigMapKeySelector?
    public var secretKeyRef: SecretKeySelector?

    public init(
        fieldRef: ObjectFieldSelector? = nil,
        resourceFieldRef: ResourceFieldSelector? = nil,
        configMapKeyRef: ConfigMapKeySelector? = nil,
        secretKeyRef: SecretKeySelector? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case fieldRef
        case resourceFieldRef
        case configMapKeyRef
        case secretKeyRef
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.fieldRef = try c.decodeIfPresent(ObjectFieldSelector.self, forKey: .fieldRef)
        self.resourceFieldRef = try c.decodeIfPresent(ResourceFieldSelector.self, forKey: .resourceFieldRef)
        self.configMapKeyRef = try c.decodeIfPresent(ConfigMapKeySelector.self, forKey: .configMapKeyRef)
        self.secretKeyRef = try c.decodeIfPresent(SecretKeySelector.self, forKey: .secretKeyRef)
    }

    public static let requiredFields: Set<String> = []
}

public struct ObjectFieldSelector: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var apiVersion: String?
    public var fieldPath: String

    public init(
        apiVersion: String? = nil,
        fieldPath: String = ""
    ) {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case fieldPath
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.fieldPath = try c.decodeIfPresent(String.self, forKey: .fieldPath) ?? ""
    }

    public static let requiredFields: Set<String> = ["fieldPath"]
}

public struct ResourceFieldSelector: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var containerName: String?
    public var resource: String
    public var divisor: Quantity?

    public init(
        containerName: String? = nil,
        resource: String = "",
        divisor: Quantity? = nil
    ) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case containerName
        case resource
        case divisor
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.containerName = try c.decodeIfPresent(String.self, forKey: .containerName)
        self.resource = try c.decodeIfPresent(String.self, forKey: .resource) ?? ""
        self.divisor = try c.decodeIfPresent(Quantity.self, forKey: .divisor)
    }

    public static let requiredFields: Set<String> = ["resource"]
}

public struct ConfigMapKeySelector: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(
        name: String? = nil,
        key: String = "",
        optional: Bool? = nil
    ) {
        self.name = name
        self.key = key
        self.optional = optional
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case key
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = ["key"]
}

public struct SecretKeySelector: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(
        name: String? = nil,
        key: String = "",
        optional: Bool? = nil
    ) {
        self.name = name
        self.key = key
        self.optional = optional
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case key
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = ["key"]
}

public struct EnvFromSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var prefix: String?
    public var configMapRef: ConfigMapEnvSource?
    public var secretRef: SecretEnvSource?

    public init(
        prefix: String? = nil,
        configMapRef: ConfigMapEnvSource? = nil,
        secretRef: SecretEnvSource? = nil
    ) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case prefix
        case configMapRef
        case secretRef
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.prefix = try c.decodeIfPresent(String.self, forKey: .prefix)
        self.configMapRef = try c.decodeIfPresent(ConfigMapEnvSource.self, forKey: .configMapRef)
        self.secretRef = try c.decodeIfPresent(SecretEnvSource.self, forKey: .secretRef)
    }

    public static let requiredFields: Set<String> = []
}

public struct ConfigMapEnvSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String?
    public var optional: Bool?

    public init(
        name: String? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.optional = optional
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = []
}

public struct SecretEnvSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String?
    public var optional: Bool?

    public init(
        name: String? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.optional = optional
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = []
}

/// Limits and requests by resource name ("cpu", "memory", "ephemeral-storage", ...).
public struct ResourceRequirements: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var limits: [String: Quantity]?
    public var requests: [String: Quantity]?
    public var claims: [ResourceClaim]?

    public init(
        limits: [String: Quantity]? = nil,
        requests: [String: Quantity]? = nil,
        claims: [ResourceClaim]? = nil
    ) {
        self.limits = limits
        self.requests = requests
        self.claims = claims
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case limits
        case requests
        case claims
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.limits = try c.decodeIfPresent([String: Quantity].self, forKey: .limits)
        self.requests = try c.decodeIfPresent([String: Quantity].self, forKey: .requests)
        self.claims = try c.decodeIfPresent([ResourceClaim].self, forKey: .claims)
    }

    public static let requiredFields: Set<String> = []
}

public struct ResourceClaim: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String
    public var request: String?

    public init(
        name: String = "",
        request: String? = nil
    ) {
        self.name = name
        self.request = request
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case request
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.request = try c.decodeIfPresent(String.self, forKey: .request)
    }

    public static let requiredFields: Set<String> = ["name"]
}

public struct ContainerResizePolicy: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var resourceName: String
    public var restartPolicy: String

    public init(
        resourceName: String = "",
        restartPolicy: String = ""
    ) {
        self.resourceName = resourceName
        self.restartPolicy = restartPolicy
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case resourceName
        case restartPolicy
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.resourceName = try c.decodeIfPresent(String.self, forKey: .resourceName) ?? ""
        self.restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy) ?? ""
    }

    public static let requiredFields: Set<String> = ["resourceName", "restartPolicy"]
}

public struct VolumeMount: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String
    public var readOnly: Bool?
    public var recursiveReadOnly: String?
    public var mountPath: String
    public var subPath: String?
    public var mountPropagation: String?
    public var subPathExpr: String?

    public init(
        name: String = "",
        readOnly: Bool? = nil,
        recursiveReadOnly: String? = nil,
        mountPath: String = "",
        subPath: String? = nil,
        mountPropagation: String? = nil,
        subPathExpr: String? = nil
    ) {
        self.name = name
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
        self.mountPath = mountPath
        self.subPath = subPath
        self.mountPropagation = mountPropagation
        self.subPathExpr = subPathExpr
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case readOnly
        case recursiveReadOnly
        case mountPath
        case subPath
        case mountPropagation
        case subPathExpr
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
        self.recursiveReadOnly = try c.decodeIfPresent(String.self, forKey: .recursiveReadOnly)
        self.mountPath = try c.decodeIfPresent(String.self, forKey: .mountPath) ?? ""
        self.subPath = try c.decodeIfPresent(String.self, forKey: .subPath)
        self.mountPropagation = try c.decodeIfPresent(String.self, forKey: .mountPropagation)
        self.subPathExpr = try c.decodeIfPresent(String.self, forKey: .subPathExpr)
    }

    public static let requiredFields: Set<String> = ["name", "mountPath"]
}

public struct VolumeDevice: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

public struct Probe: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    public var tcpSocket: TCPSocketAction?
    public var grpc: GRPCAction?
    public var initialDelaySeconds: Int32?
    public var timeoutSeconds: Int32?
    public var periodSeconds: Int32?
    public var successThreshold: Int32?
    public var failureThreshold: Int32?
    public var terminationGracePeriodSeconds: Int64?

    public init(
        exec: ExecAction? = nil,
        httpGet: HTTPGetAction? = nil,
        tcpSocket: TCPSocketAction? = nil,
        grpc: GRPCAction? = nil,
        initialDelaySeconds: Int32? = nil,
        timeoutSeconds: Int32? = nil,
        periodSeconds: Int32? = nil,
        successThreshold: Int32? = nil,
        failureThreshold: Int32? = nil,
        terminationGracePeriodSeconds: Int64? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.grpc = grpc
        self.initialDelaySeconds = initialDelaySeconds
        self.timeoutSeconds = timeoutSeconds
        self.periodSeconds = periodSeconds
        self.successThreshold = successThreshold
        self.failureThreshold = failureThreshold
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case exec
        case httpGet
        case tcpSocket
        case grpc
        case initialDelaySeconds
        case timeoutSeconds
        case periodSeconds
        case successThreshold
        case failureThreshold
        case terminationGracePeriodSeconds
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.exec = try c.decodeIfPresent(ExecAction.self, forKey: .exec)
        self.httpGet = try c.decodeIfPresent(HTTPGetAction.self, forKey: .httpGet)
        self.tcpSocket = try c.decodeIfPresent(TCPSocketAction.self, forKey: .tcpSocket)
        self.grpc = try c.decodeIfPresent(GRPCAction.self, forKey: .grpc)
        self.initialDelaySeconds = try c.decodeIfPresent(Int32.self, forKey: .initialDelaySeconds)
        self.timeoutSeconds = try c.decodeIfPresent(Int32.self, forKey: .timeoutSeconds)
        self.periodSeconds = try c.decodeIfPresent(Int32.self, forKey: .periodSeconds)
        self.successThreshold = try c.decodeIfPresent(Int32.self, forKey: .successThreshold)
        self.failureThreshold = try c.decodeIfPresent(Int32.self, forKey: .failureThreshold)
        self.terminationGracePeriodSeconds = try c.decodeIfPresent(Int64.self, forKey: .terminationGracePeriodSeconds)
    }

    public static let requiredFields: Set<String> = []
}

public struct ExecAction: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var command: [String]?

    public init(
        command: [String]? = nil
    ) {
        self.command = command
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case command
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.command = try c.decodeIfPresent([String].self, forKey: .command)
    }

    public static let requiredFields: Set<String> = []
}

public struct HTTPGetAction: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var path: String?
    public var port: IntOrString
    public var host: String?
    public var scheme: String?
    public var httpHeaders: [HTTPHeader]?

    public init(
        path: String? = nil,
        port: IntOrString = IntOrString.zero,
        host: String? = nil,
        scheme: String? = nil,
        httpHeaders: [HTTPHeader]? = nil
    ) {
        self.path = path
        self.port = port
        self.host = host
        self.scheme = scheme
        self.httpHeaders = httpHeaders
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case path
        case port
        case host
        case scheme
        case httpHeaders
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.path = try c.decodeIfPresent(String.self, forKey: .path)
        self.port = try c.decodeIfPresent(IntOrString.self, forKey: .port) ?? IntOrString.zero
        self.host = try c.decodeIfPresent(String.self, forKey: .host)
        self.scheme = try c.decodeIfPresent(String.self, forKey: .scheme)
        self.httpHeaders = try c.decodeIfPresent([HTTPHeader].self, forKey: .httpHeaders)
    }

    public static let requiredFields: Set<String> = ["port"]
}

public struct HTTPHeader: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

public struct TCPSocketAction: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var port: IntOrString
    public var host: String?

    public init(
        port: IntOrString = IntOrString.zero,
        host: String? = nil
    ) {
        self.port = port
        self.host = host
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case port
        case host
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.port = try c.decodeIfPresent(IntOrString.self, forKey: .port) ?? IntOrString.zero
        self.host = try c.decodeIfPresent(String.self, forKey: .host)
    }

    public static let requiredFields: Set<String> = ["port"]
}

public struct GRPCAction: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var port: Int32
    public var service: String?

    public init(
        port: Int32 = 0,
        service: String? = nil
    ) {
        self.port = port
        self.service = service
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case port
        case service
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        self.service = try c.decodeIfPresent(String.self, forKey: .service)
    }

    public static let requiredFields: Set<String> = ["port"]
}

public struct Lifecycle: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var postStart: LifecycleHandler?
    public var preStop: LifecycleHandler?
    public var stopSignal: String?

    public init(
        postStart: LifecycleHandler? = nil,
        preStop: LifecycleHandler? = nil,
        stopSignal: String? = nil
    ) {
        self.postStart = postStart
        self.preStop = preStop
        self.stopSignal = stopSignal
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case postStart
        case preStop
        case stopSignal
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.postStart = try c.decodeIfPresent(LifecycleHandler.self, forKey: .postStart)
        self.preStop = try c.decodeIfPresent(LifecycleHandler.self, forKey: .preStop)
        self.stopSignal = try c.decodeIfPresent(String.self, forKey: .stopSignal)
    }

    public static let requiredFields: Set<String> = []
}

public struct LifecycleHandler: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var exec: ExecAction?
    public var httpGet: HTTPGetAction?
    public var tcpSocket: TCPSocketAction?
    public var sleep: SleepAction?

    public init(
        exec: ExecAction? = nil,
        httpGet: HTTPGetAction? = nil,
        tcpSocket: TCPSocketAction? = nil,
        sleep: SleepAction? = nil
    ) {
        self.exec = exec
        self.httpGet = httpGet
        self.tcpSocket = tcpSocket
        self.sleep = sleep
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case exec
        case httpGet
        case tcpSocket
        case sleep
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.exec = try c.decodeIfPresent(ExecAction.self, forKey: .exec)
        self.httpGet = try c.decodeIfPresent(HTTPGetAction.self, forKey: .httpGet)
        self.tcpSocket = try c.decodeIfPresent(TCPSocketAction.self, forKey: .tcpSocket)
        self.sleep = try c.decodeIfPresent(SleepAction.self, forKey: .sleep)
    }

    public static let requiredFields: Set<String> = []
}

public struct SleepAction: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var seconds: Int64

    public init(
        seconds: Int64 = 0
    ) {
        self.seconds = seconds
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case seconds
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.seconds = try c.decodeIfPresent(Int64.self, forKey: .seconds) ?? 0
    }

    public static let requiredFields: Set<String> = ["seconds"]
}

public struct SecurityContext: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var capabilities: Capabilities?
    public var privileged: Bool?
    public var seLinuxOptions: SELinuxOptions?
    public var runAsUser: Int64?
    public var runAsGroup: Int64?
    public var runAsNonRoot: Bool?
    public var readOnlyRootFilesystem: Bool?
    public var allowPrivilegeEscalation: Bool?
    public var procMount: String?
    public var seccompProfile: SeccompProfile?
    public var appArmorProfile: AppArmorProfile?

    public init(
        capabilities: Capabilities? = nil,
        privileged: Bool? = nil,
        seLinuxOptions: SELinuxOptions? = nil,
        runAsUser: Int64? = nil,
        runAsGroup: Int64? = nil,
        runAsNonRoot: Bool? = nil,
        readOnlyRootFilesystem: Bool? = nil,
        allowPrivilegeEscalation: Bool? = nil,
        procMount: String? = nil,
        seccompProfile: SeccompProfile? = nil,
        appArmorProfile: AppArmorProfile? = nil
    ) {
        self.capabilities = capabilities
        self.privileged = privileged
        self.seLinuxOptions = seLinuxOptions
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.procMount = procMount
        self.seccompProfile = seccompProfile
        self.appArmorProfile = appArmorProfile
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case capabilities
        case privileged
        case seLinuxOptions
        case runAsUser
        case runAsGroup
        case runAsNonRoot
        case readOnlyRootFilesystem
        case allowPrivilegeEscalation
        case procMount
        case seccompProfile
        case appArmorProfile
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.capabilities = try c.decodeIfPresent(Capabilities.self, forKey: .capabilities)
        self.privileged = try c.decodeIfPresent(Bool.self, forKey: .privileged)
        self.seLinuxOptions = try c.decodeIfPresent(SELinuxOptions.self, forKey: .seLinuxOptions)
        self.runAsUser = try c.decodeIfPresent(Int64.self, forKey: .runAsUser)
        self.runAsGroup = try c.decodeIfPresent(Int64.self, forKey: .runAsGroup)
        self.runAsNonRoot = try c.decodeIfPresent(Bool.self, forKey: .runAsNonRoot)
        self.readOnlyRootFilesystem = try c.decodeIfPresent(Bool.self, forKey: .readOnlyRootFilesystem)
        self.allowPrivilegeEscalation = try c.decodeIfPresent(Bool.self, forKey: .allowPrivilegeEscalation)
        self.procMount = try c.decodeIfPresent(String.self, forKey: .procMount)
        self.seccompProfile = try c.decodeIfPresent(SeccompProfile.self, forKey: .seccompProfile)
        self.appArmorProfile = try c.decodeIfPresent(AppArmorProfile.self, forKey: .appArmorProfile)
    }

    public static let requiredFields: Set<String> = []
}

public struct Capabilities: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var add: [String]?
    public var drop: [String]?

    public init(
        add: [String]? = nil,
        drop: [String]? = nil
    ) {
        self.add = add
        self.drop = drop
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case add
        case drop
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.add = try c.decodeIfPresent([String].self, forKey: .add)
        self.drop = try c.decodeIfPresent([String].self, forKey: .drop)
    }

    public static let requiredFields: Set<String> = []
}

public struct SELinuxOptions: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var user: String?
    public var role: String?
    public var type: String?
    public var level: String?

    public init(
        user: String? = nil,
        role: String? = nil,
        type: String? = nil,
        level: String? = nil
    ) {
        self.user = user
        self.role = role
        self.type = type
        self.level = level
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case user
        case role
        case type
        case level
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.user = try c.decodeIfPresent(String.self, forKey: .user)
        self.role = try c.decodeIfPresent(String.self, forKey: .role)
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
        self.level = try c.decodeIfPresent(String.self, forKey: .level)
    }

    public static let requiredFields: Set<String> = []
}

public struct SeccompProfile: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var type: String
    public var localhostProfile: String?

    public init(
        type: String = "",
        localhostProfile: String? = nil
    ) {
        self.type = type
        self.localhostProfile = localhostProfile
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case type
        case localhostProfile
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.localhostProfile = try c.decodeIfPresent(String.self, forKey: .localhostProfile)
    }

    public static let requiredFields: Set<String> = ["type"]
}

public struct AppArmorProfile: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var type: String
    public var localhostProfile: String?

    public init(
        type: String = "",
        localhostProfile: String? = nil
    ) {
        self.type = type
        self.localhostProfile = localhostProfile
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case type
        case localhostProfile
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.localhostProfile = try c.decodeIfPresent(String.self, forKey: .localhostProfile)
    }

    public static let requiredFields: Set<String> = ["type"]
}
