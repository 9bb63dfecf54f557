/// Endpoints: written by the endpoints controller, read by the proxy.
public enum EndpointsStrategy: ResourceStrategy {
    public typealias Object = Endpoints
    public static let hasStatus = false

    public static func setDefaults(_ ep: inout Endpoints) {
        guard var subsets = ep.subsets else { return }
        for i in subsets.indices {
            if var ports = subsets[i].ports {
                for j in ports.indices where (ports[j].protocol ?? "").isEmpty { ports[j].protocol = "TCP" }
                subsets[i].ports = ports
            }
        }
        ep.subsets = subsets
    }

    public static func validateCreate(_ ep: Endpoints) -> [FieldError] {
        ObjectMetaValidation.validate(ep.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSubsets(ep.subsets ?? [])
    }

    static func validateSubsets(_ subsets: [EndpointSubset]) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, s) in subsets.enumerated() {
            let p = FieldPath("subsets").index(i)
            if (s.addresses ?? []).isEmpty && (s.notReadyAddresses ?? []).isEmpty {
                errs.append(.required(p.string, "must specify `addresses` or `notReadyAddresses`"))
            }
            for (label, list) in [("addresses", s.addresses ?? []), ("notReadyAddresses", s.notReadyAddresses ?? [])] {
                for (j, a) in list.enumerated() {
                    let ap = p.child(label).index(j)
                    if !NameValidation.isIP(a.ip) { errs.append(.invalid(ap.child("ip").string, a.ip, "must be a valid IP address")) }
                    if let h = a.hostname, !h.isEmpty {
                        for msg in NameValidation.dns1123Label(h) { errs.append(.invalid(ap.child("hostname").string, h, msg)) }
                    }
                    if let n = a.nodeName, !n.isEmpty {
                        for msg in NameValidation.dns1123Subdomain(n) { errs.append(.invalid(ap.child("nodeName").string, n, msg)) }
                    }
                }
            }
            let ports = s.ports ?? []
            for (j, port) in ports.enumerated() {
                let pp = p.child("ports").index(j)
                let name = port.name ?? ""
                if ports.count > 1 && name.isEmpty { errs.append(.required(pp.child("name").string)) }
                else if !name.isEmpty { for msg in NameValidation.dns1123Label(name) { errs.append(.invalid(pp.child("name").string, name, msg)) } }
                for msg in NameValidation.portNumber(Int64(port.port)) { errs.append(.invalid(pp.child("port").string, int: Int64(port.port), msg)) }
                let proto = port.protocol ?? ""
                if proto.isEmpty { errs.append(.required(pp.child("protocol").string)) }
                else if !ServiceStrategy.protocols.contains(proto) { errs.append(.notSupported(pp.child("protocol").string, proto, ServiceStrategy.protocols)) }
            }
        }
        return errs
    }

    public static func validateUpdate(_ new: Endpoints, old: Endpoints) -> [FieldError] {
        ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain) + validateSubsets(new.subsets ?? [])
    }

    public static func fieldValue(_ ep: Endpoints, path: String) -> String? { metadataFieldValue(ep, path: path) }
}
