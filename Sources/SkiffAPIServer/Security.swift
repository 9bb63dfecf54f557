/// Who made a request. Plain HTTP serves everyone as the admin for now; TLS client
/// certificates and tokens plug in behind `Authenticator` later without touching the handlers.
public struct UserInfo: Sendable, Equatable {
    public var name: String
    public var groups: [String]
    public init(name: String, groups: [String]) {
        self.name = name
        self.groups = groups
    }
    public static let admin = UserInfo(name: "admin", groups: ["system:masters", "system:authenticated"])
}

/// Decides who a request is from, from its headers; nil refuses it with 401.
public protocol Authenticator: Sendable {
    func authenticate(headers: [String: String]) -> UserInfo?
}

/// Every request is the admin: the plain-HTTP, loopback-only default.
public struct AllowAllAuthenticator: Authenticator {
    public init() {}
    public func authenticate(headers: [String: String]) -> UserInfo? { .admin }
}

/// How the listener is secured. Only plain HTTP exists today; TLS adds a case and the
/// server picks its channel setup from it.
public enum TransportSecurity: Sendable, Equatable {
    case plaintext

    public var scheme: String {
        switch self {
        case .plaintext: return "http"
        }
    }
}
