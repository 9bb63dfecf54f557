/// A pod volume: a name and exactly one source.
public struct Volume: Codable, Sendable, Hashable, ZeroValue {
    public var name: String
    public var hostPath: HostPathVolumeSource?
    public var emptyDir: EmptyDirVolumeSource?
    public var secret: SecretVolumeSource?
    public var configMap: ConfigMapVolumeSource?
    public var downwardAPI: DownwardAPIVolumeSource?
    public var projected: ProjectedVolumeSource?
    public var persistentVolumeClaim: PersistentVolumeClaimVolumeSource?
    public var nfs: NFSVolumeSource?

    public init(
        name: String = "",
        hostPath: HostPathVolumeSource? = nil,
        emptyDir: EmptyDirVolumeSource? = nil,
        secret: SecretVolumeSource? = nil,
        configMap: ConfigMapVolumeSource? = nil,
        downwardAPI: DownwardAPIVolumeSource? = nil,
        projected: ProjectedVolumeSource? = nil,
        persistentVolumeClaim: PersistentVolumeClaimVolumeSource? = nil,
        nfs: NFSVolumeSource? = nil
    ) {
        self.name = name
        self.hostPath = hostPath
        self.emptyDir = emptyDir
        self.secret = secret
        self.configMap = configMap
        self.downwardAPI = downwardAPI
        self.projected = projected
        self.persistentVolumeClaim = persistentVolumeClaim
        self.nfs = nfs
    }

    public static var zero: Self { Self.init() }
}

public struct HostPathVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var path: String
    /// "", DirectoryOrCreate, Directory, FileOrCreate, File, Socket, CharDevice, BlockDevice.
    public var type: String?

    public init(
        path: String = "",
        type: String? = nil
    ) {
        self.path = path
        self.type = type
    }

    public static var zero: Self { Self.init() }
}

public struct EmptyDirVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var medium: String?
    public var sizeLimit: Quantity?

    public init(
        medium: String? = nil,
        sizeLimit: Quantity? = nil
    ) {
        self.medium = medium
        self.sizeLimit = sizeLimit
    }

    public static var zero: Self { Self.init() }
}

public struct SecretVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var secretName: String?
    public var items: [KeyToPath]?
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(
        secretName: String? = nil,
        items: [KeyToPath]? = nil,
        defaultMode: Int32? = nil,
        optional: Bool? = nil
    ) {
        self.secretName = secretName
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }

    public static var zero: Self { Self.init() }
}

public struct ConfigMapVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var name: String?
    public var items: [KeyToPath]?
    public var defaultMode: Int32?
    public var optional: Bool?

    public init(
        name: String? = nil,
        items: [KeyToPath]? = nil,
        defaultMode: Int32? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.items = items
        self.defaultMode = defaultMode
        self.optional = optional
    }

    public static var zero: Self { Self.init() }
}

public struct KeyToPath: Codable, Sendable, Hashable, ZeroValue {
    public var key: String
    public var path: String
    public var mode: Int32?

    public init(
        key: String = "",
        path: String = "",
        mode: Int32? = nil
    ) {
        self.key = key
        self.path = path
        self.mode = mode
    }

    public static var zero: Self { Self.init() }
}

public struct DownwardAPIVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var items: [DownwardAPIVolumeFile]?
    public var defaultMode: Int32?

    public init(
        items: [DownwardAPIVolumeFile]? = nil,
        defaultMode: Int32? = nil
    ) {
        self.items = items
        self.defaultMode = defaultMode
    }

    public static var zero: Self { Self.init() }
}

public struct DownwardAPIVolumeFile: Codable, Sendable, Hashable, ZeroValue {
    public var path: String
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var mode: Int32?

    public init(
        path: String = "",
        fieldRef: ObjectFieldSelector? = nil,
        resourceFieldRef: ResourceFieldSelector? = nil,
        mode: Int32? = nil
    ) {
        self.path = path
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.mode = mode
    }

    public static var zero: Self { Self.init() }
}

public struct ProjectedVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var sources: [VolumeProjection]?
    public var defaultMode: Int32?

    public init(
        sources: [VolumeProjection]? = nil,
        defaultMode: Int32? = nil
    ) {
        self.sources = sources
        self.defaultMode = defaultMode
    }

    public static var zero: Self { Self.init() }
}

public struct VolumeProjection: Codable, Sendable, Hashable, ZeroValue {
    public var secret: SecretProjection?
    public var downwardAPI: DownwardAPIProjection?
    public var configMap: ConfigMapProjection?
    public var serviceAccountToken: ServiceAccountTokenProjection?

    public init(
        secret: SecretProjection? = nil,
        downwardAPI: DownwardAPIProjection? = nil,
        configMap: ConfigMapProjection? = nil,
        serviceAccountToken: ServiceAccountTokenProjection? = nil
    ) {
        self.secret = secret
        self.downwardAPI = downwardAPI
        self.configMap = configMap
        self.serviceAccountToken = serviceAccountToken
    }

    public static var zero: Self { Self.init() }
}

public struct SecretProjection: Codable, Sendable, Hashable, ZeroValue {
    public var name: String?
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(
        name: String? = nil,
        items: [KeyToPath]? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.items = items
        self.optional = optional
    }

    public static var zero: Self { Self.init() }
}

public struct ConfigMapProjection: Codable, Sendable, Hashable, ZeroValue {
    public var name: String?
    public var items: [KeyToPath]?
    public var optional: Bool?

    public init(
        name: String? = nil,
        items: [KeyToPath]? = nil,
        optional: Bool? = nil
    ) {
        self.name = name
        self.items = items
        self.optional = optional
    }

    public static var zero: Self { Self.init() }
}

public struct DownwardAPIProjection: Codable, Sendable, Hashable, ZeroValue {
    public var items: [DownwardAPIVolumeFile]?

    public init(
        items: [DownwardAPIVolumeFile]? = nil
    ) {
        self.items = items
    }

    public static var zero: Self { Self.init() }
}

public struct ServiceAccountTokenProjection: Codable, Sendable, Hashable, ZeroValue {
    public var audience: String?
    public var expirationSeconds: Int64?
    public var path: String

    public init(
        audience: String? = nil,
        expirationSeconds: Int64? = nil,
        path: String = ""
    ) {
        self.audience = audience
        self.expirationSeconds = expirationSeconds
        self.path = path
    }

    public static var zero: Self { Self.init() }
}

public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var claimName: String
    public var readOnly: Bool?

    public init(
        claimName: String = "",
        readOnly: Bool? = nil
    ) {
        self.claimName = claimName
        self.readOnly = readOnly
    }

    public static var zero: Self { Self.init() }
}

public struct NFSVolumeSource: Codable, Sendable, Hashable, ZeroValue {
    public var server: String
    public var path: String
    public var readOnly: Bool?

    public init(
        server: String = "",
        path: String = "",
        readOnly: Bool? = nil
    ) {
        self.server = server
        self.path = path
        self.readOnly = readOnly
    }

    public static var zero: Self { Self.init() }
}
