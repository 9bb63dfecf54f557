import SkiffAPI

/// JSON patch and strategic merge patch, delegated to SkiffAPI's implementations.
enum PatchApplier {
    static func jsonPatch(_ object: JSONValue, _ patch: JSONValue) throws -> JSONValue {
        throw APIError(.unsupportedMediaType(PatchType.json.rawValue))
    }

    static func strategicMergePatch(_ object: JSONValue, _ patch: JSONValue, info: ResourceInfo) throws -> JSONValue {
        throw APIError(.unsupportedMediaType(PatchType.strategic.rawValue))
    }
}
