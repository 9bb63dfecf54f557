/// An IPv4 CIDR range for service cluster IPs (pure arithmetic, no I/O).
public struct IPv4Range: Sendable, Equatable, CustomStringConvertible {
    public let base: UInt32
    public let prefixLength: Int

    public init(cidr: String) throws {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let len = Int(parts[1]), (1...30).contains(len), let ip = IPv4Range.parse(String(parts[0])) else {
            throw RangeError("--service-cluster-ip-range: expected an IPv4 CIDR such as 10.96.0.0/12 with a prefix of /1 to /30, got \"\(cidr)\"")
        }
        prefixLength = len
        let mask: UInt32 = len == 0 ? 0 : ~UInt32(0) << UInt32(32 - len)
        base = ip & mask
    }

    public var size: UInt64 { UInt64(1) << UInt64(32 - prefixLength) }
    /// The first usable address (Kubernetes gives it to the `kubernetes` service).
    public var first: UInt32 { base + 1 }
    /// The last usable address (the broadcast address is excluded).
    public var last: UInt32 { base + UInt32(size - 2) }

    public func contains(_ ip: UInt32) -> Bool { ip >= first && ip <= last }

    public var description: String { "\(IPv4Range.format(base))/\(prefixLength)" }

    public static func parse(_ s: String) -> UInt32? {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var v: UInt32 = 0
        for o in octets {
            guard let n = UInt32(o), n <= 255, !o.isEmpty, o.count <= 3 else { return nil }
            v = v << 8 | n
        }
        return v
    }

    public static func format(_ ip: UInt32) -> String {
        "\(ip >> 24 & 0xff).\(ip >> 16 & 0xff).\(ip >> 8 & 0xff).\(ip & 0xff)"
    }
}

/// A port range such as 30000-32767.
public struct PortRange: Sendable, Equatable, CustomStringConvertible {
    public let low: Int
    public let high: Int

    public init(_ text: String) throws {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let lo = Int(parts[0]), let hi = Int(parts[1]), lo >= 1, hi <= 65535, lo <= hi else {
            throw RangeError("--service-node-port-range: expected LOW-HIGH within 1-65535 such as 30000-32767, got \"\(text)\"")
        }
        low = lo
        high = hi
    }

    public func contains(_ p: Int) -> Bool { p >= low && p <= high }
    public var description: String { "\(low)-\(high)" }
}

public struct RangeError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ d: String) { description = d }
}
