import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// hostPath volume `type` checks, with Kubernetes' messages.
public enum HostPathCheck {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case mismatch(path: String, expected: String)
        case unsupported(String)
        case io(String, Int32)
        public var description: String {
            switch self {
            case .mismatch(let p, let e): return "hostPath type check failed: \(p) is not a \(e)"
            case .unsupported(let t): return "spec.volumes.hostPath.type: Unsupported value: \"\(t)\": supported values: \"\", \"DirectoryOrCreate\", \"Directory\", \"FileOrCreate\", \"File\", \"Socket\", \"CharDevice\", \"BlockDevice\""
            case .io(let w, let e): return "\(w): \(String(cString: strerror(e)))"
            }
        }
    }

    /// Checks (and for the *OrCreate types creates) the host path.
    public static func prepare(path: String, type rawType: String?) throws {
        let type = rawType ?? ""
        var st = stat()
        let exists = lstat(path, &st) == 0
        let fmt = st.st_mode & S_IFMT
        switch type {
        case "":
            return
        case "DirectoryOrCreate":
            if !exists {
                do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755]) }
                catch { throw Failure.io("mkdir \(path)", errno) }
                return
            }
            if fmt != S_IFDIR { throw Failure.mismatch(path: path, expected: "directory") }
        case "Directory":
            if !exists || fmt != S_IFDIR { throw Failure.mismatch(path: path, expected: "directory") }
        case "FileOrCreate":
            if !exists {
                let parent = (path as NSString).deletingLastPathComponent
                try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
                let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
                if fd < 0 { throw Failure.io("create \(path)", errno) }
                close(fd)
                return
            }
            if fmt != S_IFREG { throw Failure.mismatch(path: path, expected: "file") }
        case "File":
            if !exists || fmt != S_IFREG { throw Failure.mismatch(path: path, expected: "file") }
        case "Socket":
            if !exists || fmt != S_IFSOCK { throw Failure.mismatch(path: path, expected: "socket") }
        case "CharDevice":
            if !exists || fmt != S_IFCHR { throw Failure.mismatch(path: path, expected: "character device") }
        case "BlockDevice":
            if !exists || fmt != S_IFBLK { throw Failure.mismatch(path: path, expected: "block device") }
        default:
            throw Failure.unsupported(type)
        }
    }
}
