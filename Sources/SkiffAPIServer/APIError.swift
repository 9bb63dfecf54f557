import SkiffAPI
import SkiffStore

/// An error that becomes a `Status` response with its code; everything the registry and the
/// handlers refuse is expressed as one of these so clients always see Kubernetes' shape.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var status: Status

    public init(_ status: Status) { self.status = status }

    public var code: Int { Int(status.code ?? 500) }
    public var description: String { "\(code) \(status.reason ?? ""): \(status.message ?? "")" }

    static func badRequest(_ message: String) -> APIError { APIError(.badRequest(message)) }
    static func notFound(_ info: ResourceInfo, _ name: String) -> APIError { APIError(.notFound(info, name: name)) }
    static func alreadyExists(_ info: ResourceInfo, _ name: String) -> APIError { APIError(.alreadyExists(info, name: name)) }
    static func conflict(_ info: ResourceInfo, _ name: String) -> APIError { APIError(.conflict(info, name: name)) }
    static func invalid(_ info: ResourceInfo, _ name: String, _ errors: [FieldError]) -> APIError {
        APIError(.invalid(info, name: name, errors: errors))
    }
    static func methodNotAllowed(_ message: String) -> APIError { APIError(.methodNotAllowed(message)) }
    static func gone(_ message: String) -> APIError { APIError(.gone(message)) }
    static func internalError(_ message: String) -> APIError { APIError(.internalError(message)) }
    static func forbidden(_ message: String, info: ResourceInfo? = nil, name: String? = nil) -> APIError {
        APIError(.failure(code: 403, reason: "Forbidden", message: message,
                          details: info.map { StatusDetails(name: name, group: $0.group, kind: $0.plural) }))
    }
    static func pathNotFound(_ path: String) -> APIError {
        APIError(.failure(code: 404, reason: "NotFound", message: "the server could not find the requested resource"))
    }

    /// Maps a store failure that the registry did not handle itself.
    static func fromStore(_ error: StoreError) -> APIError {
        switch error {
        case .compacted(let req, let floor):
            return .gone("too old resource version: \(req) (\(floor))")
        case .futureRevision(let req, let cur):
            return APIError(.failure(code: 504, reason: "Timeout",
                                     message: "Too large resource version: \(req), current: \(cur)"))
        case .unavailable(let m):
            return APIError(.failure(code: 503, reason: "ServiceUnavailable", message: "storage is unavailable: \(m)"))
        default:
            return .internalError(error.description)
        }
    }
}
