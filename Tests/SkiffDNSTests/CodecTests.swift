import Testing
@testable import SkiffDNS

private func query(_ name: String, _ type: UInt16, id: UInt16 = 0x1234, edns: UInt16? = nil) -> [UInt8] {
    var h = DNSHeader(id: id)
    h.recursionDesired = true
    var m = DNSMessage(header: h, questions: [DNSQuestion(name: DNSName(name), type: type)])
    if let e = edns { m.additionals = [DNSRecord(name: .root, type: DNSType.opt, klass: e, ttl: 0, data: .raw([]))] }
    return try! DNSEncoder.encode(m)
}

@Test func messageRoundTripsEveryRecordType() throws {
    var h = DNSHeader(id: 0xbeef)
    h.isResponse = true
    h.authoritative = true
    h.recursionDesired = true
    h.rcode = 3
    let n = DNSName("web.default.svc.cluster.local")
    let msg = DNSMessage(
        header: h,
        questions: [DNSQuestion(name: n, type: DNSType.any)],
        answers: [
            DNSRecord(name: n, type: DNSType.a, ttl: 5, data: .a([10, 96, 0, 10])),
            DNSRecord(name: n, type: DNSType.aaaa, ttl: 5, data: .aaaa(Array(repeating: 0xfd, count: 16))),
            DNSRecord(name: n, type: DNSType.cname, ttl: 5, data: .cname(DNSName("example.com"))),
            DNSRecord(name: DNSName("_http._tcp.web.default.svc.cluster.local"), type: DNSType.srv, ttl: 5,
                      data: .srv(priority: 0, weight: 100, port: 80, target: n)),
            DNSRecord(name: DNSName("10.0.96.10.in-addr.arpa"), type: DNSType.ptr, ttl: 5, data: .ptr(n)),
            DNSRecord(name: DNSName("dns-version.cluster.local"), type: DNSType.txt, ttl: 5, data: .txt([Array("1.1.0".utf8), []])),
            DNSRecord(name: n, type: 99, ttl: 5, data: .raw([1, 2, 3])),
        ],
        authorities: [DNSRecord(name: DNSName("cluster.local"), type: DNSType.soa, ttl: 5,
                                data: .soa(mname: DNSName("ns.dns.cluster.local"), rname: DNSName("hostmaster.cluster.local"),
                                           serial: 1, refresh: 7200, retry: 1800, expire: 86400, minimum: 5))],
        additionals: [DNSRecord(name: .root, type: DNSType.opt, klass: 1232, ttl: 0, data: .raw([]))])
    let bytes = try DNSEncoder.encode(msg)
    let back = try DNSDecoder.decode(bytes)
    #expect(back == msg)
    #expect(back.udpPayloadLimit() == 1232)
}

@Test func namesAreCompressed() throws {
    let n = DNSName("headless.default.svc.cluster.local")
    var m = DNSMessage(header: DNSHeader(id: 1), questions: [DNSQuestion(name: n, type: DNSType.a)])
    for i in 0..<3 { m.answers.append(DNSRecord(name: n, type: DNSType.a, ttl: 5, data: .a([10, 244, 0, UInt8(i)]))) }
    m.answers.append(DNSRecord(name: DNSName("x.headless.default.svc.cluster.local"), type: DNSType.cname, ttl: 5, data: .cname(DNSName("y.svc.cluster.local"))))
    let bytes = try DNSEncoder.encode(m)
    // 12 header + question (36 name + 4) + 3 × (2 pointer + 10 + 4 data) + CNAME owner (2 + pointer 2)
    // + 10 + CNAME data ("y" + "svc" pointer... = 2 + 2).
    #expect(bytes.count == 12 + 40 + 3 * 16 + 4 + 10 + 4)
    #expect(try DNSDecoder.decode(bytes) == m)
    // Compression is exact: the labels that differ in case are written out, the common suffix
    // is shared, and every name reads back spelled as it was written.
    let mixed = DNSMessage(header: DNSHeader(id: 1), questions: [DNSQuestion(name: DNSName("WEB.default.svc.cluster.local"), type: DNSType.a)],
                           answers: [DNSRecord(name: DNSName("web.DEFAULT.svc.cluster.local"), type: DNSType.a, ttl: 5, data: .a([1, 2, 3, 4]))])
    let mixedBytes = try DNSEncoder.encode(mixed)
    #expect(mixedBytes.count == 12 + 35 + (4 + 8 + 2) + 10 + 4)
    #expect(try DNSDecoder.decode(mixedBytes) == mixed)
}

@Test func srvTargetsAreNotCompressed() throws {
    let n = DNSName("web.default.svc.cluster.local")
    let m = DNSMessage(header: DNSHeader(id: 1), questions: [DNSQuestion(name: n, type: DNSType.srv)],
                       answers: [DNSRecord(name: n, type: DNSType.srv, ttl: 5, data: .srv(priority: 0, weight: 1, port: 53, target: n))])
    let bytes = try DNSEncoder.encode(m)
    #expect(bytes.count == 12 + (31 + 4) + (2 + 10 + 6 + 31))
}

@Test func truncationKeepsWholeRecordsAndSetsTC() throws {
    let n = DNSName("big.default.svc.cluster.local")
    var m = DNSMessage(header: DNSHeader(id: 7), questions: [DNSQuestion(name: n, type: DNSType.a)])
    for i in 0..<100 { m.answers.append(DNSRecord(name: n, type: DNSType.a, ttl: 5, data: .a([10, 244, UInt8(i / 256), UInt8(i % 256)]))) }
    let cut = try DNSEncoder.encode(m, limit: 512)
    #expect(cut.count <= 512)
    let back = try DNSDecoder.decode(cut)
    #expect(back.header.truncated)
    #expect(back.answers.count == (512 - 12 - 35) / 16)
    #expect(Array(back.answers) == Array(m.answers.prefix(back.answers.count)))
    let whole = try DNSDecoder.decode(try DNSEncoder.encode(m))
    #expect(!whole.header.truncated && whole.answers.count == 100)
}

@Test func encoderRefusesBadLabels() {
    let long = DNSName(labels: [Array(repeating: UInt8(ascii: "a"), count: 64)])
    #expect(throws: DNSEncoder.Failure.self) { try DNSEncoder.encode(DNSMessage(header: DNSHeader(), questions: [DNSQuestion(name: long, type: 1)])) }
    let tooLong = DNSName(labels: Array(repeating: Array(repeating: UInt8(ascii: "a"), count: 60), count: 5))
    #expect(throws: DNSEncoder.Failure.self) { try DNSEncoder.encode(DNSMessage(header: DNSHeader(), questions: [DNSQuestion(name: tooLong, type: 1)])) }
}

@Test func malformedInputIsRejectedNamingTheProblem() {
    let good = query("web.default.svc.cluster.local", DNSType.a)
    // Every prefix of a good query is an error (the question is cut), never a trap.
    for n in 0..<good.count {
        #expect(throws: DNSWireError.self) { try DNSDecoder.decode(Array(good.prefix(n))) }
    }
    // Trailing bytes.
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(good + [0]) }
    // A pointer to itself, and a pointer forward.
    var loop = Array(good.prefix(12))
    loop[5] = 1
    loop += [0xc0, 12, 0, 1, 0, 1]
    do { _ = try DNSDecoder.decode(loop); Issue.record("pointer loop accepted") } catch let e as DNSWireError {
        #expect(e.reason.contains("backwards"))
    } catch { Issue.record("\(error)") }
    var fwd = Array(good.prefix(12))
    fwd[5] = 1
    fwd += [0xc0, 14, 0, 0, 1, 0, 1]
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(fwd) }
    // Two pointers chasing each other backwards and forwards.
    var pingpong = Array(good.prefix(12))
    pingpong[5] = 2
    pingpong += [0xc0, 18, 0, 1, 0, 1, 0xc0, 12, 0, 1, 0, 1]
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(pingpong) }
    // Extended label types.
    var ext = Array(good.prefix(12))
    ext[5] = 1
    ext += [0x41, 0, 0, 1, 0, 1]
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(ext) }
    // A name longer than 255 bytes through labels.
    var long = Array(good.prefix(12))
    long[5] = 1
    for _ in 0..<5 { long += [63] + Array(repeating: UInt8(ascii: "a"), count: 63) }
    long += [0, 0, 1, 0, 1]
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(long) }
    // An A record whose RDLENGTH is not 4, and RDATA that runs past the end.
    var rr = good
    rr[7] = 1
    rr += [0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 5, 0, 3, 1, 2, 3]
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(rr) }
    var past = good
    past[7] = 1
    past += [0xc0, 12, 0, 99, 0, 1, 0, 0, 0, 5, 0, 200, 1]
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(past) }
    // A CNAME whose name ends beyond its RDLENGTH.
    var cn = good
    cn[7] = 1
    cn += [0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 5, 0, 2, 3, 0x61, 0x62, 0x63, 0]
    #expect(throws: DNSWireError.self) { try DNSDecoder.decode(cn) }
}

@Test func ednsLimitIsBounded() throws {
    #expect(try DNSDecoder.decode(query("a", 1)).udpPayloadLimit() == 512)
    #expect(try DNSDecoder.decode(query("a", 1, edns: 100)).udpPayloadLimit() == 512)
    #expect(try DNSDecoder.decode(query("a", 1, edns: 4096)).udpPayloadLimit() == 4096)
    #expect(try DNSDecoder.decode(query("a", 1, edns: 65000)).udpPayloadLimit() == 4096)
}

@Test func namesPrintAndCompare() {
    #expect(DNSName("A.B.").key == "a.b")
    #expect(DNSName(labels: [[0x61, 0x2e]]).key == nil)
    #expect(DNSName(labels: [[0x61, 0x2e, 0x00]]).description == "a\\046\\000.")
    #expect(DNSName("x.Cluster.Local").isSubdomain(of: DNSName("cluster.local")))
    #expect(!DNSName("xcluster.local").isSubdomain(of: DNSName("cluster.local")))
    #expect(DNSName.root.description == ".")
}

@Test func ipText() {
    #expect(IPAddressText.ipv4("10.96.0.10") == [10, 96, 0, 10])
    for bad in ["10.96.0", "10.96.0.256", "010.1.1.1", "1.1.1.1.", "a.b.c.d", "", "1..1.1"] { #expect(IPAddressText.ipv4(bad) == nil) }
    #expect(IPAddressText.reverseName([10, 96, 0, 10]) == "10.0.96.10.in-addr.arpa")
    let v6 = IPAddressText.bytes("2001:db8::1")
    #expect(v6?.count == 16)
    #expect(IPAddressText.reverseName(v6 ?? []) == "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa")
    #expect(IPAddressText.text(v6 ?? []) == "2001:db8::1")
    #expect(IPAddressText.dashed("10.244.1.5") == "10-244-1-5")
}

/// Thousands of random and mutated packets through the decoder and the responder: each one is
/// either rejected with an error or parsed; whatever parses re-encodes and parses back equal.
@Test func fuzzDecoderAndResponder() throws {
    var rng = SplitMix(seed: 0x5eed)
    let seeds: [[UInt8]] = [
        query("web.default.svc.cluster.local", DNSType.a),
        query("_http._tcp.web.default.svc.cluster.local", DNSType.srv, edns: 1232),
        query("10.0.96.10.in-addr.arpa", DNSType.ptr),
        try DNSEncoder.encode(DNSMessage(header: DNSHeader(id: 9), questions: [DNSQuestion(name: DNSName("a.b"), type: 1)],
                                         answers: [DNSRecord(name: DNSName("a.b"), type: DNSType.cname, ttl: 1, data: .cname(DNSName("c.a.b")))],
                                         authorities: [DNSRecord(name: DNSName("b"), type: DNSType.soa, ttl: 1,
                                                                 data: .soa(mname: DNSName("ns.b"), rname: DNSName("h.b"), serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5))])),
    ]
    let table = RecordTable(config: ClusterDNSConfig(), services: [], endpoints: [])
    let responder = DNSResponder()
    var parsed = 0
    for i in 0..<20_000 {
        var p: [UInt8]
        if i % 4 == 0 {
            p = (0..<Int(rng.next() % 80)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        } else {
            p = seeds[Int(rng.next() % UInt64(seeds.count))]
            for _ in 0..<(1 + Int(rng.next() % 4)) {
                guard !p.isEmpty else { break }
                let at = Int(rng.next() % UInt64(p.count))
                switch rng.next() % 4 {
                case 0: p[at] = UInt8(truncatingIfNeeded: rng.next())
                case 1: p.remove(at: at)
                case 2: p.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                default: p[at] = [0xc0, 0x3f, 0xff, 0][Int(rng.next() % 4)]
                }
            }
        }
        if let m = try? DNSDecoder.decode(p) {
            parsed += 1
            if let again = try? DNSEncoder.encode(m) {
                #expect(try DNSDecoder.decode(again) == m)
            }
        }
        for t in [DNSTransport.udp, .tcp] {
            if case .reply(let out) = responder.decide(p, table: table, transport: t) {
                #expect(out.count <= (t == .udp ? 4096 : 65535))
                #expect(out.isEmpty || (try? DNSDecoder.decode(out)) != nil)
            }
        }
    }
    #expect(parsed > 1000)
}

/// A small deterministic generator, so a failing packet can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e3779b97f4a7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }
}
