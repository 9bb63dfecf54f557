import Foundation

/// Walks a `Decodable` type's keys and nested types by running its `init(from:)` against a
/// decoder that answers every optional field with nil and every required one with its zero
/// value, recording what was asked for. Only the types' own Codable conformances are used, so
/// the schema cannot drift from the wire format.
public final class SchemaRegistry: @unchecked Sendable {
    /// All schemas probed so far, by Swift type name. Guarded by `lock`.
    private var schemas: [String: ObjectSchema] = [:]
    private let lock = NSLock()

    public static let shared = SchemaRegistry()

    public init() {}

    /// The schema type of `type`, probing (and caching) every struct it reaches.
    public func schemaType(for type: any Decodable.Type) -> SchemaType {
        lock.lock()
        defer { lock.unlock() }
        return resolve(type)
    }

    public func schema(named name: String) -> ObjectSchema? {
        lock.lock()
        defer { lock.unlock() }
        return schemas[name]
    }

    /// The object schema of a struct type.
    public func schema(for type: any Decodable.Type) -> ObjectSchema? {
        guard case .object(let name) = schemaType(for: type) else { return nil }
        return schema(named: name)
    }

    /// Every schema reachable from the types probed so far.
    public var allSchemas: [String: ObjectSchema] {
        lock.lock()
        defer { lock.unlock() }
        return schemas
    }

    static func typeName(_ t: Any.Type) -> String {
        let full = String(reflecting: t)
        // "SkiffAPI.Pod" -> "Pod"; generic or nested names keep their last component.
        return full.split(separator: ".").last.map(String.init) ?? full
    }

    /// Called with the lock held.
    func resolve(_ type: any Decodable.Type) -> SchemaType {
        if let leaf = type as? any SchemaLeaf.Type { return leaf.schemaType }
        if let opt = type as? any SchemaOptional.Type { return resolve(opt.wrappedSchemaType) }
        if let coll = type as? any SchemaCollection.Type {
            let el = resolve(coll.elementSchemaType)
            return coll.isMap ? .map(el) : .array(el)
        }
        let name = Self.typeName(type)
        if schemas[name] == nil {
            // Placeholder first so recursive types terminate.
            schemas[name] = ObjectSchema(name: name, fields: [])
            let probe = ProbeDecoder(registry: self)
            _ = try? type.init(from: probe)
            let declared = (type as? any RequiredFields.Type)?.requiredFields
            let fields = probe.recorder.fields.map { f -> FieldSchema in
                var f = f
                f.patch = PatchMetadata.meta(type: name, field: f.name)
                if let declared { f.required = declared.contains(f.name) }
                return f
            }
            schemas[name] = ObjectSchema(name: name, fields: fields)
        }
        return .object(name)
    }
}

final class ProbeRecorder {
    var fields: [FieldSchema] = []
    var seen = Set<String>()

    func record(_ name: String, _ type: SchemaType, required: Bool) {
        guard !seen.contains(name) else { return }
        seen.insert(name)
        var req = required
        if case .object = type { req = false }
        if ["apiVersion", "kind", "metadata"].contains(name) { req = false }
        fields.append(FieldSchema(name: name, type: type, required: req, patch: nil))
    }
}

struct ProbeFailure: Error {}

final class ProbeDecoder: Decoder {
    let registry: SchemaRegistry
    let recorder = ProbeRecorder()
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(registry: SchemaRegistry) { self.registry = registry }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(ProbeKeyed<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw ProbeFailure() }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { throw ProbeFailure() }

    func zero<T>(_ type: T.Type) throws -> T {
        if let z = (T.self as? any ZeroValue.Type)?.zero as? T { return z }
        throw ProbeFailure()
    }
}

private struct ProbeKeyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ProbeDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { false }
    func decodeNil(forKey key: Key) throws -> Bool { true }

    func record<T: Decodable>(_ type: T.Type, _ key: Key, required: Bool) {
        decoder.recorder.record(key.stringValue, decoder.registry.resolve(type), required: required)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { record(type, key, required: true); return false }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { record(type, key, required: true); return "" }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { record(type, key, required: true); return 0 }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { decoder.recorder.record(key.stringValue, .double, required: true); return 0 }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { record(type, key, required: true); return 0 }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { decoder.recorder.record(key.stringValue, .int32, required: true); return 0 }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { decoder.recorder.record(key.stringValue, .int32, required: true); return 0 }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { record(type, key, required: true); return 0 }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { record(type, key, required: true); return 0 }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { decoder.recorder.record(key.stringValue, .int64, required: true); return 0 }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { decoder.recorder.record(key.stringValue, .int32, required: true); return 0 }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { decoder.recorder.record(key.stringValue, .int32, required: true); return 0 }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { decoder.recorder.record(key.stringValue, .int64, required: true); return 0 }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { decoder.recorder.record(key.stringValue, .int64, required: true); return 0 }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        record(type, key, required: true)
        return try decoder.zero(type)
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        record(type, key, required: false)
        return nil
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { record(type, key, required: false); return nil }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { record(type, key, required: false); return nil }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> { throw ProbeFailure() }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { throw ProbeFailure() }
    func superDecoder() throws -> any Decoder { throw ProbeFailure() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw ProbeFailure() }
}
