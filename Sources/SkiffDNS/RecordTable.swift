import Foundation
import SkiffAPI

/// Settings of the cluster zone.
public struct ClusterDNSConfig: Sendable, Hashable {
    /// The cluster domain, e.g. cluster.local.
    public var domain: String
    /// TTL of every answer and the SOA minimum (negative caching). CoreDNS's kubernetes plugin
    /// uses 5 seconds by default; so does Skiff, so a changed service is seen quickly.
    public var ttl: UInt32

    public init(domain: String = "cluster.local", ttl: UInt32 = 5) {
        self.domain = domain.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        self.ttl = ttl
    }
}

/// The outcome of looking a question up in the cluster's records.
public struct DNSLookup: Hashable, Sendable {
    public var rcode: DNSRCode
    public var answers: [DNSRecord] = []
    public var authorities: [DNSRecord] = []
    public var additionals: [DNSRecord] = []
}

/// The cluster's DNS records, computed from Services and Endpoints (the Kubernetes DNS
/// specification, schema 1.1.0), and how a question is answered from them. Pure: no I/O.
///
/// Zones: `<domain>` (services, pods, the schema version) and the reverse zones `in-addr.arpa`
/// and `ip6.arpa` (PTR for cluster IPs and endpoint addresses). A name that exists with other
/// types, or that has names below it, answers NOERROR with no records (NODATA); any other name
/// in a zone answers NXDOMAIN; both carry the zone's SOA for negative caching (RFC 2308).
public struct RecordTable: Sendable {
    public let config: ClusterDNSConfig
    /// Lower-case owner name → its records (owner names are filled in on answer).
    private(set) var rrsets: [String: [Entry]] = [:]
    /// Every name that exists: owners and the names between them and their zone.
    private(set) var names: Set<String> = []
    /// The zones served, most specific first: the cluster domain, then the reverse zones.
    private let zones: [(key: String, labels: Int)]

    struct Entry: Hashable, Sendable {
        var type: UInt16
        var data: DNSRData
    }

    public static let schemaVersion = "1.1.0"
    static let reverseZones = ["in-addr.arpa", "ip6.arpa"]

    public init(config: ClusterDNSConfig = ClusterDNSConfig(), services: [Service] = [], endpoints: [Endpoints] = []) {
        self.config = config
        zones = ([config.domain] + Self.reverseZones).map { ($0, DNSName($0).labels.count) }
        let zone = config.domain
        names.insert(zone)
        names.insert("svc.\(zone)")
        names.insert("pod.\(zone)")
        for z in Self.reverseZones { names.insert(z) }
        add("dns-version.\(zone)", DNSType.txt, .txt([Array(Self.schemaVersion.utf8)]))

        var byKey: [String: Endpoints] = [:]
        for ep in endpoints {
            byKey["\(ep.metadata.namespace ?? "default")/\(ep.metadata.name ?? "")"] = ep
        }
        for svc in services { addService(svc, endpoints: byKey) }
        balanceSRVWeights()
    }

    // MARK: building

    private mutating func addService(_ svc: Service, endpoints: [String: Endpoints]) {
        guard let name = svc.metadata.name?.lowercased(), !name.isEmpty else { return }
        let ns = (svc.metadata.namespace ?? "default").lowercased()
        let base = "\(name).\(ns).svc.\(config.domain)"
        names.insert("\(ns).svc.\(config.domain)")
        let spec = svc.spec
        if spec.type == "ExternalName" {
            if let ext = spec.externalName, !ext.isEmpty { add(base, DNSType.cname, .cname(DNSName(ext))) }
            return
        }
        var ips = (spec.clusterIPs ?? []).filter { !$0.isEmpty }
        if ips.isEmpty, let ip = spec.clusterIP, !ip.isEmpty { ips = [ip] }
        let headless = ips.isEmpty || ips.contains("None")
        // A headless service exists in DNS only through its ready endpoints: with none, its
        // name is NXDOMAIN (the specification, 2.4.1).
        if !headless {
            names.insert(base)
            for ip in ips { addAddress(owner: base, ip: ip, reverseTo: base) }
            for port in spec.ports ?? [] {
                guard let pn = port.name?.lowercased(), !pn.isEmpty else { continue }
                let proto = (port.protocol ?? "TCP").lowercased()
                add("_\(pn)._\(proto).\(base)", DNSType.srv,
                    .srv(priority: 0, weight: 100, port: UInt16(clamping: port.port), target: DNSName(base)))
            }
        }
        guard let ep = endpoints["\(ns)/\(name)"] ?? endpoints["\(svc.metadata.namespace ?? "default")/\(svc.metadata.name ?? "")"] else { return }
        let tolerate = spec.publishNotReadyAddresses == true
            || svc.metadata.annotations?["service.alpha.kubernetes.io/tolerate-unready-endpoints"] == "true"
        for subset in ep.subsets ?? [] {
            let addrs = (subset.addresses ?? []) + (tolerate ? (subset.notReadyAddresses ?? []) : [])
            for addr in addrs {
                guard IPAddressText.bytes(addr.ip) != nil else { continue }
                let host = (addr.hostname.flatMap { $0.isEmpty ? nil : $0 } ?? IPAddressText.dashed(addr.ip)).lowercased()
                let hostName = "\(host).\(base)"
                addAddress(owner: hostName, ip: addr.ip, reverseTo: hostName)
                guard headless else { continue }
                addAddress(owner: base, ip: addr.ip, reverseTo: nil)
                for port in subset.ports ?? [] {
                    guard let pn = port.name?.lowercased(), !pn.isEmpty else { continue }
                    let proto = (port.protocol ?? "TCP").lowercased()
                    add("_\(pn)._\(proto).\(base)", DNSType.srv,
                        .srv(priority: 0, weight: 100, port: UInt16(clamping: port.port), target: DNSName(hostName)))
                }
            }
        }
    }

    private mutating func addAddress(owner: String, ip: String, reverseTo: String?) {
        guard let b = IPAddressText.bytes(ip) else { return }
        add(owner, b.count == 4 ? DNSType.a : DNSType.aaaa, b.count == 4 ? .a(b) : .aaaa(b))
        if let target = reverseTo { add(IPAddressText.reverseName(b), DNSType.ptr, .ptr(DNSName(target))) }
    }

    private mutating func add(_ owner: String, _ type: UInt16, _ data: DNSRData) {
        let e = Entry(type: type, data: data)
        if rrsets[owner]?.contains(e) == true { return }
        rrsets[owner, default: []].append(e)
        // The owner and every name between it and its zone exist.
        var labels = owner.split(separator: ".").map(String.init)
        while !labels.isEmpty {
            let n = labels.joined(separator: ".")
            if names.contains(n) && n != owner { break }
            names.insert(n)
            labels.removeFirst()
        }
    }

    /// RFC 2782 weights: the records of one SRV name share 100 (at least 1 each).
    private mutating func balanceSRVWeights() {
        for (owner, entries) in rrsets {
            let srvCount = entries.filter { $0.type == DNSType.srv }.count
            guard srvCount > 1 else { continue }
            let w = UInt16(max(1, 100 / srvCount))
            rrsets[owner] = entries.map { e in
                guard case .srv(let p, _, let port, let t) = e.data else { return e }
                return Entry(type: e.type, data: .srv(priority: p, weight: w, port: port, target: t))
            }
        }
    }

    // MARK: answering

    /// The zone this table is authoritative for that holds `name`, if any.
    public func zone(of name: DNSName) -> String? {
        for z in zones where name.labels.count >= z.labels {
            if DNSName(labels: Array(name.labels.suffix(z.labels))).key == z.key { return z.key }
        }
        return nil
    }

    /// Answers one question. Call only for names in one of this table's zones (`zone(of:)`).
    public func lookup(_ qname: DNSName, type qtype: UInt16) -> DNSLookup {
        let zone = zone(of: qname) ?? config.domain
        guard let key = qname.key else { return negative(.nxDomain, zone: zone) }
        if key == zone, qtype == DNSType.soa || qtype == DNSType.any {
            return DNSLookup(rcode: .noError, answers: [soa(zone)])
        }
        if let set = rrsets[key] {
            var answers: [DNSRecord] = []
            if qtype != DNSType.cname, qtype != DNSType.any, let c = set.first(where: { $0.type == DNSType.cname }) {
                answers.append(DNSRecord(name: qname, type: DNSType.cname, ttl: config.ttl, data: c.data))
                return DNSLookup(rcode: .noError, answers: answers)
            }
            for e in set where e.type == qtype || qtype == DNSType.any {
                answers.append(DNSRecord(name: qname, type: e.type, ttl: config.ttl, data: e.data))
            }
            if answers.isEmpty { return negative(.noError, zone: zone) }
            var result = DNSLookup(rcode: .noError, answers: answers)
            if qtype == DNSType.srv { result.additionals = additionalAddresses(for: answers) }
            return result
        }
        if let podIP = podAddress(key) {
            if qtype == DNSType.a || qtype == DNSType.any {
                return DNSLookup(rcode: .noError, answers: [DNSRecord(name: qname, type: DNSType.a, ttl: config.ttl, data: .a(podIP))])
            }
            return negative(.noError, zone: zone)
        }
        if names.contains(key) { return negative(.noError, zone: zone) }
        return negative(.nxDomain, zone: zone)
    }

    /// `<a-b-c-d>.<ns>.pod.<domain>` answers with a.b.c.d for any namespace (the deprecated
    /// record the specification still requires; CoreDNS's "pods insecure" mode).
    private func podAddress(_ key: String) -> [UInt8]? {
        let suffix = ".pod.\(config.domain)"
        guard key.hasSuffix(suffix) else { return nil }
        let parts = key.dropLast(suffix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        return IPAddressText.ipv4(parts[0].replacingOccurrences(of: "-", with: "."))
    }

    private func additionalAddresses(for answers: [DNSRecord]) -> [DNSRecord] {
        var out: [DNSRecord] = []
        var seen = Set<String>()
        for rr in answers {
            guard case .srv(_, _, _, let target) = rr.data, let k = target.key, seen.insert(k).inserted else { continue }
            for e in rrsets[k] ?? [] where e.type == DNSType.a || e.type == DNSType.aaaa {
                out.append(DNSRecord(name: target, type: e.type, ttl: config.ttl, data: e.data))
            }
        }
        return out
    }

    private func negative(_ rcode: DNSRCode, zone: String) -> DNSLookup {
        DNSLookup(rcode: rcode, authorities: [soa(zone)])
    }

    /// The zone's SOA; its minimum (negative-caching TTL) is the record TTL.
    func soa(_ zone: String) -> DNSRecord {
        DNSRecord(name: DNSName(zone), type: DNSType.soa, ttl: config.ttl,
                  data: .soa(mname: DNSName("ns.dns.\(config.domain)"), rname: DNSName("hostmaster.\(config.domain)"),
                             serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: config.ttl))
    }

    /// How many owner names hold records (for logs).
    public var recordNameCount: Int { rrsets.count }
}
