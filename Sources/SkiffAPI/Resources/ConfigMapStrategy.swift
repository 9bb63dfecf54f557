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

/// ConfigMaps: valid keys, no key in both data and binaryData, at most 1 MiB.
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
