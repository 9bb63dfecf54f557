import SkiffAPI

/// The patch formats the API accepts, chosen by the request's Content-Type.
public enum PatchType: String, Sendable {
    case merge = "application/merge-patch+json"
    case json = "application/json-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"

    public static func from(contentType: String) -> PatchType? {
        let base = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return PatchType(rawValue: base)
    }
}

/// Applies a patch document to an object's JSON; failures are 4xx `APIError`s.
public enum Patching {
    public static func apply(_ type: PatchType, patch: JSONValue, to object: JSONValue, info: ResourceInfo) throws -> JSONValue {
        switch type {
        case .merge:
            return mergePatch(object, patch)
        case .json:
            return try PatchApplier.jsonPatch(object, patch)
        case .strategic:
            return try PatchApplier.strategicMergePatch(object, patch, info: info)
        case .apply:
            throw APIError(.failure(code: 415, reason: "UnsupportedMediaType",
                                    message: "server-side apply (application/apply-patch+yaml) is not supported; use client-side `kubectl apply` or a merge patch"))
        }
    }

    /// RFC 7386 JSON merge patch: objects merge recursively, null deletes, anything else replaces.
    public static func mergePatch(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var t: [String: JSONValue]
        if case .object(let d) = target { t = d } else { t = [:] }
        for (k, v) in p {
            if v.isNull {
                t[k] = nil
            } else {
                t[k] = mergePatch(t[k] ?? .null, v)
            }
        }
        return .object(t)
    }
}
