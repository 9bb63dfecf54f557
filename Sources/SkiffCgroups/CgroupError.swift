#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Every cgroup failure names the operation and the file so an operator can reproduce it with
/// `cat`/`echo` on the host, e.g. `write /sys/fs/cgroup/memory/skiff/x/memory.limit_in_bytes: EBUSY`.
public enum CgroupError: Error, Equatable, CustomStringConvertible {
    /// A system call on a cgroupfs file or directory failed.
    case system(operation: String, path: String, errno: Int32, hint: String?)
    /// Caller input that cannot be turned into a cgroup setting.
    case invalidArgument(field: String, value: String, expected: String)
    /// The host has no usable cgroup hierarchy (or not the one that was asked for).
    case unavailable(String)
    /// A kernel file held something the parser did not expect.
    case malformed(path: String, detail: String)
    /// A state change (freeze) did not complete in time.
    case timeout(operation: String, path: String)

    public var description: String {
        switch self {
        case let .system(operation, path, err, hint):
            var s = "\(operation) \(path): \(CgroupError.errnoName(err))"
            if let hint { s += " (\(hint))" }
            return s
        case let .invalidArgument(field, value, expected):
            return "invalid \(field) \"\(value)\": expected \(expected)"
        case let .unavailable(why):
            return "cgroups unavailable: \(why)"
        case let .malformed(path, detail):
            return "malformed \(path): \(detail)"
        case let .timeout(operation, path):
            return "\(operation) \(path): timed out"
        }
    }

    /// The errno a system failure carried, for callers that branch on it (ENOENT, EBUSY...).
    public var errno: Int32? {
        if case let .system(_, _, err, _) = self { return err }
        return nil
    }

    /// Symbolic errno names read better in logs than strerror text and match kernel docs.
    public static func errnoName(_ err: Int32) -> String {
        switch err {
        case EPERM: return "EPERM"
        case ENOENT: return "ENOENT"
        case ESRCH: return "ESRCH"
        case EINTR: return "EINTR"
        case EIO: return "EIO"
        case E2BIG: return "E2BIG"
        case EBADF: return "EBADF"
        case EAGAIN: return "EAGAIN"
        case ENOMEM: return "ENOMEM"
        case EACCES: return "EACCES"
        case EBUSY: return "EBUSY"
        case EEXIST: return "EEXIST"
        case ENODEV: return "ENODEV"
        case ENOTDIR: return "ENOTDIR"
        case EISDIR: return "EISDIR"
        case EINVAL: return "EINVAL"
        case ENOSPC: return "ENOSPC"
        case EROFS: return "EROFS"
        case ERANGE: return "ERANGE"
        case ENOTEMPTY: return "ENOTEMPTY"
        case EOPNOTSUPP: return "EOPNOTSUPP"
        default: return "errno \(err)"
        }
    }
}
