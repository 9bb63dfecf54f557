#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// cgroup v2: a single unified hierarchy. Controllers must be enabled in every ancestor's
/// cgroup.subtree_control before a child's interface files appear.
public struct CgroupV2Manager: CgroupManager {
    public var version: CgroupVersion { .v2 }
    public let path: String
    public let mount: String
    let fs: any CgroupFS
    let signaler: CgroupSignaler
    let deviceFilter: any CgroupDeviceFilter

    /// Controllers a container cgroup needs, enabled top-down where the parent offers them.
    public static let wantedControllers = ["cpuset", "cpu", "io", "memory", "pids", "hugetlb"]

    public init(path: String, mount: String, fs: any CgroupFS = LinuxCgroupFS(),
                signaler: CgroupSignaler = .system, deviceFilter: any CgroupDeviceFilter = LinuxDeviceFilter()) throws {
        self.path = try CgroupPath.validate(path)
        self.signaler = signaler
        self.deviceFilter = deviceFilter
        self.mount = CgroupMountTable.normalize(mount)
        self.fs = fs
    }

    public var directory: String { CgroupPath.join(mount, path) }
    func file(_ name: String) -> String { directory + "/" + name }

    public func create() throws {
        var level = mount
        for dir in CgroupPath.chain(mount: mount, path: path) {
            try enableControllers(in: level)
            try fs.mkdir(dir)
            level = dir
        }
    }

    private func enableControllers(in dir: String) throws {
        let available = Set(try fs.read(dir + "/cgroup.controllers").split(separator: " ").map { $0.trimmingCharacters() })
        let enabled = Set(try fs.read(dir + "/cgroup.subtree_control").split(separator: " ").map { $0.trimmingCharacters() })
        let missing = Self.wantedControllers.filter { available.contains($0) && !enabled.contains($0) }
        guard !missing.isEmpty else { return }
        let f = dir + "/cgroup.subtree_control"
        do {
            try fs.write(f, missing.map { "+" + $0 }.joined(separator: " "))
        } catch let e as CgroupError where e.errno == EBUSY {
            throw CgroupError.system(operation: "write", path: f, errno: EBUSY,
                                     hint: "the cgroup holds processes, so it cannot delegate controllers (no internal processes rule)")
        } catch let e as CgroupError where missing.count > 1 {
            // The kernel applies a multi-controller write all or nothing; one refusing
            // controller (cpu with realtime tasks present, cpuset in a threaded subtree) must
            // not cost the others. Enable them one by one and leave the refusals out: applying
            // a limit of a missing controller later names it.
            var refused: [String] = []
            for c in missing {
                do { try fs.write(f, "+" + c) } catch { refused.append(c) }
            }
            if refused.count == missing.count { throw e }
            cgroupLog.warning("controllers not enabled", metadata: ["path": "\(f)", "controllers": "\(refused.joined(separator: " "))"])
        }
    }

    public func addProcess(_ pid: Int32) throws {
        guard pid > 0 else { throw CgroupError.invalidArgument(field: "pid", value: "\(pid)", expected: "a positive process id") }
        try CgroupJoin.write(pid, to: file("cgroup.procs"), fs: fs)
    }

    /// Writes a controller file; a missing file means the controller is not enabled here.
    private func set(_ name: String, _ value: String) throws {
        do {
            try fs.write(file(name), value)
        } catch let e as CgroupError where e.errno == ENOENT {
            let controller = name.split(separator: ".").first.map(String.init) ?? name
            throw CgroupError.system(operation: "write", path: file(name), errno: ENOENT,
                                     hint: "the \(controller) controller is not enabled for this cgroup")
        }
    }

    public func apply(_ r: CgroupResources) throws {
        try CgroupValues.validate(r)
        if let v = r.cpusetCpus { try set("cpuset.cpus", v) }
        if let v = r.cpusetMems { try set("cpuset.mems", v) }
        if let shares = r.cpuShares, shares != 0 {
            try set("cpu.weight", "\(KubeCgroups.sharesToWeight(shares))")
        }
        let quota = r.cpuQuota.flatMap { $0 == 0 ? nil : $0 }
        let period = r.cpuPeriod.flatMap { $0 == 0 ? nil : $0 }
        if quota != nil || period != nil {
            let q: String
            if let quota {
                q = quota > 0 ? "\(quota)" : "max"
            } else {
                // Only the period changes: keep the current quota.
                // (A missing cpu.max is reported by the write below, with its hint.)
                q = ((try? fs.read(file("cpu.max"))) ?? "max").split(separator: " ").first.map(String.init) ?? "max"
            }
            try set("cpu.max", period.map { "\(q) \($0)" } ?? q)
        }
        let limit = r.memoryLimit.flatMap { $0 == 0 ? nil : $0 }
        if let limit { try set("memory.max", limit < 0 ? "max" : "\(limit)") }
        if let swap = r.memorySwap, swap != 0 {
            let value = try Self.swapMax(memorySwap: swap, memoryLimit: limit)
            if fs.exists(file("memory.swap.max")) {
                try set("memory.swap.max", value)
            } else {
                cgroupLog.debug("no swap controller: swap limit not applied", metadata: ["path": "\(directory)", "memorySwap": "\(swap)"])
            }
        }
        if let res = r.memoryReservation, res != 0 { try set("memory.low", res < 0 ? "max" : "\(res)") }
        if let pids = r.pidsLimit { try set("pids.max", pids > 0 ? "\(pids)" : "max") }
        for (size, limit) in (r.hugepageLimits ?? [:]).sorted(by: { $0.key < $1.key }) {
            try set("hugetlb.\(size).max", "\(limit)")
        }
        if let rules = r.devices, !rules.isEmpty {
            try deviceFilter.attach(DeviceFilterProgram.build(rules), cgroupDirectory: directory)
        }
    }

    /// OCI's memorySwap is memory+swap; v2's memory.swap.max counts swap alone.
    public static func swapMax(memorySwap: Int64, memoryLimit: Int64?) throws -> String {
        if memorySwap < 0 { return "max" }
        guard let memoryLimit, memoryLimit > 0 else {
            throw CgroupError.invalidArgument(field: "memorySwap", value: "\(memorySwap)",
                                              expected: "-1 unless memoryLimit is set (v2 stores swap separately)")
        }
        guard memorySwap >= memoryLimit else {
            throw CgroupError.invalidArgument(field: "memorySwap", value: "\(memorySwap)", expected: "memory+swap ≥ memoryLimit (\(memoryLimit))")
        }
        return "\(memorySwap - memoryLimit)"
    }

    public func processes() throws -> [Int32] {
        try CgroupFileFormat.pids(fs.read(file("cgroup.procs")), path: file("cgroup.procs"))
    }

    public func oomEventsFile() -> String? { file("memory.events") }

    public func oomKillCount() throws -> UInt64 {
        CgroupFileFormat.flatKeyed(try fs.read(file("memory.events")))["oom_kill"] ?? 0
    }

    public func stats() throws -> CgroupStats {
        try CgroupStatsReader(hierarchies: CgroupHierarchies(version: .v2, unified: mount), extras: [.io, .peak]).read(path, fs: fs)
    }

    public func freeze() throws {
        try fs.write(file("cgroup.freeze"), "1")
        let deadline = Clock.now + 5_000_000_000
        while CgroupFileFormat.flatKeyed(try fs.read(file("cgroup.events")))["frozen"] != 1 {
            if Clock.now > deadline {
                try? fs.write(file("cgroup.freeze"), "0")
                throw CgroupError.timeout(operation: "freeze", path: file("cgroup.freeze"))
            }
            usleep(1000)
        }
    }

    public func thaw() throws {
        try fs.write(file("cgroup.freeze"), "0")
    }

    public func killAll(signal: Int32) throws {
        if signal == SIGKILL && fs.exists(file("cgroup.kill")) {
            try fs.write(file("cgroup.kill"), "1")
            return
        }
        let useFreezer = signal == SIGKILL && fs.exists(file("cgroup.freeze"))
        if useFreezer { try freeze() }
        defer { if useFreezer { try? thaw() } }
        try signaler.send(signal, to: CgroupTree.processes(directory, fs: fs))
    }

    public func destroy() throws {
        try CgroupRemoval.removeTree(directory, fs: fs, deadline: CgroupRemoval.deadline())
    }

    public func procsFiles() -> [String] {
        [file("cgroup.procs")]
    }
}

extension Substring {
    func trimmingCharacters() -> String { String(self).trimmingWhitespace() }
}
