import Foundation

/// Secrets: base64 data, write-only stringData, per-type required keys.
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
