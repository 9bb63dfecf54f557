/// The shape of the wire types, derived from the Swift types themselves (see `SchemaProbe`).
/// One description drives the OpenAPI document, unknown-field detection for
/// `fieldValidation=Strict`, and the list semantics of strategic merge patches.
public indirect enum SchemaType: Sendable, Hashable {
    case string, int32, int64, bool, double
    /// Leaf types with custom JSON forms, named as Kubernetes names their schemas.
    case quantity, intOrString, time, microTime
    /// Anything (a `JSONValue` field).
    case any
    /// A named struct, described by an `ObjectSchema` in the registry.
    case object(String)
    case array(SchemaType)
    /// A JSON object with arbitrary keys (`[String: V]`).
    case map(SchemaType)
}

/// How a list field merges in a strategic merge patch (`x-kubernetes-patch-strategy` and
/// `x-kubernetes-patch-merge-key`).
public struct PatchMeta: Sendable, Hashable {
    public var strategy: String
    public var mergeKey: String?

    public init(strategy: String, mergeKey: String? = nil) {
        self.strategy = strategy
        self.mergeKey = mergeKey
    }

    public var merges: Bool { strategy.split(separator: ",").contains("merge") }
    public var retainsKeys: Bool { strategy.split(separator: ",").contains("retainKeys") }
}

public struct FieldSchema: Sendable, Hashable {
    public var name: String
    public var type: SchemaType
    public var required: Bool
    public var patch: PatchMeta?
}

public struct ObjectSchema: Sendable, Hashable {
    /// The Swift type name, e.g. "PodSpec".
    public var name: String
    public var fields: [FieldSchema]
    var index: [String: Int]

    init(name: String, fields: [FieldSchema]) {
        self.name = name
        self.fields = fields
        var idx: [String: Int] = [:]
        for (i, f) in fields.enumerated() { idx[f.name] = i }
        self.index = idx
    }

    public func field(_ name: String) -> FieldSchema? {
        guard let i = index[name] else { return nil }
        return fields[i]
    }
}

/// Types whose schema is declared rather than probed (custom JSON forms and primitives).
public protocol SchemaLeaf {
    static var schemaType: SchemaType { get }
}

extension String: SchemaLeaf { public static var schemaType: SchemaType { .string } }
extension Int32: SchemaLeaf { public static var schemaType: SchemaType { .int32 } }
extension Int64: SchemaLeaf { public static var schemaType: SchemaType { .int64 } }
extension Int: SchemaLeaf { public static var schemaType: SchemaType { .int64 } }
extension Bool: SchemaLeaf { public static var schemaType: SchemaType { .bool } }
extension Double: SchemaLeaf { public static var schemaType: SchemaType { .double } }
extension Quantity: SchemaLeaf { public static var schemaType: SchemaType { .quantity } }
extension IntOrString: SchemaLeaf { public static var schemaType: SchemaType { .intOrString } }
extension Time: SchemaLeaf { public static var schemaType: SchemaType { .time } }
extension MicroTime: SchemaLeaf { public static var schemaType: SchemaType { .microTime } }
extension JSONValue: SchemaLeaf { public static var schemaType: SchemaType { .any } }

/// Collections tell the probe their element type without being decoded.
protocol SchemaCollection {
    static var elementSchemaType: any Decodable.Type { get }
    static var isMap: Bool { get }
}

extension Array: SchemaCollection where Element: Decodable {
    static var elementSchemaType: any Decodable.Type { Element.self }
    static var isMap: Bool { false }
}

extension Dictionary: SchemaCollection where Key == String, Value: Decodable {
    static var elementSchemaType: any Decodable.Type { Value.self }
    static var isMap: Bool { true }
}

protocol SchemaOptional {
    static var wrappedSchemaType: any Decodable.Type { get }
}

extension Optional: SchemaOptional where Wrapped: Decodable {
    static var wrappedSchemaType: any Decodable.Type { Wrapped.self }
}
