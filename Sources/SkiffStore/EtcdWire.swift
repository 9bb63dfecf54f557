import Foundation

/// etcd v3 gRPC-JSON gateway messages (etcd 3.4, `/v3/...`): 64-bit integers arrive as
/// strings, bytes as base64, and fields at their default value are left out.
enum EtcdWire {
    /// An int64 that may be a JSON string or number.
    struct Int64Value: Decodable {
        var value: Int64
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                value = number
            } else {
                let text = try container.decode(String.self)
                guard let number = Int64(text) else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an int64, got \(text)")
                }
                value = number
            }
        }
    }

    /// A uint64 (member ids use the full range) that may be a JSON string or number.
    struct UInt64Value: Decodable {
        var value: UInt64
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(UInt64.self) {
                value = number
            } else {
                let text = try container.decode(String.self)
                guard let number = UInt64(text) else {
                    throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a uint64, got \(text)")
                }
                value = number
            }
        }
    }

    struct Header: Decodable {
        var revision: Int64Value?
        var rev: Int64 { revision?.value ?? 0 }
    }

    struct KV: Decodable {
        var key: String?
        var createRevision: Int64Value?
        var modRevision: Int64Value?
        var value: String?

        func keyValue() -> KeyValue {
            KeyValue(key: EtcdWire.decodeString(key), value: EtcdWire.decodeBytes(value),
                     createRevision: createRevision?.value ?? 0, modRevision: modRevision?.value ?? 0)
        }
    }

    struct RangeResponse: Decodable {
        var header: Header?
        var kvs: [KV]?
        var more: Bool?
    }

    struct DeleteRangeResponse: Decodable {
        var header: Header?
        var deleted: Int64Value?
        var prevKvs: [KV]?
    }

    struct ResponseOp: Decodable {
        var responseRange: RangeResponse?
        var responseDeleteRange: DeleteRangeResponse?
    }

    struct TxnResponse: Decodable {
        var header: Header?
        var succeeded: Bool?
        var responses: [ResponseOp]?
    }

    struct StatusResponse: Decodable {
        var header: StatusHeader?
        var leader: UInt64Value?
        struct StatusHeader: Decodable {
            var memberId: UInt64Value?
            var revision: Int64Value?
        }
    }

    struct ErrorBody: Decodable {
        var error: String?
        var message: String?
        var code: Int?
        var text: String { message ?? error ?? "unknown error" }
    }

    struct Event: Decodable {
        var type: String?
        var kv: KV?
        var prevKv: KV?
    }

    struct WatchResponse: Decodable {
        var header: Header?
        var created: Bool?
        var canceled: Bool?
        var compactRevision: Int64Value?
        var cancelReason: String?
        var events: [Event]?
    }

    struct WatchEnvelope: Decodable {
        var result: WatchResponse?
        var error: ErrorBody?
    }

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }()

    static func bytes(_ string: String) -> String { Data(string.utf8).base64EncodedString() }
    static func bytes(_ data: Data) -> String { data.base64EncodedString() }

    static func decodeBytes(_ base64: String?) -> Data {
        guard let base64, let data = Data(base64Encoded: base64) else { return Data() }
        return data
    }

    static func decodeString(_ base64: String?) -> String {
        String(decoding: decodeBytes(base64), as: UTF8.self)
    }

    /// The end of etcd's range for all keys with `prefix`: the prefix with its last byte
    /// incremented (bytes 0xff are dropped first); "\0" means "to the end of the keyspace".
    static func prefixEnd(_ prefix: String) -> Data {
        var bytes = Array(prefix.utf8)
        while let last = bytes.last {
            if last < 0xff {
                bytes[bytes.count - 1] = last + 1
                return Data(bytes)
            }
            bytes.removeLast()
        }
        return Data([0])
    }
}

/// Splits a stream of concatenated JSON objects (the gateway's streaming responses) into
/// one object per element, whatever the chunk boundaries are.
struct JSONObjectSplitter {
    private var buffer: [UInt8] = []
    private var depth = 0
    private var inString = false
    private var escaped = false
    private var start: Int?
    private var scanned = 0

    /// Feeds bytes; returns the complete objects they finish.
    mutating func feed<S: Sequence>(_ bytes: S) -> [Data] where S.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        var out: [Data] = []
        var index = scanned
        while index < buffer.count {
            let byte = buffer[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") {
                if depth == 0 { start = index }
                depth += 1
            } else if byte == UInt8(ascii: "}") {
                depth -= 1
                if depth == 0, let begin = start {
                    out.append(Data(buffer[begin...index]))
                    start = nil
                }
            }
            index += 1
        }
        // Drop what is consumed; keep an unfinished object.
        if let begin = start {
            buffer.removeFirst(begin)
            start = 0
            scanned = buffer.count
        } else {
            buffer.removeAll(keepingCapacity: true)
            scanned = 0
        }
        return out
    }
}
