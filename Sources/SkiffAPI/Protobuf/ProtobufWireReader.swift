/// Reads the protobuf wire format (varints, fixed 32/64-bit, length-delimited fields) from a
/// byte buffer. Every read checks bounds; a truncated or malformed buffer is an error naming
/// the offset, never a crash.
struct ProtobufWireReader {
    enum WireType: UInt8 { case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5 }

    struct Field {
        var number: Int
        var wireType: WireType
        /// The varint or fixed value (fixed32/fixed64 as raw bits) for scalar wire types.
        var scalar: UInt64
        /// The bytes of a length-delimited field.
        var bytes: ArraySlice<UInt8>
    }

    private let buffer: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        buffer = bytes
        position = bytes.startIndex
    }

    var isAtEnd: Bool { position >= buffer.endIndex }

    mutating func nextField() throws -> Field? {
        if isAtEnd { return nil }
        let at = position - buffer.startIndex
        let key = try readVarint()
        let number = Int(key >> 3)
        guard number > 0, number <= 536_870_911 else { throw ProtobufError.malformed("field number \(number) at byte \(at)") }
        guard let wireType = WireType(rawValue: UInt8(key & 7)) else {
            throw ProtobufError.malformed("unsupported wire type \(key & 7) for field \(number) at byte \(at)")
        }
        switch wireType {
        case .varint:
            return Field(number: number, wireType: wireType, scalar: try readVarint(), bytes: [])
        case .fixed64:
            return Field(number: number, wireType: wireType, scalar: try readFixed(8), bytes: [])
        case .fixed32:
            return Field(number: number, wireType: wireType, scalar: try readFixed(4), bytes: [])
        case .lengthDelimited:
            let length = try readVarint()
            guard length <= UInt64(buffer.endIndex - position) else {
                throw ProtobufError.malformed("field \(number) at byte \(at) is \(length) bytes long, past the end of its message")
            }
            let start = position
            position += Int(length)
            return Field(number: number, wireType: wireType, scalar: 0, bytes: buffer[start..<position])
        }
    }

    mutating func readVarint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < buffer.endIndex else { throw ProtobufError.malformed("truncated varint at byte \(position - buffer.startIndex)") }
            let byte = buffer[position]
            position += 1
            guard shift < 64 else { throw ProtobufError.malformed("varint longer than 10 bytes at byte \(position - buffer.startIndex)") }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    mutating func readFixed(_ size: Int) throws -> UInt64 {
        guard buffer.endIndex - position >= size else { throw ProtobufError.malformed("truncated fixed\(size * 8) at byte \(position - buffer.startIndex)") }
        var value: UInt64 = 0
        for i in 0..<size { value |= UInt64(buffer[position + i]) << (8 * UInt64(i)) }
        position += size
        return value
    }
}

/// Why a protobuf body could not be read.
public enum ProtobufError: Error, CustomStringConvertible, Equatable {
    case malformed(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .malformed(let m): return "malformed protobuf: \(m)"
        case .unsupported(let m): return m
        }
    }
}
