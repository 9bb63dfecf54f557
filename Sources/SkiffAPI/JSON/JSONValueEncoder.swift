import Foundation

/// An `Encoder` producing a `JSONValue` tree directly, the mirror of `JSONValueDecoder`.
/// Optional fields that are nil are omitted (Go's `omitempty`), because Swift's synthesized
/// `encodeIfPresent` skips them.
final class JSONValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    fileprivate var storage: EncNode = .empty

    init(path: [any CodingKey]) { self.codingPath = path }

    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        if let v = value as? JSONValue { return v }
        let e = JSONValueEncoder(path: [])
        try value.encode(to: e)
        return e.result()
    }

    /// Used by `JSONValue.encode(to:)` to place a raw tree without re-walking it.
    func storeRaw(_ v: JSONValue) { storage = .value(v) }

    func result() -> JSONValue { storage.materialize() }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box: ObjectBox
        if case .object(let existing) = storage { box = existing } else {
            box = ObjectBox()
            storage = .object(box)
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: box, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box: ArrayBox
        if case .array(let existing) = storage { box = existing } else {
            box = ArrayBox()
            storage = .array(box)
        }
        return UnkeyedContainer(box: box, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(encoder: self)
    }

    fileprivate static func encodeValue<T: Encodable>(_ value: T, path: @autoclosure () -> [any CodingKey]) throws -> EncNode {
        switch value {
        case let s as String: return .value(.string(s))
        case let i as Int32: return .value(.int(Int64(i)))
        case let i as Int64: return .value(.int(i))
        case let i as Int: return .value(.int(Int64(i)))
        case let b as Bool: return .value(.bool(b))
        case let v as JSONValue: return .value(v)
        default:
            let e = JSONValueEncoder(path: path())
            try value.encode(to: e)
            return .value(e.result())
        }
    }
}

/// Tree under construction: nested containers hand out references that are filled in later.
fileprivate indirect enum EncNode {
    case empty
    case value(JSONValue)
    case object(ObjectBox)
    case array(ArrayBox)
    case encoder(JSONValueEncoder)

    func materialize() -> JSONValue {
        switch self {
        case .empty: return .object([:])
        case .value(let v): return v
        case .object(let b):
            var o: [String: JSONValue] = [:]
            o.reserveCapacity(b.members.count)
            for (k, n) in b.members { o[k] = n.materialize() }
            return .object(o)
        case .array(let b): return .array(b.elements.map { $0.materialize() })
        case .encoder(let e): return e.result()
        }
    }
}

fileprivate final class ObjectBox {
    var members: [String: EncNode] = [:]
}

fileprivate final class ArrayBox {
    var elements: [EncNode] = []
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: ObjectBox
    let codingPath: [any CodingKey]

    func put(_ v: JSONValue, _ key: Key) { box.members[key.stringValue] = .value(v) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { put(.double(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.int(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { put(.int(Int64(truncatingIfNeeded: value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { put(.int(Int64(truncatingIfNeeded: value)), key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        box.members[key.stringValue] = try JSONValueEncoder.encodeValue(value, path: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = ObjectBox()
        box.members[key.stringValue] = .object(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = ArrayBox()
        box.members[key.stringValue] = .array(child)
        return UnkeyedContainer(box: child, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder {
        let e = JSONValueEncoder(path: codingPath + [IndexKey(stringValue: "super")])
        box.members["super"] = .encoder(e)
        return e
    }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let e = JSONValueEncoder(path: codingPath + [key])
        box.members[key.stringValue] = .encoder(e)
        return e
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: ArrayBox
    let codingPath: [any CodingKey]
    var count: Int { box.elements.count }

    func put(_ v: JSONValue) { box.elements.append(.value(v)) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(.double(value)) }
    mutating func encode(_ value: Float) throws { put(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.int(value)) }
    mutating func encode(_ value: UInt) throws { put(.int(Int64(truncatingIfNeeded: value))) }
    mutating func encode(_ value: UInt8) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { put(.int(Int64(truncatingIfNeeded: value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.elements.append(try JSONValueEncoder.encodeValue(value, path: codingPath + [IndexKey(box.elements.count)]))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = ObjectBox()
        box.elements.append(.object(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [IndexKey(box.elements.count - 1)]))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = ArrayBox()
        box.elements.append(.array(child))
        return UnkeyedContainer(box: child, codingPath: codingPath + [IndexKey(box.elements.count - 1)])
    }
    mutating func superEncoder() -> any Encoder {
        let e = JSONValueEncoder(path: codingPath + [IndexKey(box.elements.count)])
        box.elements.append(.encoder(e))
        return e
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: JSONValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    func put(_ v: JSONValue) { encoder.storage = .value(v) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(.double(value)) }
    mutating func encode(_ value: Float) throws { put(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.int(value)) }
    mutating func encode(_ value: UInt) throws { put(.int(Int64(truncatingIfNeeded: value))) }
    mutating func encode(_ value: UInt8) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.int(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { put(.int(Int64(truncatingIfNeeded: value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.storage = try JSONValueEncoder.encodeValue(value, path: codingPath)
    }
}
