import Glibc

/// Turns a validated spec into a LaunchPlan. Host facts it needs (is a path a directory,
/// host rlimits, can we raise limits, seccomp compiled program) come in as parameters or
/// small calls, keeping the translation itself testable.
enum PlanBuilder {
    static let CLONE_NEWNS: Int32 = 0x0002_0000, CLONE_NEWCGROUP: Int32 = 0x0200_0000
    static let CLONE_NEWUTS: Int32 = 0x0400_0000, CLONE_NEWIPC: Int32 = 0x0800_0000
    static let CLONE_NEWPID: Int32 = 0x2000_0000, CLONE_NEWNET: Int32 = 0x4000_0000

    /// Devices every container gets on its /dev tmpfs (OCI "default devices").
    static let defaultDevices: [LaunchPlan.Device] = [
        .init(path: "/dev/null", mode: 0o20666, major: 1, minor: 3, uid: 0, gid: 0),
        .init(path: "/dev/zero", mode: 0o20666, major: 1, minor: 5, uid: 0, gid: 0),
        .init(path: "/dev/full", mode: 0o20666, major: 1, minor: 7, uid: 0, gid: 0),
        .init(path: "/dev/random", mode: 0o20666, major: 1, minor: 8, uid: 0, gid: 0),
        .init(path: "/dev/urandom", mode: 0o20666, major: 1, minor: 9, uid: 0, gid: 0),
        .init(path: "/dev/tty", mode: 0o20666, major: 5, minor: 0, uid: 0, gid: 0),
    ]

    /// Orders joins so host paths are opened before the mount namespace changes.
    static func joinOrder(_ t: Int32) -> Int { t == CLONE_NEWNS ? 9 : (t == CLONE_NEWCGROUP ? 8 : 0) }

    static func process(_ p: OCISpec.Process, into plan: inout LaunchPlan, canRaiseLimits: Bool) throws {
        plan.args = p.args ?? []
        plan.env = p.env ?? []
        if !plan.env.contains(where: { $0.hasPrefix("PATH=") }) {
            plan.env.append("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
        }
        plan.cwd = p.cwd
        plan.uid = p.user.uid; plan.gid = p.user.gid
        plan.groups = p.user.additionalGids ?? []
        if plan.groups.count > 64 {
            throw RuntimeError.invalidSpec(field: "process.user.additionalGids", message: "at most 64 groups are supported")
        }
        plan.umask = p.user.umask
        plan.noNewPrivs = p.noNewPrivileges ?? false
        plan.caps = try Capabilities.sets(p.capabilities)
        plan.setCaps = true
        plan.oomScoreAdj = p.oomScoreAdj.map { Int32($0) }
        plan.rlimits = []
        for (i, r) in (p.rlimits ?? []).enumerated() {
            guard let res = Rlimits.resource(r.type) else {
                throw RuntimeError.invalidSpec(field: "process.rlimits[\(i)].type", message: "unknown rlimit \"\(r.type)\"")
            }
            let (soft, hard) = try Rlimits.resolve(r, index: i, hostHard: Rlimits.hostHard(res), canRaise: canRaiseLimits)
            plan.rlimits.append((res, soft, hard))
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// The container init's plan.
    static func initPlan(spec: OCISpec, bundle: String, rootfs: String, cgroup: (any RuntimeCgroup)?,
                         seccomp: [UInt8], canRaiseLimits: Bool) throws -> LaunchPlan {
        var plan = LaunchPlan()
        guard let process = spec.process else {
            throw RuntimeError.invalidSpec(field: "process", message: "required field is missing")
        }
        try self.process(process, into: &plan, canRaiseLimits: canRaiseLimits)
        plan.seccomp = seccomp
        plan.rootfs = rootfs
        plan.rootfsReadonly = spec.root?.readonly ?? false
        let linux = spec.linux ?? OCISpec.Linux()
        if let prop = linux.rootfsPropagation { plan.rootfsPropagation = MountOptions.propagation[prop] ?? 0 }

        var newNet = false, newUTS = false, newMount = false
        for ns in linux.namespaces ?? [] {
            guard let flag = SpecValidation.namespaceTypes[ns.type] else { continue }
            if let path = ns.path {
                plan.joins.append((flag, path))
            } else if flag == CLONE_NEWCGROUP {
                plan.unshareCgroup = true
            } else {
                plan.cloneFlags |= flag
                if flag == CLONE_NEWNET { newNet = true }
                if flag == CLONE_NEWUTS { newUTS = true }
                if flag == CLONE_NEWNS { newMount = true }
            }
        }
        plan.joins.sort { joinOrder($0.0) < joinOrder($1.0) }
        let joinsUTS = plan.joins.contains { $0.0 == CLONE_NEWUTS }
        if !newMount && !plan.joins.contains(where: { $0.0 == CLONE_NEWNS }) {
            throw RuntimeError.invalidSpec(field: "linux.namespaces", message: "a mount namespace is required (pivot_root needs one)")
        }
        if let h = spec.hostname, !h.isEmpty {
            guard newUTS else {
                throw RuntimeError.invalidSpec(field: "hostname", message: joinsUTS
                    ? "cannot set a hostname in a joined uts namespace" : "setting a hostname needs a new uts namespace")
            }
            plan.hostname = h
        }
        if let cg = cgroup { plan.cgroupProcs = cg.procsFiles() }

        var hasDevTmpfs = false
        for (i, m) in (spec.mounts ?? []).enumerated() {
            let field = "mounts[\(i)]"
            var opts = try MountOptions.parse(m.options ?? [], field: field + ".options")
            let type = m.type ?? (opts.bind ? "bind" : "")
            if type == "bind" { opts.flags |= MountOptions.MS_BIND }
            if type == "cgroup" || type == "cgroup2" {
                plan.mounts += cgroupMounts(destination: m.destination, flags: opts.flags, cgroup: cgroup)
                continue
            }
            if type == "sysfs" && !newNet {
                // sysfs can only be mounted fresh in a network namespace we own.
                plan.mounts.append(.init(source: "/sys", target: m.destination, fstype: nil, data: nil,
                                         flags: opts.flags | MountOptions.MS_BIND | MountOptions.MS_REC,
                                         propagation: MountOptions.MS_SLAVE | MountOptions.MS_REC, bind: true, sourceIsFile: false))
                continue
            }
            guard var source = m.source, !source.isEmpty || !opts.bind else {
                throw RuntimeError.invalidSpec(field: field + ".source", message: "required for a bind mount")
            }
            if opts.bind {
                if !source.hasPrefix("/") { source = bundle + "/" + source }
                var st = stat()
                if stat(source, &st) != 0 {
                    throw RuntimeError.invalidSpec(field: field + ".source", message: "\(source): \(errnoName(errno))")
                }
                plan.mounts.append(.init(source: source, target: m.destination, fstype: nil, data: nil, flags: opts.flags,
                                         propagation: opts.propagation, bind: true, sourceIsFile: (st.st_mode & S_IFMT) != S_IFDIR))
            } else {
                if type.isEmpty {
                    throw RuntimeError.invalidSpec(field: field + ".type", message: "required for a non-bind mount")
                }
                if m.destination == "/dev" && type == "tmpfs" { hasDevTmpfs = true }
                plan.mounts.append(.init(source: source.isEmpty ? type : source, target: m.destination, fstype: type,
                                         data: opts.data.isEmpty ? nil : opts.data.joined(separator: ","),
                                         flags: opts.flags, propagation: opts.propagation, bind: false, sourceIsFile: false))
            }
        }
        if hasDevTmpfs {
            var devices = defaultDevices
            for (i, d) in (linux.devices ?? []).enumerated() {
                let kind: UInt32
                switch d.type { case "c", "u": kind = 0o20000; case "b": kind = 0o60000; default: kind = 0o10000 }
                guard d.type == "p" || (d.major != nil && d.minor != nil) else {
                    throw RuntimeError.invalidSpec(field: "linux.devices[\(i)].major", message: "required for a \(d.type) device")
                }
                let dev = LaunchPlan.Device(path: d.path, mode: kind | ((d.fileMode ?? 0o666) & 0o7777),
                                            major: UInt32(d.major ?? 0), minor: UInt32(d.minor ?? 0), uid: d.uid ?? 0, gid: d.gid ?? 0)
                devices.removeAll { $0.path == d.path }
                devices.append(dev)
            }
            plan.devices = devices
            plan.devSymlinks = true
        }
        plan.masked = linux.maskedPaths ?? []
        plan.readonly = linux.readonlyPaths ?? []
        plan.sysctls = (linux.sysctl ?? [:]).sorted { $0.key < $1.key }.map { (Sysctls.procPath($0.key), $0.value) }
        return plan
    }

    /// How the container sees cgroups: cgroup2 in its own namespace on unified hosts; on v1,
    /// a tmpfs with its own cgroup directory of each hierarchy bound in (read-only when asked).
    static func cgroupMounts(destination: String, flags: UInt, cgroup: (any RuntimeCgroup)?) -> [LaunchPlan.Mount] {
        let base = flags & (MountOptions.MS_NOSUID | MountOptions.MS_NODEV | MountOptions.MS_NOEXEC)
        if let cg = cgroup, cg.isUnified {
            return [.init(source: "cgroup2", target: destination, fstype: "cgroup2", data: nil, flags: flags,
                          propagation: 0, bind: false, sourceIsFile: false)]
        }
        var out: [LaunchPlan.Mount] = [.init(source: "tmpfs", target: destination, fstype: "tmpfs", data: "mode=755",
                                             flags: base, propagation: 0, bind: false, sourceIsFile: false)]
        for procs in cgroup?.procsFiles() ?? [] {
            // "/sys/fs/cgroup/<hierarchy>/<path>/cgroup.procs" -> bind "<...>/<path>" at <dest>/<hierarchy>
            let dir = String(procs.dropLast("/cgroup.procs".count))
            let rel = cgroup.map { dir.dropLast($0.path.count) } ?? Substring(dir)
            guard let name = rel.split(separator: "/").last else { continue }
            out.append(.init(source: dir, target: destination + "/" + name, fstype: nil, data: nil,
                             flags: MountOptions.MS_BIND | (flags & ~MountOptions.MS_BIND) | base,
                             propagation: 0, bind: true, sourceIsFile: false))
        }
        return out
    }
}
