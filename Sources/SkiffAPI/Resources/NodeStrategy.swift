/// Nodes: cluster-scoped, registered and heartbeated by the kubelet through the status endpoint.
public enum NodeStrategy: ResourceStrategy {
    public typealias Object = Node
    public static let hasStatus = true
    public static let selectableFields = ["metadata.name", "spec.unschedulable"]

    public static func setDefaults(_ node: inout Node) {
        if node.status.allocatable == nil, let cap = node.status.capacity { node.status.allocatable = cap }
    }

    public static func prepareForUpdate(_ new: inout Node, old: Node) { new.status = old.status }
    public static func prepareForStatusUpdate(_ new: inout Node, old: Node) { new.spec = old.spec }

    public static func validateCreate(_ node: Node) -> [FieldError] {
        ObjectMetaValidation.validate(node.metadata, namespaced: false, nameRule: .dns1123Subdomain) + validateSpec(node.spec) + validateStatus(node.status)
    }

    static func validateSpec(_ spec: NodeSpec) -> [FieldError] {
        var errs: [FieldError] = []
        if let cidr = spec.podCIDR, !cidr.isEmpty, !isCIDR(cidr) {
            errs.append(.invalid("spec.podCIDR", cidr, "must be a valid CIDR"))
        }
        for (i, c) in (spec.podCIDRs ?? []).enumerated() where !isCIDR(c) {
            errs.append(.invalid("spec.podCIDRs[\(i)]", c, "must be a valid CIDR"))
        }
        for (i, t) in (spec.taints ?? []).enumerated() {
            let p = FieldPath("spec.taints").index(i)
            for msg in NameValidation.qualifiedName(t.key) { errs.append(.invalid(p.child("key").string, t.key, msg)) }
            for msg in NameValidation.labelValue(t.value ?? "") { errs.append(.invalid(p.child("value").string, t.value ?? "", msg)) }
            if t.effect.isEmpty { errs.append(.required(p.child("effect").string)) }
            else if !PodSpecValidation.taintEffects.contains(t.effect) { errs.append(.notSupported(p.child("effect").string, t.effect, PodSpecValidation.taintEffects)) }
        }
        return errs
    }

    static func validateStatus(_ st: NodeStatus) -> [FieldError] {
        var errs: [FieldError] = []
        for (label, m) in [("capacity", st.capacity ?? [:]), ("allocatable", st.allocatable ?? [:])] {
            for k in m.keys.sorted() {
                let p = FieldPath("status").child(label).key(k)
                errs += PodSpecValidation.validateResourceName(k, path: p)
                if let q = m[k], q.nanos < 0 { errs.append(.invalid(p.string, q.canonical, "must be greater than or equal to 0")) }
            }
        }
        return errs
    }

    static func isCIDR(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let bits = Int(parts[1]) else { return false }
        let ip = String(parts[0])
        if NameValidation.isIPv4(ip) { return (0...32).contains(bits) }
        if NameValidation.isIPv6(ip) { return (0...128).contains(bits) }
        return false
    }

    public static func validateUpdate(_ new: Node, old: Node) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: false, nameRule: .dns1123Subdomain)
        errs += validateSpec(new.spec)
        if let o = old.spec.podCIDR, !o.isEmpty, new.spec.podCIDR != o {
            errs.append(.forbidden("spec.podCIDR", "node updates may not change podCIDR except from \"\" to valid"))
        }
        if let o = old.spec.providerID, !o.isEmpty, new.spec.providerID != o {
            errs.append(.forbidden("spec.providerID", "node updates may not change providerID except from \"\" to valid"))
        }
        return errs
    }

    public static func validateStatusUpdate(_ new: Node, old: Node) -> [FieldError] {
        ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: false, nameRule: .dns1123Subdomain) + validateStatus(new.status)
    }

    public static func fieldValue(_ node: Node, path: String) -> String? {
        if path == "spec.unschedulable" { return (node.spec.unschedulable ?? false) ? "true" : "false" }
        return metadataFieldValue(node, path: path)
    }
}
