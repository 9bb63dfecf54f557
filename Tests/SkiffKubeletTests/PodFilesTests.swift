import Testing
@testable import SkiffKubelet

@Test func serviceVariablesFollowTheOriginalDesign() {
    let svcs = [
        ServiceLink(name: "redis-master", namespace: "default", clusterIP: "10.0.0.11",
                    ports: [.init(name: "redis", port: 6379), .init(name: "metrics", port: 9121, proto: "UDP")]),
        ServiceLink(name: "kubernetes", namespace: "default", clusterIP: "10.96.0.1", ports: [.init(name: "https", port: 443)]),
        ServiceLink(name: "headless", namespace: "default", clusterIP: "None", ports: [.init(port: 80)]),
        ServiceLink(name: "other", namespace: "prod", clusterIP: "10.0.0.12", ports: [.init(port: 80)]),
    ]
    let env = Dictionary(uniqueKeysWithValues: ServiceEnvironment.variables(for: svcs, podNamespace: "default", enableServiceLinks: true))
    #expect(env["REDIS_MASTER_SERVICE_HOST"] == "10.0.0.11")
    #expect(env["REDIS_MASTER_SERVICE_PORT"] == "6379")
    #expect(env["REDIS_MASTER_SERVICE_PORT_METRICS"] == "9121")
    #expect(env["REDIS_MASTER_PORT"] == "tcp://10.0.0.11:6379")
    #expect(env["REDIS_MASTER_PORT_6379_TCP"] == "tcp://10.0.0.11:6379")
    #expect(env["REDIS_MASTER_PORT_6379_TCP_PROTO"] == "tcp")
    #expect(env["REDIS_MASTER_PORT_6379_TCP_PORT"] == "6379")
    #expect(env["REDIS_MASTER_PORT_6379_TCP_ADDR"] == "10.0.0.11")
    #expect(env["REDIS_MASTER_PORT_9121_UDP_PROTO"] == "udp")
    #expect(env["KUBERNETES_SERVICE_HOST"] == "10.96.0.1")
    #expect(env["HEADLESS_SERVICE_HOST"] == nil)
    #expect(env["OTHER_SERVICE_HOST"] == nil)

    let off = Dictionary(uniqueKeysWithValues: ServiceEnvironment.variables(for: svcs, podNamespace: "prod", enableServiceLinks: false))
    #expect(off["KUBERNETES_SERVICE_PORT"] == "443")
    #expect(off["OTHER_SERVICE_HOST"] == nil)
}

@Test func clusterFirstResolvConf() throws {
    let host = PodNetworkFiles.parseResolvConf("nameserver 192.0.2.53\nsearch corp.example\noptions rotate\n")
    let s = try PodNetworkFiles.dns(policy: nil, hostNetwork: false, namespace: "shop", clusterDomain: "cluster.local",
                                    clusterDNS: ["10.96.0.10"], host: host, podConfig: nil)
    #expect(PodNetworkFiles.resolvConf(s) == """
    search shop.svc.cluster.local svc.cluster.local cluster.local corp.example
    nameserver 10.96.0.10
    options ndots:5

    """)
    let d = try PodNetworkFiles.dns(policy: "Default", hostNetwork: false, namespace: "shop", clusterDomain: "cluster.local",
                                    clusterDNS: ["10.96.0.10"], host: host, podConfig: nil)
    #expect(d.nameservers == ["192.0.2.53"])
    let n = try PodNetworkFiles.dns(policy: "None", hostNetwork: false, namespace: "shop", clusterDomain: "cluster.local",
                                    clusterDNS: ["10.96.0.10"], host: host,
                                    podConfig: .init(nameservers: ["1.2.3.4"], searches: ["a.b"], options: ["ndots:2", "edns0"]))
    #expect(PodNetworkFiles.resolvConf(n) == "search a.b\nnameserver 1.2.3.4\noptions ndots:2 edns0\n")
    let merged = try PodNetworkFiles.dns(policy: "ClusterFirst", hostNetwork: false, namespace: "x", clusterDomain: "cluster.local",
                                         clusterDNS: ["10.96.0.10"], host: .init(), podConfig: .init(options: ["ndots:1"]))
    #expect(merged.options == ["ndots:1"])
    #expect(throws: PodNetworkFiles.Failure.self) {
        try PodNetworkFiles.dns(policy: "Cluster", hostNetwork: false, namespace: "x", clusterDomain: "c", clusterDNS: [], host: .init(), podConfig: nil)
    }
}

@Test func hostsFileNamesThePod() {
    let h = PodNetworkFiles.hosts(podIPs: ["10.244.0.5"], hostname: "web-0", subdomain: "web", namespace: "shop",
                                  clusterDomain: "cluster.local", hostAliases: [(ip: "10.1.2.3", hostnames: ["foo.local", "bar.local"])])
    #expect(h.contains("127.0.0.1\tlocalhost\n"))
    #expect(h.contains("10.244.0.5\tweb-0.web.shop.svc.cluster.local\tweb-0\n"))
    #expect(h.contains("# Entries added by HostAliases.\n10.1.2.3\tfoo.local\tbar.local\n"))
}
