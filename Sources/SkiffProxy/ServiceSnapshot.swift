import SkiffAPI

/// One endpoint of a service port: a ready address and its target port.
public struct ProxyEndpoint: Hashable, Sendable, Comparable {
    public var ip: String
    public var port: Int32
    /// Whether the endpoint's pod runs on this node (externalTrafficPolicy: Local).
    public var isLocal: Bool

    public init(ip: String, port: Int32, isLocal: Bool = false) {
        self.ip = ip
        self.port = port
        self.isLocal = isLocal
    }

    public var hostPort: String { "\(ip):\(port)" }

    public static func < (a: ProxyEndpoint, b: ProxyEndpoint) -> Bool {
        a.ip == b.ip ? a.port < b.port : a.ip < b.ip
    }
}

/// Everything the rules of one service port depend on, flattened from a Service and its
/// Endpoints. Two equal values render identical chains, which is what partial sync relies on.
public struct ServicePortInfo: Hashable, Sendable {
    public var namespace: String
    public var name: String
    /// The service port's name ("" when the service has a single unnamed port).
    public var portName: String
    /// TCP, UDP or SCTP.
    public var proto: String
    public var clusterIP: String
    public var port: Int32
    /// 0 when the service has no node port.
    public var nodePort: Int32
    public var externalIPs: [String]
    public var loadBalancerIPs: [String]
    /// ClientIP affinity timeout in seconds, nil without affinity.
    public var affinitySeconds: Int32?
    /// externalTrafficPolicy: Local (node ports, external and load-balancer IPs go only to local endpoints).
    public var externalPolicyLocal: Bool
    /// Ready endpoints, sorted.
    public var endpoints: [ProxyEndpoint]

    public init(namespace: String, name: String, portName: String = "", proto: String = "TCP", clusterIP: String,
                port: Int32, nodePort: Int32 = 0, externalIPs: [String] = [], loadBalancerIPs: [String] = [],
                affinitySeconds: Int32? = nil, externalPolicyLocal: Bool = false, endpoints: [ProxyEndpoint] = []) {
        self.namespace = namespace
        self.name = name
        self.portName = portName
        self.proto = proto
        self.clusterIP = clusterIP
        self.port = port
        self.nodePort = nodePort
        self.externalIPs = externalIPs
        self.loadBalancerIPs = loadBalancerIPs
        self.affinitySeconds = affinitySeconds
        self.externalPolicyLocal = externalPolicyLocal
        self.endpoints = endpoints
    }

    /// "ns/name:port" (or "ns/name" for an unnamed port), the key kube-proxy hashes.
    public var servicePortName: String {
        portName.isEmpty ? "\(namespace)/\(name)" : "\(namespace)/\(name):\(portName)"
    }

    /// Identity of the service port regardless of its contents.
    public var key: String { servicePortName + "/" + proto.lowercased() }

    public var hasExternalTraffic: Bool { nodePort != 0 || !externalIPs.isEmpty || !loadBalancerIPs.isEmpty }
    public var localEndpoints: [ProxyEndpoint] { endpoints.filter(\.isLocal) }
}

/// Builds the flat service-port list from API objects. Pure: no I/O.
public enum ServiceSnapshot {
    public static let defaultAffinitySeconds: Int32 = 10800

    /// Whether the proxy programs anything for this service (ExternalName and headless are DNS-only).
    public static func isProxied(_ svc: Service) -> Bool {
        if svc.spec.type == "ExternalName" { return false }
        guard let ip = svc.spec.clusterIP, !ip.isEmpty, ip != "None" else { return false }
        return !ip.contains(":")  // IPv4 rules only
    }

    public static func build(services: [Service], endpoints: [Endpoints], nodeName: String) -> [ServicePortInfo] {
        var byKey: [String: Endpoints] = [:]
        for ep in endpoints { byKey[(ep.metadata.namespace ?? "") + "/" + (ep.metadata.name ?? "")] = ep }
        var out: [ServicePortInfo] = []
        for svc in services {
            let ns = svc.metadata.namespace ?? "default", name = svc.metadata.name ?? ""
            out += servicePorts(svc, endpoints: byKey[ns + "/" + name], nodeName: nodeName)
        }
        return out
    }

    public static func servicePorts(_ svc: Service, endpoints: Endpoints?, nodeName: String) -> [ServicePortInfo] {
        guard isProxied(svc), let clusterIP = svc.spec.clusterIP else { return [] }
        let ns = svc.metadata.namespace ?? "default", name = svc.metadata.name ?? ""
        let type = svc.spec.type ?? "ClusterIP"
        let affinity: Int32? = svc.spec.sessionAffinity == "ClientIP"
            ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? defaultAffinitySeconds) : nil
        let lbIPs = type == "LoadBalancer" ? (svc.status.loadBalancer?.ingress ?? []).compactMap { $0.ip }.filter { !$0.isEmpty } : []
        var out: [ServicePortInfo] = []
        for p in svc.spec.ports ?? [] {
            let proto = (p.protocol ?? "TCP").uppercased()
            let portName = p.name ?? ""
            var eps: Set<ProxyEndpoint> = []
            for subset in endpoints?.subsets ?? [] {
                let match = (subset.ports ?? []).first { ($0.name ?? "") == portName && ($0.protocol ?? "TCP").uppercased() == proto }
                guard let match else { continue }
                for a in subset.addresses ?? [] where !a.ip.isEmpty && !a.ip.contains(":") {
                    eps.insert(ProxyEndpoint(ip: a.ip, port: match.port, isLocal: a.nodeName == nodeName))
                }
            }
            let nodePort = (type == "NodePort" || type == "LoadBalancer") ? (p.nodePort ?? 0) : 0
            out.append(ServicePortInfo(
                namespace: ns, name: name, portName: portName, proto: proto, clusterIP: clusterIP, port: p.port,
                nodePort: nodePort, externalIPs: (svc.spec.externalIPs ?? []).filter { !$0.contains(":") },
                loadBalancerIPs: lbIPs, affinitySeconds: affinity,
                externalPolicyLocal: svc.spec.externalTrafficPolicy == "Local" && type != "ClusterIP",
                endpoints: eps.sorted()))
        }
        return out
    }
}
