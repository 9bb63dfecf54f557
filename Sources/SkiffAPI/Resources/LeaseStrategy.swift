/// coordination.k8s.io/v1 Leases: node heartbeats and leader election.
public enum LeaseStrategy: ResourceStrategy {
    public typealias Object = Lease
    public static let hasStatus = false

    public static func setDefaults(_ l: inout Lease) {}

    public static func validateCreate(_ l: Lease) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(l.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        if let d = l.spec.leaseDurationSeconds, d <= 0 {
            errs.append(.invalid("spec.leaseDurationSeconds", int: Int64(d), "must be greater than 0"))
        }
        if let t = l.spec.leaseTransitions, t < 0 {
            errs.append(.invalid("spec.leaseTransitions", int: Int64(t), "must be greater than or equal to 0"))
        }
        return errs
    }

    public static func validateUpdate(_ new: Lease, old: Lease) -> [FieldError] {
        ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
            + validateCreate(new).filter { !$0.field.hasPrefix("metadata") }
    }

    public static func fieldValue(_ l: Lease, path: String) -> String? { metadataFieldValue(l, path: path) }
}
