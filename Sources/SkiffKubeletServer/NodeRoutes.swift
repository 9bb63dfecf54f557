/// The kubelet's HTTP paths and what each needs, parsed apart from the listener so routing is
/// unit-tested. Pure.
public enum NodeRoute: Equatable, Sendable {
    case healthz
    case pods
    case machine
    case summary
    case metrics
    case cadvisor
    case resource
    case containerLogs(namespace: String, pod: String, container: String)
    case exec(namespace: String, pod: String, container: String)
    case notFound

    /// Whether the route is served on the read-only port too (logs and exec are main-port only).
    public var readOnly: Bool {
        switch self {
        case .containerLogs, .exec: return false
        default: return true
        }
    }

    public static func parse(_ path: String) -> NodeRoute {
        var p = Substring(path)
        while p.count > 1, p.hasSuffix("/") { p = p.dropLast() }
        switch p {
        case "/healthz": return .healthz
        case "/pods": return .pods
        case "/spec", "/api/v1.3/machine", "/api/v2.0/machine": return .machine
        case "/stats/summary": return .summary
        case "/metrics": return .metrics
        case "/metrics/cadvisor": return .cadvisor
        case "/metrics/resource": return .resource
        default: break
        }
        let parts = p.split(separator: "/", omittingEmptySubsequences: true).map { percentDecode($0) }
        if parts.count == 4, parts[0] == "containerLogs" { return .containerLogs(namespace: parts[1], pod: parts[2], container: parts[3]) }
        if parts.count == 4, parts[0] == "exec" { return .exec(namespace: parts[1], pod: parts[2], container: parts[3]) }
        return .notFound
    }

    /// `a=1&b=x%3Ay` → ["a": "1", "b": "x:y"] (repeated keys: all values in order).
    public static func query(_ text: String?) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for pair in (text ?? "").split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let k = percentDecode(kv[0])
            out[k, default: []].append(kv.count > 1 ? percentDecode(kv[1]) : "")
        }
        return out
    }

    static func percentDecode(_ s: Substring) -> String {
        guard s.contains("%") || s.contains("+") else { return String(s) }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == 37, i + 2 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                out.append(v); i += 3
            } else if b[i] == 43 {
                out.append(32); i += 1
            } else { out.append(b[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
