import SkiffAPI

/// A failed API call: the server's `Status` when it sent one, else what went wrong.
public enum ClientError: Error, Sendable, CustomStringConvertible {
    /// The server answered with an error status.
    case status(code: Int, Status)
    /// The response could not be decoded as the expected type.
    case decoding(String)
    /// The server could not be reached or the connection failed.
    case transport(String)
    case config(String)

    public var code: Int? {
        if case .status(let c, _) = self { return c }
        return nil
    }

    public var reason: String? {
        if case .status(_, let s) = self { return s.reason }
        return nil
    }

    public var isNotFound: Bool { code == 404 }
    public var isConflict: Bool { code == 409 }
    public var isAlreadyExists: Bool { reason == "AlreadyExists" }
    public var isGone: Bool { code == 410 }

    public var description: String {
        switch self {
        case .status(let c, let s): return "\(c) \(s.reason ?? ""): \(s.message ?? "")"
        case .decoding(let m): return "cannot decode response: \(m)"
        case .transport(let m): return "cannot reach the API server: \(m)"
        case .config(let m): return m
        }
    }
}
