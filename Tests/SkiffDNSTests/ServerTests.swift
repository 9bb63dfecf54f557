import Glibc
import SkiffAPI
import Testing
@testable import SkiffDNS

/// Blocking loopback client sockets with a receive timeout, to talk to the server as a stub
/// resolver would.
enum LoopbackClient {
    static func sockaddr(port: Int) -> sockaddr_in {
        var a = sockaddr_in()
        a.sin_family = sa_family_t(AF_INET)
        a.sin_port = in_port_t(UInt16(port).bigEndian)
        a.sin_addr.s_addr = inet_addr("127.0.0.1")
        return a
    }

    static func withTimeout(_ fd: Int32, seconds: Int = 5) {
        var tv = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    static func udp(_ query: [UInt8], port: Int, timeout: Int = 5) -> [UInt8]? {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        withTimeout(fd, seconds: timeout)
        var addr = sockaddr(port: port)
        let sent = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: Glibc.sockaddr.self, capacity: 1) { sendto(fd, query, query.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard sent == query.count else { return nil }
        var buf = [UInt8](repeating: 0, count: 65535)
        let n = recv(fd, &buf, buf.count, 0)
        return n > 0 ? Array(buf.prefix(n)) : nil
    }

    /// Sends each query on one TCP connection (length-prefixed) and reads as many answers.
    static func tcp(_ queries: [[UInt8]], port: Int, splitWrites: Bool = false) -> [[UInt8]]? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        withTimeout(fd)
        var addr = sockaddr(port: port)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: Glibc.sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else { return nil }
        var out: [UInt8] = []
        for q in queries { out += [UInt8(q.count >> 8), UInt8(q.count & 0xff)] + q }
        if splitWrites {
            for b in out { guard send(fd, [b], 1, 0) == 1 else { return nil } }
        } else {
            guard send(fd, out, out.count, 0) == out.count else { return nil }
        }
        func readExactly(_ n: Int) -> [UInt8]? {
            var got: [UInt8] = []
            var buf = [UInt8](repeating: 0, count: n)
            while got.count < n {
                let r = recv(fd, &buf, n - got.count, 0)
                if r <= 0 { return nil }
                got += buf.prefix(r)
            }
            return got
        }
        var answers: [[UInt8]] = []
        for _ in queries {
            guard let len = readExactly(2), let body = readExactly(Int(len[0]) << 8 | Int(len[1])) else { return nil }
            answers.append(body)
        }
        return answers
    }
}

private func q(_ name: String, _ type: UInt16, id: UInt16) throws -> [UInt8] {
    var h = DNSHeader(id: id)
    h.recursionDesired = true
    return try DNSEncoder.encode(DNSMessage(header: h, questions: [DNSQuestion(name: DNSName(name), type: type)]))
}

@Test func serverAnswersOverUDPAndTCP() async throws {
    let many = (0..<60).map { ("10.244.9.\($0)", String?.none) }
    let table = RecordTable(services: [service("web", clusterIP: "10.96.0.20"), service("big", clusterIP: "None")],
                            endpoints: [endpoints("big", ready: many)])
    let server = try DNSServer(table: table)
    let port = try await server.listen(host: "127.0.0.1", port: 0)
    defer { Task { await server.shutdown() } }

    let udp = try #require(LoopbackClient.udp(try q("web.default.svc.cluster.local", DNSType.a, id: 11), port: port))
    let m = try DNSDecoder.decode(udp)
    #expect(m.header.id == 11 && m.answers.map(\.data) == [.a([10, 96, 0, 20])])

    // Too big for UDP: TC set; over TCP the whole answer, two queries on one connection,
    // written a byte at a time to exercise framing.
    let big = try DNSDecoder.decode(try #require(LoopbackClient.udp(try q("big.default.svc.cluster.local", DNSType.a, id: 12), port: port)))
    #expect(big.header.truncated)
    let tcp = try #require(LoopbackClient.tcp([try q("big.default.svc.cluster.local", DNSType.a, id: 13),
                                               try q("nope.default.svc.cluster.local", DNSType.a, id: 14)], port: port, splitWrites: true))
    let answers = try tcp.map { try DNSDecoder.decode($0) }.sorted { $0.header.id < $1.header.id }
    #expect(answers[0].answers.count == 60 && !answers[0].header.truncated)
    #expect(answers[1].header.rcode == DNSRCode.nxDomain.rawValue)

    // Junk gets no answer (too short for a header) and does not stop the server.
    #expect(LoopbackClient.udp([0xde, 0xad, 0xbe, 0xef], port: port, timeout: 1) == nil)
    #expect(LoopbackClient.udp(try q("web.default.svc.cluster.local", DNSType.a, id: 15), port: port) != nil)

    // New records are served once the table is replaced.
    server.setTable(RecordTable(services: [service("new", clusterIP: "10.96.0.30")]))
    let fresh = try DNSDecoder.decode(try #require(LoopbackClient.udp(try q("new.default.svc.cluster.local", DNSType.a, id: 16), port: port)))
    #expect(fresh.answers.map(\.data) == [.a([10, 96, 0, 30])])
}

@Test func serverForwardsOtherNamesToUpstream() async throws {
    // The upstream is a second Skiff DNS server authoritative for another domain.
    let upstream = try DNSServer(table: RecordTable(config: ClusterDNSConfig(domain: "example.test"),
                                                     services: [service("far", clusterIP: "10.96.7.7")]))
    let upPort = try await upstream.listen(host: "127.0.0.1", port: 0)
    let server = try DNSServer(table: RecordTable(), upstream: "127.0.0.1:\(upPort)")
    let port = try await server.listen(host: "127.0.0.1", port: 0)
    defer { Task { await server.shutdown(); await upstream.shutdown() } }

    let fwd = try DNSDecoder.decode(try #require(LoopbackClient.udp(try q("far.default.svc.example.test", DNSType.a, id: 21), port: port)))
    #expect(fwd.header.id == 21 && fwd.answers.map(\.data) == [.a([10, 96, 7, 7])])
    let tcp = try #require(LoopbackClient.tcp([try q("far.default.svc.example.test", DNSType.a, id: 22)], port: port))
    #expect(try DNSDecoder.decode(tcp[0]).answers.count == 1)
    // The cluster's own names are still answered locally, with RA set now.
    let own = try DNSDecoder.decode(try #require(LoopbackClient.udp(try q("dns-version.cluster.local", DNSType.txt, id: 23), port: port)))
    #expect(own.answers.count == 1 && own.header.recursionAvailable)

    // An upstream that does not answer: SERVFAIL after the forwarder's timeout.
    let silent = try DNSServer(table: RecordTable(), upstream: "127.0.0.1:9")
    let sp = try await silent.listen(host: "127.0.0.1", port: 0)
    let fail = try DNSDecoder.decode(try #require(LoopbackClient.udp(try q("x.example.test", DNSType.a, id: 24), port: sp)))
    #expect(fail.header.rcode == DNSRCode.servFail.rawValue)
    await silent.shutdown()
}

@Test func upstreamFlagIsValidated() {
    #expect(throws: DNSConfigError.self) { try DNSServer(table: RecordTable(), upstream: "dns.example:53") }
    #expect(throws: DNSConfigError.self) { try DNSServer(table: RecordTable(), upstream: "10.0.0.1:99999") }
    #expect((try? DNSServer.splitHostPort("[fd00::1]:5353", defaultPort: 53, field: "f")).map { "\($0.0) \($0.1)" } == "fd00::1 5353")
    #expect((try? DNSServer.splitHostPort("10.0.0.1", defaultPort: 53, field: "f")).map { "\($0.0) \($0.1)" } == "10.0.0.1 53")
}
