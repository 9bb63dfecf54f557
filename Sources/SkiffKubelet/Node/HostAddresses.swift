#if canImport(Glibc)
import Glibc
#endif

/// The host's own addresses, for the node's InternalIP.
public enum HostAddresses {
    /// IPv4 addresses of interfaces that are up, loopback excluded, in interface order.
    public static func ipv4() -> [String] {
        var head: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&head) == 0, let first = head else { return [] }
        defer { freeifaddrs(head) }
        var out: [String] = []
        var p: UnsafeMutablePointer<ifaddrs>? = first
        while let cur = p {
            defer { p = cur.pointee.ifa_next }
            guard let addr = cur.pointee.ifa_addr, addr.pointee.sa_family == sa_family_t(AF_INET),
                  cur.pointee.ifa_flags & UInt32(IFF_UP) != 0, cur.pointee.ifa_flags & UInt32(IFF_LOOPBACK) == 0 else { continue }
            var buf = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                var a = sin.pointee.sin_addr
                _ = inet_ntop(AF_INET, &a, &buf, socklen_t(buf.count))
            }
            out.append(String(cString: buf))
        }
        return out
    }
}
