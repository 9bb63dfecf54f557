import SkiffAPI
import Testing
@testable import SkiffControllers

func makeService(ports: [ServicePort], headless: Bool = false) -> Service {
    var s = Service()
    s.metadata.name = "web"
    s.metadata.namespace = "default"
    s.metadata.labels = ["team": "a"]
    s.spec.selector = ["app": "web"]
    s.spec.ports = ports
    s.spec.clusterIP = headless ? "None" : "10.96.0.10"
    return s
}

func withPorts(_ p: Pod, _ ports: [ContainerPort]) -> Pod {
    var p = p
    p.spec.containers[0].ports = ports
    return p
}

@Test func readyAndNotReadyAddressesWithResolvedPorts() {
    let svc = makeService(ports: [ServicePort(name: "http", protocol: "TCP", port: 80, targetPort: .string("web"))])
    let named = [ContainerPort(name: "web", containerPort: 8080, protocol: "TCP")]
    let ready = withPorts(makePod("a", node: "n1", phase: "Running", ready: true, ip: "10.0.0.2"), named)
    let unready = withPorts(makePod("b", node: "n2", phase: "Running", ready: false, readySince: 1, ip: "10.0.0.3"), named)
    let noIP = withPorts(makePod("c", phase: "Pending"), named)
    let terminating = withPorts(makePod("d", phase: "Running", ready: true, ip: "10.0.0.5", deleting: true), named)
    let other = withPorts(makePod("e", labels: ["app": "db"], phase: "Running", ready: true, ip: "10.0.0.6"), named)
    let subsets = EndpointsDecisions.subsets(service: svc, pods: [unready, ready, noIP, terminating, other])
    #expect(subsets.count == 1)
    #expect(subsets[0].addresses?.map(\.ip) == ["10.0.0.2"])
    #expect(subsets[0].addresses?.first?.nodeName == "n1")
    #expect(subsets[0].addresses?.first?.targetRef?.name == "a")
    #expect(subsets[0].addresses?.first?.targetRef?.kind == "Pod")
    #expect(subsets[0].notReadyAddresses?.map(\.ip) == ["10.0.0.3"])
    #expect(subsets[0].ports == [EndpointPort(name: "http", port: 8080, protocol: "TCP")])
}

@Test func portsByNumberDefaultAndMissingName() {
    let byNumber = ServicePort(name: "a", port: 80, targetPort: .int(9376))
    let byDefault = ServicePort(name: "b", port: 81)
    let missing = ServicePort(name: "c", port: 82, targetPort: .string("nope"))
    let pod = makePod("a", phase: "Running", ready: true, ip: "10.0.0.2")
    #expect(EndpointsDecisions.resolvePort(byNumber, pod: pod) == 9376)
    #expect(EndpointsDecisions.resolvePort(byDefault, pod: pod) == 81)
    #expect(EndpointsDecisions.resolvePort(missing, pod: pod) == nil)
    // A UDP service port does not match a TCP container port of the same name.
    let udp = ServicePort(name: "dns", protocol: "UDP", port: 53, targetPort: .string("dns"))
    let tcpPod = withPorts(pod, [ContainerPort(name: "dns", containerPort: 5353, protocol: "TCP")])
    #expect(EndpointsDecisions.resolvePort(udp, pod: tcpPod) == nil)
    let svc = makeService(ports: [byNumber, missing])
    let subsets = EndpointsDecisions.subsets(service: svc, pods: [pod])
    #expect(subsets.first?.ports?.map(\.port) == [9376])
}

@Test func podsWithDifferentPortsGetSeparateSubsets() {
    let svc = makeService(ports: [ServicePort(name: "http", port: 80, targetPort: .string("web"))])
    let a = withPorts(makePod("a", phase: "Running", ready: true, ip: "10.0.0.2"), [ContainerPort(name: "web", containerPort: 8080)])
    let b = withPorts(makePod("b", phase: "Running", ready: true, ip: "10.0.0.3"), [ContainerPort(name: "web", containerPort: 9090)])
    let subsets = EndpointsDecisions.subsets(service: svc, pods: [a, b])
    #expect(subsets.count == 2)
    #expect(Set(subsets.compactMap { $0.ports?.first?.port }) == [8080, 9090])
}

@Test func headlessServiceWithoutPorts() {
    let svc = makeService(ports: [], headless: true)
    var pod = makePod("a", phase: "Running", ready: true, ip: "10.0.0.2")
    pod.spec.hostname = "a"
    pod.spec.subdomain = "web"
    let ep = EndpointsDecisions.endpoints(service: svc, pods: [pod], existing: nil)
    #expect(ep.metadata.labels?[EndpointsDecisions.headlessLabel] == "")
    #expect(ep.metadata.labels?["team"] == "a")
    #expect(ep.subsets?.first?.ports == nil)
    #expect(ep.subsets?.first?.addresses?.first?.hostname == "a")
}

@Test func servicesWithoutSelectorAreLeftAlone() {
    var svc = makeService(ports: [ServicePort(port: 80)])
    svc.spec.selector = nil
    #expect(EndpointsDecisions.selector(svc) == nil)
    #expect(EndpointsDecisions.subsets(service: svc, pods: [makePod("a", ip: "10.0.0.1")]).isEmpty)
}

@Test func publishNotReadyAddressesCountsEveryPod() {
    var svc = makeService(ports: [ServicePort(port: 80)])
    svc.spec.publishNotReadyAddresses = true
    let s = EndpointsDecisions.subsets(service: svc, pods: [makePod("a", phase: "Running", ip: "10.0.0.1")])
    #expect(s.first?.addresses?.count == 1)
    #expect(s.first?.notReadyAddresses == nil)
}

@Test func unchangedEndpointsAreNotRewritten() {
    let svc = makeService(ports: [ServicePort(port: 80)])
    let pods = [makePod("b", phase: "Running", ready: true, ip: "10.0.0.9"), makePod("a", phase: "Running", ready: true, ip: "10.0.0.1")]
    let first = EndpointsDecisions.endpoints(service: svc, pods: pods, existing: nil)
    let again = EndpointsDecisions.endpoints(service: svc, pods: pods.reversed(), existing: first)
    #expect(!EndpointsDecisions.differs(first, again))
    #expect(first.subsets?.first?.addresses?.map(\.ip) == ["10.0.0.1", "10.0.0.9"])
}
