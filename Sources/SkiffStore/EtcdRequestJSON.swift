import Foundation

/// The JSON bytes of a gateway request body built from dictionaries, arrays, strings, booleans
/// and integers (keys sorted, so equal bodies are equal bytes).
///
/// Request bodies are small and of these few shapes; Foundation's `JSONSerialization` was a
/// fifth of the API server's CPU per write on etcd, a plain writer a small part of that.
enum EtcdRequestJSON {
    struct Unsupported: Error, CustomStringConvertible {
        var description: String
    }

    static func encode(_ value: Any) throws -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        try write(value, into: &out)
        return Data(out)
    }

    private static func write(_ value: Any, into out: inout [UInt8]) throws {
        switch value {
        case let s as String:
            writeString(s, into: &out)
        case let b as Bool:
            out.append(contentsOf: (b ? "true" : "false").utf8)
        case let i as Int:
            out.append(contentsOf: String(i).utf8)
        case let i as Int64:
            out.append(contentsOf: String(i).utf8)
        case let d as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (n, key) in d.keys.sorted().enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                try write(d[key]!, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        case let a as [Any]:
            out.append(UInt8(ascii: "["))
            for (n, element) in a.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                try write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        default:
            throw Unsupported(description: "cannot encode a \(type(of: value)) in an etcd request")
        }
    }

    private static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
