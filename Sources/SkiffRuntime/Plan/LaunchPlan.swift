import CSkiffRuntime
import Glibc

/// Everything the child needs, resolved in Swift from the spec and the host: mount flags,
/// capability masks, the compiled seccomp program, rlimits capped to the host. Building it
/// is where every spec error surfaces, before anything is created on the host.
struct LaunchPlan {
    struct Mount { var source: String; var target: String; var fstype: String?; var data: String?
                   var flags: UInt; var propagation: UInt; var bind: Bool; var sourceIsFile: Bool }
    struct Device { var path: String; var mode: UInt32; var major: UInt32; var minor: UInt32; var uid: UInt32; var gid: UInt32 }

    var args: [String] = []
    var env: [String] = []
    var cwd = "/"
    var uid: UInt32 = 0, gid: UInt32 = 0
    var groups: [UInt32] = []
    var noNewPrivs = false
    var caps = Capabilities.Sets()
    var setCaps = false
    var seccomp: [UInt8] = []
    var seccompFlags: UInt32 = 0
    var rlimits: [(Int32, UInt64, UInt64)] = []
    var oomScoreAdj: Int32?
    var umask: UInt32?

    var cloneFlags: Int32 = 0
    var unshareCgroup = false
    var joins: [(Int32, String)] = []
    var cgroupProcs: [String] = []
    var setupRootfs = true
    var rootfs = ""
    var rootfsReadonly = false
    var rootfsPropagation: UInt = 0
    var mounts: [Mount] = []
    var devices: [Device] = []
    var devSymlinks = false
    var masked: [String] = []
    var readonly: [String] = []
    var hostname: String?
    var sysctls: [(String, String)] = []
    var execFifo: String?
    var stdio: (Int32, Int32, Int32) = (-1, -1, -1)
    var controllingTTY = false
    /// A fresh network namespace to enter instead of creating one at clone time (NetnsPool).
    var netnsFd: Int32?

    /// Lays the plan out in C memory owned by `arena` (alive while the pointer is used).
    func withCPlan<R>(_ body: (UnsafePointer<skiff_plan>) throws -> R) rethrows -> R {
        let a = CArena()
        var p = skiff_plan()
        p.argv = a.strArray(args)
        p.envp = a.strArray(env)
        p.cwd = a.str(cwd)
        p.uid = uid; p.gid = gid
        p.groups = a.array(groups); p.ngroups = Int32(groups.count); p.set_groups = 1
        p.no_new_privs = noNewPrivs ? 1 : 0
        p.set_caps = setCaps ? 1 : 0
        p.cap_effective = caps.effective; p.cap_permitted = caps.permitted; p.cap_inheritable = caps.inheritable
        p.cap_bounding = caps.bounding; p.cap_ambient = caps.ambient
        p.seccomp_filter = a.bytes(seccomp); p.seccomp_len = UInt16(seccomp.count / 8)
        p.seccomp_flags = seccompFlags
        p.rlimits = a.array(rlimits.map { skiff_rlimit(resource: $0.0, soft: $0.1, hard: $0.2) }); p.nrlimits = Int32(rlimits.count)
        if let o = oomScoreAdj { p.set_oom_score_adj = 1; p.oom_score_adj = o }
        if let u = umask { p.set_umask = 1; p.umask = u }
        p.clone_flags = cloneFlags
        p.unshare_cgroup = unshareCgroup ? 1 : 0
        p.joins = a.array(joins.map { skiff_ns_join(type: $0.0, path: a.str($0.1)) }); p.njoins = Int32(joins.count)
        p.cgroup_procs = cgroupProcs.isEmpty ? nil : a.strArray(cgroupProcs); p.ncgroup_procs = Int32(cgroupProcs.count)
        p.setup_rootfs = setupRootfs ? 1 : 0
        p.rootfs = a.str(rootfs)
        p.rootfs_readonly = rootfsReadonly ? 1 : 0
        p.rootfs_propagation = rootfsPropagation
        p.mounts = a.array(mounts.map {
            skiff_mount(source: a.str($0.source), target: a.str($0.target), fstype: a.optStr($0.fstype), data: a.optStr($0.data),
                        flags: $0.flags, propagation: $0.propagation, bind: $0.bind ? 1 : 0, source_is_file: $0.sourceIsFile ? 1 : 0)
        }); p.nmounts = Int32(mounts.count)
        p.devices = a.array(devices.map {
            skiff_device(path: a.str($0.path), mode: $0.mode, major: $0.major, minor: $0.minor, uid: $0.uid, gid: $0.gid)
        }); p.ndevices = Int32(devices.count)
        p.dev_symlinks = devSymlinks ? 1 : 0
        p.masked = masked.isEmpty ? nil : a.strArray(masked); p.nmasked = Int32(masked.count)
        p.readonly = readonly.isEmpty ? nil : a.strArray(readonly); p.nreadonly = Int32(readonly.count)
        p.hostname = a.optStr(hostname)
        p.sysctls = a.array(sysctls.map { skiff_kv(key: a.str($0.0), value: a.str($0.1)) }); p.nsysctls = Int32(sysctls.count)
        p.exec_fifo = a.optStr(execFifo)
        p.stdin_fd = stdio.0; p.stdout_fd = stdio.1; p.stderr_fd = stdio.2
        p.controlling_tty = controllingTTY ? 1 : 0
        if let fd = netnsFd { p.use_netns_fd = 1; p.netns_fd = fd }
        return try withExtendedLifetime(a) { try withUnsafePointer(to: &p) { try body($0) } }
    }
}
