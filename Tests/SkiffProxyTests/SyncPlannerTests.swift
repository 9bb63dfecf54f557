import Testing
@testable import SkiffProxy

func ports(_ n: Int, endpoints e: Int = 3) -> [ServicePortInfo] {
    (0..<n).map { i in
        ServicePortInfo(namespace: "ns", name: "s\(i)", clusterIP: "10.96.0.\(i + 10)", port: 80,
                        endpoints: (0..<e).map { ProxyEndpoint(ip: "10.244.\(i).\($0 + 2)", port: 8080) })
    }
}

func declared(_ text: String) -> [String] { text.split(separator: "\n").filter { $0.hasPrefix(":") }.map { String($0.dropFirst().split(separator: " ")[0]) } }

@Test func firstSyncIsFullAndWellFormed() {
    let (plan, state) = SyncPlanner.plan(ports: ports(2), config: RenderConfig(), previous: SyncState(), full: false)
    #expect(plan.full)
    #expect(state.applied)
    let t = plan.restoreInput
    #expect(t.hasPrefix("*filter\n:KUBE-SERVICES - [0:0]\n:KUBE-EXTERNAL-SERVICES - [0:0]\n"))
    #expect(t.components(separatedBy: "COMMIT\n").count == 3)
    #expect(t.contains("*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-NODEPORTS - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n:KUBE-POSTROUTING - [0:0]\n"))
    #expect(t.contains("-A KUBE-POSTROUTING -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE --random-fully"))
    // Each declared chain once per table; the node-ports jump is the last KUBE-SERVICES rule.
    let nat = t.components(separatedBy: "*nat\n")[1]
    #expect(Set(declared(nat)).count == declared(nat).count)
    let svcRules = nat.split(separator: "\n").filter { $0.hasPrefix("-A KUBE-SERVICES ") }
    #expect(svcRules.count == 3)
    #expect(svcRules.last?.contains("-j KUBE-NODEPORTS") == true)
    #expect(declared(nat).filter { $0.hasPrefix("KUBE-SEP-") }.count == 6)
    #expect(plan.natRules == 3 + 0 + 2 * 3 + 6 * 2 + 4)  // KUBE-SERVICES + SVC + SEP + static
}

@Test func partialSyncWritesOnlyTheChangedService() {
    var p = ports(50)
    let (_, s1) = SyncPlanner.plan(ports: p, config: RenderConfig(), previous: SyncState(), full: true)
    // Nothing changed: no service chain written, KUBE-SERVICES left alone.
    let (idle, s2) = SyncPlanner.plan(ports: p, config: RenderConfig(), previous: s1, full: false)
    #expect(!idle.full && idle.changedServicePorts == 0)
    #expect(!idle.restoreInput.components(separatedBy: "*nat\n")[1].contains(":KUBE-SERVICES"))
    #expect(declared(idle.restoreInput.components(separatedBy: "*nat\n")[1]).isEmpty)

    // One endpoint replaced in one service: its SVC chain and the new SEP written, the old SEP deleted.
    let oldSep = ChainNames.endpoint("ns/s7", "tcp", "10.244.7.2:8080")
    p[7].endpoints[0] = ProxyEndpoint(ip: "10.244.7.99", port: 8080)
    p[7].endpoints.sort()
    let (plan, _) = SyncPlanner.plan(ports: p, config: RenderConfig(), previous: s2, full: false)
    #expect(plan.changedServicePorts == 1)
    #expect(plan.deletedChains == [oldSep])
    let nat = plan.restoreInput.components(separatedBy: "*nat\n")[1]
    #expect(Set(declared(nat)) == Set(RuleRenderer.render(p[7], config: RenderConfig()).chainNames + [oldSep]))
    #expect(nat.contains("-X \(oldSep)\n"))
    #expect(!nat.contains(":KUBE-SERVICES"))  // same cluster-IP jump as before
    #expect(nat.hasSuffix("COMMIT\n"))
}

@Test func removedServiceAndLostEndpointsRewriteTopLevelChains() {
    var p = ports(3)
    let (_, s1) = SyncPlanner.plan(ports: p, config: RenderConfig(), previous: SyncState(), full: true)
    let gone = RuleRenderer.render(p[2], config: RenderConfig()).chainNames
    p.removeLast()
    p[0].endpoints = []
    let (plan, s2) = SyncPlanner.plan(ports: p, config: RenderConfig(), previous: s1, full: false)
    let nat = plan.restoreInput.components(separatedBy: "*nat\n")[1]
    #expect(nat.contains(":KUBE-SERVICES - [0:0]"))
    for c in gone { #expect(nat.contains("-X \(c)\n")) }
    #expect(plan.deletedChains.count == gone.count + 4)  // s2 (SVC + 3 SEP) and s0's (SVC + 3 SEP)
    #expect(plan.restoreInput.contains("\"ns/s0 has no endpoints\""))
    #expect(s2.rendered.count == 2)
}

@Test func fullSyncDeletesStaleChainsFoundOnTheHost() {
    let (plan, _) = SyncPlanner.plan(ports: ports(1), config: RenderConfig(), previous: SyncState(), full: true,
                                     existingChains: ["KUBE-SVC-OLDOLDOLDOLDOLD1", "KUBE-SEP-OLDOLDOLDOLDOLD2", "CNI-HOSTPORT-DNAT", "KUBE-SERVICES"])
    #expect(plan.deletedChains == ["KUBE-SEP-OLDOLDOLDOLDOLD2", "KUBE-SVC-OLDOLDOLDOLDOLD1"])
    #expect(!plan.restoreInput.contains("CNI-HOSTPORT"))
}

@Test func staleUDPFlowsAreFlushed() {
    var udp = ServicePortInfo(namespace: "ns", name: "dns", proto: "UDP", clusterIP: "10.96.0.10", port: 53, nodePort: 30053,
                              endpoints: [ProxyEndpoint(ip: "10.244.0.5", port: 53), ProxyEndpoint(ip: "10.244.0.6", port: 53)])
    let (first, s1) = SyncPlanner.plan(ports: [], config: RenderConfig(), previous: SyncState(), full: true)
    #expect(first.conntrackDeletions.isEmpty)
    // From no endpoints to some: flows that met the REJECT are cleared.
    var empty = udp
    empty.endpoints = []
    let (_, s2) = SyncPlanner.plan(ports: [empty], config: RenderConfig(), previous: s1, full: false)
    let (gained, s3) = SyncPlanner.plan(ports: [udp], config: RenderConfig(), previous: s2, full: false)
    #expect(gained.conntrackDeletions == [["-D", "-p", "udp", "--orig-dst", "10.96.0.10", "--orig-port-dst", "53"],
                                          ["-D", "-p", "udp", "--orig-port-dst", "30053"]])
    udp.endpoints.removeLast()
    let (lost, _) = SyncPlanner.plan(ports: [udp], config: RenderConfig(), previous: s3, full: false)
    #expect(lost.conntrackDeletions == [["-D", "-p", "udp", "--orig-dst", "10.96.0.10", "--dst-nat", "10.244.0.6"],
                                        ["-D", "-p", "udp", "--orig-port-dst", "30053", "--dst-nat", "10.244.0.6"]])
    // TCP never needs it.
    let tcp = ports(1)
    let (_, t1) = SyncPlanner.plan(ports: tcp, config: RenderConfig(), previous: SyncState(), full: true)
    let (t2, _) = SyncPlanner.plan(ports: [], config: RenderConfig(), previous: t1, full: false)
    #expect(t2.conntrackDeletions.isEmpty)
}

@Test func cleanupDeletesOnlyOurChainsAndJumps() {
    let dump = """
    *nat
    :PREROUTING ACCEPT [0:0]
    :OUTPUT ACCEPT [0:0]
    :CNI-HOSTPORT-DNAT - [0:0]
    :KUBE-SERVICES - [0:0]
    :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
    -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
    -A PREROUTING -m addrtype --dst-type LOCAL -j CNI-HOSTPORT-DNAT
    -A KUBE-SERVICES -j KUBE-SVC-XPGD46QRK7WJZT7O
    COMMIT
    """
    let out = Cleanup.restoreInput(table: "nat", dump: dump) ?? ""
    #expect(out == """
    *nat
    -D PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
    :KUBE-SERVICES - [0:0]
    :KUBE-SVC-XPGD46QRK7WJZT7O - [0:0]
    -X KUBE-SERVICES
    -X KUBE-SVC-XPGD46QRK7WJZT7O
    COMMIT

    """)
    #expect(Cleanup.restoreInput(table: "nat", dump: "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n") == nil)
}

@Test func largeSyncsAreStagedInBoundedTransactions() {
    let p = ports(20)  // 4 chains per service port (SVC + 3 SEP)
    let (single, _) = SyncPlanner.plan(ports: p, config: RenderConfig(), previous: SyncState(), full: true)
    #expect(single.stagingInputs.isEmpty, "no bound: one transaction")
    let (plan, state) = SyncPlanner.plan(ports: p, config: RenderConfig(), previous: SyncState(), full: true, chainsPerTransaction: 10)
    #expect(plan.stagingInputs.count == 10, "two service ports (8 chains) per staging transaction")
    var staged: [String] = []
    for (i, t) in plan.stagingInputs.enumerated() {
        #expect(t.hasPrefix("*nat\n") && t.hasSuffix("COMMIT\n") && !t.contains("*filter"))
        let names = declared(t).filter { $0.hasPrefix("KUBE-SVC-") || $0.hasPrefix("KUBE-SEP-") }
        #expect(names.count <= 10)
        // Only service chains and, in the first, the fixed chains they jump to; no top-level rule.
        #expect(declared(t).contains("KUBE-MARK-MASQ") == (i == 0))
        #expect(!t.contains("-A KUBE-SERVICES") && !t.contains("-A KUBE-NODEPORTS") && !t.contains("-X "))
        staged += names
    }
    let all = p.flatMap { RuleRenderer.render($0, config: RenderConfig()).chainNames }
    #expect(Set(staged) == Set(all) && staged.count == all.count, "every service chain exactly once")
    // Each service port's chains travel together.
    for info in p {
        let names = Set(RuleRenderer.render(info, config: RenderConfig()).chainNames)
        #expect(plan.stagingInputs.filter { !Set(declared($0)).isDisjoint(with: names) }.count == 1)
    }
    // The main transaction: top-level chains and the fixed ones, no service chain.
    let nat = plan.restoreInput.components(separatedBy: "*nat\n")[1]
    #expect(!declared(nat).contains { $0.hasPrefix("KUBE-SVC-") || $0.hasPrefix("KUBE-SEP-") })
    #expect(nat.split(separator: "\n").filter { $0.hasPrefix("-A KUBE-SERVICES ") }.count == 21)
    #expect(plan.natRules == single.natRules)

    // A partial sync under the bound stays one transaction; removing a service deletes its
    // chains in the main transaction, after the jump to them is gone.
    var q = p
    let gone = RuleRenderer.render(q.removeLast(), config: RenderConfig()).chainNames
    let (partial, _) = SyncPlanner.plan(ports: q, config: RenderConfig(), previous: state, full: false, chainsPerTransaction: 10)
    #expect(partial.stagingInputs.isEmpty)
    #expect(Set(partial.deletedChains) == Set(gone))
}
