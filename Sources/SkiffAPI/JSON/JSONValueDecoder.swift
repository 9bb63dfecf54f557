import Foundation

/// A `Decoder` reading typed objects straight from a `JSONValue` tree. Going through the tree
/// (rather than bytes and Foundation's decoder) lets the server parse a body once, check it for
/// unknown fields, then decode it; and it lets errors carry Kubernetes-style field paths.
final class JSONValueDecoder: Decoder {
    let value: JSONValue
    /// The path is kept as a parent chain and only turned into an array when an error needs
    /// it: building an array per nested value was a large part of decoding time.
    let parent: JSONValueDecoder?
    let key: (any CodingKey)?
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, parent: JSONValueDecoder?, key: (any CodingKey)?) {
        self.value = value
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var d: JSONValueDecoder? = self
        while let cur = d {
            if let k = cur.key { keys.append(k) }
            d = cur.parent
        }
        return keys.reversed()
    }

    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        do {
            return try T(from: JSONValueDecoder(value, parent: nil, key: nil))
        } catch {
            throw DecodeError.from(error)
        }
    }

    func fail(_ expected: String, _ path: [any CodingKey]) -> DecodeError {
        DecodeError(field: DecodeError.path(path), detail: "expected \(expected)")
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let o) = value else { throw fail("object", codingPath) }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, object: o, keys: KeySketch(o)))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let a) = value else { throw fail("array", codingPath) }
        return UnkeyedContainer(decoder: self, array: a)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleContainer(decoder: self)
    }

    // MARK: primitives shared by all containers

    static func string(_ v: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> String {
        if case .string(let s) = v { return s }
        throw DecodeError(field: DecodeError.path(path()), detail: "expected string")
    }

    static func bool(_ v: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Bool {
        if case .bool(let b) = v { return b }
        throw DecodeError(field: DecodeError.path(path()), detail: "expected boolean")
    }

    static func double(_ v: JSONValue, _ path: @autoclosure () -> [any CodingKey]) throws -> Double {
        switch v {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: throw DecodeError(field: DecodeError.path(path()), detail: "expected number")
        }
    }

    static func integer<I: FixedWidthInteger>(_ v: JSONValue, _ type: I.Type, _ path: @autoclosure () -> [any CodingKey]) throws -> I {
        let wide: Int64
        switch v {
        case .int(let i): wide = i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: wide = Int64(d)
        default: throw DecodeError(field: DecodeError.path(path()), detail: "expected integer")
        }
        guard let r = I(exactly: wide) else {
            throw DecodeError(field: DecodeError.path(path()), detail: "expected integer between \(I.min) and \(I.max)")
        }
        return r
    }

    static func decodeValue<T: Decodable>(_ type: T.Type, _ v: JSONValue, parent: JSONValueDecoder, key: any CodingKey) throws -> T {
        if T.self == String.self, let r = try string(v, parent.codingPath + [key]) as? T { return r }
        if T.self == Int32.self, let r = try integer(v, Int32.self, parent.codingPath + [key]) as? T { return r }
        if T.self == Int64.self, let r = try integer(v, Int64.self, parent.codingPath + [key]) as? T { return r }
        if T.self == Int.self, let r = try integer(v, Int.self, parent.codingPath + [key]) as? T { return r }
        if T.self == Bool.self, let r = try bool(v, parent.codingPath + [key]) as? T { return r }
        if T.self == JSONValue.self, let r = v as? T { return r }
        // Labels, annotations, selectors: string maps are common enough to skip the generic
        // Dictionary decoding (a container and a key conversion per entry). Anything but
        // strings and nulls takes the generic path, which names the bad entry.
        if T.self == [String: String].self, case .object(let o) = v, let m = stringMap(o) {
            return unsafeBitCast(m, to: T.self)
        }
        // Resource lists and timestamps, in every pod and node: a well-formed value is read
        // here; anything else goes the generic way, which reports it.
        if T.self == [String: Quantity].self, case .object(let o) = v, let m = quantityMap(o) {
            return unsafeBitCast(m, to: T.self)
        }
        if T.self == Quantity.self, case .string(let s) = v, let q = Quantity.parse(s) { return unsafeBitCast(q, to: T.self) }
        if T.self == Time.self, case .string(let s) = v, let (sec, _) = RFC3339.parse(s) {
            return unsafeBitCast(Time(secondsSinceEpoch: sec), to: T.self)
        }
        return try T(from: JSONValueDecoder(v, parent: parent, key: key))
    }

    /// A JSON object of quantity strings as a resource list; nil when some value is not one.
    static func quantityMap(_ o: [String: JSONValue]) -> [String: Quantity]? {
        var out = [String: Quantity](minimumCapacity: o.count)
        for (k, e) in o {
            guard case .string(let s) = e, let q = Quantity.parse(s) else { return nil }
            out[k] = q
        }
        return out
    }

    /// A JSON object of strings as a map (null is the empty string, as in Go); nil when some
    /// value is neither.
    static func stringMap(_ o: [String: JSONValue]) -> [String: String]? {
        var out = [String: String](minimumCapacity: o.count)
        for (k, e) in o {
            switch e {
            case .string(let s): out[k] = s
            case .null: out[k] = ""
            default: return nil
            }
        }
        return out
    }
}

/// Which key lengths and first bytes an object has, as bits of one word. A typed decoder asks
/// for every field its type declares, and most are absent from a given object: the sketch
/// answers most of those misses without hashing the key.
struct KeySketch {
    let bits: UInt64

    init(_ object: [String: JSONValue]) {
        var b: UInt64 = 0
        for k in object.keys { b |= Self.bit(k) }
        bits = b
    }

    static func bit(_ key: String) -> UInt64 {
        let u = key.utf8
        return 1 << UInt64((u.count &* 7 &+ Int(u.first ?? 0)) & 63)
    }

    /// False only when no key of the object can be `key`.
    func mayContain(_ key: String) -> Bool { bits & Self.bit(key) != 0 }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: JSONValueDecoder
    let object: [String: JSONValue]
    let keys: KeySketch
    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    /// The member named `key`; the sketch rules most absent keys out without a lookup.
    func member(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        guard keys.mayContain(name) else { return nil }
        return object[name]
    }

    func contains(_ key: Key) -> Bool { member(key) != nil }

    func path(_ key: Key) -> [any CodingKey] { decoder.codingPath + [key] }

    func get(_ key: Key) throws -> JSONValue {
        guard let v = member(key) else {
            throw DecodeError(field: DecodeError.path(path(key)), detail: "Required value")
        }
        return v
    }

    /// Go semantics for non-optional fields: missing or null leaves the zero value.
    func present(_ key: Key) -> JSONValue? {
        guard let v = member(key), !v.isNull else { return nil }
        return v
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let v = member(key) else { return true }
        return v.isNull
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { guard let v = present(key) else { return false }; return try JSONValueDecoder.bool(v, path(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { guard let v = present(key) else { return "" }; return try JSONValueDecoder.string(v, path(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.double(v, path(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { guard let v = present(key) else { return 0 }; return Float(try JSONValueDecoder.double(v, path(key))) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, Int.self, path(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, Int8.self, path(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, Int16.self, path(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, Int32.self, path(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, Int64.self, path(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, UInt.self, path(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, UInt8.self, path(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, UInt16.self, path(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, UInt32.self, path(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { guard let v = present(key) else { return 0 }; return try JSONValueDecoder.integer(v, UInt64.self, path(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let v = present(key) else {
            if let z = (T.self as? any ZeroValue.Type)?.zero as? T { return z }
            return try JSONValueDecoder.decodeValue(type, get(key), parent: decoder, key: key)
        }
        return try JSONValueDecoder.decodeValue(type, v, parent: decoder, key: key)
    }

    // Optional fields: a missing key and an explicit null both mean "unset", as in Go.
    func value(_ key: Key) -> JSONValue? {
        guard let v = member(key), !v.isNull else { return nil }
        return v
    }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let v = value(key) else { return nil }
        return try JSONValueDecoder.string(v, path(key))
    }
    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let v = value(key) else { return nil }
        return try JSONValueDecoder.bool(v, path(key))
    }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? {
        guard let v = value(key) else { return nil }
        return try JSONValueDecoder.integer(v, Int32.self, path(key))
    }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? {
        guard let v = value(key) else { return nil }
        return try JSONValueDecoder.integer(v, Int64.self, path(key))
    }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let v = value(key) else { return nil }
        return try JSONValueDecoder.integer(v, Int.self, path(key))
    }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let v = value(key) else { return nil }
        return try JSONValueDecoder.double(v, path(key))
    }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = value(key) else { return nil }
        return try JSONValueDecoder.decodeValue(type, v, parent: decoder, key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONValueDecoder(get(key), parent: decoder, key: key).container(keyedBy: type)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONValueDecoder(get(key), parent: decoder, key: key).unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONValueDecoder(object[key.stringValue] ?? .null, parent: decoder, key: key)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: JSONValueDecoder
    let array: [JSONValue]
    var currentIndex = 0
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { array.count }
    var isAtEnd: Bool { currentIndex >= array.count }

    init(decoder: JSONValueDecoder, array: [JSONValue]) {
        self.decoder = decoder
        self.array = array
    }

    func path(_ i: Int) -> [any CodingKey] { decoder.codingPath + [ArrayIndexKey(index: i)] }

    /// The next element and its index; errors at the end of the array.
    mutating func next() throws -> (JSONValue, Int) {
        let i = currentIndex
        guard i < array.count else {
            throw DecodeError(field: DecodeError.path(path(i)), detail: "unexpected end of array")
        }
        currentIndex += 1
        return (array[i], i)
    }

    mutating func decodeNil() throws -> Bool {
        if currentIndex < array.count, array[currentIndex].isNull { currentIndex += 1; return true }
        return false
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { let (v, i) = try next(); return try JSONValueDecoder.bool(v, path(i)) }
    mutating func decode(_ type: String.Type) throws -> String { let (v, i) = try next(); return try JSONValueDecoder.string(v, path(i)) }
    mutating func decode(_ type: Double.Type) throws -> Double { let (v, i) = try next(); return try JSONValueDecoder.double(v, path(i)) }
    mutating func decode(_ type: Float.Type) throws -> Float { let (v, i) = try next(); return Float(try JSONValueDecoder.double(v, path(i))) }
    mutating func decode(_ type: Int.Type) throws -> Int { let (v, i) = try next(); return try JSONValueDecoder.integer(v, Int.self, path(i)) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, Int8.self, path(i)) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, Int16.self, path(i)) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, Int32.self, path(i)) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, Int64.self, path(i)) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { let (v, i) = try next(); return try JSONValueDecoder.integer(v, UInt.self, path(i)) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, UInt8.self, path(i)) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, UInt16.self, path(i)) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, UInt32.self, path(i)) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { let (v, i) = try next(); return try JSONValueDecoder.integer(v, UInt64.self, path(i)) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, i) = try next()
        return try JSONValueDecoder.decodeValue(type, v, parent: decoder, key: ArrayIndexKey(index: i))
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, i) = try next()
        return try JSONValueDecoder(v, parent: decoder, key: ArrayIndexKey(index: i)).container(keyedBy: type)
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, i) = try next()
        return try JSONValueDecoder(v, parent: decoder, key: ArrayIndexKey(index: i)).unkeyedContainer()
    }
    mutating func superDecoder() throws -> any Decoder {
        let (v, i) = try next()
        return JSONValueDecoder(v, parent: decoder, key: ArrayIndexKey(index: i))
    }
}

/// An array index as a coding key, small enough to sit inline in an existential.
struct ArrayIndexKey: CodingKey {
    let index: Int
    init(index: Int) { self.index = index }
    init?(intValue: Int) { index = intValue }
    init?(stringValue: String) { guard let i = Int(stringValue) else { return nil }; index = i }
    var intValue: Int? { index }
    var stringValue: String { String(index) }
}

private struct SingleContainer: SingleValueDecodingContainer {
    let decoder: JSONValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var v: JSONValue { decoder.value }

    func decodeNil() -> Bool { v.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try JSONValueDecoder.bool(v, codingPath) }
    func decode(_ type: String.Type) throws -> String { try JSONValueDecoder.string(v, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try JSONValueDecoder.double(v, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try JSONValueDecoder.double(v, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try JSONValueDecoder.integer(v, Int.self, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try JSONValueDecoder.integer(v, Int8.self, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try JSONValueDecoder.integer(v, Int16.self, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try JSONValueDecoder.integer(v, Int32.self, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try JSONValueDecoder.integer(v, Int64.self, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try JSONValueDecoder.integer(v, UInt.self, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try JSONValueDecoder.integer(v, UInt8.self, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try JSONValueDecoder.integer(v, UInt16.self, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try JSONValueDecoder.integer(v, UInt32.self, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try JSONValueDecoder.integer(v, UInt64.self, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == JSONValue.self, let r = v as? T { return r }
        guard let key = decoder.key, let parent = decoder.parent else {
            return try T(from: decoder)
        }
        return try JSONValueDecoder.decodeValue(type, v, parent: parent, key: key)
    }
}
