/// metav1.Status: the body of every error response (and of some successful deletes).
public struct Status: Codable, Sendable, Hashable, Error {
    public var kind: String? = "Status"
    public var apiVersion: String? = "v1"
    public var metadata: ListMeta? = ListMeta()
    /// "Success" or "Failure".
    public var status: String?
    public var message: String?
    /// Machine-readable reason: NotFound, AlreadyExists, Conflict, Invalid, Expired, BadRequest, ...
    public var reason: String?
    public var details: StatusDetails?
    public var code: Int32?

    public init(status: String? = nil, message: String? = nil, reason: String? = nil, details: StatusDetails? = nil, code: Int32? = nil) {
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    public static func failure(code: Int32, reason: String, message: String, details: StatusDetails? = nil) -> Status {
        Status(status: "Failure", message: message, reason: reason, details: details, code: code)
    }

    public static let success = Status(status: "Success", code: 200)

    /// `pods "foo" not found` (404).
    public static func notFound(_ info: ResourceInfo, name: String) -> Status {
        failure(code: 404, reason: "NotFound", message: "\(info.qualifiedResource) \"\(name)\" not found",
                details: StatusDetails(name: name, group: info.group, kind: info.plural))
    }

    /// `pods "foo" already exists` (409).
    public static func alreadyExists(_ info: ResourceInfo, name: String) -> Status {
        failure(code: 409, reason: "AlreadyExists", message: "\(info.qualifiedResource) \"\(name)\" already exists",
                details: StatusDetails(name: name, group: info.group, kind: info.plural))
    }

    /// A stale resourceVersion on update (409).
    public static func conflict(_ info: ResourceInfo, name: String, detail: String = "the object has been modified; please apply your changes to the latest version and try again") -> Status {
        failure(code: 409, reason: "Conflict",
                message: "Operation cannot be fulfilled on \(info.qualifiedResource) \"\(name)\": \(detail)",
                details: StatusDetails(name: name, group: info.group, kind: info.plural))
    }

    /// `Pod "foo" is invalid: [a, b]` (422) with one cause per field error.
    public static func invalid(_ info: ResourceInfo, name: String, errors: [FieldError]) -> Status {
        let list = errors.map(\.message)
        let joined = list.count == 1 ? list[0] : "[" + list.joined(separator: ", ") + "]"
        let causes = errors.map { StatusCause(reason: $0.kind.rawValue, message: $0.body, field: $0.field) }
        return failure(code: 422, reason: "Invalid", message: "\(info.kind) \"\(name)\" is invalid: \(joined)",
                       details: StatusDetails(name: name, group: info.group, kind: info.kind, causes: causes))
    }

    public static func badRequest(_ message: String) -> Status {
        failure(code: 400, reason: "BadRequest", message: message)
    }

    /// An expired watch or list resourceVersion (410).
    public static func gone(_ message: String) -> Status {
        failure(code: 410, reason: "Expired", message: message)
    }

    public static func methodNotAllowed(_ message: String) -> Status {
        failure(code: 405, reason: "MethodNotAllowed", message: message)
    }

    public static func internalError(_ message: String) -> Status {
        failure(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }

    public static func unsupportedMediaType(_ contentType: String) -> Status {
        failure(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf, application/merge-patch+json, application/strategic-merge-patch+json, application/json-patch+json (got \(contentType))")
    }

    public static func tooLarge(_ message: String = "the request entity is too large") -> Status {
        failure(code: 413, reason: "RequestEntityTooLarge", message: message)
    }
}

public struct StatusDetails: Codable, Sendable, Hashable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int32?

    public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [StatusCause]? = nil, retryAfterSeconds: Int32? = nil) {
        self.name = name
        self.group = (group?.isEmpty ?? true) ? nil : group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

public struct StatusCause: Codable, Sendable, Hashable {
    public var reason: String?
    public var message: String?
    public var field: String?

    public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
