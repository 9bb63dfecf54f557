import Foundation

/// ConfigMaps and Secrets share key rules, the 1 MiB size limit and `immutable`.
enum ConfigSupport {
    static let maxSize = 1024 * 1024

    static func validateKeys(_ data: [String: String]?, path: String) -> [FieldError] {
        var errs: [FieldError] = []
        for k in (data ?? [:]).keys.sorted() {
            for msg in NameValidation.configMapKey(k) { errs.append(.invalid("\(path)[\(k)]", k, msg)) }
        }
        return errs
    }

    static func validateImmutable(newImmutable: Bool?, oldImmutable: Bool?, dataChanged: Bool) -> [FieldError] {
        guard oldImmutable == true else { return [] }
        var errs: [FieldError] = []
        if newImmutable != true { errs.append(.forbidden("immutable", "field is immutable when `immutable` is set")) }
        if dataChanged { errs.append(.forbidden("data", "field is immutable when `immutable` is set")) }
        return errs
    }
}

public enum ConfigMapStrategy: ResourceStrategy {
    public typealias Object = ConfigMap
    public static let hasStatus = false

    public static func setDefaults(_ cm: inout ConfigMap) {}

    public static func validateCreate(_ cm: ConfigMap) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(cm.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        errs += ConfigSupport.validateKeys(cm.data, path: "data")
        errs += ConfigSupport.validateKeys(cm.binaryData, path: "binaryData")
        var size = 0
        for (k, v) in cm.data ?? [:] {
            size += k.utf8.count + v.utf8.count
            if cm.binaryData?[k] != nil { errs.append(.invalid("data[\(k)]", k, "duplicate of key present in binaryData")) }
        }
        for (k, v) in cm.binaryData ?? [:] {
            size += k.utf8.count + (Data(base64Encoded: v)?.count ?? v.utf8.count)
            if Data(base64Encoded: v) == nil { errs.append(.invalid("binaryData[\(k)]", raw: "\"<binary>\"", "must be base64 encoded")) }
        }
        if size > ConfigSupport.maxSize {
            errs.append(FieldError(kind: .tooLong, field: "", detail: "must have at most \(ConfigSupport.maxSize) bytes"))
        }
        return errs
    }

    public static func validateUpdate(_ new: ConfigMap, old: ConfigMap) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        errs += validateCreate(new).filter { !$0.field.hasPrefix("metadata") }
        errs += ConfigSupport.validateImmutable(newImmutable: new.immutable, oldImmutable: old.immutable,
                                                dataChanged: new.data != old.data || new.binaryData != old.binaryData)
        return errs
    }

    public static func fieldValue(_ cm: ConfigMap, path: String) -> String? { metadataFieldValue(cm, path: path) }
}

public enum SecretStrategy: ResourceStrategy {
    public typealias Object = Secret
    public static let hasStatus = false
    public static let selectableFields = ["metadata.name", "metadata.namespace", "type"]

    /// `stringData` is write-only: merged into `data` (base64) and dropped, as Kubernetes'
    /// conversion does.
    public static func setDefaults(_ s: inout Secret) {
        if (s.type ?? "").isEmpty { s.type = "Opaque" }
        if let sd = s.stringData {
            var data = s.data ?? [:]
            for (k, v) in sd { data[k] = Data(v.utf8).base64EncodedString() }
            s.data = data
            s.stringData = nil
        }
    }

    public static func validateCreate(_ s: Secret) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(s.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        errs += ConfigSupport.validateKeys(s.data, path: "data")
        var size = 0
        for k in (s.data ?? [:]).keys.sorted() {
            let v = s.data?[k] ?? ""
            if let d = Data(base64Encoded: v) { size += d.count } else {
                errs.append(.invalid("data[\(k)]", raw: "\"<secret contents redacted>\"", "illegal base64 data"))
            }
        }
        if size > ConfigSupport.maxSize {
            errs.append(FieldError(kind: .tooLong, field: "data", detail: "must have at most \(ConfigSupport.maxSize) bytes"))
        }
        let data = s.data ?? [:]
        switch s.type ?? "Opaque" {
        case "kubernetes.io/tls":
            for key in ["tls.crt", "tls.key"] where data[key] == nil { errs.append(.required("data[\(key)]")) }
        case "kubernetes.io/dockerconfigjson":
            if data[".dockerconfigjson"] == nil { errs.append(.required("data[.dockerconfigjson]")) }
        case "kubernetes.io/dockercfg":
            if data[".dockercfg"] == nil { errs.append(.required("data[.dockercfg]")) }
        case "kubernetes.io/basic-auth":
            if data["username"] == nil && data["password"] == nil { errs.append(.required("data[username]")) }
        case "kubernetes.io/ssh-auth":
            if data["ssh-privatekey"] == nil { errs.append(.required("data[ssh-privatekey]")) }
        case "kubernetes.io/service-account-token":
            if (s.metadata.annotations?["kubernetes.io/service-account.name"] ?? "").isEmpty {
                errs.append(.required("metadata.annotations[kubernetes.io/service-account.name]"))
            }
        default: break
        }
        return errs
    }

    public static func validateUpdate(_ new: Secret, old: Secret) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(new.metadata, old: old.metadata, namespaced: true, nameRule: .dns1123Subdomain)
        errs += validateCreate(new).filter { !$0.field.hasPrefix("metadata") }
        if (new.type ?? "Opaque") != (old.type ?? "Opaque") {
            errs.append(.invalid("type", new.type ?? "", "field is immutable"))
        }
        errs += ConfigSupport.validateImmutable(newImmutable: new.immutable, oldImmutable: old.immutable, dataChanged: new.data != old.data)
        return errs
    }

    public static func fieldValue(_ s: Secret, path: String) -> String? {
        if path == "type" { return s.type ?? "" }
        return metadataFieldValue(s, path: path)
    }
}

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
