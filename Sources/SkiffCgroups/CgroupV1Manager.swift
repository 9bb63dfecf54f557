#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// cgroup v1: one directory per hierarchy (controllers may be co-mounted, e.g. `cpu,cpuacct`),
/// each holding its own cgroup.procs.
public struct CgroupV1Manager: CgroupManager {
    public var version: CgroupVersion { .v1 }
    public let path: String
    /// controller (or `name=<n>`) → mount point.
    public let hierarchies: [String: String]
    let fs: any CgroupFS
    let signaler: CgroupSignaler

    public init(path: String, hierarchies: [String: String], fs: any CgroupFS = LinuxCgroupFS(),
                signaler: CgroupSignaler = .system) throws {
        self.path = try CgroupPath.validate(path)
        self.signaler = signaler
        guard !hierarchies.isEmpty else { throw CgroupError.unavailable("no cgroup v1 hierarchies given") }
        self.hierarchies = hierarchies
        self.fs = fs
    }

    /// Mount points without duplicates, in a stable order.
    var mounts: [String] { Array(Set(hierarchies.values)).sorted() }

    /// The cgroup directory in the hierarchy carrying `controller`, nil when not mounted.
    public func directory(_ controller: String) -> String? {
        hierarchies[controller].map { CgroupPath.join($0, path) }
    }

    func file(_ controller: String, _ name: String) -> String? {
        directory(controller).map { $0 + "/" + name }
    }

    /// Makes the leaf first and walks up only on ENOENT: on the container start path the
    /// parents (the pod, /skiff) almost always exist, so this is one mkdir per hierarchy
    /// instead of one per hierarchy and level.
    public func create() throws {
        let cpusetMount = hierarchies["cpuset"]
        for mount in mounts {
            let dir = CgroupPath.join(mount, path)
            try makeDirectory(dir, mount: mount)
            if mount == cpusetMount {
                // A new cpuset starts with empty cpus/mems and refuses tasks until filled.
                try fillCpuset(dir, mount: mount)
            }
        }
    }

    private func makeDirectory(_ dir: String, mount: String) throws {
        do {
            try fs.mkdir(dir)
        } catch let e as CgroupError where e.errno == ENOENT {
            let parent = CgroupPath.parent(dir)
            guard parent.count > mount.count else { throw e }
            try makeDirectory(parent, mount: mount)
            try fs.mkdir(dir)
        }
    }

    /// Copies cpuset.cpus/mems from the nearest ancestor, filling empty ancestors on the way
    /// (a parent made by another tool without clone_children can be empty too).
    private func fillCpuset(_ dir: String, mount: String) throws {
        for name in ["cpuset.cpus", "cpuset.mems"] {
            let mine = try fs.read(dir + "/" + name).trimmingWhitespace()
            if !mine.isEmpty { continue }
            let parent = CgroupPath.parent(dir)
            guard parent.count >= mount.count else { continue }
            var theirs = try fs.read(parent + "/" + name).trimmingWhitespace()
            if theirs.isEmpty && parent.count > mount.count {
                try fillCpuset(parent, mount: mount)
                theirs = try fs.read(parent + "/" + name).trimmingWhitespace()
            }
            try fs.write(dir + "/" + name, theirs)
        }
    }

    public func addProcess(_ pid: Int32) throws {
        guard pid > 0 else { throw CgroupError.invalidArgument(field: "pid", value: "\(pid)", expected: "a positive process id") }
        for mount in mounts {
            try CgroupJoin.write(pid, to: CgroupPath.join(mount, path) + "/cgroup.procs", fs: fs)
        }
    }

    /// The file of a controller a requested setting needs; a setting must never be dropped
    /// silently because the host lacks the controller.
    private func required(_ controller: String, _ name: String, for field: String) throws -> String {
        guard let f = file(controller, name) else {
            throw CgroupError.unavailable("the \(controller) controller is not mounted, so \(field) cannot be applied")
        }
        return f
    }

    public func apply(_ r: CgroupResources) throws {
        try CgroupValues.validate(r)
        if let v = r.cpusetCpus { try fs.write(required("cpuset", "cpuset.cpus", for: "cpusetCpus"), v) }
        if let v = r.cpusetMems { try fs.write(required("cpuset", "cpuset.mems", for: "cpusetMems"), v) }
        try applyMemory(r)
        if let shares = r.cpuShares, shares != 0 { try fs.write(required("cpu", "cpu.shares", for: "cpuShares"), "\(shares)") }
        if let period = r.cpuPeriod, period != 0 { try fs.write(required("cpu", "cpu.cfs_period_us", for: "cpuPeriod"), "\(period)") }
        if let quota = r.cpuQuota, quota != 0 {
            let f = try required("cpu", "cpu.cfs_quota_us", for: "cpuQuota")
            do {
                try fs.write(f, quota < 0 ? "-1" : "\(quota)")
            } catch let e as CgroupError where e.errno == EINVAL {
                // v1 checks CFS bandwidth hierarchically: a child may not get more than its parent.
                throw CgroupError.system(operation: "write", path: f, errno: EINVAL,
                                         hint: "cpu quota \(quota) exceeds the parent cgroup's quota")
            }
        }
        if let pids = r.pidsLimit {
            try fs.write(required("pids", "pids.max", for: "pidsLimit"), pids > 0 ? "\(pids)" : "max")
        }
        for (size, limit) in (r.hugepageLimits ?? [:]).sorted(by: { $0.key < $1.key }) {
            try fs.write(required("hugetlb", "hugetlb.\(size).limit_in_bytes", for: "hugepageLimits"), "\(limit)")
        }
        if let rules = r.devices {
            guard let dir = directory("devices") else { throw CgroupError.unavailable("devices controller not mounted") }
            // The kernel keeps the rules as a default plus exceptions; writing them in order
            // gives the OCI meaning (later rules override earlier ones).
            for rule in rules {
                try fs.write(dir + (rule.allow ? "/devices.allow" : "/devices.deny"), rule.v1Line)
            }
        }
    }

    /// memory.memsw.limit_in_bytes must stay ≥ memory.limit_in_bytes at every step, so the
    /// order of the two writes depends on whether the limits grow or shrink.
    private func applyMemory(_ r: CgroupResources) throws {
        let wanted = [r.memoryLimit, r.memorySwap, r.memoryReservation].contains { ($0 ?? 0) != 0 }
        guard wanted else { return }
        guard let dir = directory("memory") else {
            throw CgroupError.unavailable("the memory controller is not mounted, so memory limits cannot be applied")
        }
        let limitFile = dir + "/memory.limit_in_bytes"
        let swapFile = dir + "/memory.memsw.limit_in_bytes"
        let limit = r.memoryLimit.flatMap { $0 == 0 ? nil : $0 }
        let swap = r.memorySwap.flatMap { $0 == 0 ? nil : $0 }
        let swapAccounting = fs.exists(swapFile)
        func writeLimit(_ v: Int64) throws {
            do {
                try fs.write(limitFile, v < 0 ? "-1" : "\(v)")
            } catch let e as CgroupError where e.errno == EBUSY {
                throw CgroupError.system(operation: "write", path: limitFile, errno: EBUSY,
                                         hint: "memory limit \(v) is below the cgroup's current usage")
            }
        }
        func writeSwap(_ v: Int64) throws {
            guard swapAccounting else {
                cgroupLog.debug("no swap accounting: memory+swap limit not applied", metadata: ["path": "\(dir)", "memorySwap": "\(v)"])
                return
            }
            try fs.write(swapFile, v < 0 ? "-1" : "\(v)")
        }
        switch (limit, swap) {
        case let (l?, s?):
            let current = (try? CgroupFileFormat.limit(fs.read(limitFile), path: limitFile)) ?? nil
            let growing = s < 0 || current.map { UInt64(s) > $0 } ?? false
            if growing { try writeSwap(s); try writeLimit(l) } else { try writeLimit(l); try writeSwap(s) }
        case let (l?, nil):
            // With swap accounting, memsw may sit below the new limit (typically memsw == old
            // limit, i.e. no swap); the kernel would refuse the raise with EINVAL. Raise memsw
            // to the new limit first, which keeps "no swap" as it was.
            if swapAccounting, let memsw = try CgroupFileFormat.limit(fs.read(swapFile), path: swapFile),
               l < 0 || UInt64(l) > memsw {
                try writeSwap(l)
            }
            try writeLimit(l)
        case let (nil, s?):
            try writeSwap(s)
        case (nil, nil):
            break
        }
        if let res = r.memoryReservation, res != 0 {
            try fs.write(dir + "/memory.soft_limit_in_bytes", res < 0 ? "-1" : "\(res)")
        }
    }

    /// The hierarchy whose cgroup.procs is read for the member list.
    var primaryMount: String {
        for c in ["pids", "memory", "freezer", "cpu", "cpuacct", "cpuset"] {
            if let m = hierarchies[c] { return m }
        }
        return mounts[0]
    }

    public func processes() throws -> [Int32] {
        let f = CgroupPath.join(primaryMount, path) + "/cgroup.procs"
        return try CgroupFileFormat.pids(fs.read(f), path: f)
    }

    public func oomEventsFile() -> String? { file("memory", "memory.oom_control") }

    public func oomKillCount() throws -> UInt64 {
        guard let f = oomEventsFile() else {
            throw CgroupError.unavailable("memory controller not mounted")
        }
        return CgroupFileFormat.flatKeyed(try fs.read(f))["oom_kill"] ?? 0
    }

    public func stats() throws -> CgroupStats {
        try CgroupStatsReader(hierarchies: CgroupHierarchies(version: .v1, v1: hierarchies), extras: [.io, .peak]).read(path, fs: fs)
    }

    public func freeze() throws {
        guard let f = file("freezer", "freezer.state") else { throw CgroupError.unavailable("freezer controller not mounted") }
        let deadline = Clock.now + 5_000_000_000
        while true {
            try fs.write(f, "FROZEN")
            if try fs.read(f).trimmingWhitespace() == "FROZEN" { return }
            if Clock.now > deadline {
                try? fs.write(f, "THAWED")
                throw CgroupError.timeout(operation: "freeze", path: f)
            }
            usleep(1000)
        }
    }

    public func thaw() throws {
        guard let f = file("freezer", "freezer.state") else { throw CgroupError.unavailable("freezer controller not mounted") }
        try fs.write(f, "THAWED")
    }

    public func killAll(signal: Int32) throws {
        // Freezing first keeps processes from forking new members between listing and killing.
        let useFreezer = signal == SIGKILL && hierarchies["freezer"] != nil
        if useFreezer { try freeze() }
        defer { if useFreezer { try? thaw() } }
        try signaler.send(signal, to: CgroupTree.processes(CgroupPath.join(primaryMount, path), fs: fs))
    }

    public func destroy() throws {
        var firstError: Error?
        let deadline = CgroupRemoval.deadline()
        for mount in mounts {
            do { try CgroupRemoval.removeTree(CgroupPath.join(mount, path), fs: fs, deadline: deadline) } catch {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
    }

    public func procsFiles() -> [String] {
        mounts.map { CgroupPath.join($0, path) + "/cgroup.procs" }
    }
}

