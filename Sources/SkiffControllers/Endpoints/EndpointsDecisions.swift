import SkiffAPI

/// The Endpoints of a Service, pure: every pod the selector matches that has an IP and is not
/// terminating, ready ones in `addresses` and the rest in `notReadyAddresses`, each service
/// port resolved against the pod (targetPort by name or number), grouped into subsets of pods
/// with the same ports and sorted so an unchanged set writes nothing.
public enum EndpointsDecisions {
    public static let headlessLabel = "service.kubernetes.io/headless"

    /// The service's pod selector, nil for services without one (their Endpoints are the user's).
    public static func selector(_ svc: Service) -> Selector? {
        guard let s = svc.spec.selector, !s.isEmpty, svc.spec.type != "ExternalName" else { return nil }
        return Selector(matchLabels: s)
    }

    /// The pod's port for a service port: a named targetPort looks for a container port of
    /// that name and protocol; a number (or none: the service port) is used as is.
    public static func resolvePort(_ sp: ServicePort, pod: Pod) -> Int32? {
        let proto = sp.protocol ?? "TCP"
        switch sp.targetPort {
        case .string(let name)?:
            if let n = Int32(name) { return n }
            for c in pod.spec.containers {
                for p in c.ports ?? [] where p.name == name && (p.protocol ?? "TCP") == proto { return p.containerPort }
            }
            return nil
        case .int(let n)?:
            return n == 0 ? sp.port : n
        case nil:
            return sp.port
        }
    }

    public static func address(_ pod: Pod, service: Service) -> EndpointAddress {
        var a = EndpointAddress(ip: pod.status.podIP ?? "")
        if let n = pod.spec.nodeName, !n.isEmpty { a.nodeName = n }
        if let h = pod.spec.hostname, !h.isEmpty, pod.spec.subdomain == service.metadata.name,
           service.metadata.namespace == pod.metadata.namespace {
            a.hostname = h
        }
        a.targetRef = ObjectReference(kind: "Pod", namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid)
        return a
    }

    public static func subsets(service svc: Service, pods: [Pod]) -> [EndpointSubset] {
        guard let selector = selector(svc) else { return [] }
        let publishNotReady = svc.spec.publishNotReadyAddresses == true
        var groups: [[EndpointPort]: (ready: [EndpointAddress], notReady: [EndpointAddress])] = [:]
        for pod in pods where pod.metadata.namespace == svc.metadata.namespace {
            guard selector.matches(pod.metadata.labels ?? [:]), let ip = pod.status.podIP, !ip.isEmpty,
                  pod.metadata.deletionTimestamp == nil, !pod.isTerminal else { continue }
            var ports: [EndpointPort] = []
            var missing = false
            for sp in svc.spec.ports ?? [] {
                guard let n = resolvePort(sp, pod: pod) else { missing = true; continue }
                ports.append(EndpointPort(name: sp.name, port: n, protocol: sp.protocol ?? "TCP", appProtocol: sp.appProtocol))
            }
            // A pod lacking a named port still serves the others; with none resolved it serves nothing.
            if missing && ports.isEmpty { continue }
            ports.sort { ($0.name ?? "", $0.port) < ($1.name ?? "", $1.port) }
            let addr = address(pod, service: svc)
            var g = groups[ports] ?? ([], [])
            if publishNotReady || PodFacts.isReady(pod) { g.ready.append(addr) } else { g.notReady.append(addr) }
            groups[ports] = g
        }
        func byIP(_ a: EndpointAddress, _ b: EndpointAddress) -> Bool { (a.ip, a.targetRef?.name ?? "") < (b.ip, b.targetRef?.name ?? "") }
        let out = groups.map { ports, g in
            EndpointSubset(addresses: g.ready.isEmpty ? nil : g.ready.sorted(by: byIP),
                           notReadyAddresses: g.notReady.isEmpty ? nil : g.notReady.sorted(by: byIP),
                           ports: ports.isEmpty ? nil : ports)
        }
        return out.sorted { key($0) < key($1) }
    }

    static func key(_ s: EndpointSubset) -> String {
        (s.ports ?? []).map { "\($0.name ?? ""):\($0.port)/\($0.protocol ?? "")" }.joined(separator: ",")
    }

    /// The Endpoints object for the service: its labels (plus the headless mark) and subsets.
    public static func endpoints(service svc: Service, pods: [Pod], existing: Endpoints?) -> Endpoints {
        var ep = existing ?? Endpoints()
        ep.metadata.name = svc.metadata.name
        ep.metadata.namespace = svc.metadata.namespace
        var labels = svc.metadata.labels ?? [:]
        if svc.spec.clusterIP == "None" { labels[headlessLabel] = "" }
        ep.metadata.labels = labels.isEmpty ? nil : labels
        let subsets = subsets(service: svc, pods: pods)
        ep.subsets = subsets.isEmpty ? nil : subsets
        return ep
    }

    /// Whether writing `new` over `old` changes anything the controller owns.
    public static func differs(_ old: Endpoints, _ new: Endpoints) -> Bool {
        (old.subsets ?? []) != (new.subsets ?? []) || (old.metadata.labels ?? [:]) != (new.metadata.labels ?? [:])
    }
}
