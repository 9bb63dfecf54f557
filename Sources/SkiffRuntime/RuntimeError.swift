import CSkiffRuntime

/// Every failure the runtime reports. Messages name the field, step or container involved so
/// a user can act on them without reading source.
public enum RuntimeError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A config.json field is missing or wrong: `field` is its JSON path (`process.args`).
    case invalidSpec(field: String, message: String)
    /// Container setup failed in the child: "step: ERRNO" (`pivot_root: EINVAL`).
    case setupFailed(String)
    case notFound(id: String)
    case alreadyExists(id: String)
    /// The operation needs another status (`start` on a running container ...).
    case invalidState(id: String, status: ContainerStatus, expected: String)
    /// A host call outside the child failed.
    case system(call: String, errno: Int32)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .invalidSpec(let field, let message): return "config.json: \(field): \(message)"
        case .setupFailed(let s): return "container setup failed: \(s)"
        case .notFound(let id): return "container \"\(id)\" does not exist"
        case .alreadyExists(let id): return "container \"\(id)\" already exists"
        case .invalidState(let id, let status, let expected):
            return "container \"\(id)\" is \(status.rawValue), expected \(expected)"
        case .system(let call, let e): return "\(call): \(errnoName(e))"
        case .invalidArgument(let s): return s
        }
    }
}

/// "ENOENT" for 2, as the child reports errors.
public func errnoName(_ e: Int32) -> String {
    var buf = [CChar](repeating: 0, count: 24)
    return buf.withUnsafeMutableBufferPointer { String(cString: skiff_errno_name(e, $0.baseAddress, 24)) }
}
