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

    static func num(_ t: String?) -> UInt64? { t.flatMap { UInt64($0.trimmingCharacters(in: " \n")) } }
    static func limit(_ t: String?) -> UInt64? {
        guard let s = t?.trimmingCharacters(in: " \n"), s != "max", let v = UInt64(s), v < (1 << 62) else { return nil }
        return v
    }
    static func lines(_ t: String?) -> UInt64 { UInt64(t?.split(separator: "\n").count ?? 0) }

    func readV1(_ path: String, _ file: (String) -> String?) -> CgroupStats? {
        func dir(_ c: String) -> String? { hierarchies.v1[c].map { $0 + (path.hasPrefix("/") ? path : "/" + path) } }
        var s = CgroupStats()
        guard let cpuacct = dir("cpuacct"), let usage = Self.num(file(cpuacct + "/cpuacct.usage")) else { return nil }
        s.cpu.usageTotalNanos = usage
        let st = CgroupFileFormat.flatKeyed(file(cpuacct + "/cpuacct.stat") ?? "")
        let tick = 1_000_000_000 / ticksPerSecond
        s.cpu.usageUserNanos = (st["user"] ?? 0) * tick
        s.cpu.usageSystemNanos = (st["system"] ?? 0) * tick
        if let cpu = dir("cpu") {
            let c = CgroupFileFormat.flatKeyed(file(cpu + "/cpu.stat") ?? "")
            s.cpu.periods = c["nr_periods"] ?? 0
            s.cpu.throttledPeriods = c["nr_throttled"] ?? 0
            s.cpu.throttledTimeNanos = c["throttled_time"] ?? 0
        }
        if let mem = dir("memory") {
            s.memory.usageBytes = Self.num(file(mem + "/memory.usage_in_bytes")) ?? 0
            s.memory.limitBytes = Self.limit(file(mem + "/memory.limit_in_bytes"))
            s.memory.failcnt = Self.num(file(mem + "/memory.failcnt")) ?? 0
            let m = CgroupFileFormat.flatKeyed(file(mem + "/memory.stat") ?? "")
            func stat(_ k: String) -> UInt64 { m["total_" + k] ?? m[k] ?? 0 }
            s.memory.rssBytes = stat("rss")
            s.memory.cacheBytes = stat("cache")
            s.memory.swapBytes = stat("swap")
            s.memory.mappedFileBytes = stat("mapped_file")
            s.memory.pgfault = stat("pgfault")
            s.memory.pgmajfault = stat("pgmajfault")
            let inactive = stat("inactive_file")
            s.memory.workingSetBytes = s.memory.usageBytes > inactive ? s.memory.usageBytes - inactive : 0
            s.oomKills = CgroupFileFormat.flatKeyed(file(mem + "/memory.oom_control") ?? "")["oom_kill"] ?? 0
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
        let cpu = CgroupFileFormat.flatKeyed(cpuText)
        s.cpu.usageTotalNanos = (cpu["usage_usec"] ?? 0) * 1000
        s.cpu.usageUserNanos = (cpu["user_usec"] ?? 0) * 1000
        s.cpu.usageSystemNanos = (cpu["system_usec"] ?? 0) * 1000
        s.cpu.periods = cpu["nr_periods"] ?? 0
        s.cpu.throttledPeriods = cpu["nr_throttled"] ?? 0
        s.cpu.throttledTimeNanos = (cpu["throttled_usec"] ?? 0) * 1000
        if let usage = Self.num(file(d + "/memory.current")) {
            s.memory.usageBytes = usage
            s.memory.limitBytes = Self.limit(file(d + "/memory.max"))
            let m = CgroupFileFormat.flatKeyed(file(d + "/memory.stat") ?? "")
            s.memory.rssBytes = m["anon"] ?? 0
            s.memory.cacheBytes = m["file"] ?? 0
            s.memory.mappedFileBytes = m["file_mapped"] ?? 0
            s.memory.pgfault = m["pgfault"] ?? 0
            s.memory.pgmajfault = m["pgmajfault"] ?? 0
            let inactive = m["inactive_file"] ?? 0
            s.memory.workingSetBytes = usage > inactive ? usage - inactive : 0
            s.memory.swapBytes = Self.num(file(d + "/memory.swap.current")) ?? 0
            let ev = CgroupFileFormat.flatKeyed(file(d + "/memory.events") ?? "")
            s.memory.failcnt = ev["max"] ?? 0
            s.oomKills = ev["oom_kill"] ?? 0
        }
        s.pids.current = Self.num(file(d + "/pids.current")) ?? 0
        s.pids.limit = Self.limit(file(d + "/pids.max"))
        s.pids.processes = Self.lines(file(d + "/cgroup.procs"))
        return s
    }
}
