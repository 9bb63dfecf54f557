/// v1 ConfigMap.
public struct ConfigMap: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true, shortNames: ["cm"])
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var immutable: Bool?
    public var data: [String: String]?
    /// Values are base64 on the wire and kept so.
    public var binaryData: [String: String]?

    public init(
        apiVersion: String? = ConfigMap.resourceInfo.apiVersion,
        kind: String? = ConfigMap.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        immutable: Bool? = nil,
        data: [String: String]? = nil,
        binaryData: [String: String]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.immutable = immutable
        self.data = data
        self.binaryData = binaryData
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case immutable
        case data
        case binaryData
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
        self.data = try c.decodeIfPresent([String: String].self, forKey: .data)
        self.binaryData = try c.decodeIfPresent([String: String].self, forKey: .binaryData)
    }

    public static let requiredFields: Set<String> = []
}

/// v1 Secret. `data` values are base64 on the wire and kept so; `stringData` is write-only and
/// merged into `data` on write.
public struct Secret: KubeObject, Hashable, ZeroValue, RequiredFields {
    public static let resourceInfo = ResourceInfo(group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true)
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var immutable: Bool?
    public var data: [String: String]?
    public var stringData: [String: String]?
    public var type: String?

    public init(
        apiVersion: String? = Secret.resourceInfo.apiVersion,
        kind: String? = Secret.resourceInfo.kind,
        metadata: ObjectMeta = ObjectMeta.zero,
        immutable: Bool? = nil,
        data: [String: String]? = nil,
        stringData: [String: String]? = nil,
        type: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.immutable = immutable
        self.data = data
        self.stringData = stringData
        self.type = type
    }

    public static var zero: Self { Self.init() }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case immutable
        case data
        case stringData
        case type
    }

    /// Go semantics: a missing or null required field decodes to its zero value, with any decoder.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta.zero
        self.immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
        self.data = try c.decodeIfPresent([String: String].self, forKey: .data)
        self.stringData = try c.decodeIfPresent([String: String].self, forKey: .stringData)
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
    }

    public static let requiredFields: Set<String> = []
}
