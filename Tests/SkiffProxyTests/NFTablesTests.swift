import Foundation
import Testing
@testable import SkiffProxy

private func svc(_ i: Int, eps: [String], proto: String = "TCP", nodePort: Int32 = 0, affinity: Int32? = nil,
                 externalIPs: [String] = []) -> ServicePortInfo {
    ServicePortInfo(namespace: "ns", name: "svc\(i)", portName: "http", proto: proto, clusterIP: "10.96.0.\(i)", port: 80,
                    nodePort: nodePort, externalIPs: externalIPs, affinitySeconds: affinity,
                    endpoints: eps.map { ProxyEndpoint(ip: $0, port: 8080) })
}

@Test func netlinkWriterAlignsAttributesAndPatchesLengths() {
    var w = NetlinkWriter(firstSequence: 10)
    let seq = w.begin(type: 0x0a06, flags: 0x400, family: 2)
    w.attr(1, string: "abc")          // 4 + 4 bytes ("abc\0"), already aligned
    w.attr(2, u8: 7)                  // 4 + 1, padded to 8
    w.nest(3) { $0.attr(4, be32: 0x01020304) }
    w.end()
    #expect(seq == 11)
    let b = w.bytes
    #expect(b.count == 16 + 4 + 8 + 8 + 12)
    #expect(Int(b[0]) | Int(b[1]) << 8 == b.count)               // nlmsg_len
    #expect(b[6] == 0x01 && b[7] == 0x04)                       // flags with NLM_F_REQUEST added
    #expect(Array(b[20..<24]) == [8, 0, 1, 0])                    // "abc\0" attribute header
    #expect(Array(b[28..<32]) == [5, 0, 2, 0])                    // u8 attribute: length 5
    #expect(Array(b[36..<40]) == [12, 0, 3, 0x80])                // nested: NLA_F_NESTED set, length 12
    #expect(Array(b[44..<48]) == [1, 2, 3, 4])                    // big-endian payload
}

@Test func ipv4AndCIDRParsing() {
    #expect(NFTablesRenderer.ipv4("10.96.0.1") == [10, 96, 0, 1])
    for bad in ["", "10.96.0", "10.96.0.256", "10.96.0.1.2", "a.b.c.d", "10..0.1", "1234.1.1.1"] {
        #expect(NFTablesRenderer.ipv4(bad) == nil, "\(bad)")
    }
    let c = NFTablesRenderer.cidr("10.244.3.7/16")
    #expect(c?.net == [10, 244, 0, 0] && c?.mask == [255, 255, 0, 0])
    #expect(NFTablesRenderer.cidr("10.0.0.0/33") == nil)
}

@Test func rendersDispatchElementsEndpointMapAndHairpin() {
    let s = svc(5, eps: ["10.244.0.2", "10.244.0.3"], nodePort: 30080, externalIPs: ["192.0.2.9"])
    let o = NFTablesRenderer.render(s, config: RenderConfig(clusterCIDR: "10.244.0.0/16"), id: 8)
    #expect(o.chains.map(\.name) == ["service-ns/svc5/tcp/http", "external-ns/svc5/tcp/http"])
    let ips = o.elements[NFTablesRenderer.serviceIPsMap] ?? []
    #expect(ips.count == 2)
    #expect(ips[0].key == [10, 96, 0, 5, 6, 0, 0, 0, 0, 80, 0, 0])
    #expect(ips[0].verdict == .goto("service-ns/svc5/tcp/http"))
    #expect(ips[1].verdict == .goto("external-ns/svc5/tcp/http"))
    #expect(o.elements[NFTablesRenderer.serviceNodePortsMap]?.first?.key == [6, 0, 0, 0, 0x75, 0x80, 0, 0])
    let map = NFTablesRenderer.endpointsMap(id: 8)
    let eps = o.elements[map] ?? []
    #expect(eps.map(\.key) == [[8, 0, 0, 0, 0, 0, 0, 0], [8, 0, 0, 0, 1, 0, 0, 0]])
    #expect(eps[1].data == [10, 244, 0, 3, 0x1f, 0x90, 0, 0])
    #expect(o.hairpinAddresses == [[10, 244, 0, 2], [10, 244, 0, 3]])
    // The service chain: masquerade off-cluster sources, then one DNAT through the map.
    let rules = o.chains[0].rules
    #expect(rules.count == 2)
    #expect(rules[1].contains(.numgenRandom(modulus: 2, dreg: NFTExpr.reg32(1))))
    #expect(rules[1].contains(.lookup(set: map, sreg: NFTExpr.reg32(0), dreg: NFTExpr.reg32(0), invert: false)))
    #expect(rules[1].last == .dnat(addressReg: NFTExpr.reg32(0), portReg: NFTExpr.reg32(1)))
}

@Test func rendersRejectsForServicesWithoutEndpointsAndChainsForAffinity() {
    let empty = NFTablesRenderer.render(svc(1, eps: [], proto: "UDP", nodePort: 30053), config: RenderConfig(), id: 2)
    #expect(empty.chains.isEmpty)
    #expect(empty.elements[NFTablesRenderer.noEndpointServicesMap]?.first?.verdict == .goto(NFTablesRenderer.rejectChain))
    #expect(empty.elements[NFTablesRenderer.noEndpointServicesMap]?.first?.key[4] == 17)
    #expect(empty.elements[NFTablesRenderer.noEndpointNodePortsMap]?.count == 1)

    let sticky = NFTablesRenderer.render(svc(2, eps: ["10.244.0.2", "10.244.0.3"], affinity: 60), config: RenderConfig(), id: 4)
    #expect(sticky.affinitySets.count == 2)
    #expect(sticky.affinityMilliseconds == 60_000)
    #expect(sticky.chains.count == 3)  // service + 2 endpoint chains
    #expect(sticky.elements[NFTablesRenderer.endpointsMap(id: 4)] == nil)
    // Affinity lookups come before the random pick.
    if case .lookup(let set, _, nil, false) = sticky.chains[0].rules[0][1] { #expect(set == sticky.affinitySets[0]) } else { Issue.record("no affinity lookup first") }
}

@Test func plannerFullThenPartialTouchesOnlyWhatChanged() {
    let cfg = RenderConfig(clusterCIDR: "10.244.0.0/16")
    var ports = [svc(1, eps: ["10.244.0.2", "10.244.0.3"]), svc(2, eps: ["10.244.0.3"])]
    let (full, s1) = NFTablesPlanner.plan(ports: ports, config: cfg, previous: NFTSyncState(), full: false)
    #expect(full.full)
    #expect(Array(full.ops.prefix(3)) == [.addTable, .deleteTable, .addTable])
    #expect(full.changedServicePorts == 2)
    #expect(s1.hairpinUsers[[10, 244, 0, 3]] == 2)

    // Nothing changed: an empty transaction.
    let (idle, _) = NFTablesPlanner.plan(ports: ports, config: cfg, previous: s1, full: false)
    #expect(!idle.full && idle.ops.isEmpty && idle.changedServicePorts == 0)

    // One endpoint replaced: map elements swapped, no rule written, no chain touched.
    ports[0].endpoints[0].ip = "10.244.0.9"
    let (p1, s2) = NFTablesPlanner.plan(ports: ports, config: cfg, previous: s1, full: false)
    #expect(p1.changedServicePorts == 1)
    #expect(!p1.ops.contains { if case .addRule = $0 { true } else { false } })
    #expect(!p1.ops.contains { if case .flushChain = $0 { true } else { false } })
    #expect(p1.ops.contains(.deleteElements(set: NFTablesRenderer.hairpinSet, keys: [[10, 244, 0, 2, 10, 244, 0, 2]])))
    #expect(p1.ops.contains { if case .addElements(NFTablesRenderer.hairpinSet, _) = $0 { true } else { false } })

    // A service removed: its chain flushed then deleted, its elements deleted; the address the
    // other service still uses stays in the hairpin set.
    let (p2, s3) = NFTablesPlanner.plan(ports: [ports[0]], config: cfg, previous: s2, full: false)
    #expect(p2.deletedChains == ["service-ns/svc2/tcp/http"])
    let flushAt = p2.ops.firstIndex(of: .flushChain("service-ns/svc2/tcp/http"))!
    let deleteAt = p2.ops.firstIndex(of: .deleteChain("service-ns/svc2/tcp/http"))!
    #expect(flushAt < deleteAt)
    #expect(s3.hairpinUsers[[10, 244, 0, 3]] == 1)
    #expect(!p2.ops.contains { if case .deleteElements(NFTablesRenderer.hairpinSet, _) = $0 { true } else { false } })
    #expect(s3.rendered.count == 1 && s3.ids.count == 1)

    // A periodic full sync keeps the table (and the affinity sets in it) and refills.
    let (p3, _) = NFTablesPlanner.plan(ports: [ports[0]], config: cfg, previous: s3, full: true)
    #expect(p3.full && p3.ops.first == .addTable && !p3.ops.contains(.deleteTable))
    #expect(p3.ops.contains(.flushSet(NFTablesRenderer.serviceIPsMap)))
}

@Test func batchEncoderWrapsOpsInOneTransaction() {
    var enc = NFTBatchEncoder(table: "kube-proxy", firstSequence: 100, capacity: 1024)
    let many = (0..<600).map { NFTElement(key: [UInt8(truncatingIfNeeded: $0), 0, 0, 0, 6, 0, 0, 0, 0, 80, 0, 0], verdict: .goto("c")) }
    enc.encode([.addTable, .addChain("c", base: nil), .addElements(set: "m", many)])
    // begin, table, chain, 3 element messages (256 per message), end
    #expect(enc.opOfMessage == [-1, 0, 1, 2, 2, 2, -1])
    #expect(enc.lastSequence == 107)
}

final class RecordingApplier: NFTablesApplier, @unchecked Sendable {
    let lock = NSLock()
    var commits: [[NFTOp]] = []
    var fail = false
    func commit(table: String, _ ops: [NFTOp]) async throws {
        try lock.withLock {
            if fail { throw NFTablesError("boom") }
            commits.append(ops)
        }
    }
}

@Test func proxierStartsOverWithAFreshTableAfterAFailedCommit() async throws {
    let applier = RecordingApplier()
    let box = PortsBox([svc(1, eps: ["10.244.0.2"])])
    var cfg = ProxierConfig()
    cfg.localhostNodePorts = false
    let p = NFTablesProxier(applier: applier, runner: FakeRunner(), config: cfg, snapshot: { box.get() })
    _ = try await p.sync(full: false)
    box.set([svc(1, eps: ["10.244.0.5"])])
    applier.lock.withLock { applier.fail = true }
    await #expect(throws: NFTablesError.self) { try await p.sync(full: false) }
    applier.lock.withLock { applier.fail = false }
    let again = try await p.sync(full: false)
    #expect(again.full)
    #expect(applier.lock.withLock { applier.commits.last?.prefix(3) } == [.addTable, .deleteTable, .addTable])
}

private enum NetNS {
    static var isRoot: Bool { getuid() == 0 }
    @discardableResult
    static func sh(_ cmd: String) -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", cmd]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try? p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }
}

/// The table applied for real in a private network namespace (no route out; the service range
/// routed to an empty bridge, as the proxy's route guard does): a cluster IP
/// reaches a web server on its endpoint address, a service without endpoints is refused, an
/// endpoint change is a partial sync, and deleting the table leaves nothing.
@Test(.enabled(if: NetNS.isRoot, "needs root for network namespaces and nf_tables"))
func nftablesModeCarriesTrafficInANamespace() async throws {
    let ns = "skiff-nft-test-\(getpid())"
    let www = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-nft-www-\(getpid())").path
    let httpd = Process()
    defer {
        // SIGKILL: a child of this process may start with SIGTERM blocked.
        if httpd.isRunning { kill(httpd.processIdentifier, SIGKILL); httpd.waitUntilExit() }
        NetNS.sh("ip netns del \(ns) 2>/dev/null; rm -rf \(www)")
    }
    #expect(NetNS.sh("ip netns add \(ns) && ip -n \(ns) link set lo up && ip -n \(ns) addr add 10.200.0.2/32 dev lo && ip -n \(ns) addr add 10.200.0.3/32 dev lo && ip -n \(ns) link add svc0 type bridge && ip -n \(ns) link set svc0 arp off up && ip -n \(ns) route add 10.96.0.0/12 dev svc0").0 == 0)
    try FileManager.default.createDirectory(atPath: www, withIntermediateDirectories: true)
    try "hello from the endpoint\n".write(toFile: www + "/index.html", atomically: true, encoding: .utf8)
    // `ip netns exec` execs the server, so the pid we hold is the server's.
    httpd.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
    httpd.arguments = ["netns", "exec", ns, "busybox", "httpd", "-f", "-p", "10.200.0.3:8080", "-h", www]
    try httpd.run()
    for _ in 0..<50 {
        if NetNS.sh("ip netns exec \(ns) wget -qO- -T 1 http://10.200.0.3:8080/").0 == 0 { break }
        usleep(100_000)
    }

    let box = PortsBox([
        ServicePortInfo(namespace: "t", name: "web", clusterIP: "10.96.0.10", port: 80, endpoints: [ProxyEndpoint(ip: "10.200.0.2", port: 8080)]),
        ServicePortInfo(namespace: "t", name: "empty", clusterIP: "10.96.0.11", port: 80),
    ])
    var cfg = ProxierConfig()
    cfg.localhostNodePorts = false
    let applier = NetlinkNFTables(networkNamespace: "/run/netns/\(ns)")
    let proxier = NFTablesProxier(applier: applier, runner: FakeRunner(), config: cfg, snapshot: { box.get() })
    _ = try await proxier.sync(full: true)
    let table = NetNS.sh("ip netns exec \(ns) nft list table ip kube-proxy").1
    #expect(table.contains("vmap @service-ips"), "\(table)")
    #expect(NetNS.sh("nft list tables").1.contains("kube-proxy") == false, "the host's nf_tables must stay untouched")

    // 10.200.0.2:8080 has no listener yet: move the endpoint to the web server (a partial sync).
    box.set([
        ServicePortInfo(namespace: "t", name: "web", clusterIP: "10.96.0.10", port: 80, endpoints: [ProxyEndpoint(ip: "10.200.0.3", port: 8080)]),
        ServicePortInfo(namespace: "t", name: "empty", clusterIP: "10.96.0.11", port: 80),
    ])
    let partial = try await proxier.sync(full: false)
    #expect(!partial.full && partial.changedServicePorts == 1)
    let page = NetNS.sh("ip netns exec \(ns) timeout 10 wget -qO- -T 3 http://10.96.0.10/")
    #expect(page.1.contains("hello from the endpoint"), "\(page)")
    let refused = NetNS.sh("ip netns exec \(ns) timeout 10 curl -sS --max-time 3 http://10.96.0.11/ 2>&1")
    #expect(refused.0 != 0 && (refused.1.contains("refused") || refused.1.contains("Couldn't connect")), "\(refused)")

    try applier.deleteTable(NFTablesRenderer.table)
    #expect(NetNS.sh("ip netns exec \(ns) nft list table ip kube-proxy").0 != 0)
}

/// Two services claiming one external address and port: the first keeps the key and the
/// transaction never carries a duplicate (the kernel would refuse the whole of it).
@Test func plannerNeverAddsAKeyTwice() {
    let a = svc(1, eps: ["10.244.0.2"], externalIPs: ["192.0.2.9"])
    var b = svc(2, eps: ["10.244.0.3"], externalIPs: ["192.0.2.9"])
    b.port = 80
    func ipElements(_ ops: [NFTOp]) -> [[UInt8]] {
        ops.flatMap { op -> [[UInt8]] in
            if case .addElements(NFTablesRenderer.serviceIPsMap, let e) = op { return e.map(\.key) }
            return []
        }
    }
    let (full, s1) = NFTablesPlanner.plan(ports: [a, b], config: RenderConfig(), previous: NFTSyncState(), full: true)
    let keys = ipElements(full.ops)
    #expect(keys.count == 3 && Set(keys).count == 3)  // two cluster IPs, the shared external IP once
    // The holder goes: its keys are deleted; the next full sync hands the address to the other.
    let (p, s2) = NFTablesPlanner.plan(ports: [b], config: RenderConfig(), previous: s1, full: false)
    let deleted = p.ops.flatMap { op -> [[UInt8]] in
        if case .deleteElements(NFTablesRenderer.serviceIPsMap, let k) = op { return k }
        return []
    }
    #expect(deleted.count == 2)
    let (again, _) = NFTablesPlanner.plan(ports: [b], config: RenderConfig(), previous: s2, full: true)
    #expect(ipElements(again.ops).count == 2)
}
