/// v1 ConfigMap.
public struct ConfigMap: KubeObject, Hashable, ZeroValue {
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
}

/// v1 Secret. `data` values are base64 on the wire and kept so; `stringData` is write-only and
/// merged into `data` on write.
public struct Secret: KubeObject, Hashable, ZeroValue {
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
}
