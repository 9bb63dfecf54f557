import SkiffAPI

/// The patch formats the API accepts, chosen by the request's Content-Type.
public enum PatchType: String, Sendable {
    case merge = "application/merge-patch+json"
    case json = "application/json-patch+json"
    case strategic = "application/strategic-merge-patch+json"
    case apply = "application/apply-patch+yaml"

    public static func from(contentType: String) -> PatchType? {
        let base = MediaType.base(contentType)
        return PatchType(rawValue: base)
    }
}

/// Applies a patch document to an object's JSON; failures are 4xx `APIError`s.
public enum Patching {
    /// `objectType` drives strategic merge patch (list merge keys); nil treats lists as atomic.
    public static func apply(_ type: PatchType, patch: JSONValue, to object: JSONValue, info: ResourceInfo,
                             objectType: (any Decodable.Type)? = nil) throws -> JSONValue {
        do {
            switch type {
            case .merge:
                guard case .object = patch else { throw APIError.badRequest("a merge patch must be a JSON object") }
                return object.applyingMergePatch(patch)
            case .json:
                guard case .array = patch else { throw APIError.badRequest("a JSON patch must be a JSON array of operations") }
                return try object.applyingJSONPatch(patch)
            case .strategic:
                guard case .object = patch else { throw APIError.badRequest("a strategic merge patch must be a JSON object") }
                guard let objectType else { return object.applyingMergePatch(patch) }
                return try StrategicMergePatch.apply(patch, to: object, type: objectType)
            case .apply:
                throw APIError(.failure(code: 415, reason: "UnsupportedMediaType",
                                        message: "server-side apply (application/apply-patch+yaml) is not supported; use client-side `kubectl apply` or a merge patch"))
            }
        } catch let e as PatchError {
            if e.malformed { throw APIError.badRequest(e.message) }
            throw APIError(.failure(code: 422, reason: "Invalid", message: e.message))
        }
    }
}
