import SkiffCgroups

/// Reads the counters the collector reports from one cgroup on either version, and only
/// those files (no blkio, no high-water marks): about ten small reads per cgroup through the
/// caller's reader, so a pass over hundreds of cgroups reuses one buffer. The file access is a
/// closure so both layouts are tested on fixture text.
public struct CgroupStatsReader: Sendable {
    public let hierarchies: CgroupHierarchies
    let ticksPerSecond: UInt64

    public init(hierarchies: CgroupHierarchies, ticksPerSecond: UInt64) {
        self.hierarchies = hierarchies
        self.ticksPerSecond = max(ticksPerSecond, 1)
    }

    /// nil when the cgroup is gone (its first file cannot be read).
    public func read(_ path: String, file: (String) -> String?) -> CgroupStats? {
        hierarchies.version == .v1 ? readV1(path, file) : readV2(path, file)
    }

    static func num(_ t: String?) -> UInt64? { t.flatMap(ProcParsers.number) }
    /// "max" (v2) or v1's page-rounded LONG_MAX mean unlimited (nil).
    static func limit(_ t: String?) -> UInt64? {
        guard let v = num(t), v < (1 << 62) else { return nil }
        return v
    }
    static func lines(_ t: String?) -> UInt64 { UInt64(t?.split(separator: "\n").count ?? 0) }

    func readV1(_ path: String, _ file: (String) -> String?) -> CgroupStats? {
        func dir(_ c: String) -> String? { hierarchies.v1[c].map { $0 + (path.hasPrefix("/") ? path : "/" + path) } }
        var s = CgroupStats()
        guard let cpuacct = dir("cpuacct"), let usage = Self.num(file(cpuacct + "/cpuacct.usage")) else { return nil }
        s.cpu.usageTotalNanos = usage
        let st = ProcParsers.counters(file(cpuacct + "/cpuacct.stat") ?? "", ["user", "system"])
        let tick = 1_000_000_000 / ticksPerSecond
        s.cpu.usageUserNanos = (st[0] ?? 0) * tick
        s.cpu.usageSystemNanos = (st[1] ?? 0) * tick
        if let cpu = dir("cpu") {
            let c = ProcParsers.counters(file(cpu + "/cpu.stat") ?? "", ["nr_periods", "nr_throttled", "throttled_time"])
            s.cpu.periods = c[0] ?? 0
            s.cpu.throttledPeriods = c[1] ?? 0
            s.cpu.throttledTimeNanos = c[2] ?? 0
        }
        if let mem = dir("memory") {
            s.memory.usageBytes = Self.num(file(mem + "/memory.usage_in_bytes")) ?? 0
            s.memory.limitBytes = Self.limit(file(mem + "/memory.limit_in_bytes"))
            s.memory.failcnt = Self.num(file(mem + "/memory.failcnt")) ?? 0
            // The total_ counters include child cgroups (use_hierarchy); the local ones are
            // the fallback where the kernel has no total_ (the root).
            let names = ["rss", "cache", "swap", "mapped_file", "pgfault", "pgmajfault", "inactive_file"]
            let m = ProcParsers.counters(file(mem + "/memory.stat") ?? "", names.map { "total_" + $0 } + names)
            func stat(_ k: String) -> UInt64 {
                guard let i = names.firstIndex(of: k) else { return 0 }
                return m[i] ?? m[i + names.count] ?? 0
            }
            s.memory.rssBytes = stat("rss")
            s.memory.cacheBytes = stat("cache")
            s.memory.swapBytes = stat("swap")
            s.memory.mappedFileBytes = stat("mapped_file")
            s.memory.pgfault = stat("pgfault")
            s.memory.pgmajfault = stat("pgmajfault")
            let inactive = stat("inactive_file")
            s.memory.workingSetBytes = s.memory.usageBytes > inactive ? s.memory.usageBytes - inactive : 0
            s.oomKills = ProcParsers.counters(file(mem + "/memory.oom_control") ?? "", ["oom_kill"])[0] ?? 0
        }
        if let pids = dir("pids") {
            s.pids.current = Self.num(file(pids + "/pids.current")) ?? 0
            s.pids.limit = Self.limit(file(pids + "/pids.max"))
            s.pids.processes = Self.lines(file(pids + "/cgroup.procs"))
        } else if let d = dir("memory") ?? Optional(cpuacct) {
            s.pids.processes = Self.lines(file(d + "/cgroup.procs"))
        }
        return s
    }

    func readV2(_ path: String, _ file: (String) -> String?) -> CgroupStats? {
        guard let mount = hierarchies.unified else { return nil }
        let d = mount + (path.hasPrefix("/") ? path : "/" + path)
        guard let cpuText = file(d + "/cpu.stat") else { return nil }
        var s = CgroupStats()
        let cpu = ProcParsers.counters(cpuText, ["usage_usec", "user_usec", "system_usec", "nr_periods", "nr_throttled", "throttled_usec"])
        s.cpu.usageTotalNanos = (cpu[0] ?? 0) * 1000
        s.cpu.usageUserNanos = (cpu[1] ?? 0) * 1000
        s.cpu.usageSystemNanos = (cpu[2] ?? 0) * 1000
        s.cpu.periods = cpu[3] ?? 0
        s.cpu.throttledPeriods = cpu[4] ?? 0
        s.cpu.throttledTimeNanos = (cpu[5] ?? 0) * 1000
        if let usage = Self.num(file(d + "/memory.current")) {
            s.memory.usageBytes = usage
            s.memory.limitBytes = Self.limit(file(d + "/memory.max"))
            let m = ProcParsers.counters(file(d + "/memory.stat") ?? "", ["anon", "file", "file_mapped", "pgfault", "pgmajfault", "inactive_file"])
            s.memory.rssBytes = m[0] ?? 0
            s.memory.cacheBytes = m[1] ?? 0
            s.memory.mappedFileBytes = m[2] ?? 0
            s.memory.pgfault = m[3] ?? 0
            s.memory.pgmajfault = m[4] ?? 0
            let inactive = m[5] ?? 0
            s.memory.workingSetBytes = usage > inactive ? usage - inactive : 0
            s.memory.swapBytes = Self.num(file(d + "/memory.swap.current")) ?? 0
            let ev = ProcParsers.counters(file(d + "/memory.events") ?? "", ["max", "oom_kill"])
            s.memory.failcnt = ev[0] ?? 0
            s.oomKills = ev[1] ?? 0
        }
        s.pids.current = Self.num(file(d + "/pids.current")) ?? 0
        s.pids.limit = Self.limit(file(d + "/pids.max"))
        s.pids.processes = Self.lines(file(d + "/cgroup.procs"))
        return s
    }
}
