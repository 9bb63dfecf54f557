#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Makes moving a process into a cgroup cheap.
///
/// Every migration into a cgroup (writing a pid to `cgroup.procs`, on v1 once per hierarchy)
/// takes the kernel's global threadgroup rwsem for writing. Unless the host favours dynamic
/// cgroup modifications, that write lock waits for an RCU grace period first: 10-40 ms per
/// container start on a small VM, more than everything else a start costs. The cgroup2 mount
/// option `favordynmods` (Linux 6.0+, what systemd sets with `cgroup_favordynmods=yes`) keeps
/// the lock in its writer-friendly mode for the whole host, at a small cost to fork and exit.
/// The flag is global, so remounting any cgroup2 mount (a hybrid host's `/sys/fs/cgroup/unified`
/// included) is enough; v1 hierarchies cannot change it on remount.
public enum CgroupMigrationTuning {
    /// cgroup2 mount options that a remount must repeat, or the kernel clears them.
    static let cgroup2Flags: Set<String> = [
        "nsdelegate", "favordynmods", "memory_localevents", "memory_recursiveprot",
        "memory_hugetlb_accounting", "pids_localevents",
    ]

    /// What to do for a mount table. Pure.
    public enum Decision: Equatable, Sendable {
        /// A cgroup2 mount already has it.
        case alreadyFavoured(mountPoint: String)
        /// Remount `mountPoint` with these data options, keeping its per-mount flags.
        case remount(mountPoint: String, options: String, mountFlags: [String])
        /// No cgroup2 mount: nothing to remount (pure v1 hosts keep the slow path).
        case noCgroup2
    }

    public static func decide(mounts: [CgroupMount]) -> Decision {
        let v2 = mounts.filter { $0.fsType == "cgroup2" }
        if let m = v2.first(where: { $0.options.contains("favordynmods") }) {
            return .alreadyFavoured(mountPoint: m.mountPoint)
        }
        guard let m = v2.first else { return .noCgroup2 }
        var opts = m.options.filter { cgroup2Flags.contains($0) }
        opts.append("favordynmods")
        let generic: Set<String> = ["ro", "nosuid", "nodev", "noexec", "noatime", "nodiratime", "relatime"]
        return .remount(mountPoint: m.mountPoint, options: opts.joined(separator: ","),
                        mountFlags: m.options.filter { generic.contains($0) })
    }

    private static let applied = Mutex<Bool>(false)

    /// Applies the decision for this host once per process. Set `SKIFF_CGROUP_FAVORDYNMODS=0`
    /// to leave the host's mounts alone. Failures (an old kernel, no CAP_SYS_ADMIN) are logged
    /// and otherwise ignored: containers still start, only slower.
    public static func ensureFavoured(mountsText: String? = nil) {
        let first = applied.withLock { done -> Bool in
            if done { return false }
            done = true
            return true
        }
        guard first else { return }
        if let v = getenv("SKIFF_CGROUP_FAVORDYNMODS"), String(cString: v) == "0" { return }
        let text = mountsText ?? ((try? LinuxCgroupFS().read("/proc/self/mounts")) ?? "")
        switch decide(mounts: CgroupMountTable.parse(text)) {
        case .alreadyFavoured, .noCgroup2:
            return
        case .remount(let mountPoint, let options, let mountFlags):
            #if canImport(Glibc)
            var flags = UInt(MS_REMOUNT)
            for f in mountFlags {
                switch f {
                case "ro": flags |= UInt(MS_RDONLY)
                case "nosuid": flags |= UInt(MS_NOSUID)
                case "nodev": flags |= UInt(MS_NODEV)
                case "noexec": flags |= UInt(MS_NOEXEC)
                case "noatime": flags |= UInt(MS_NOATIME)
                case "nodiratime": flags |= UInt(MS_NODIRATIME)
                case "relatime": flags |= UInt(MS_RELATIME)
                default: break
                }
            }
            if mount("cgroup2", mountPoint, "cgroup2", flags, options) == 0 {
                cgroupLog.info("cgroup2 remounted with favordynmods: cheap cgroup migrations",
                               metadata: ["mount": "\(mountPoint)", "options": "\(options)"])
            } else {
                let e = errno
                cgroupLog.notice("could not set favordynmods on the cgroup2 mount; container starts wait for RCU",
                                 metadata: ["mount": "\(mountPoint)", "errno": "\(String(cString: strerror(e)))"])
            }
            #endif
        }
    }
}
