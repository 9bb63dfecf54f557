/// A pod volume: a name and exactly one source.
public struct Volume: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case hostPath
        case emptyDir
        case secret
        case configMap
        case downwardAPI
        case projected
        case persistentVolumeClaim
        case nfs
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.hostPath = try c.decodeIfPresent(HostPathVolumeSource.self, forKey: .hostPath)
        self.emptyDir = try c.decodeIfPresent(EmptyDirVolumeSource.self, forKey: .emptyDir)
        self.secret = try c.decodeIfPresent(SecretVolumeSource.self, forKey: .secret)
        self.configMap = try c.decodeIfPresent(ConfigMapVolumeSource.self, forKey: .configMap)
        self.downwardAPI = try c.decodeIfPresent(DownwardAPIVolumeSource.self, forKey: .downwardAPI)
        self.projected = try c.decodeIfPresent(ProjectedVolumeSource.self, forKey: .projected)
        self.persistentVolumeClaim = try c.decodeIfPresent(PersistentVolumeClaimVolumeSource.self, forKey: .persistentVolumeClaim)
        self.nfs = try c.decodeIfPresent(NFSVolumeSource.self, forKey: .nfs)
    }

    public static let requiredFields: Set<String> = ["name"]
}

public struct HostPathVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case path
        case type
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
    }

    public static let requiredFields: Set<String> = ["path"]
}

public struct EmptyDirVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case medium
        case sizeLimit
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.medium = try c.decodeIfPresent(String.self, forKey: .medium)
        self.sizeLimit = try c.decodeIfPresent(Quantity.self, forKey: .sizeLimit)
    }

    public static let requiredFields: Set<String> = []
}

public struct SecretVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case secretName
        case items
        case defaultMode
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.secretName = try c.decodeIfPresent(String.self, forKey: .secretName)
        self.items = try c.decodeIfPresent([KeyToPath].self, forKey: .items)
        self.defaultMode = try c.decodeIfPresent(Int32.self, forKey: .defaultMode)
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = []
}

public struct ConfigMapVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case items
        case defaultMode
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.items = try c.decodeIfPresent([KeyToPath].self, forKey: .items)
        self.defaultMode = try c.decodeIfPresent(Int32.self, forKey: .defaultMode)
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = []
}

public struct KeyToPath: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case key
        case path
        case mode
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.mode = try c.decodeIfPresent(Int32.self, forKey: .mode)
    }

    public static let requiredFields: Set<String> = ["key", "path"]
}

public struct DownwardAPIVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case items
        case defaultMode
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.items = try c.decodeIfPresent([DownwardAPIVolumeFile].self, forKey: .items)
        self.defaultMode = try c.decodeIfPresent(Int32.self, forKey: .defaultMode)
    }

    public static let requiredFields: Set<String> = []
}

public struct DownwardAPIVolumeFile: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case path
        case fieldRef
        case resourceFieldRef
        case mode
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.fieldRef = try c.decodeIfPresent(ObjectFieldSelector.self, forKey: .fieldRef)
        self.resourceFieldRef = try c.decodeIfPresent(ResourceFieldSelector.self, forKey: .resourceFieldRef)
        self.mode = try c.decodeIfPresent(Int32.self, forKey: .mode)
    }

    public static let requiredFields: Set<String> = ["path"]
}

public struct ProjectedVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case sources
        case defaultMode
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.sources = try c.decodeIfPresent([VolumeProjection].self, forKey: .sources)
        self.defaultMode = try c.decodeIfPresent(Int32.self, forKey: .defaultMode)
    }

    public static let requiredFields: Set<String> = []
}

public struct VolumeProjection: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case secret
        case downwardAPI
        case configMap
        case serviceAccountToken
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.secret = try c.decodeIfPresent(SecretProjection.self, forKey: .secret)
        self.downwardAPI = try c.decodeIfPresent(DownwardAPIProjection.self, forKey: .downwardAPI)
        self.configMap = try c.decodeIfPresent(ConfigMapProjection.self, forKey: .configMap)
        self.serviceAccountToken = try c.decodeIfPresent(ServiceAccountTokenProjection.self, forKey: .serviceAccountToken)
    }

    public static let requiredFields: Set<String> = []
}

public struct SecretProjection: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case items
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.items = try c.decodeIfPresent([KeyToPath].self, forKey: .items)
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = []
}

public struct ConfigMapProjection: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case name
        case items
        case optional
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.items = try c.decodeIfPresent([KeyToPath].self, forKey: .items)
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }

    public static let requiredFields: Set<String> = []
}

public struct DownwardAPIProjection: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var items: [DownwardAPIVolumeFile]?

    public init(
        items: [DownwardAPIVolumeFile]? = nil
    ) {
        self.items = items
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case items
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.items = try c.decodeIfPresent([DownwardAPIVolumeFile].self, forKey: .items)
    }

    public static let requiredFields: Set<String> = []
}

public struct ServiceAccountTokenProjection: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case audience
        case expirationSeconds
        case path
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.audience = try c.decodeIfPresent(String.self, forKey: .audience)
        self.expirationSeconds = try c.decodeIfPresent(Int64.self, forKey: .expirationSeconds)
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
    }

    public static let requiredFields: Set<String> = ["path"]
}

public struct PersistentVolumeClaimVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case claimName
        case readOnly
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.claimName = try c.decodeIfPresent(String.self, forKey: .claimName) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
    }

    public static let requiredFields: Set<String> = ["claimName"]
}

public struct NFSVolumeSource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
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

    enum CodingKeys: String, CodingKey {
        case server
        case path
        case readOnly
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.server = try c.decodeIfPresent(String.self, forKey: .server) ?? ""
        self.path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
    }

    public static let requiredFields: Set<String> = ["server", "path"]
}
