import Foundation

/// An `Encoder` that writes compact JSON bytes directly, in the order the type encodes its
/// fields (struct declaration order, like Go's encoding/json) and with map keys sorted (like
/// Go's maps). No intermediate tree is built, which makes it several times faster than
/// encoding to `JSONValue` and serializing: every response and every stored object goes
/// through here.
final class JSONStreamEncoder: Encoder {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// What this encoder's value opened: nothing yet, an object, an array, or a finished scalar.
    var opened: UInt8 = 0

    init(writer: JSONByteWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let w = JSONByteWriter()
        try w.writeValue(value, depth: 0)
        return w.bytes
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if opened == 0 {
            writer.closeDeeper(than: depth)
            writer.bytes.append(UInt8(ascii: "{"))
            writer.open.append((depth, UInt8(ascii: "}"), true))
            opened = UInt8(ascii: "{")
        }
        return KeyedEncodingContainer(StreamKeyed<Key>(writer: writer, depth: depth))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if opened == 0 {
            writer.closeDeeper(than: depth)
            writer.bytes.append(UInt8(ascii: "["))
            writer.open.append((depth, UInt8(ascii: "]"), true))
            opened = UInt8(ascii: "[")
        }
        return StreamUnkeyed(writer: writer, depth: depth)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        StreamSingle(encoder: self)
    }
}

/// Sorted-key encoding for `[String: V]` maps.
protocol SortedMapEncodable {
    func encodeSorted(into writer: JSONByteWriter, depth: Int) throws
}

extension Dictionary: SortedMapEncodable where Key == String, Value: Encodable {
    func encodeSorted(into writer: JSONByteWriter, depth: Int) throws {
        writer.bytes.append(UInt8(ascii: "{"))
        var first = true
        for k in keys.sorted() {
            guard let v = self[k] else { continue }
            if !first { writer.bytes.append(UInt8(ascii: ",")) }
            first = false
            JSONSerializer.writeString(k, into: &writer.bytes)
            writer.bytes.append(UInt8(ascii: ":"))
            try writer.writeValue(v, depth: depth + 1)
        }
        writer.bytes.append(UInt8(ascii: "}"))
    }
}

/// The shared output buffer and the stack of containers still open (so that a container
/// abandoned by custom encoding code is closed before its parent writes on).
final class JSONByteWriter {
    /// Unchecked: only one encode runs on a writer at a time, and the dynamic exclusivity
    /// checks on this hot buffer cost more than the rest of the append.
    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var open: [(depth: Int, closer: UInt8, first: Bool)] = []

    init() { bytes.reserveCapacity(2048) }

    func closeDeeper(than depth: Int) {
        while let last = open.last, last.depth > depth {
            bytes.append(last.closer)
            open.removeLast()
        }
    }

    /// Writes the separator before the next member of the container at `depth`.
    func separator(depth: Int) {
        closeDeeper(than: depth)
        if let i = open.indices.last, open[i].depth == depth {
            if open[i].first { open[i].first = false } else { bytes.append(UInt8(ascii: ",")) }
        }
    }

    func writeValue<T: Encodable>(_ value: T, depth: Int) throws {
        if T.self == String.self, let s = value as? String { JSONSerializer.writeString(s, into: &bytes); return }
        if T.self == Int32.self, let i = value as? Int32 { JSONSerializer.appendInt(Int64(i), into: &bytes); return }
        if T.self == Int64.self, let i = value as? Int64 { JSONSerializer.appendInt(i, into: &bytes); return }
        if T.self == Bool.self, let b = value as? Bool { bytes.append(contentsOf: b ? JSONSerializer.trueBytes : JSONSerializer.falseBytes); return }
        if T.self == JSONValue.self, let v = value as? JSONValue { JSONSerializer.write(v, into: &bytes); return }
        if let m = value as? any SortedMapEncodable {
            try m.encodeSorted(into: self, depth: depth)
            return
        }
        let e = JSONStreamEncoder(writer: self, depth: depth + 1)
        try value.encode(to: e)
        if e.opened == 0 {
            // Nothing written: Go writes an empty object for an empty struct.
            bytes.append(contentsOf: JSONSerializer.emptyObjectBytes)
        } else {
            closeDeeper(than: depth)
        }
    }
}

private struct StreamKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONByteWriter
    let depth: Int
    var codingPath: [any CodingKey] { [] }

    func key(_ k: Key) {
        writer.separator(depth: depth)
        JSONSerializer.writeString(k.stringValue, into: &writer.bytes)
        writer.bytes.append(UInt8(ascii: ":"))
    }

    mutating func encodeNil(forKey k: Key) throws { key(k); writer.bytes.append(contentsOf: JSONSerializer.nullBytes) }
    mutating func encode(_ value: Bool, forKey k: Key) throws { key(k); writer.bytes.append(contentsOf: value ? JSONSerializer.trueBytes : JSONSerializer.falseBytes) }
    mutating func encode(_ value: String, forKey k: Key) throws { key(k); JSONSerializer.writeString(value, into: &writer.bytes) }
    mutating func encode(_ value: Double, forKey k: Key) throws { key(k); JSONSerializer.write(.double(value), into: &writer.bytes) }
    mutating func encode(_ value: Float, forKey k: Key) throws { key(k); JSONSerializer.write(.double(Double(value)), into: &writer.bytes) }
    mutating func encode(_ value: Int, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int8, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int16, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int32, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int64, forKey k: Key) throws { key(k); JSONSerializer.appendInt(value, into: &writer.bytes) }
    mutating func encode(_ value: UInt, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(truncatingIfNeeded: value), into: &writer.bytes) }
    mutating func encode(_ value: UInt8, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: UInt16, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: UInt32, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: UInt64, forKey k: Key) throws { key(k); JSONSerializer.appendInt(Int64(truncatingIfNeeded: value), into: &writer.bytes) }
    mutating func encode<T: Encodable>(_ value: T, forKey k: Key) throws {
        key(k)
        try writer.writeValue(value, depth: depth)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey k: Key) -> KeyedEncodingContainer<NestedKey> {
        key(k)
        writer.bytes.append(UInt8(ascii: "{"))
        writer.open.append((depth + 1, UInt8(ascii: "}"), true))
        return KeyedEncodingContainer(StreamKeyed<NestedKey>(writer: writer, depth: depth + 1))
    }
    mutating func nestedUnkeyedContainer(forKey k: Key) -> any UnkeyedEncodingContainer {
        key(k)
        writer.bytes.append(UInt8(ascii: "["))
        writer.open.append((depth + 1, UInt8(ascii: "]"), true))
        return StreamUnkeyed(writer: writer, depth: depth + 1)
    }
    mutating func superEncoder() -> any Encoder {
        writer.separator(depth: depth)
        JSONSerializer.writeString("super", into: &writer.bytes)
        writer.bytes.append(UInt8(ascii: ":"))
        return JSONStreamEncoder(writer: writer, depth: depth + 1)
    }
    mutating func superEncoder(forKey k: Key) -> any Encoder {
        key(k)
        return JSONStreamEncoder(writer: writer, depth: depth + 1)
    }
}

private struct StreamUnkeyed: UnkeyedEncodingContainer {
    let writer: JSONByteWriter
    let depth: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: JSONByteWriter, depth: Int) {
        self.writer = writer
        self.depth = depth
    }

    mutating func sep() {
        writer.separator(depth: depth)
        count += 1
    }

    mutating func encodeNil() throws { sep(); writer.bytes.append(contentsOf: JSONSerializer.nullBytes) }
    mutating func encode(_ value: Bool) throws { sep(); writer.bytes.append(contentsOf: value ? JSONSerializer.trueBytes : JSONSerializer.falseBytes) }
    mutating func encode(_ value: String) throws { sep(); JSONSerializer.writeString(value, into: &writer.bytes) }
    mutating func encode(_ value: Double) throws { sep(); JSONSerializer.write(.double(value), into: &writer.bytes) }
    mutating func encode(_ value: Float) throws { sep(); JSONSerializer.write(.double(Double(value)), into: &writer.bytes) }
    mutating func encode(_ value: Int) throws { sep(); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int8) throws { sep(); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int16) throws { sep(); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int32) throws { sep(); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: Int64) throws { sep(); JSONSerializer.appendInt(value, into: &writer.bytes) }
    mutating func encode(_ value: UInt) throws { sep(); JSONSerializer.appendInt(Int64(truncatingIfNeeded: value), into: &writer.bytes) }
    mutating func encode(_ value: UInt8) throws { sep(); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: UInt16) throws { sep(); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: UInt32) throws { sep(); JSONSerializer.appendInt(Int64(value), into: &writer.bytes) }
    mutating func encode(_ value: UInt64) throws { sep(); JSONSerializer.appendInt(Int64(truncatingIfNeeded: value), into: &writer.bytes) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        sep()
        try writer.writeValue(value, depth: depth)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        sep()
        writer.bytes.append(UInt8(ascii: "{"))
        writer.open.append((depth + 1, UInt8(ascii: "}"), true))
        return KeyedEncodingContainer(StreamKeyed<NestedKey>(writer: writer, depth: depth + 1))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        sep()
        writer.bytes.append(UInt8(ascii: "["))
        writer.open.append((depth + 1, UInt8(ascii: "]"), true))
        return StreamUnkeyed(writer: writer, depth: depth + 1)
    }
    mutating func superEncoder() -> any Encoder {
        sep()
        return JSONStreamEncoder(writer: writer, depth: depth + 1)
    }
}

private struct StreamSingle: SingleValueEncodingContainer {
    let encoder: JSONStreamEncoder
    var codingPath: [any CodingKey] { [] }

    func scalar(_ write: (inout [UInt8]) -> Void) {
        write(&encoder.writer.bytes)
        encoder.opened = 1
    }

    mutating func encodeNil() throws { scalar { $0.append(contentsOf: JSONSerializer.nullBytes) } }
    mutating func encode(_ value: Bool) throws { scalar { $0.append(contentsOf: value ? JSONSerializer.trueBytes : JSONSerializer.falseBytes) } }
    mutating func encode(_ value: String) throws { scalar { JSONSerializer.writeString(value, into: &$0) } }
    mutating func encode(_ value: Double) throws { scalar { JSONSerializer.write(.double(value), into: &$0) } }
    mutating func encode(_ value: Float) throws { scalar { JSONSerializer.write(.double(Double(value)), into: &$0) } }
    mutating func encode(_ value: Int) throws { scalar { JSONSerializer.appendInt(Int64(value), into: &$0) } }
    mutating func encode(_ value: Int8) throws { scalar { JSONSerializer.appendInt(Int64(value), into: &$0) } }
    mutating func encode(_ value: Int16) throws { scalar { JSONSerializer.appendInt(Int64(value), into: &$0) } }
    mutating func encode(_ value: Int32) throws { scalar { JSONSerializer.appendInt(Int64(value), into: &$0) } }
    mutating func encode(_ value: Int64) throws { scalar { JSONSerializer.appendInt(value, into: &$0) } }
    mutating func encode(_ value: UInt) throws { scalar { JSONSerializer.appendInt(Int64(truncatingIfNeeded: value), into: &$0) } }
    mutating func encode(_ value: UInt8) throws { scalar { JSONSerializer.appendInt(Int64(value), into: &$0) } }
    mutating func encode(_ value: UInt16) throws { scalar { JSONSerializer.appendInt(Int64(value), into: &$0) } }
    mutating func encode(_ value: UInt32) throws { scalar { JSONSerializer.appendInt(Int64(value), into: &$0) } }
    mutating func encode(_ value: UInt64) throws { scalar { JSONSerializer.appendInt(Int64(truncatingIfNeeded: value), into: &$0) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encoder.writer.writeValue(value, depth: encoder.depth - 1)
        encoder.opened = 1
    }
}
