import Testing
import SkiffAPI
@testable import SkiffProxy

func service(_ name: String, ns: String = "default", type: String? = nil, clusterIP: String = "10.96.0.20",
             ports: [ServicePort] = [ServicePort(name: "http", protocol: "TCP", port: 80, targetPort: .int(8080))]) -> Service {
    Service(metadata: ObjectMeta(name: name, namespace: ns), spec: ServiceSpec(ports: ports, clusterIP: clusterIP, type: type))
}

func endpoints(_ name: String, ns: String = "default", ips: [String], node: String? = nil, port: Int32 = 8080,
               portName: String? = "http", proto: String = "TCP") -> Endpoints {
    Endpoints(metadata: ObjectMeta(name: name, namespace: ns), subsets: [
        EndpointSubset(addresses: ips.map { EndpointAddress(ip: $0, nodeName: node) },
                       notReadyAddresses: [EndpointAddress(ip: "10.244.9.9")],
                       ports: [EndpointPort(name: portName, port: port, protocol: proto)]),
    ])
}

@Test func snapshotJoinsServicesAndEndpoints() {
    let ports = ServiceSnapshot.build(services: [service("web")], endpoints: [endpoints("web", ips: ["10.244.0.3", "10.244.0.2"], node: "n1")], nodeName: "n1")
    #expect(ports.count == 1)
    #expect(ports[0].servicePortName == "default/web:http")
    #expect(ports[0].endpoints.map(\.hostPort) == ["10.244.0.2:8080", "10.244.0.3:8080"])  // sorted, not-ready left out
    #expect(ports[0].endpoints.allSatisfy { $0.isLocal })
}

@Test func headlessAndExternalNameAreSkipped() {
    var ext = service("ext", clusterIP: "")
    ext.spec.type = "ExternalName"
    ext.spec.externalName = "example.org"
    let ports = ServiceSnapshot.build(services: [service("headless", clusterIP: "None"), ext], endpoints: [], nodeName: "n1")
    #expect(ports.isEmpty)
}

@Test func affinityNodePortAndLoadBalancerFields() {
    var s = service("lb", type: "LoadBalancer", ports: [ServicePort(protocol: "UDP", port: 53, nodePort: 30053)])
    s.spec.sessionAffinity = "ClientIP"
    s.spec.externalTrafficPolicy = "Local"
    s.status.loadBalancer = LoadBalancerStatus(ingress: [LoadBalancerIngress(ip: "192.0.2.100")])
    let p = ServiceSnapshot.build(services: [s], endpoints: [endpoints("lb", ips: ["10.244.0.2"], port: 5353, portName: nil, proto: "UDP")], nodeName: "n1")
    #expect(p.count == 1)
    #expect(p[0].affinitySeconds == 10800)
    #expect(p[0].nodePort == 30053)
    #expect(p[0].loadBalancerIPs == ["192.0.2.100"])
    #expect(p[0].externalPolicyLocal)
    #expect(p[0].proto == "UDP")
    #expect(p[0].endpoints == [ProxyEndpoint(ip: "10.244.0.2", port: 5353, isLocal: false)])
    // A ClusterIP service ignores a stale node port.
    let c = ServiceSnapshot.build(services: [service("c", ports: [ServicePort(port: 80, nodePort: 30001)])], endpoints: [], nodeName: "n1")
    #expect(c[0].nodePort == 0)
}
