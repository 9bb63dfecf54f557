/// What the service environment variables need to know of one Service.
public struct ServiceLink: Sendable, Equatable {
    public struct Port: Sendable, Equatable {
        public var name: String?
        public var port: Int
        public var proto: String  // "TCP", "UDP", "SCTP"
        public init(name: String? = nil, port: Int, proto: String = "TCP") { self.name = name; self.port = port; self.proto = proto }
    }
    public var name: String
    public var namespace: String
    /// Empty or "None" (headless) services get no variables.
    public var clusterIP: String
    public var ports: [Port]

    public init(name: String, namespace: String, clusterIP: String, ports: [Port]) {
        self.name = name; self.namespace = namespace; self.clusterIP = clusterIP; self.ports = ports
    }
}

/// The service environment variables of the original design (Docker-links style), as the
/// kubelet sets them when a container starts: for each service of the pod's namespace
/// `{SVC}_SERVICE_HOST`, `{SVC}_SERVICE_PORT`, `{SVC}_SERVICE_PORT_{NAME}`, `{SVC}_PORT`,
/// `{SVC}_PORT_{P}_{PROTO}` and its `_PROTO`, `_PORT`, `_ADDR`; the `kubernetes` service of
/// `default` always, the others only when `enableServiceLinks` is on.
public enum ServiceEnvironment {
    public static func variables(for services: [ServiceLink], podNamespace: String, enableServiceLinks: Bool) -> [(String, String)] {
        // The pod's own namespace wins over the master service of `default` with the same name.
        var chosen: [String: ServiceLink] = [:]
        for s in services where s.namespace == "default" && s.name == "kubernetes" {
            chosen[s.name] = s
        }
        if enableServiceLinks {
            for s in services where s.namespace == podNamespace { chosen[s.name] = s }
        }
        var out: [(String, String)] = []
        for name in chosen.keys.sorted() {
            guard let s = chosen[name], isServiceIP(s.clusterIP), let first = s.ports.first else { continue }
            let prefix = envName(s.name)
            let host = s.clusterIP
            out.append(("\(prefix)_SERVICE_HOST", host))
            out.append(("\(prefix)_SERVICE_PORT", String(first.port)))
            for p in s.ports {
                if let n = p.name, !n.isEmpty { out.append(("\(prefix)_SERVICE_PORT_\(envName(n))", String(p.port))) }
            }
            out.append(("\(prefix)_PORT", url(first, host)))
            for p in s.ports {
                let base = "\(prefix)_PORT_\(p.port)_\(p.proto.uppercased())"
                out.append((base, url(p, host)))
                out.append(("\(base)_PROTO", p.proto.lowercased()))
                out.append(("\(base)_PORT", String(p.port)))
                out.append(("\(base)_ADDR", host))
            }
        }
        return out
    }

    /// Upper-cased with dashes turned into underscores: `redis-master` → `REDIS_MASTER`.
    public static func envName(_ s: String) -> String {
        s.uppercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
    }

    private static func isServiceIP(_ ip: String) -> Bool { !ip.isEmpty && ip != "None" }

    private static func url(_ p: ServiceLink.Port, _ host: String) -> String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "\(p.proto.lowercased())://\(h):\(p.port)"
    }
}
