/// metav1.DeleteOptions: the optional body (or query) of a DELETE.
public struct DeleteOptions: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var kind: String?
    public var apiVersion: String?
    public var gracePeriodSeconds: Int64?
    public var preconditions: Preconditions?
    public var orphanDependents: Bool?
    /// Orphan, Background, Foreground.
    public var propagationPolicy: String?
    public var dryRun: [String]?

    public init(
        kind: String? = nil,
        apiVersion: String? = nil,
        gracePeriodSeconds: Int64? = nil,
        preconditions: Preconditions? = nil,
        orphanDependents: Bool? = nil,
        propagationPolicy: String? = nil,
        dryRun: [String]? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.orphanDependents = orphanDependents
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case kind
        case apiVersion
        case gracePeriodSeconds
        case preconditions
        case orphanDependents
        case propagationPolicy
        case dryRun
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.gracePeriodSeconds = try c.decodeIfPresent(Int64.self, forKey: .gracePeriodSeconds)
        self.preconditions = try c.decodeIfPresent(Preconditions.self, forKey: .preconditions)
        self.orphanDependents = try c.decodeIfPresent(Bool.self, forKey: .orphanDependents)
        self.propagationPolicy = try c.decodeIfPresent(String.self, forKey: .propagationPolicy)
        self.dryRun = try c.decodeIfPresent([String].self, forKey: .dryRun)
    }

    public static let requiredFields: Set<String> = []
}

public struct Preconditions: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var uid: String?
    public var resourceVersion: String?

    public init(
        uid: String? = nil,
        resourceVersion: String? = nil
    ) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case uid
        case resourceVersion
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.uid = try c.decodeIfPresent(String.self, forKey: .uid)
        self.resourceVersion = try c.decodeIfPresent(String.self, forKey: .resourceVersion)
    }

    public static let requiredFields: Set<String> = []
}

/// meta.k8s.io/v1 Table column.
public struct TableColumnDefinition: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String
    public var type: String
    public var format: String
    public var description: String
    public var priority: Int32

    public init(
        name: String = "",
        type: String = "",
        format: String = "",
        description: String = "",
        priority: Int32 = 0
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case type
        case format
        case description
        case priority
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.format = try c.decodeIfPresent(String.self, forKey: .format) ?? ""
        self.description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        self.priority = try c.decodeIfPresent(Int32.self, forKey: .priority) ?? 0
    }

    public static let requiredFields: Set<String> = ["name", "type", "format", "description", "priority"]
}

public struct APIResourceList: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var kind: String?
    public var apiVersion: String?
    public var groupVersion: String
    public var resources: [APIResource]

    public init(
        kind: String? = nil,
        apiVersion: String? = nil,
        groupVersion: String = "",
        resources: [APIResource] = []
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.groupVersion = groupVersion
        self.resources = resources
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case kind
        case apiVersion
        case groupVersion
        case resources
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.groupVersion = try c.decodeIfPresent(String.self, forKey: .groupVersion) ?? ""
        self.resources = try c.decodeIfPresent([APIResource].self, forKey: .resources) ?? []
    }

    public static let requiredFields: Set<String> = ["groupVersion", "resources"]
}

public struct APIResource: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var name: String
    public var singularName: String
    public var namespaced: Bool
    public var group: String?
    public var version: String?
    public var kind: String
    public var verbs: [String]
    public var shortNames: [String]?
    public var categories: [String]?
    public var storageVersionHash: String?

    public init(
        name: String = "",
        singularName: String = "",
        namespaced: Bool = false,
        group: String? = nil,
        version: String? = nil,
        kind: String = "",
        verbs: [String] = [],
        shortNames: [String]? = nil,
        categories: [String]? = nil,
        storageVersionHash: String? = nil
    ) {
        self.name = name
        self.singularName = singularName
        self.namespaced = namespaced
        self.group = group
        self.version = version
        self.kind = kind
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
        self.storageVersionHash = storageVersionHash
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case name
        case singularName
        case namespaced
        case group
        case version
        case kind
        case verbs
        case shortNames
        case categories
        case storageVersionHash
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.singularName = try c.decodeIfPresent(String.self, forKey: .singularName) ?? ""
        self.namespaced = try c.decodeIfPresent(Bool.self, forKey: .namespaced) ?? false
        self.group = try c.decodeIfPresent(String.self, forKey: .group)
        self.version = try c.decodeIfPresent(String.self, forKey: .version)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        self.verbs = try c.decodeIfPresent([String].self, forKey: .verbs) ?? []
        self.shortNames = try c.decodeIfPresent([String].self, forKey: .shortNames)
        self.categories = try c.decodeIfPresent([String].self, forKey: .categories)
        self.storageVersionHash = try c.decodeIfPresent(String.self, forKey: .storageVersionHash)
    }

    public static let requiredFields: Set<String> = ["name", "singularName", "namespaced", "kind", "verbs"]
}

public struct APIGroupList: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var kind: String?
    public var apiVersion: String?
    public var groups: [APIGroup]

    public init(
        kind: String? = nil,
        apiVersion: String? = nil,
        groups: [APIGroup] = []
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.groups = groups
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case kind
        case apiVersion
        case groups
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.groups = try c.decodeIfPresent([APIGroup].self, forKey: .groups) ?? []
    }

    public static let requiredFields: Set<String> = ["groups"]
}

public struct APIGroup: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var kind: String?
    public var apiVersion: String?
    public var name: String
    public var versions: [GroupVersionForDiscovery]
    public var preferredVersion: GroupVersionForDiscovery?
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]?

    public init(
        kind: String? = nil,
        apiVersion: String? = nil,
        name: String = "",
        versions: [GroupVersionForDiscovery] = [],
        preferredVersion: GroupVersionForDiscovery? = nil,
        serverAddressByClientCIDRs: [ServerAddressByClientCIDR]? = nil
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.name = name
        self.versions = versions
        self.preferredVersion = preferredVersion
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case kind
        case apiVersion
        case name
        case versions
        case preferredVersion
        case serverAddressByClientCIDRs
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.versions = try c.decodeIfPresent([GroupVersionForDiscovery].self, forKey: .versions) ?? []
        self.preferredVersion = try c.decodeIfPresent(GroupVersionForDiscovery.self, forKey: .preferredVersion)
        self.serverAddressByClientCIDRs = try c.decodeIfPresent([ServerAddressByClientCIDR].self, forKey: .serverAddressByClientCIDRs)
    }

    public static let requiredFields: Set<String> = ["name", "versions"]
}

public struct GroupVersionForDiscovery: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var groupVersion: String
    public var version: String

    public init(
        groupVersion: String = "",
        version: String = ""
    ) {
        self.groupVersion = groupVersion
        self.version = version
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case groupVersion
        case version
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.groupVersion = try c.decodeIfPresent(String.self, forKey: .groupVersion) ?? ""
        self.version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
    }

    public static let requiredFields: Set<String> = ["groupVersion", "version"]
}

public struct APIVersions: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var kind: String?
    public var apiVersion: String?
    public var versions: [String]
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]

    public init(
        kind: String? = nil,
        apiVersion: String? = nil,
        versions: [String] = [],
        serverAddressByClientCIDRs: [ServerAddressByClientCIDR] = []
    ) {
        self.kind = kind
        self.apiVersion = apiVersion
        self.versions = versions
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case kind
        case apiVersion
        case versions
        case serverAddressByClientCIDRs
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.versions = try c.decodeIfPresent([String].self, forKey: .versions) ?? []
        self.serverAddressByClientCIDRs = try c.decodeIfPresent([ServerAddressByClientCIDR].self, forKey: .serverAddressByClientCIDRs) ?? []
    }

    public static let requiredFields: Set<String> = ["versions", "serverAddressByClientCIDRs"]
}

public struct ServerAddressByClientCIDR: Codable, Sendable, Hashable, ZeroValue, RequiredFields {
    public var clientCIDR: String
    public var serverAddress: String

    public init(
        clientCIDR: String = "",
        serverAddress: String = ""
    ) {
        self.clientCIDR = clientCIDR
        self.serverAddress = serverAddress
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case clientCIDR
        case serverAddress
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.clientCIDR = try c.decodeIfPresent(String.self, forKey: .clientCIDR) ?? ""
        self.serverAddress = try c.decodeIfPresent(String.self, forKey: .serverAddress) ?? ""
    }

    public static let requiredFields: Set<String> = ["clientCIDR", "serverAddress"]
}
