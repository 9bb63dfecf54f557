#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// IP address text ⇄ bytes, and the reverse-lookup names of addresses (in-addr.arpa, ip6.arpa).
public enum IPAddressText {
    /// 4 bytes for dotted IPv4 text, 16 for IPv6 text, nil otherwise.
    public static func bytes(_ text: String) -> [UInt8]? {
        if text.contains(":") {
            var a = in6_addr()
            guard inet_pton(AF_INET6, text, &a) == 1 else { return nil }
            return withUnsafeBytes(of: &a) { Array($0) }
        }
        return ipv4(text)
    }

    /// Strict dotted-quad IPv4 (four decimal parts 0...255, no leading zeros beyond "0").
    public static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: [UInt8] = []
        for p in parts {
            guard !p.isEmpty, p.count <= 3, p.allSatisfy({ $0.isASCII && $0.isNumber }),
                  !(p.count > 1 && p.hasPrefix("0")), let v = Int(p), v <= 255 else { return nil }
            out.append(UInt8(v))
        }
        return out
    }

    /// Canonical text of 4 or 16 address bytes.
    public static func text(_ b: [UInt8]) -> String {
        if b.count == 4 { return b.map(String.init).joined(separator: ".") }
        var buf = [CChar](repeating: 0, count: 64)
        var a = in6_addr()
        withUnsafeMutableBytes(of: &a) { dst in for (i, x) in b.prefix(16).enumerated() { dst[i] = x } }
        guard inet_ntop(AF_INET6, &a, &buf, socklen_t(buf.count)) != nil else { return "" }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// `d.c.b.a.in-addr.arpa` or the nibble form under ip6.arpa (lower case, no final dot).
    public static func reverseName(_ b: [UInt8]) -> String {
        if b.count == 4 { return b.reversed().map(String.init).joined(separator: ".") + ".in-addr.arpa" }
        let hex = Array("0123456789abcdef")
        var nibbles: [String] = []
        for byte in b.reversed() {
            nibbles.append(String(hex[Int(byte & 0x0f)]))
            nibbles.append(String(hex[Int(byte >> 4)]))
        }
        return nibbles.joined(separator: ".") + ".ip6.arpa"
    }

    /// The dashed form used in pod and endpoint names: 10.244.1.5 → 10-244-1-5; IPv6 colons
    /// become dashes too (2001:db8::1 → 2001-db8--1), as Kubernetes DNS does.
    public static func dashed(_ ip: String) -> String {
        String(ip.map { $0 == "." || $0 == ":" ? "-" : $0 })
    }
}
