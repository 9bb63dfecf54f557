import SkiffAPI

/// `/openapi/v3` documents. The root lists one path per group/version; each document comes
/// from SkiffAPI's generator.
enum OpenAPIDocuments {
    static func document(_ groupVersion: String?) -> JSONValue? {
        nil
    }
}
