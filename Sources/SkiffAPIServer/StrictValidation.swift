import SkiffAPI

/// `fieldValidation=Strict`: fields the resource's schema does not have.
enum StrictValidation {
    static func unknownFields(_ h: ResourceHandler, _ body: JSONValue) -> [String] {
        UnknownFields.paths(in: body, for: h.objectType)
    }
}
