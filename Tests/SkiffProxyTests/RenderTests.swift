import Foundation
import Testing
import SkiffAPI
@testable import SkiffProxy

@Test func chainNamesMatchKubeProxy() {
    // Values from kube-proxy's own test tables.
    #expect(ChainNames.service("ns1/svc1:p80", "TCP") == "KUBE-SVC-XPGD46QRK7WJZT7O")
    #expect(ChainNames.endpoint("ns1/svc1:p80", "tcp", "10.180.0.1:80") == "KUBE-SEP-SXIVWICOYRO3J4NJ")
    #expect(ChainNames.external("ns1/svc1:p80", "tcp") == "KUBE-EXT-XPGD46QRK7WJZT7O")
    #expect(ChainNames.serviceLocal("ns1/svc1:p80", "tcp") == "KUBE-SVL-XPGD46QRK7WJZT7O")
}

@Test func sha256KnownAnswers() {
    func hex(_ s: String) -> String { SHA256.digest(Array(s.utf8)).map { String(format: "%02x", $0) }.joined() }
    #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI======")
}

@Test func probabilitiesArePrintedLikeKubeProxy() {
    #expect(RuleRenderer.probability(3) == "0.3333333333")
    #expect(RuleRenderer.probability(2) == "0.5000000000")
    #expect(RuleRenderer.probability(7) == "0.1428571429")
    #expect(RuleRenderer.probability(1) == "1.0000000000")
    #expect(RuleRenderer.probability(10000) == "0.0001000000")
}

let svc1 = ServicePortInfo(namespace: "ns1", name: "svc1", portName: "p80", clusterIP: "172.30.0.41", port: 80,
                           endpoints: [ProxyEndpoint(ip: "10.180.0.1", port: 80)])

@Test func clusterIPGolden() {
    let r = RuleRenderer.render(svc1, config: RenderConfig(clusterCIDR: "10.0.0.0/8"))
    #expect(r.natServices == [#"-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j KUBE-SVC-XPGD46QRK7WJZT7O"#])
    #expect(r.chains.map(\.name) == ["KUBE-SVC-XPGD46QRK7WJZT7O", "KUBE-SEP-SXIVWICOYRO3J4NJ"])
    #expect(r.chains[0].rules == [
        #"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 cluster IP" -m tcp -p tcp -d 172.30.0.41 --dport 80 ! -s 10.0.0.0/8 -j KUBE-MARK-MASQ"#,
        #"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -j KUBE-SEP-SXIVWICOYRO3J4NJ"#,
    ])
    #expect(r.chains[1].rules == [
        "-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -s 10.180.0.1 -j KUBE-MARK-MASQ",
        "-A KUBE-SEP-SXIVWICOYRO3J4NJ -m comment --comment ns1/svc1:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80",
    ])
    #expect(r.filterServices.isEmpty && r.filterExternal.isEmpty && r.natNodePorts.isEmpty)
}

@Test func threeEndpointsAreBalancedWithDecreasingProbabilities() {
    var s = svc1
    s.endpoints = ["10.0.0.3", "10.0.0.1", "10.0.0.2"].map { ProxyEndpoint(ip: $0, port: 8080) }.sorted()
    let svc = RuleRenderer.render(s, config: RenderConfig()).chains[0]
    #expect(svc.rules.count == 3)  // no masquerade rule without a cluster CIDR
    #expect(svc.rules[0].contains("-m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-"))
    #expect(svc.rules[0].contains("10.0.0.1:8080"))
    #expect(svc.rules[1].contains("-m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-"))
    #expect(!svc.rules[2].contains("statistic"))
    #expect(svc.rules[2].contains("-> 10.0.0.3:8080"))
}

@Test func clientIPAffinityUsesRecent() {
    var s = svc1
    s.affinitySeconds = 10800
    s.endpoints.append(ProxyEndpoint(ip: "10.180.0.2", port: 80))
    let r = RuleRenderer.render(s, config: RenderConfig())
    let sep1 = ChainNames.endpoint("ns1/svc1:p80", "tcp", "10.180.0.1:80")
    let svc = r.chains[0].rules
    #expect(svc[0] == #"-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment "ns1/svc1:p80 -> 10.180.0.1:80" -m recent --name \#(sep1) --rcheck --seconds 10800 --reap -j \#(sep1)"#)
    #expect(svc[1].contains("--rcheck --seconds 10800 --reap"))
    #expect(svc[2].contains("--probability 0.5000000000"))
    let sepRules = r.chains.first { $0.name == sep1 }?.rules ?? []
    #expect(sepRules.last == "-A \(sep1) -m comment --comment ns1/svc1:p80 -m recent --name \(sep1) --set -m tcp -p tcp -j DNAT --to-destination 10.180.0.1:80")
}

@Test func nodePortGoesThroughTheExternalChain() {
    var s = svc1
    s.nodePort = 30080
    let r = RuleRenderer.render(s, config: RenderConfig(clusterCIDR: "10.244.0.0/16"))
    #expect(r.natNodePorts == ["-A KUBE-NODEPORTS -m comment --comment ns1/svc1:p80 -m tcp -p tcp --dport 30080 -j KUBE-EXT-XPGD46QRK7WJZT7O"])
    let ext = r.chains.first { $0.name == "KUBE-EXT-XPGD46QRK7WJZT7O" }?.rules
    #expect(ext == [
        #"-A KUBE-EXT-XPGD46QRK7WJZT7O -m comment --comment "masquerade traffic for ns1/svc1:p80 external destinations" -j KUBE-MARK-MASQ"#,
        "-A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVC-XPGD46QRK7WJZT7O",
    ])
}

@Test func externalTrafficPolicyLocalUsesOnlyLocalEndpoints() {
    var s = svc1
    s.nodePort = 30080
    s.externalPolicyLocal = true
    s.endpoints = [ProxyEndpoint(ip: "10.180.0.1", port: 80, isLocal: true), ProxyEndpoint(ip: "10.180.0.2", port: 80)]
    let r = RuleRenderer.render(s, config: RenderConfig(clusterCIDR: "10.244.0.0/16"))
    let ext = r.chains.first { $0.name.hasPrefix("KUBE-EXT-") }?.rules ?? []
    #expect(ext.first?.contains("-s 10.244.0.0/16 -j KUBE-SVC-") == true)
    #expect(ext.last == "-A KUBE-EXT-XPGD46QRK7WJZT7O -j KUBE-SVL-XPGD46QRK7WJZT7O")
    let svl = r.chains.first { $0.name == "KUBE-SVL-XPGD46QRK7WJZT7O" }?.rules ?? []
    #expect(svl.count == 1 && svl[0].contains("10.180.0.1:80"))
    // No local endpoint: no KUBE-SVL chain and no jump to one.
    s.endpoints = [ProxyEndpoint(ip: "10.180.0.2", port: 80)]
    let r2 = RuleRenderer.render(s, config: RenderConfig(clusterCIDR: "10.244.0.0/16"))
    #expect(!r2.chainNames.contains("KUBE-SVL-XPGD46QRK7WJZT7O"))
    #expect(!(r2.chains.first { $0.name.hasPrefix("KUBE-EXT-") }?.rules ?? []).contains { $0.contains("KUBE-SVL") })
    // ... and external traffic to it is dropped by its original destination.
    #expect(r2.filterExternal == [
        #"-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP"#,
    ])
    #expect(r.filterExternal.isEmpty, "a local endpoint: nothing dropped")
}

@Test func serviceWithoutEndpointsIsRejected() {
    var s = svc1
    s.endpoints = []
    s.nodePort = 30080
    s.externalIPs = ["192.0.2.50"]
    let r = RuleRenderer.render(s, config: RenderConfig())
    #expect(r.chains.isEmpty && r.natServices.isEmpty && r.natNodePorts.isEmpty)
    #expect(r.filterServices == [#"-A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 172.30.0.41 --dport 80 -j REJECT --reject-with icmp-port-unreachable"#])
    #expect(r.filterExternal == [
        #"-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m tcp -p tcp -d 192.0.2.50 --dport 80 -j REJECT --reject-with icmp-port-unreachable"#,
        #"-A KUBE-EXTERNAL-SERVICES -m comment --comment "ns1/svc1:p80 has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT --reject-with icmp-port-unreachable"#,
    ])
}

@Test func externalAndLoadBalancerIPsAndProtocols() {
    var s = svc1
    s.proto = "UDP"
    s.externalIPs = ["192.0.2.50"]
    s.loadBalancerIPs = ["192.0.2.200"]
    let r = RuleRenderer.render(s, config: RenderConfig())
    #expect(ChainNames.service("ns1/svc1:p80", "UDP") != "KUBE-SVC-XPGD46QRK7WJZT7O")
    #expect(r.natServices.count == 3)
    #expect(r.natServices[1].contains(#""ns1/svc1:p80 external IP" -m udp -p udp -d 192.0.2.50 --dport 80 -j KUBE-EXT-"#))
    #expect(r.natServices[2].contains(#""ns1/svc1:p80 loadbalancer IP" -m udp -p udp -d 192.0.2.200 --dport 80 -j KUBE-EXT-"#))
    s.proto = "SCTP"
    #expect(RuleRenderer.render(s, config: RenderConfig()).natServices[0].contains("-m sctp -p sctp"))
}
