/// A container of a pod (core/v1 Container).
public struct Container: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ContainerPort: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct EnvVar: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct EnvVarSource: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ObjectFieldSelector: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ResourceFieldSelector: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ConfigMapKeySelector: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct SecretKeySelector: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct EnvFromSource: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ConfigMapEnvSource: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct SecretEnvSource: Codable, Sendable, Hashable, ZeroValue {
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
}

/// Limits and requests by resource name ("cpu", "memory", "ephemeral-storage", ...).
public struct ResourceRequirements: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ResourceClaim: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ContainerResizePolicy: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct VolumeMount: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct VolumeDevice: Codable, Sendable, Hashable, ZeroValue {
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

public struct Probe: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ExecAction: Codable, Sendable, Hashable, ZeroValue {
    public var command: [String]?

    public init(
        command: [String]? = nil
    ) {
        self.command = command
    }

    public static var zero: Self { Self.init() }
}

public struct HTTPGetAction: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct HTTPHeader: Codable, Sendable, Hashable, ZeroValue {
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

public struct TCPSocketAction: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct GRPCAction: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct Lifecycle: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct LifecycleHandler: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct SleepAction: Codable, Sendable, Hashable, ZeroValue {
    public var seconds: Int64

    public init(
        seconds: Int64 = 0
    ) {
        self.seconds = seconds
    }

    public static var zero: Self { Self.init() }
}

public struct SecurityContext: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct Capabilities: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct SELinuxOptions: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct SeccompProfile: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct AppArmorProfile: Codable, Sendable, Hashable, ZeroValue {
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
}
