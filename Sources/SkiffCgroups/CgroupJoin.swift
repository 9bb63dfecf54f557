#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Moving a process into a cgroup fails for a few well-known reasons whose bare errno says
/// little; the error carries the reason so the runtime's message explains itself.
enum CgroupJoin {
    static func write(_ pid: Int32, to procs: String, fs: any CgroupFS) throws {
        do {
            try fs.write(procs, "\(pid)")
        } catch let CgroupError.system(op, path, err, nil) {
            throw CgroupError.system(operation: op, path: path, errno: err, hint: hint(err, pid: pid))
        }
    }

    static func hint(_ err: Int32, pid: Int32) -> String? {
        switch err {
        case ESRCH: return "process \(pid) does not exist (it exited)"
        case ENOSPC: return "the cpuset has no cpus or mems to run on"
        case EBUSY: return "the cgroup delegates controllers to children, so it cannot hold processes (no internal processes rule)"
        case EOPNOTSUPP: return "the cgroup is threaded or a domain-invalid cgroup"
        case ENOENT: return "the cgroup does not exist; create() it first"
        default: return nil
        }
    }
}
