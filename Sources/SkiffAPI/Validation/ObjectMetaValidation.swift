/// Kubernetes' `ValidateObjectMeta` and `ValidateObjectMetaUpdate`: the checks every resource
/// shares, with the same field paths and messages.
public enum ObjectMetaValidation {
    public static let totalAnnotationSizeLimit = 256 * 1024

    /// How a resource's names are checked.
    public enum NameRule: Sendable {
        case dns1123Subdomain, dns1123Label, dns1035Label
        /// Names that must only be usable as a path segment (no '/', '%', not '.' or '..').
        case pathSegment

        func errors(_ name: String, prefix: Bool) -> [String] {
            var n = name
            // generateName may end in '-': Kubernetes masks the trailing dash before checking.
            if prefix, n.hasSuffix("-") { n.removeLast(); n += "a" }
            switch self {
            case .dns1123Subdomain: return NameValidation.dns1123Subdomain(n)
            case .dns1123Label: return NameValidation.dns1123Label(n)
            case .dns1035Label: return NameValidation.dns1035Label(n)
            case .pathSegment:
                if n == "." || n == ".." { return ["may not be '\(n)'"] }
                if n.contains("/") { return ["may not contain '/'"] }
                if n.contains("%") { return ["may not contain '%'"] }
                return []
            }
        }
    }

    public static func validate(_ meta: ObjectMeta, namespaced: Bool, nameRule: NameRule, path: FieldPath = FieldPath("metadata")) -> [FieldError] {
        var errs: [FieldError] = []
        let name = meta.name ?? ""
        let generateName = meta.generateName ?? ""
        if !generateName.isEmpty {
            for msg in nameRule.errors(generateName, prefix: true) {
                errs.append(.invalid(path.child("generateName").string, generateName, msg))
            }
        }
        if name.isEmpty {
            if generateName.isEmpty {
                errs.append(.required(path.child("name").string, "name or generateName is required"))
            }
        } else {
            for msg in nameRule.errors(name, prefix: false) {
                errs.append(.invalid(path.child("name").string, name, msg))
            }
        }
        let ns = meta.namespace ?? ""
        if namespaced {
            if ns.isEmpty {
                errs.append(.required(path.child("namespace").string))
            } else {
                for msg in NameValidation.dns1123Label(ns) {
                    errs.append(.invalid(path.child("namespace").string, ns, msg))
                }
            }
        } else if !ns.isEmpty {
            errs.append(.forbidden(path.child("namespace").string, "not allowed on this type"))
        }
        if let g = meta.generation, g < 0 {
            errs.append(.invalid(path.child("generation").string, int: g, "must be greater than or equal to 0"))
        }
        if let d = meta.deletionGracePeriodSeconds, d < 0 {
            errs.append(.invalid(path.child("deletionGracePeriodSeconds").string, int: d, "must be greater than or equal to 0"))
        }
        errs += validateLabels(meta.labels, path: path.child("labels"))
        errs += validateAnnotations(meta.annotations, path: path.child("annotations"))
        errs += validateOwnerReferences(meta.ownerReferences, path: path.child("ownerReferences"))
        for (i, f) in (meta.finalizers ?? []).enumerated() {
            for msg in NameValidation.qualifiedName(f) {
                errs.append(.invalid(path.child("finalizers").index(i).string, f, msg))
            }
        }
        return errs
    }

    /// Label keys and values (Kubernetes reports both at `metadata.labels`).
    public static func validateLabels(_ labels: [String: String]?, path: FieldPath) -> [FieldError] {
        guard let labels, !labels.isEmpty else { return [] }
        var errs: [FieldError] = []
        for k in labels.keys.sorted() {
            for msg in NameValidation.qualifiedName(k) { errs.append(.invalid(path.string, k, msg)) }
            let v = labels[k] ?? ""
            for msg in NameValidation.labelValue(v) { errs.append(.invalid(path.string, v, msg)) }
        }
        return errs
    }

    public static func validateAnnotations(_ annotations: [String: String]?, path: FieldPath) -> [FieldError] {
        guard let annotations, !annotations.isEmpty else { return [] }
        var errs: [FieldError] = []
        var total = 0
        for k in annotations.keys.sorted() {
            for msg in NameValidation.qualifiedName(k.lowercased()) { errs.append(.invalid(path.string, k, msg)) }
            total += k.utf8.count + (annotations[k]?.utf8.count ?? 0)
        }
        if total > totalAnnotationSizeLimit {
            errs.append(FieldError(kind: .tooLong, field: path.string, detail: "must have at most \(totalAnnotationSizeLimit) bytes"))
        }
        return errs
    }

    public static func validateOwnerReferences(_ refs: [OwnerReference]?, path: FieldPath) -> [FieldError] {
        guard let refs, !refs.isEmpty else { return [] }
        var errs: [FieldError] = []
        var controllers = 0
        for r in refs {
            if r.apiVersion.isEmpty { errs.append(.invalid(path.child("apiVersion").string, r.apiVersion, "version must not be empty")) }
            if r.kind.isEmpty { errs.append(.invalid(path.child("kind").string, r.kind, "kind must not be empty")) }
            if r.name.isEmpty { errs.append(.invalid(path.child("name").string, r.name, "name must not be empty")) }
            if r.uid.isEmpty { errs.append(.invalid(path.child("uid").string, r.uid, "uid must not be empty")) }
            if r.controller == true { controllers += 1 }
        }
        if controllers > 1 {
            errs.append(.invalid(path.string, raw: "[]", "Only one reference can have Controller set to true"))
        }
        return errs
    }

    /// Update rules: name, namespace, uid, creationTimestamp cannot change; the rest is
    /// validated as on create.
    public static func validateUpdate(_ new: ObjectMeta, old: ObjectMeta, namespaced: Bool, nameRule: NameRule, path: FieldPath = FieldPath("metadata")) -> [FieldError] {
        var errs = validate(new, namespaced: namespaced, nameRule: nameRule, path: path)
        func immutable(_ field: String, _ a: String?, _ b: String?) {
            if (a ?? "") != (b ?? "") {
                errs.append(.invalid(path.child(field).string, a ?? "", "field is immutable"))
            }
        }
        immutable("name", new.name, old.name)
        immutable("namespace", new.namespace, old.namespace)
        immutable("uid", new.uid, old.uid)
        if new.creationTimestamp != old.creationTimestamp {
            errs.append(.invalid(path.child("creationTimestamp").string, new.creationTimestamp?.rfc3339 ?? "", "field is immutable"))
        }
        if let d = old.deletionGracePeriodSeconds, let n = new.deletionGracePeriodSeconds, n > d {
            errs.append(.invalid(path.child("deletionGracePeriodSeconds").string, int: n, "field is immutable; may only be changed via deletion"))
        }
        return errs
    }
}
