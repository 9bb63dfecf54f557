/// What discovery, routing and storage need to know about one served resource.
public struct ResourceInfo: Sendable, Hashable {
    public var group: String
    public var version: String
    public var kind: String
    public var listKind: String
    public var plural: String
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var categories: [String]
    public var subresources: [String]

    public init(group: String = "", version: String = "v1", kind: String, listKind: String? = nil, plural: String,
                singular: String? = nil, namespaced: Bool, shortNames: [String] = [], categories: [String] = [],
                subresources: [String] = [])
    {
        self.group = group
        self.version = version
        self.kind = kind
        self.listKind = listKind ?? kind + "List"
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
    }

    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `pods` or `deployments.apps`, as Kubernetes names a resource in error messages.
    public var qualifiedResource: String { group.isEmpty ? plural : "\(plural).\(group)" }
}

/// Every top-level object: type meta plus object meta.
public protocol KubeObject: Codable, Sendable {
    static var resourceInfo: ResourceInfo { get }
    var apiVersion: String? { get set }
    var kind: String? { get set }
    var metadata: ObjectMeta { get set }
}

extension KubeObject {
    /// Sets apiVersion and kind from the resource info (responses always carry them).
    public mutating func setTypeMeta() {
        apiVersion = Self.resourceInfo.apiVersion
        kind = Self.resourceInfo.kind
    }
}
