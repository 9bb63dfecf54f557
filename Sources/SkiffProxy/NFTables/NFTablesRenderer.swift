import CNetfilter

/// Everything one service port contributes to the nftables table: its chains, its affinity
/// sets, and its elements in the shared dispatch maps. Equal values mean identical kernel state.
public struct NFTServicePortObjects: Hashable, Sendable {
    public struct Chain: Hashable, Sendable {
        public var name: String
        public var rules: [[NFTExpr]]
    }
    public var chains: [Chain] = []
    /// Endpoint addresses (network order), for the hairpin set.
    public var hairpinAddresses: [[UInt8]] = []
    public var affinitySets: [String] = []
    public var affinityMilliseconds: UInt64 = 0
    /// Elements by map name.
    public var elements: [String: [NFTElement]] = [:]

    public var ruleCount: Int { chains.reduce(0) { $0 + $1.rules.count } }
}

/// Renders the nftables mode's table, modelled on kube-proxy's nftables mode: one table
/// (`ip kube-proxy`); a verdict map from destination . protocol . port to a per-service chain,
/// so a packet costs one hash lookup however many services exist; node ports through a second
/// map behind `fib daddr type local`; services without endpoints rejected through maps in the
/// filter hooks. Pure: service ports in, expressions out.
public enum NFTablesRenderer {
    public static let table = "kube-proxy"
    public static let serviceIPsMap = "service-ips"
    public static let serviceNodePortsMap = "service-nodeports"
    public static let noEndpointServicesMap = "no-endpoint-services"
    public static let noEndpointNodePortsMap = "no-endpoint-nodeports"
    public static let servicesChain = "services"
    public static let markChain = "mark-for-masquerade"
    public static let masqChain = "masquerading"
    public static let rejectChain = "reject-chain"
    public static let firewallChain = "firewall-localnet"
    public static let hairpinSet = "hairpin-endpoints"
    /// service id . index → endpoint address . port, for every service without affinity,
    /// spread over shards: nf_tables checks every element added to a map against each rule that
    /// reads the map, so one map for all services would make a full sync quadratic.
    public static let endpointsMapShards: UInt32 = 128
    public static func endpointsMap(id: UInt32) -> String { "service-endpoints-\((id / 2) % endpointsMapShards)" }
    public static var allEndpointsMaps: [String] { (0..<endpointsMapShards).map { endpointsMap(id: $0 * 2) } }
    static let rtnLocal: UInt32 = 2

    // MARK: names (readable and unique: namespace and service names cannot hold "/")

    static func portID(_ s: ServicePortInfo) -> String {
        "\(s.namespace)/\(s.name)/\(s.proto.lowercased())/\(s.portName)"
    }
    public static func serviceChain(_ s: ServicePortInfo) -> String { "service-" + portID(s) }
    public static func externalChain(_ s: ServicePortInfo) -> String { "external-" + portID(s) }
    public static func localChain(_ s: ServicePortInfo) -> String { "local-" + portID(s) }
    public static func endpointChain(_ s: ServicePortInfo, _ e: ProxyEndpoint) -> String { "endpoint-\(portID(s))__\(e.ip)/\(e.port)" }
    public static func affinitySet(_ s: ServicePortInfo, _ e: ProxyEndpoint) -> String { "affinity-\(portID(s))__\(e.ip)/\(e.port)" }

    // MARK: bytes

    /// Dotted IPv4 to network-order bytes; nil when it is not one.
    public static func ipv4(_ s: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(4)
        var cur = 0, digits = 0
        for c in s.utf8 {
            if c == UInt8(ascii: ".") {
                guard digits > 0, out.count < 3 else { return nil }
                out.append(UInt8(cur)); cur = 0; digits = 0
            } else if c >= 48 && c <= 57 {
                cur = cur * 10 + Int(c - 48); digits += 1
                guard cur <= 255, digits <= 3 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, out.count == 3 else { return nil }
        out.append(UInt8(cur))
        return out
    }

    /// "10.0.0.0/8" to (network bytes, mask bytes).
    static func cidr(_ s: String) -> (net: [UInt8], mask: [UInt8])? {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let ip = ipv4(String(parts[0])), let bits = Int(parts[1]), (0...32).contains(bits) else { return nil }
        let m: UInt32 = bits == 0 ? 0 : ~UInt32(0) << UInt32(32 - bits)
        let mask = [UInt8(m >> 24), UInt8((m >> 16) & 0xff), UInt8((m >> 8) & 0xff), UInt8(m & 0xff)]
        return (zip(ip, mask).map { $0 & $1 }, mask)
    }

    static func protoNumber(_ p: String) -> UInt8 {
        switch p.uppercased() {
        case "UDP": 17
        case "SCTP": 132
        default: 6
        }
    }

    static func be16(_ v: Int32) -> [UInt8] { [UInt8((v >> 8) & 0xff), UInt8(v & 0xff)] }
    static func host32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xff), UInt8((v >> 8) & 0xff), UInt8((v >> 16) & 0xff), UInt8(v >> 24)] }

    /// ip . proto . port, each field padded to 4 bytes.
    static func key(ip: [UInt8], proto: UInt8, port: Int32) -> [UInt8] {
        ip + [proto, 0, 0, 0] + be16(port) + [0, 0]
    }

    static func key(proto: UInt8, port: Int32) -> [UInt8] { [proto, 0, 0, 0] + be16(port) + [0, 0] }

    // MARK: expression helpers

    typealias E = NFTExpr
    static let r1 = NFTExpr.reg1, r2 = NFTExpr.reg2

    static func ipField(source: Bool, into reg: UInt32 = NFTExpr.reg1) -> E {
        .payload(base: .network, offset: source ? 12 : 16, length: 4, dreg: reg)
    }

    static func ipEquals(source: Bool, _ ip: [UInt8]) -> [E] {
        [ipField(source: source), .cmp(sreg: r1, equal: true, data: ip)]
    }

    static func ipInCIDR(source: Bool, _ c: (net: [UInt8], mask: [UInt8]), equal: Bool) -> [E] {
        [ipField(source: source), .bitwise(sreg: r1, dreg: r1, mask: c.mask, xor: [0, 0, 0, 0]), .cmp(sreg: r1, equal: equal, data: c.net)]
    }

    static func fibLocal(destination: Bool) -> [E] {
        [.fibAddressType(destination: destination, dreg: r1), .cmp(sreg: r1, equal: true, data: host32(rtnLocal))]
    }

    /// Loads ip daddr . meta l4proto . th dport into the concatenation registers.
    static let loadAddressProtoPort: [E] = [
        .payload(base: .network, offset: 16, length: 4, dreg: NFTExpr.reg32(0)),
        .metaLoad(.l4proto, dreg: NFTExpr.reg32(1)),
        .payload(base: .transport, offset: 2, length: 2, dreg: NFTExpr.reg32(2)),
    ]
    static let loadProtoPort: [E] = [
        .metaLoad(.l4proto, dreg: NFTExpr.reg32(0)),
        .payload(base: .transport, offset: 2, length: 2, dreg: NFTExpr.reg32(1)),
    ]

    static func ctNew() -> [E] {
        [.ctState(dreg: r1), .bitwise(sreg: r1, dreg: r1, mask: host32(UInt32(SKIFF_NF_CT_STATE_NEW_BIT)), xor: [0, 0, 0, 0]),
         .cmp(sreg: r1, equal: false, data: [0, 0, 0, 0])]
    }

    // MARK: the fixed part of the table

    /// Chains, maps and rules that do not depend on services, in creation order.
    public static func staticOps(config: RenderConfig, markBit: UInt32 = 0x4000) -> [NFTOp] {
        var ops: [NFTOp] = [
            .addVerdictMap(serviceIPsMap, key: .addressProtocolPort),
            .addVerdictMap(serviceNodePortsMap, key: .protocolPort),
            .addVerdictMap(noEndpointServicesMap, key: .addressProtocolPort),
            .addVerdictMap(noEndpointNodePortsMap, key: .protocolPort),
            .addAddressPairSet(hairpinSet),
        ] + allEndpointsMaps.map { NFTOp.addEndpointMap($0) }
        let fixed: [(String, NFTBaseChain?, [[E]])] = [
            (markChain, nil, [[.metaLoad(.mark, dreg: r1), .bitwise(sreg: r1, dreg: r1, mask: host32(~markBit), xor: host32(markBit)),
                               .metaSet(.mark, sreg: r1)]]),
            (masqChain, nil, [
                [.metaLoad(.mark, dreg: r1), .bitwise(sreg: r1, dreg: r1, mask: host32(markBit), xor: [0, 0, 0, 0]),
                 .cmp(sreg: r1, equal: true, data: [0, 0, 0, 0]), .verdict(.return)],
                [.metaLoad(.mark, dreg: r1), .bitwise(sreg: r1, dreg: r1, mask: host32(~0), xor: host32(markBit)),
                 .metaSet(.mark, sreg: r1)],
                [.masquerade(randomFully: true)],
            ]),
            (servicesChain, nil, [
                loadAddressProtoPort + [.lookup(set: serviceIPsMap, sreg: NFTExpr.reg32(0), dreg: NFTExpr.verdictReg, invert: false)],
                fibLocal(destination: true) + loadProtoPort
                    + [.lookup(set: serviceNodePortsMap, sreg: NFTExpr.reg32(0), dreg: NFTExpr.verdictReg, invert: false)],
            ]),
            (rejectChain, nil, [[.rejectPortUnreachable]]),
            // route_localnet lets node ports answer on 127.0.0.1; nothing else from outside may
            // reach 127.0.0.0/8.
            (firewallChain, nil, [
                ipInCIDR(source: false, cidr("127.0.0.0/8")!, equal: true) + ipInCIDR(source: true, cidr("127.0.0.0/8")!, equal: false)
                    + ctNew() + [.verdict(.drop)],
            ]),
            ("nat-prerouting", NFTBaseChain(kind: .nat, hook: .prerouting, priority: -100), [[.verdict(.jump(servicesChain))]]),
            ("nat-output", NFTBaseChain(kind: .nat, hook: .output, priority: -100), [[.verdict(.jump(servicesChain))]]),
            // A pod that reached itself through a service: masquerade, or its reply would not
            // come back through the DNAT.
            ("nat-postrouting", NFTBaseChain(kind: .nat, hook: .postrouting, priority: 100), [
                [.ctStatus(dreg: r1), .bitwise(sreg: r1, dreg: r1, mask: host32(0x20), xor: [0, 0, 0, 0]),  // IPS_DST_NAT
                 .cmp(sreg: r1, equal: false, data: [0, 0, 0, 0]),
                 .payload(base: .network, offset: 12, length: 4, dreg: NFTExpr.reg32(0)),
                 .payload(base: .network, offset: 16, length: 4, dreg: NFTExpr.reg32(1)),
                 .lookup(set: hairpinSet, sreg: NFTExpr.reg32(0), dreg: nil, invert: false), .masquerade(randomFully: true)],
                [.verdict(.jump(masqChain))],
            ]),
            ("filter-input", NFTBaseChain(kind: .filter, hook: .input, priority: -10), [
                ctNew() + loadAddressProtoPort + [.lookup(set: noEndpointServicesMap, sreg: NFTExpr.reg32(0), dreg: NFTExpr.verdictReg, invert: false)],
                ctNew() + fibLocal(destination: true) + loadProtoPort
                    + [.lookup(set: noEndpointNodePortsMap, sreg: NFTExpr.reg32(0), dreg: NFTExpr.verdictReg, invert: false)],
                [.verdict(.jump(firewallChain))],
            ]),
            ("filter-forward", NFTBaseChain(kind: .filter, hook: .forward, priority: -10), [
                ctNew() + loadAddressProtoPort + [.lookup(set: noEndpointServicesMap, sreg: NFTExpr.reg32(0), dreg: NFTExpr.verdictReg, invert: false)],
                ctNew() + fibLocal(destination: true) + loadProtoPort
                    + [.lookup(set: noEndpointNodePortsMap, sreg: NFTExpr.reg32(0), dreg: NFTExpr.verdictReg, invert: false)],
            ]),
            ("filter-output", NFTBaseChain(kind: .filter, hook: .output, priority: -10), [
                ctNew() + loadAddressProtoPort + [.lookup(set: noEndpointServicesMap, sreg: NFTExpr.reg32(0), dreg: NFTExpr.verdictReg, invert: false)],
                [.verdict(.jump(firewallChain))],
            ]),
        ]
        for (name, base, _) in fixed { ops.append(.addChain(name, base: base)) }
        for (name, _, rules) in fixed {
            ops.append(.flushChain(name))
            for r in rules { ops.append(.addRule(chain: name, r)) }
        }
        return ops
    }


    // MARK: one service port

    /// `id` names the service port in the endpoints map (it and id + 1, for the node-local
    /// endpoints, belong to it alone).
    public static func render(_ s: ServicePortInfo, config: RenderConfig, id: UInt32) -> NFTServicePortObjects {
        var out = NFTServicePortObjects()
        let proto = protoNumber(s.proto)
        guard let clusterIP = ipv4(s.clusterIP) else { return out }
        let externalIPs = (s.externalIPs + s.loadBalancerIPs).compactMap(ipv4)
        let svc = serviceChain(s), ext = externalChain(s)
        guard !s.endpoints.isEmpty else {
            let keys = [clusterIP] + externalIPs
            out.elements[noEndpointServicesMap] = keys.map { NFTElement(key: key(ip: $0, proto: proto, port: s.port), verdict: .goto(rejectChain)) }
            if s.nodePort != 0 {
                out.elements[noEndpointNodePortsMap] = [NFTElement(key: key(proto: proto, port: s.nodePort), verdict: .goto(rejectChain))]
            }
            return out
        }
        var ipElements = [NFTElement(key: key(ip: clusterIP, proto: proto, port: s.port), verdict: .goto(svc))]
        for ip in externalIPs { ipElements.append(NFTElement(key: key(ip: ip, proto: proto, port: s.port), verdict: .goto(ext))) }
        out.elements[serviceIPsMap] = ipElements
        if s.nodePort != 0 {
            out.elements[serviceNodePortsMap] = [NFTElement(key: key(proto: proto, port: s.nodePort), verdict: .goto(ext))]
        }

        // The service chain: masquerade off-cluster sources, then pick an endpoint.
        var svcRules: [[E]] = []
        if let c = config.clusterCIDR.flatMap(cidr) {
            svcRules.append(ipEquals(source: false, clusterIP) + ipInCIDR(source: true, c, equal: false) + [.verdict(.jump(markChain))])
        }
        svcRules += balance(s, s.endpoints, id: id, into: &out, proto: proto)
        out.chains.append(.init(name: svc, rules: svcRules))

        // The external chain: the external traffic policy.
        if s.hasExternalTraffic {
            var extRules: [[E]] = []
            if s.externalPolicyLocal {
                if let c = config.clusterCIDR.flatMap(cidr) {
                    extRules.append(ipInCIDR(source: true, c, equal: true) + [.verdict(.goto(svc))])
                }
                extRules.append(fibLocal(destination: false) + [.verdict(.jump(markChain))])
                extRules.append(fibLocal(destination: false) + [.verdict(.goto(svc))])
                let local = s.localEndpoints
                if local.isEmpty {
                    extRules.append([.verdict(.drop)])
                } else {
                    extRules.append([.verdict(.goto(localChain(s)))])
                    out.chains.append(.init(name: localChain(s), rules: balance(s, local, id: id + 1, into: &out, proto: proto)))
                }
            } else {
                extRules.append([.verdict(.jump(markChain))])
                extRules.append([.verdict(.goto(svc))])
            }
            out.chains.append(.init(name: ext, rules: extRules))
        }

        var seen = Set<[UInt8]>()
        for e in s.endpoints { if let ip = ipv4(e.ip), seen.insert(ip).inserted { out.hairpinAddresses.append(ip) } }
        guard let seconds = s.affinitySeconds else { return out }

        // ClientIP affinity: one chain per endpoint, recording the client in the endpoint's
        // timeout set, then DNAT.
        out.affinityMilliseconds = UInt64(max(seconds, 1)) * 1000
        for e in s.endpoints {
            guard let ip = ipv4(e.ip) else { continue }
            let set = affinitySet(s, e)
            out.affinitySets.append(set)
            out.chains.append(.init(name: endpointChain(s, e), rules: [
                [ipField(source: true), .dynsetUpdate(set: set, sreg: r1, timeoutMilliseconds: out.affinityMilliseconds)],
                [.metaLoad(.l4proto, dreg: r1), .cmp(sreg: r1, equal: true, data: [proto]),
                 .immediate(dreg: r1, data: ip), .immediate(dreg: r2, data: be16(e.port)),
                 .dnat(addressReg: r1, portReg: r2)],
            ]))
        }
        return out
    }

    /// Without affinity: one rule draws numgen random mod n and DNATs to the endpoint the
    /// endpoints map holds under id . draw, so an endpoint replaced is two map elements swapped
    /// and no rule changes (nf_tables then has no chain graph to re-validate). With affinity: a client seen within the timeout goes back to its endpoint, the
    /// others are picked at random (endpoint i of n with probability 1/(n-i)).
    static func balance(_ s: ServicePortInfo, _ eps: [ProxyEndpoint], id: UInt32, into out: inout NFTServicePortObjects,
                        proto: UInt8) -> [[E]] {
        let usable = eps.compactMap { e in ipv4(e.ip).map { (e, $0) } }
        guard !usable.isEmpty else { return [[.verdict(.drop)]] }
        var rules: [[E]] = []
        guard s.affinitySeconds != nil else {
            out.elements[endpointsMap(id: id), default: []] += usable.enumerated().map { i, pair in
                NFTElement(key: host32(id) + host32(UInt32(i)), data: pair.1 + be16(pair.0.port) + [0, 0])
            }
            rules.append([.metaLoad(.l4proto, dreg: r1), .cmp(sreg: r1, equal: true, data: [proto]),
                          .immediate(dreg: NFTExpr.reg32(0), data: host32(id)),
                          .numgenRandom(modulus: UInt32(usable.count), dreg: NFTExpr.reg32(1)),
                          .lookup(set: endpointsMap(id: id), sreg: NFTExpr.reg32(0), dreg: NFTExpr.reg32(0), invert: false),
                          .dnat(addressReg: NFTExpr.reg32(0), portReg: NFTExpr.reg32(1))])
            return rules
        }
        for (e, _) in usable {
            rules.append([ipField(source: true), .lookup(set: affinitySet(s, e), sreg: r1, dreg: nil, invert: false),
                          .verdict(.goto(endpointChain(s, e)))])
        }
        for (i, (e, _)) in usable.enumerated() {
            let remaining = usable.count - i
            if remaining > 1 {
                rules.append([.numgenRandom(modulus: UInt32(remaining), dreg: r1), .cmp(sreg: r1, equal: true, data: [0, 0, 0, 0]),
                              .verdict(.goto(endpointChain(s, e)))])
            } else {
                rules.append([.verdict(.goto(endpointChain(s, e)))])
            }
        }
        return rules
    }
}
