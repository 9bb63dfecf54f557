/// metav1.DeleteOptions: the optional body (or query) of a DELETE.
public struct DeleteOptions: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct Preconditions: Codable, Sendable, Hashable, ZeroValue {
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
}

/// meta.k8s.io/v1 Table column.
public struct TableColumnDefinition: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct APIResourceList: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct APIResource: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct APIGroupList: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct APIGroup: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct GroupVersionForDiscovery: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct APIVersions: Codable, Sendable, Hashable, ZeroValue {
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
}

public struct ServerAddressByClientCIDR: Codable, Sendable, Hashable, ZeroValue {
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
}
