/// Services: defaulting and validation. Cluster IP and node port allocation is the server's
/// job (it owns the allocators); on update the allocated values are carried over when the
/// client left them out, as Kubernetes does, so `kubectl replace` and `edit` work.
public enum ServiceStrategy: ResourceStrategy {
    public typealias Object = Service
    public static let hasStatus = true
    public static let selectableFields = ["metadata.name", "metadata.namespace", "spec.clusterIP", "spec.type"]
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    static let protocols = ["SCTP", "TCP", "UDP"]
    public static let defaultClientIPTimeoutSeconds: Int32 = 10800

    public static func setDefaults(_ svc: inout Service) {
        if (svc.spec.sessionAffinity ?? "").isEmpty { svc.spec.sessionAffinity = "None" }
        if svc.spec.sessionAffinity == "ClientIP", svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == nil {
            svc.spec.sessionAffinityConfig = SessionAffinityConfig(clientIP: ClientIPConfig(timeoutSeconds: defaultClientIPTimeoutSeconds))
        }
        if (svc.spec.type ?? "").isEmpty { svc.spec.type = "ClusterIP" }
        let type = svc.spec.type ?? "ClusterIP"
        if var ports = svc.spec.ports {
            for i in ports.indices {
                if (ports[i].protocol ?? "").isEmpty { ports[i].protocol = "TCP" }
                if ports[i].targetPort == nil || ports[i].targetPort == .int(0) || ports[i].targetPort == .string("") {
                    ports[i].targetPort = .int(ports[i].port)
                }
            }
            svc.spec.ports = ports
        }
        if type == "NodePort" || type == "LoadBalancer" || !(svc.spec.externalIPs ?? []).isEmpty {
            if (svc.spec.externalTrafficPolicy ?? "").isEmpty { svc.spec.externalTrafficPolicy = "Cluster" }
        }
        if type == "LoadBalancer", svc.spec.allocateLoadBalancerNodePorts == nil { svc.spec.allocateLoadBalancerNodePorts = true }
        if type != "ExternalName" {
            if (svc.spec.internalTrafficPolicy ?? "").isEmpty { svc.spec.internalTrafficPolicy = "Cluster" }
            if (svc.spec.ipFamilyPolicy ?? "").isEmpty { svc.spec.ipFamilyPolicy = "SingleStack" }
            if (svc.spec.ipFamilies ?? []).isEmpty {
                let ip = svc.spec.clusterIP ?? ""
                svc.spec.ipFamilies = [NameValidation.isIPv6(ip) ? "IPv6" : "IPv4"]
            }
            if let ip = svc.spec.clusterIP, !ip.isEmpty, (svc.spec.clusterIPs ?? []).isEmpty { svc.spec.clusterIPs = [ip] }
            if (svc.spec.clusterIP ?? "").isEmpty, let first = svc.spec.clusterIPs?.first { svc.spec.clusterIP = first }
        }
        if svc.status.loadBalancer == nil { svc.status.loadBalancer = LoadBalancerStatus() }
    }

    public static func prepareForCreate(_ svc: inout Service) {
        svc.status = ServiceStatus(loadBalancer: LoadBalancerStatus())
    }

    public static func prepareForUpdate(_ new: inout Service, old: Service) {
        new.status = old.status
        // Kubernetes' patchAllocatedValues: keep what was allocated when the client omitted it.
        let bothNotExternal = new.spec.type != "ExternalName" && old.spec.type != "ExternalName"
        if bothNotExternal {
            if (new.spec.clusterIP ?? "").isEmpty, let ip = old.spec.clusterIP { new.spec.clusterIP = ip }
            if (new.spec.clusterIPs ?? []).isEmpty, let ips = old.spec.clusterIPs { new.spec.clusterIPs = ips }
            if (new.spec.ipFamilies ?? []).isEmpty { new.spec.ipFamilies = old.spec.ipFamilies }
        }
        let needsNodePorts = new.spec.type == "NodePort" || new.spec.type == "LoadBalancer"
        if needsNodePorts, var ports = new.spec.ports {
            for i in ports.indices where (ports[i].nodePort ?? 0) == 0 {
                if let match = (old.spec.ports ?? []).first(where: { $0.port == ports[i].port && ($0.protocol ?? "TCP") == (ports[i].protocol ?? "TCP") }),
                   let np = match.nodePort, np != 0
                {
                    ports[i].nodePort = np
                }
            }
            new.spec.ports = ports
        }
    }

    public static func prepareForStatusUpdate(_ new: inout Service, old: Service) {
        new.spec = old.spec
    }

    public static func validateCreate(_ svc: Service) -> [FieldError] {
        ObjectMetaValidation.validate(svc.metadata, namespaced: true, nameRule: .dns1035Label) + validateSpec(svc.spec)
    }

    static func validateSpec(_ spec: ServiceSpec) -> [FieldError] {
        var errs: [FieldError] = []
        let path = FieldPath("spec")
        let type = spec.type ?? "ClusterIP"
        if !types.contains(type) { errs.append(.notSupported(path.child("type").string, type, types)) }
        let clusterIP = spec.clusterIP ?? ""
        let headless = clusterIP == "None"
        if type == "ExternalName" {
            if !clusterIP.isEmpty { errs.append(.forbidden(path.child("clusterIP").string, "may not be set for ExternalName services")) }
            let en = spec.externalName ?? ""
            if en.isEmpty {
                errs.append(.required(path.child("externalName").string))
            } else {
                let trimmed = en.hasSuffix(".") ? String(en.dropLast()) : en
                for msg in NameValidation.dns1123Subdomain(trimmed) { errs.append(.invalid(path.child("externalName").string, en, msg)) }
            }
        } else {
            if !clusterIP.isEmpty && !headless && !NameValidation.isIP(clusterIP) {
                errs.append(.invalid(path.child("clusterIPs").index(0).string, clusterIP, "must be empty, 'None', or a valid IP address"))
            }
            if let ips = spec.clusterIPs, let first = ips.first, !clusterIP.isEmpty, first != clusterIP {
                errs.append(.invalid(path.child("clusterIPs").string, raw: "[]string{" + ips.map(FieldError.quote).joined(separator: ", ") + "}", "first value must match `clusterIP`"))
            }
        }
        if headless && (type == "NodePort" || type == "LoadBalancer") {
            errs.append(.invalid(path.child("type").string, type, "may not be used when `clusterIP` is `None`"))
        }
        let ports = spec.ports ?? []
        if ports.isEmpty && type != "ExternalName" && !headless {
            errs.append(.required(path.child("ports").string))
        }
        var names = Set<String>()
        var seen = Set<String>()
        for (i, p) in ports.enumerated() {
            let pp = path.child("ports").index(i)
            let name = p.name ?? ""
            if ports.count > 1 && name.isEmpty {
                errs.append(.required(pp.child("name").string))
            } else if !name.isEmpty {
                for msg in NameValidation.dns1123Label(name) { errs.append(.invalid(pp.child("name").string, name, msg)) }
                if names.contains(name) { errs.append(.duplicate(pp.child("name").string, name)) }
                names.insert(name)
            }
            for msg in NameValidation.portNumber(Int64(p.port)) { errs.append(.invalid(pp.child("port").string, int: Int64(p.port), msg)) }
            let proto = p.protocol ?? ""
            if proto.isEmpty { errs.append(.required(pp.child("protocol").string)) }
            else if !protocols.contains(proto) { errs.append(.notSupported(pp.child("protocol").string, proto, protocols)) }
            if let tp = p.targetPort { errs += PodSpecValidation.validatePortNumOrName(tp, path: pp.child("targetPort")) }
            if let np = p.nodePort, np != 0 {
                if type == "ClusterIP" || type == "ExternalName" {
                    errs.append(.forbidden(pp.child("nodePort").string, "may not be used when `type` is '\(type)'"))
                } else {
                    for msg in NameValidation.portNumber(Int64(np)) { errs.append(.invalid(pp.child("nodePort").string, int: Int64(np), msg)) }
                }
            }
            let key = "\(p.port)/\(proto)"
            if seen.contains(key) { errs.append(.duplicate(pp.string, key)) }
            seen.insert(key)
        }
        errs += ObjectMetaValidation.validateLabels(spec.selector, path: path.child("selector"))
        let affinity = spec.sessionAffinity ?? "None"
        if !["ClientIP", "None"].contains(affinity) {
            errs.append(.notSupported(path.child("sessionAffinity").string, affinity, ["ClientIP", "None"]))
        }
        if affinity == "ClientIP", let t = spec.sessionAffinityConfig?.clientIP?.timeoutSeconds, t <= 0 || t > 86400 {
            errs.append(.invalid(path.child("sessionAffinityConfig").child("clientIP").child("timeoutSeconds").string, int: Int64(t), "must be greater than 0 and less than 86400"))
        }
        for (i, ip) in (spec.externalIPs ?? []).enumerated() where !NameValidation.isIP(ip) {
            errs.append(.invalid(path.child("externalIPs").index(i).string, ip, "must be a valid IP address"))
        }
        if let p = spec.externalTrafficPolicy, !p.isEmpty, !["Cluster", "Local"].contains(p) {
            errs.append(.notSupported(path.child("externalTrafficPolicy").string, p, ["Cluster", "Local"]))
        }
        if let p = spec.internalTrafficPolicy, !p.isEmpty, !["Cluster", "Local"].contains(p) {
            errs.append(.notSupported(path.child("internalTrafficPolicy").string, p, ["Cluster", "Local"]))
        }
        if let p = spec.ipFamilyPolicy, !p.isEmpty, !["SingleStack", "PreferDualStack", "RequireDualStack"].contains(p) {
            errs.append(.notSupported(path.child("ipFamilyPolicy").string, p, ["PreferDualStack", "RequireDualStack", "SingleStack"]))
        }
        for (i, f) in (spec.ipFamilies ?? []).enumerated() where !["IPv4", "IPv6"].contains(f) {
            errs.append(.notSupported(path.child("ipFamilies").index(i).string, f, ["IPv4", "IPv6"]))
        }
        return errs
    }

    public static func validateUpdate(_ new: Service, old: Service) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1035Label)
        errs += validateSpec(new.spec)
        let changingExternalName = new.spec.type == "ExternalName" || old.spec.type == "ExternalName"
        if !changingExternalName, let oldIP = old.spec.clusterIP, !oldIP.isEmpty, (new.spec.clusterIP ?? "") != oldIP {
            errs.append(.invalid("spec.clusterIPs[0]", raw: "[]string{" + (new.spec.clusterIPs ?? [new.spec.clusterIP ?? ""]).map(FieldError.quote).joined(separator: ", ") + "}", "may not change once set"))
        }
        return errs
    }

    public static func validateStatusUpdate(_ new: Service, old: Service) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1035Label)
        for (i, ing) in (new.status.loadBalancer?.ingress ?? []).enumerated() {
            if let ip = ing.ip, !ip.isEmpty, !NameValidation.isIP(ip) {
                errs.append(.invalid("status.loadBalancer.ingress[\(i)].ip", ip, "must be a valid IP address"))
            }
        }
        return errs
    }

    public static func fieldValue(_ svc: Service, path: String) -> String? {
        switch path {
        case "spec.clusterIP": return svc.spec.clusterIP ?? ""
        case "spec.type": return svc.spec.type ?? ""
        default: return metadataFieldValue(svc, path: path)
        }
    }
}
