/// A nat chain owned by one service port, with its complete rule lines ("-A CHAIN ...").
public struct RenderedChain: Hashable, Sendable {
    public var name: String
    public var rules: [String]
}

/// Every rule one service port contributes: its own chains (KUBE-SVC/SVL/EXT/SEP) and its lines
/// in the shared top-level chains.
public struct ServicePortRules: Hashable, Sendable {
    public var chains: [RenderedChain] = []
    /// nat KUBE-SERVICES (cluster, external and load-balancer IPs).
    public var natServices: [String] = []
    /// nat KUBE-NODEPORTS.
    public var natNodePorts: [String] = []
    /// filter KUBE-SERVICES (REJECT for a cluster IP without endpoints).
    public var filterServices: [String] = []
    /// filter KUBE-EXTERNAL-SERVICES (REJECT for node ports and external IPs without endpoints).
    public var filterExternal: [String] = []

    public var chainNames: [String] { chains.map(\.name) }
    public var natRuleCount: Int { chains.reduce(0) { $0 + $1.rules.count } + natServices.count + natNodePorts.count }
}

/// Node-wide settings the rules depend on.
public struct RenderConfig: Hashable, Sendable {
    /// The pod network of the whole cluster; traffic to a cluster IP from outside it is masqueraded.
    public var clusterCIDR: String?
    public var masqueradeMark = "0x4000"

    public init(clusterCIDR: String? = nil) { self.clusterCIDR = clusterCIDR }
}

/// Renders iptables-restore input in kube-proxy's layout. Pure: strings in, strings out.
public enum RuleRenderer {
    public static let natServicesChain = "KUBE-SERVICES"
    public static let natNodePortsChain = "KUBE-NODEPORTS"
    public static let markMasqChain = "KUBE-MARK-MASQ"
    public static let postroutingChain = "KUBE-POSTROUTING"
    public static let filterServicesChain = "KUBE-SERVICES"
    public static let filterExternalChain = "KUBE-EXTERNAL-SERVICES"
    public static let forwardChain = "KUBE-FORWARD"
    public static let firewallChain = "KUBE-FIREWALL"

    /// The probability of taking endpoint i of n (0-based) when the earlier ones were passed
    /// over: 1/(n-i), printed as kube-proxy prints it.
    public static func probability(_ remaining: Int) -> String {
        formatFixed10(1.0 / Double(remaining))
    }

    /// "%0.10f" without Foundation's formatter (fast and locale-free).
    static func formatFixed10(_ v: Double) -> String {
        let scaled = (v * 1e10).rounded()
        let whole = Int(scaled / 1e10)
        let frac = Int(scaled - Double(whole) * 1e10)
        var f = String(frac)
        if f.count < 10 { f = String(repeating: "0", count: 10 - f.count) + f }
        return "\(whole).\(f)"
    }

    /// A comment argument, quoted when it has spaces (as kube-proxy writes it).
    static func comment(_ text: String) -> String {
        text.contains(" ") ? "-m comment --comment \"\(text)\"" : "-m comment --comment \(text)"
    }

    public static func render(_ s: ServicePortInfo, config: RenderConfig) -> ServicePortRules {
        var out = ServicePortRules()
        let name = s.servicePortName
        let p = s.proto.lowercased()
        let protoMatch = "-m \(p) -p \(p)"
        let svcChain = ChainNames.service(name, s.proto)
        let extChain = ChainNames.external(name, s.proto)
        let svlChain = ChainNames.serviceLocal(name, s.proto)
        let hasEndpoints = !s.endpoints.isEmpty
        let reject = "-j REJECT --reject-with icmp-port-unreachable"

        // Cluster IP.
        if hasEndpoints {
            out.natServices.append("-A \(natServicesChain) \(comment("\(name) cluster IP")) \(protoMatch) -d \(s.clusterIP) --dport \(s.port) -j \(svcChain)")
        } else {
            out.filterServices.append("-A \(filterServicesChain) \(comment("\(name) has no endpoints")) \(protoMatch) -d \(s.clusterIP) --dport \(s.port) \(reject)")
        }

        // External destinations: external IPs, load-balancer IPs, the node port.
        for ip in s.externalIPs {
            if hasEndpoints {
                out.natServices.append("-A \(natServicesChain) \(comment("\(name) external IP")) \(protoMatch) -d \(ip) --dport \(s.port) -j \(extChain)")
            } else {
                out.filterExternal.append("-A \(filterExternalChain) \(comment("\(name) has no endpoints")) \(protoMatch) -d \(ip) --dport \(s.port) \(reject)")
            }
        }
        for ip in s.loadBalancerIPs {
            if hasEndpoints {
                out.natServices.append("-A \(natServicesChain) \(comment("\(name) loadbalancer IP")) \(protoMatch) -d \(ip) --dport \(s.port) -j \(extChain)")
            } else {
                out.filterExternal.append("-A \(filterExternalChain) \(comment("\(name) has no endpoints")) \(protoMatch) -d \(ip) --dport \(s.port) \(reject)")
            }
        }
        if s.nodePort != 0 {
            if hasEndpoints {
                out.natNodePorts.append("-A \(natNodePortsChain) \(comment(name)) \(protoMatch) --dport \(s.nodePort) -j \(extChain)")
            } else {
                out.filterExternal.append("-A \(filterExternalChain) \(comment("\(name) has no endpoints")) -m addrtype --dst-type LOCAL \(protoMatch) --dport \(s.nodePort) \(reject)")
            }
        }
        guard hasEndpoints else { return out }
        // externalTrafficPolicy Local and no endpoint on this node: KUBE-EXT sends pod and
        // node-local sources on to the service but leaves external traffic un-translated, and
        // the filter table drops it by its original destination (kube-proxy's "has no local
        // endpoints" rules), so it neither reaches the node itself nor leaves it.
        if s.hasExternalTraffic && s.externalPolicyLocal && s.localEndpoints.isEmpty {
            let drop = comment("\(name) has no local endpoints")
            for ip in s.externalIPs + s.loadBalancerIPs {
                out.filterExternal.append("-A \(filterExternalChain) \(drop) \(protoMatch) -d \(ip) --dport \(s.port) -j DROP")
            }
            if s.nodePort != 0 {
                out.filterExternal.append("-A \(filterExternalChain) \(drop) -m addrtype --dst-type LOCAL \(protoMatch) --dport \(s.nodePort) -j DROP")
            }
        }

        // KUBE-SVC: masquerade off-cluster sources, then pick an endpoint.
        var svc: [String] = []
        if let cidr = config.clusterCIDR {
            svc.append("-A \(svcChain) \(comment("\(name) cluster IP")) \(protoMatch) -d \(s.clusterIP) --dport \(s.port) ! -s \(cidr) -j \(markMasqChain)")
        }
        svc += balance(chain: svcChain, s, s.endpoints)
        out.chains.append(RenderedChain(name: svcChain, rules: svc))

        // KUBE-EXT: the external traffic policy.
        if s.hasExternalTraffic {
            var ext: [String] = []
            if s.externalPolicyLocal {
                if let cidr = config.clusterCIDR {
                    ext.append("-A \(extChain) \(comment("pod traffic for \(name) external destinations")) -s \(cidr) -j \(svcChain)")
                }
                ext.append("-A \(extChain) \(comment("masquerade LOCAL traffic for \(name) external destinations")) -m addrtype --src-type LOCAL -j \(markMasqChain)")
                ext.append("-A \(extChain) \(comment("route LOCAL traffic for \(name) external destinations")) -m addrtype --src-type LOCAL -j \(svcChain)")
                let local = s.localEndpoints
                if !local.isEmpty {
                    ext.append("-A \(extChain) -j \(svlChain)")
                    out.chains.append(RenderedChain(name: svlChain, rules: balance(chain: svlChain, s, local)))
                }
            } else {
                ext.append("-A \(extChain) \(comment("masquerade traffic for \(name) external destinations")) -j \(markMasqChain)")
                ext.append("-A \(extChain) -j \(svcChain)")
            }
            out.chains.append(RenderedChain(name: extChain, rules: ext))
        }

        // KUBE-SEP: hairpin masquerade, affinity record, DNAT.
        for ep in s.endpoints {
            let sep = ChainNames.endpoint(name, s.proto, ep.hostPort)
            let recent = s.affinitySeconds != nil ? "-m recent --name \(sep) --set " : ""
            out.chains.append(RenderedChain(name: sep, rules: [
                "-A \(sep) \(comment(name)) -s \(ep.ip) -j \(markMasqChain)",
                "-A \(sep) \(comment(name)) \(recent)\(protoMatch) -j DNAT --to-destination \(ep.hostPort)",
            ]))
        }
        return out
    }

    /// Affinity checks first (a client seen within the timeout returns to its endpoint), then a
    /// random pick: endpoint i of n taken with probability 1/(n-i), the last one always.
    static func balance(chain: String, _ s: ServicePortInfo, _ eps: [ProxyEndpoint]) -> [String] {
        let name = s.servicePortName
        var rules: [String] = []
        if let seconds = s.affinitySeconds {
            for ep in eps {
                let sep = ChainNames.endpoint(name, s.proto, ep.hostPort)
                rules.append("-A \(chain) \(comment("\(name) -> \(ep.hostPort)")) -m recent --name \(sep) --rcheck --seconds \(seconds) --reap -j \(sep)")
            }
        }
        let n = eps.count
        for (i, ep) in eps.enumerated() {
            let sep = ChainNames.endpoint(name, s.proto, ep.hostPort)
            let stat = i < n - 1 ? "-m statistic --mode random --probability \(probability(n - i)) " : ""
            rules.append("-A \(chain) \(comment("\(name) -> \(ep.hostPort)")) \(stat)-j \(sep)")
        }
        return rules
    }

    /// The fixed nat rules: masquerade marking and the POSTROUTING masquerade.
    public static func natStaticRules(config: RenderConfig) -> [RenderedChain] {
        let m = config.masqueradeMark
        return [
            RenderedChain(name: markMasqChain, rules: ["-A \(markMasqChain) -j MARK --or-mark \(m)"]),
            RenderedChain(name: postroutingChain, rules: [
                "-A \(postroutingChain) -m mark ! --mark \(m)/\(m) -j RETURN",
                "-A \(postroutingChain) -j MARK --xor-mark \(m)",
                "-A \(postroutingChain) \(comment("kubernetes service traffic requiring SNAT")) -j MASQUERADE --random-fully",
            ]),
        ]
    }

    /// The last rule of nat KUBE-SERVICES: anything addressed to this node goes on to the node ports.
    public static let nodePortsJump = "-A \(natServicesChain) \(comment("kubernetes service nodeports; NOTE: this must be the last rule in this chain")) -m addrtype --dst-type LOCAL -j \(natNodePortsChain)"

    /// The fixed filter rules: forwarding of marked and established traffic, and the guard that
    /// route_localnet needs (nothing from outside may reach 127.0.0.0/8 except by our DNAT).
    public static func filterStaticRules(config: RenderConfig) -> [RenderedChain] {
        let m = config.masqueradeMark
        return [
            RenderedChain(name: forwardChain, rules: [
                "-A \(forwardChain) -m conntrack --ctstate INVALID -j DROP",
                "-A \(forwardChain) \(comment("kubernetes forwarding rules")) -m mark --mark \(m)/\(m) -j ACCEPT",
                "-A \(forwardChain) \(comment("kubernetes forwarding conntrack rule")) -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
            ]),
            RenderedChain(name: firewallChain, rules: [
                "-A \(firewallChain) \(comment("block incoming localnet connections")) -d 127.0.0.0/8 ! -s 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP",
            ]),
        ]
    }
}
