import Foundation
import Testing
import SkiffAPI
@testable import SkiffProxy

@Test func poolParsesRangesAndCIDRs() throws {
    let a = try IPv4Pool("192.0.2.100-192.0.2.102")
    #expect(IPv4Pool.format(a.first) == "192.0.2.100" && IPv4Pool.format(a.last) == "192.0.2.102")
    let b = try IPv4Pool("192.0.2.128/30")
    #expect(IPv4Pool.format(b.first) == "192.0.2.129" && IPv4Pool.format(b.last) == "192.0.2.130")
    do {
        _ = try IPv4Pool("192.0.2.300-1")
        Issue.record("expected an error")
    } catch { #expect("\(error)".contains("--loadbalancer-ip-range")) }
}

@Test func loadBalancersGetFreeAddresses() throws {
    let pool = try IPv4Pool("192.0.2.100-192.0.2.101")
    var held = service("held", type: "LoadBalancer")
    held.status.loadBalancer = LoadBalancerStatus(ingress: [LoadBalancerIngress(ip: "192.0.2.100")])
    var wants = service("wants", type: "LoadBalancer")
    wants.spec.loadBalancerIP = "192.0.2.100"  // taken: gets the next free one
    let third = service("third", type: "LoadBalancer")
    var former = service("former", type: "ClusterIP")
    former.status.loadBalancer = LoadBalancerStatus(ingress: [LoadBalancerIngress(ip: "192.0.2.101")])
    let out = LoadBalancerAllocator.assign(services: [held, wants, third, former, service("plain")], pool: pool)
    #expect(out.contains(LoadBalancerAllocator.Assignment(namespace: "default", name: "former", ip: nil)))
    let got = out.filter { $0.ip != nil }
    #expect(got.count == 1)  // the pool has one free address left
    #expect(got.first?.ip == "192.0.2.101")
}

@Test func roundRobinAndAffinity() {
    nonisolated(unsafe) var t = 1000.0
    let rr = RoundRobin(now: { t })
    let eps = [ProxyEndpoint(ip: "10.0.0.1", port: 80), ProxyEndpoint(ip: "10.0.0.2", port: 80), ProxyEndpoint(ip: "10.0.0.3", port: 80)]
    rr.update(endpoints: eps, affinitySeconds: nil)
    let picks = (0..<6).compactMap { _ in rr.pick(clientIP: "1.1.1.1")?.ip }
    #expect(picks == ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.1", "10.0.0.2", "10.0.0.3"])
    rr.update(endpoints: eps, affinitySeconds: 10)
    let first = rr.pick(clientIP: "1.1.1.1")
    #expect((0..<5).allSatisfy { _ in rr.pick(clientIP: "1.1.1.1") == first })
    #expect(rr.pick(clientIP: "2.2.2.2") != first)
    t += 11
    #expect(rr.pick(clientIP: "1.1.1.1") != first)
    rr.update(endpoints: [], affinitySeconds: 10)
    #expect(rr.pick(clientIP: "1.1.1.1") == nil)
}

@Test func portalRulesRedirectEveryAddress() {
    var s = svc1
    s.nodePort = 30080
    let text = PortalRules.render([(s, 40001)])
    #expect(text.contains(#"-A KUBE-PORTALS-CONTAINER -m comment --comment ns1/svc1:p80 -m tcp -p tcp -d 172.30.0.41 --dport 80 -j REDIRECT --to-ports 40001"#))
    #expect(text.contains(#"-A KUBE-PORTALS-HOST -m comment --comment ns1/svc1:p80 -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REDIRECT --to-ports 40001"#))
}

@Test func metricsExposition() {
    let m = ProxyMetrics()
    m.observeSync(seconds: 0.003, full: true, natRules: 42, filterRules: 4, changedServicePorts: 2)
    let text = m.render()
    #expect(text.contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket{le=\"0.004\"} 1"))
    #expect(text.contains("kubeproxy_sync_proxy_rules_duration_seconds_bucket{le=\"0.002\"} 0"))
    #expect(text.contains("kubeproxy_sync_proxy_rules_duration_seconds_count 1"))
    #expect(text.contains("kubeproxy_sync_proxy_rules_iptables_total{table=\"nat\"} 42"))
    #expect(text.contains("# TYPE kubeproxy_sync_proxy_rules_last_timestamp_seconds gauge"))
}
