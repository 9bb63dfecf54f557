import SkiffAPI
import Testing
@testable import SkiffDNS

func service(_ name: String, ns: String = "default", clusterIP: String? = nil, type: String? = nil,
             externalName: String? = nil, ports: [ServicePort] = [], publishNotReady: Bool? = nil) -> Service {
    Service(metadata: ObjectMeta(name: name, namespace: ns),
            spec: ServiceSpec(ports: ports, clusterIP: clusterIP, clusterIPs: clusterIP.map { [$0] }, type: type,
                              externalName: externalName, publishNotReadyAddresses: publishNotReady))
}

func endpoints(_ name: String, ns: String = "default", ready: [(String, String?)], notReady: [String] = [],
               ports: [EndpointPort] = []) -> Endpoints {
    Endpoints(metadata: ObjectMeta(name: name, namespace: ns),
              subsets: [EndpointSubset(addresses: ready.map { EndpointAddress(ip: $0.0, hostname: $0.1) },
                                       notReadyAddresses: notReady.map { EndpointAddress(ip: $0) }, ports: ports)])
}

private let table = RecordTable(
    config: ClusterDNSConfig(domain: "cluster.local", ttl: 5),
    services: [
        service("web", clusterIP: "10.96.0.20", ports: [ServicePort(name: "http", protocol: "TCP", port: 80), ServicePort(port: 81)]),
        service("db", ns: "prod", clusterIP: "None", ports: [ServicePort(name: "pg", port: 5432)]),
        service("empty", clusterIP: "None"),
        service("ext", type: "ExternalName", externalName: "www.example.com"),
        service("dns", ns: "kube-system", clusterIP: "10.96.0.10",
                ports: [ServicePort(name: "dns", protocol: "UDP", port: 53), ServicePort(name: "dns-tcp", protocol: "TCP", port: 53)]),
        service("v6", clusterIP: "fd00::20"),
        service("pub", clusterIP: "None", publishNotReady: true),
    ],
    endpoints: [
        endpoints("web", ready: [("10.244.0.5", nil)], ports: [EndpointPort(name: "http", port: 8080)]),
        endpoints("db", ns: "prod", ready: [("10.244.1.7", "db-0"), ("10.244.2.8", nil)], notReady: ["10.244.3.9"],
                  ports: [EndpointPort(name: "pg", port: 5432, protocol: "TCP")]),
        endpoints("empty", ready: [], notReady: ["10.244.0.77"]),
        endpoints("pub", ready: [], notReady: ["10.244.0.78"]),
    ])

private func answers(_ name: String, _ type: UInt16) -> (DNSRCode, [DNSRData]) {
    let r = table.lookup(DNSName(name), type: type)
    return (r.rcode, r.answers.map(\.data))
}

@Test func clusterIPServiceAnswersA() {
    #expect(answers("web.default.svc.cluster.local", DNSType.a) == (.noError, [.a([10, 96, 0, 20])]))
    // Case-insensitive; the answer's owner is spelled as asked.
    let r = table.lookup(DNSName("WEB.Default.svc.cluster.local"), type: DNSType.a)
    #expect(r.answers.first?.name.description == "WEB.Default.svc.cluster.local.")
    #expect(r.answers.first?.ttl == 5)
    // The service exists with no AAAA: NODATA with the SOA.
    let v6 = table.lookup(DNSName("web.default.svc.cluster.local"), type: DNSType.aaaa)
    #expect(v6.rcode == .noError && v6.answers.isEmpty && v6.authorities.first?.type == DNSType.soa)
    #expect(answers("v6.default.svc.cluster.local", DNSType.aaaa).1.count == 1)
    #expect(answers("v6.default.svc.cluster.local", DNSType.a) == (.noError, []))
}

@Test func srvForNamedPortsOnly() {
    #expect(answers("_http._tcp.web.default.svc.cluster.local", DNSType.srv)
            == (.noError, [.srv(priority: 0, weight: 100, port: 80, target: DNSName("web.default.svc.cluster.local"))]))
    let dns = table.lookup(DNSName("_dns._udp.dns.kube-system.svc.cluster.local"), type: DNSType.srv)
    #expect(dns.answers.count == 1)
    #expect(dns.additionals.map(\.data) == [.a([10, 96, 0, 10])])
    #expect(answers("_http._udp.web.default.svc.cluster.local", DNSType.srv).0 == .nxDomain)
    // `_tcp.web...` has names below it: it exists, with no records.
    #expect(answers("_tcp.web.default.svc.cluster.local", DNSType.srv) == (.noError, []))
}

@Test func headlessServiceAnswersReadyEndpoints() {
    let (rc, data) = answers("db.prod.svc.cluster.local", DNSType.a)
    #expect(rc == .noError)
    #expect(Set(data) == [.a([10, 244, 1, 7]), .a([10, 244, 2, 8])])
    #expect(answers("db-0.db.prod.svc.cluster.local", DNSType.a) == (.noError, [.a([10, 244, 1, 7])]))
    #expect(answers("10-244-2-8.db.prod.svc.cluster.local", DNSType.a) == (.noError, [.a([10, 244, 2, 8])]))
    #expect(answers("10-244-3-9.db.prod.svc.cluster.local", DNSType.a).0 == .nxDomain)
    let srv = table.lookup(DNSName("_pg._tcp.db.prod.svc.cluster.local"), type: DNSType.srv)
    #expect(Set(srv.answers.map(\.data)) == [
        .srv(priority: 0, weight: 50, port: 5432, target: DNSName("db-0.db.prod.svc.cluster.local")),
        .srv(priority: 0, weight: 50, port: 5432, target: DNSName("10-244-2-8.db.prod.svc.cluster.local")),
    ])
    #expect(srv.additionals.count == 2)
    // A headless service with no ready endpoint: NXDOMAIN, as the specification says.
    #expect(answers("empty.default.svc.cluster.local", DNSType.a).0 == .nxDomain)
    // publishNotReadyAddresses counts the not-ready ones.
    #expect(answers("pub.default.svc.cluster.local", DNSType.a) == (.noError, [.a([10, 244, 0, 78])]))
}

@Test func reverseRecords() {
    #expect(answers("20.0.96.10.in-addr.arpa", DNSType.ptr) == (.noError, [.ptr(DNSName("web.default.svc.cluster.local"))]))
    #expect(answers("7.1.244.10.in-addr.arpa", DNSType.ptr) == (.noError, [.ptr(DNSName("db-0.db.prod.svc.cluster.local"))]))
    #expect(answers("5.0.244.10.in-addr.arpa", DNSType.ptr) == (.noError, [.ptr(DNSName("10-244-0-5.web.default.svc.cluster.local"))]))
    #expect(answers("9.9.9.9.in-addr.arpa", DNSType.ptr).0 == .nxDomain)
    #expect(table.zone(of: DNSName("1.2.3.4.in-addr.arpa")) == "in-addr.arpa")
    let v6 = IPAddressText.reverseName(IPAddressText.bytes("fd00::20") ?? [])
    #expect(answers(v6, DNSType.ptr) == (.noError, [.ptr(DNSName("v6.default.svc.cluster.local"))]))
}

@Test func externalNameIsCNAME() {
    #expect(answers("ext.default.svc.cluster.local", DNSType.a) == (.noError, [.cname(DNSName("www.example.com"))]))
    #expect(answers("ext.default.svc.cluster.local", DNSType.cname) == (.noError, [.cname(DNSName("www.example.com"))]))
}

@Test func podRecordsAndSchemaVersion() {
    #expect(answers("10-244-1-7.any.pod.cluster.local", DNSType.a) == (.noError, [.a([10, 244, 1, 7])]))
    #expect(answers("10-244-1-7.any.pod.cluster.local", DNSType.aaaa) == (.noError, []))
    #expect(answers("10-244-1-999.any.pod.cluster.local", DNSType.a).0 == .nxDomain)
    #expect(answers("dns-version.cluster.local", DNSType.txt) == (.noError, [.txt([Array("1.1.0".utf8)])]))
}

@Test func nxdomainVersusNodata() {
    for existing in ["cluster.local", "svc.cluster.local", "default.svc.cluster.local", "prod.svc.cluster.local", "pod.cluster.local"] {
        let r = table.lookup(DNSName(existing), type: DNSType.a)
        #expect(r.rcode == .noError && r.answers.isEmpty, "\(existing)")
    }
    for missing in ["nope.default.svc.cluster.local", "web.nope.svc.cluster.local", "web.default.svc.cluster.local.default.svc.cluster.local",
                    "x.cluster.local", "web.default.cluster.local"] {
        let r = table.lookup(DNSName(missing), type: DNSType.a)
        #expect(r.rcode == .nxDomain, "\(missing)")
        // The SOA in authority, with the TTL as its minimum, for negative caching.
        guard case .soa(_, _, _, _, _, _, let minimum)? = r.authorities.first?.data else { Issue.record("no SOA"); continue }
        #expect(minimum == 5 && r.authorities.first?.name.description == "cluster.local.")
    }
    let apex = table.lookup(DNSName("cluster.local"), type: DNSType.soa)
    #expect(apex.answers.count == 1)
}

@Test func responderAnswersOutsideAndInsideTheZone() throws {
    func ask(_ name: String, _ type: UInt16, upstream: Bool = false, edns: UInt16? = nil, transport: DNSTransport = .udp) throws -> DNSMessage? {
        var m = DNSMessage(header: DNSHeader(id: 77), questions: [DNSQuestion(name: DNSName(name), type: type)])
        m.header.recursionDesired = true
        if let e = edns { m.additionals = [DNSRecord(name: .root, type: DNSType.opt, klass: e, ttl: 0, data: .raw([]))] }
        switch DNSResponder(upstreamConfigured: upstream).decide(try DNSEncoder.encode(m), table: table, transport: transport) {
        case .reply(let b): return try DNSDecoder.decode(b)
        case .forward: return nil
        case .drop: Issue.record("dropped"); return nil
        }
    }
    let web = try #require(try ask("web.default.svc.cluster.local", DNSType.a))
    #expect(web.header.id == 77 && web.header.isResponse && web.header.authoritative && web.header.recursionDesired)
    #expect(web.header.rcode == 0 && web.answers.count == 1 && web.questions.count == 1)
    let outside = try #require(try ask("example.com", DNSType.a))
    #expect(outside.header.rcode == DNSRCode.refused.rawValue && !outside.header.authoritative)
    #expect(try ask("example.com", DNSType.a, upstream: true) == nil)
    // An unknown reverse name: NXDOMAIN without upstream, forwarded with one.
    #expect(try ask("1.1.1.1.in-addr.arpa", DNSType.ptr)?.header.rcode == DNSRCode.nxDomain.rawValue)
    #expect(try ask("1.1.1.1.in-addr.arpa", DNSType.ptr, upstream: true) == nil)
    // EDNS: the reply carries an OPT record.
    #expect(try ask("web.default.svc.cluster.local", DNSType.a, edns: 4096)?.opt?.klass == DNSResponder.ednsPayload)
}

@Test func responderTruncatesLargeUDPAnswers() throws {
    let many = (0..<60).map { ("10.244.7.\($0)", String?.none) }
    let t = RecordTable(services: [service("big", clusterIP: "None")], endpoints: [endpoints("big", ready: many)])
    let q = try DNSEncoder.encode(DNSMessage(header: DNSHeader(id: 3), questions: [DNSQuestion(name: DNSName("big.default.svc.cluster.local"), type: DNSType.a)]))
    guard case .reply(let udp) = DNSResponder().decide(q, table: t, transport: .udp),
          case .reply(let tcp) = DNSResponder().decide(q, table: t, transport: .tcp) else { Issue.record("no reply"); return }
    let u = try DNSDecoder.decode(udp), c = try DNSDecoder.decode(tcp)
    #expect(udp.count <= 512 && u.header.truncated && u.answers.count < 60)
    #expect(!c.header.truncated && c.answers.count == 60)
}

@Test func responderRejectsOddQueries() throws {
    let r = DNSResponder()
    // Two questions: FORMERR.
    let two = try DNSEncoder.encode(DNSMessage(header: DNSHeader(id: 5), questions: [DNSQuestion(name: DNSName("a"), type: 1), DNSQuestion(name: DNSName("b"), type: 1)]))
    guard case .reply(let b) = r.decide(two, table: table, transport: .udp) else { Issue.record("no reply"); return }
    #expect(try DNSDecoder.decode(b).header.rcode == DNSRCode.formErr.rawValue)
    // Junk with a header: FORMERR with the same id; a short packet or a response: nothing.
    guard case .reply(let j) = r.decide([0xab, 0xcd, 0x01, 0x00] + Array(repeating: 0xff, count: 8) + [1], table: table, transport: .udp) else { Issue.record("no reply"); return }
    #expect(DNSDecoder.peekID(j) == 0xabcd)
    #expect(r.decide([1, 2, 3], table: table, transport: .udp) == .drop)
    var resp = DNSHeader(id: 1)
    resp.isResponse = true
    #expect(r.decide(try DNSEncoder.encode(DNSMessage(header: resp, questions: [DNSQuestion(name: DNSName("a"), type: 1)])), table: table, transport: .udp) == .drop)
    // Another opcode: NOTIMP.
    var upd = DNSHeader(id: 2)
    upd.opcode = 5
    guard case .reply(let u) = r.decide(try DNSEncoder.encode(DNSMessage(header: upd, questions: [DNSQuestion(name: DNSName("a"), type: 1)])), table: table, transport: .udp) else { Issue.record("no reply"); return }
    #expect(try DNSDecoder.decode(u).header.rcode == DNSRCode.notImp.rawValue)
}

@Test func kubeDNSObjectsServeThemselves() {
    let svc = KubeDNSObjects.service(clusterIP: "10.96.0.10")
    let eps = KubeDNSObjects.endpoints(addresses: [("192.0.2.10", "node-a")])
    #expect(svc.spec.selector == nil && svc.spec.ports?.map(\.name) == ["dns", "dns-tcp"])
    #expect(eps.subsets?.first?.addresses?.first?.nodeName == "node-a")
    let t = RecordTable(services: [svc], endpoints: [eps])
    #expect(t.lookup(DNSName("kube-dns.kube-system.svc.cluster.local"), type: DNSType.a).answers.map(\.data) == [.a([10, 96, 0, 10])])
    #expect(t.lookup(DNSName("_dns-tcp._tcp.kube-dns.kube-system.svc.cluster.local"), type: DNSType.srv).answers.count == 1)
    #expect(t.lookup(DNSName("_dns._udp.kube-dns.kube-system.svc.cluster.local"), type: DNSType.srv).answers.count == 1)
    #expect(KubeDNSObjects.sameSubsets(eps, KubeDNSObjects.endpoints(addresses: [("192.0.2.10", "node-a")])))
    #expect(!KubeDNSObjects.sameSubsets(eps, KubeDNSObjects.endpoints(addresses: [("192.0.2.11", "node-a")])))
}

@Test func clusterDomainIsNormalised() {
    let t = RecordTable(config: ClusterDNSConfig(domain: "Example.TEST.", ttl: 30), services: [service("a", clusterIP: "10.96.1.1")])
    #expect(t.config.domain == "example.test")
    let r = t.lookup(DNSName("a.default.svc.example.test"), type: DNSType.a)
    #expect(r.answers.first?.ttl == 30)
    #expect(t.zone(of: DNSName("a.default.svc.cluster.local")) == nil)
}
