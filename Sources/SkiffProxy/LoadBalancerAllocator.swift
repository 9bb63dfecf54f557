import SkiffAPI

/// A range of IPv4 addresses for load-balancer ingress: "192.0.2.100-192.0.2.150" or a CIDR
/// (network and broadcast addresses left out).
public struct IPv4Pool: Sendable, Equatable {
    public let first: UInt32
    public let last: UInt32

    public init(_ text: String) throws {
        func bad() -> ProxyConfigError {
            ProxyConfigError("--loadbalancer-ip-range: expected FIRST-LAST or an IPv4 CIDR such as 192.0.2.128/25, got \"\(text)\"")
        }
        if text.contains("-") {
            let parts = text.split(separator: "-").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let a = IPv4Pool.parse(parts[0]), let b = IPv4Pool.parse(parts[1]), a <= b else { throw bad() }
            first = a; last = b
        } else {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let ip = IPv4Pool.parse(String(parts[0])), let len = Int(parts[1]), (8...32).contains(len) else { throw bad() }
            let mask: UInt32 = len == 32 ? ~0 : ~(~UInt32(0) >> UInt32(len))
            let base = ip & mask
            let size = UInt64(1) << UInt64(32 - len)
            if size <= 2 { first = base; last = base + UInt32(size - 1) } else { first = base + 1; last = base + UInt32(size - 2) }
        }
    }

    public func contains(_ ip: UInt32) -> Bool { ip >= first && ip <= last }

    public static func parse(_ s: String) -> UInt32? {
        let o = s.split(separator: ".", omittingEmptySubsequences: false)
        guard o.count == 4 else { return nil }
        var v: UInt32 = 0
        for part in o {
            guard !part.isEmpty, part.count <= 3, let n = UInt32(part), n <= 255 else { return nil }
            v = v << 8 | n
        }
        return v
    }

    public static func format(_ v: UInt32) -> String { "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }
}

public struct ProxyConfigError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Decides load-balancer ingress addresses. Pure: services in, wanted status changes out.
public enum LoadBalancerAllocator {
    public struct Assignment: Equatable, Sendable {
        public var namespace: String
        public var name: String
        /// The address to publish, or nil to clear an ingress that is no longer valid.
        public var ip: String?
    }

    /// Every LoadBalancer service without a valid ingress IP gets one: its `spec.loadBalancerIP`
    /// when that is in the pool and free, otherwise the lowest free address. Addresses held by
    /// other services (ingress already published) are never reused. A service that stopped
    /// being a LoadBalancer has its ingress cleared.
    public static func assign(services: [Service], pool: IPv4Pool) -> [Assignment] {
        var used = Set<UInt32>()
        var needs: [Service] = []
        var out: [Assignment] = []
        let sorted = services.sorted { ($0.metadata.namespace ?? "", $0.metadata.name ?? "") < ($1.metadata.namespace ?? "", $1.metadata.name ?? "") }
        for s in sorted {
            let current = (s.status.loadBalancer?.ingress ?? []).compactMap { $0.ip.flatMap(IPv4Pool.parse) }
            if s.spec.type != "LoadBalancer" || s.spec.loadBalancerClass != nil {
                if s.spec.type != "LoadBalancer" && current.contains(where: pool.contains) {
                    out.append(Assignment(namespace: s.metadata.namespace ?? "default", name: s.metadata.name ?? "", ip: nil))
                }
                continue
            }
            if let ip = current.first(where: { pool.contains($0) && !used.contains($0) }) { used.insert(ip) } else { needs.append(s) }
        }
        var next = pool.first
        for s in needs {
            var pick: UInt32?
            if let want = s.spec.loadBalancerIP.flatMap(IPv4Pool.parse), pool.contains(want), !used.contains(want) {
                pick = want
            } else {
                while next <= pool.last && used.contains(next) { next += 1 }
                if next <= pool.last { pick = next }
            }
            guard let ip = pick else { break }
            used.insert(ip)
            out.append(Assignment(namespace: s.metadata.namespace ?? "default", name: s.metadata.name ?? "", ip: IPv4Pool.format(ip)))
        }
        return out
    }
}
