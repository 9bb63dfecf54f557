import Foundation

/// The entry points the server and clients use to turn bodies into typed objects and back.
/// Both directions go through `JSONValue` with the hand-written parser and serializer.
public enum KubeJSON {
    /// Decodes a typed object from JSON bytes. Syntax errors give `SyntaxError`, type errors
    /// `DecodeError` naming the field.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONValue(from: data).decode(type)
    }

    /// Decodes a typed object from a JSON or YAML body.
    public static func decodeBody<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONValue.parseBody(data).decode(type)
    }

    /// Compact JSON bytes of a typed object: fields in declaration order (as Kubernetes
    /// writes them), map keys sorted.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try JSONStreamEncoder.encode(value))
    }

    /// The same bytes as `encode`, without the copy into `Data`.
    public static func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        try JSONStreamEncoder.encode(value)
    }
}
