import Logging
import SkiffCgroups
#if canImport(Glibc)
import Glibc
#endif

/// Where the pods of this node are (their cgroups, namespaces, writable layers, logs and
/// volumes); the kubelet implements it from its runtime's state.
public protocol StatsTargetSource: Sendable {
    func statsTargets() async -> [PodTarget]
}

public struct StatsConfig: Sendable {
    /// Seconds between housekeeping passes (cAdvisor's default is 10 s).
    public var housekeepingInterval: Double = 10
    /// Disk use (du of writable layers, logs and volumes) is measured once every this many
    /// passes per directory (and at once for new containers and volumes): walking trees costs
    /// more than reading counters, and disk use moves slowly. Each directory has its own phase
    /// (from a hash of its path), so a pass walks about 1/fsEveryPasses of them instead of all
    /// of them every fsEveryPasses-th pass.
    public var fsEveryPasses = 3
    /// The kubelet's root dir: its file system is the node's (nodefs).
    public var rootDir = "/"
    /// Where images are kept (imagefs).
    public var imageDir = "/"
    public var procRoot = "/proc"
    public var cgroupRoot = "/sys/fs/cgroup"
    public init() {}
}

/// The cAdvisor role: a housekeeping pass every `housekeepingInterval` seconds (and on demand)
/// reads every pod's and container's cgroup, each pod's network namespace counters, the disk
/// use of writable layers, logs and volumes, and the node's totals; a short history per cgroup
/// gives CPU rates. Everything a pass reads is kept as one immutable snapshot.
public actor StatsCollector {
    public let config: StatsConfig
    public nonisolated let machine: MachineInfo
    let source: any StatsTargetSource
    let logger = Logger(label: "skiff.stats")
    let reader = SysFileReader()
    let ticksPerSecond = UInt64(max(1, sysconf(Int32(_SC_CLK_TCK))))
    var histories: [String: SampleHistory] = [:]
    var nodeCPU: (time: Double, usage: UInt64)?
    var bootTime: Double = 0
    var last: StatsSnapshot?
    var loop: Task<Void, Never>?
    /// CPU time the passes took (thread CPU clock), for the collector's own metrics.
    public private(set) var passCPUSeconds: Double = 0
    public private(set) var passes: UInt64 = 0
    /// The cgroup files, kept open between passes.
    var handles: CgroupFileHandles?
    /// The last du of each directory.
    var fsCache: [String: FsUsage] = [:]

    public init(source: any StatsTargetSource, config: StatsConfig = StatsConfig(), machine: MachineInfo? = nil) {
        self.source = source
        self.config = config
        self.machine = machine ?? MachineInfoReader(procRoot: config.procRoot).read(now: Self.now())
    }

    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Starts periodic housekeeping.
    public func start() {
        guard loop == nil else { return }
        let interval = max(config.housekeepingInterval, 0.1)
        loop = Task { [weak self] in
            while !Task.isCancelled {
                _ = await self?.housekeep()
                try? await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            }
        }
    }

    public func stop() {
        loop?.cancel()
        loop = nil
    }

    /// The last pass's snapshot, or a new pass when there is none or it is older than `maxAge`.
    public func snapshot(maxAge: Double? = nil) async -> StatsSnapshot {
        if let last, Self.now() - last.time <= (maxAge ?? config.housekeepingInterval * 2) { return last }
        return await housekeep()
    }

    /// One pass over the node and every pod the source names.
    @discardableResult
    public func housekeep() async -> StatsSnapshot {
        let targets = await source.statsTargets()
        // From here on nothing suspends, so the thread CPU clock measures this pass alone.
        let cpu0 = Self.threadCPU()
        let now = Self.now()
        var seen = Set<String>()
        var pods: [PodRecord] = []
        let pass = passes
        let every = UInt64(max(config.fsEveryPasses, 1))
        var fsSeen = Set<String>()
        fsSeen.reserveCapacity(fsCache.count)
        func du(_ path: String?) -> FsUsage? {
            guard let path else { return nil }
            fsSeen.insert(path)
            if let u = fsCache[path], !Self.fsDue(path, pass: pass, every: every) { return u }
            let u = DiskUsage.measure(path)
            fsCache[path] = u
            return u
        }
        pods.reserveCapacity(targets.count)
        for t in targets {
            var podHistory = histories[t.cgroupPath] ?? SampleHistory()
            if let s = readCgroup(t.cgroupPath) { podHistory.append(CgroupSample(time: now, stats: s)) }
            seen.insert(t.cgroupPath)
            histories[t.cgroupPath] = podHistory
            var containers: [ContainerRecord] = []
            var processes: UInt64 = 0
            for c in t.containers {
                var h = histories[c.cgroupPath] ?? SampleHistory()
                if let s = readCgroup(c.cgroupPath) {
                    h.append(CgroupSample(time: now, stats: s))
                    processes += s.pids.processes
                }
                seen.insert(c.cgroupPath)
                histories[c.cgroupPath] = h
                containers.append(ContainerRecord(target: c, history: h, rootfs: du(c.rootfsDir), logs: du(c.logDir)))
            }
            var rec = PodRecord(target: t, history: podHistory, containers: containers)
            rec.processCount = processes
            if t.pausePid > 0, let ifs = reader.withBytes("\(config.procRoot)/\(t.pausePid)/net/dev", ProcParsers.netDev) {
                rec.interfaces = ifs
                rec.networkTime = now
            }
            rec.volumes = t.volumes.compactMap { v in du(v.path).map { (name: v.name, usage: $0) } }
            pods.append(rec)
        }
        // Every key seen was stored, so equal counts mean nothing is stale.
        if histories.count != seen.count { histories = histories.filter { seen.contains($0.key) } }
        if fsCache.count != fsSeen.count { fsCache = fsCache.filter { fsSeen.contains($0.key) } }
        handles?.sweep(keeping: pass)
        let snap = StatsSnapshot(time: now, node: readNode(now: now), pods: pods)
        last = snap
        passes += 1
        passCPUSeconds += max(0, Self.threadCPU() - cpu0)
        return snap
    }

    /// Whether a directory's disk use is measured again in `pass`: once every `every` passes,
    /// at a phase of its own (FNV-1a of the path, stable across runs) so the walks spread over
    /// the passes.
    static func fsDue(_ path: String, pass: UInt64, every: UInt64) -> Bool {
        guard every > 1 else { return true }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in path.utf8 { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return (pass &+ h) % every == 0
    }

    func readCgroup(_ path: String) -> CgroupStats? {
        if handles == nil {
            do {
                let h = try Cgroups.hierarchies(root: config.cgroupRoot)
                handles = CgroupFileHandles(reader: CgroupStatsReader(hierarchies: h, ticksPerSecond: ticksPerSecond))
            } catch {
                logger.warning("cgroup hierarchies not found under \(config.cgroupRoot): \(error)")
                return nil
            }
        }
        return handles?.read(path, pass: passes)
    }

    static let meminfoKeys = CgroupBytes.keys(["MemTotal:", "MemAvailable:", "MemFree:", "Inactive(file):", "Active(anon):", "Inactive(anon):"])
    static let vmstatKeys = CgroupBytes.keys(["pgfault", "pgmajfault"])

    func readNode(now: Double) -> NodeRecord {
        var n = NodeRecord()
        n.time = now
        let ticks = ticksPerSecond
        let needBoot = bootTime == 0
        if let (cpu, btime) = reader.withBytes(config.procRoot + "/stat", { b in
            (ProcParsers.cpuBusyNanos(b, ticksPerSecond: ticks), needBoot ? ProcParsers.btime(b) : nil)
        }) {
            if let btime { bootTime = btime }
            if let cpu {
                n.cpuUsageNanos = cpu.total; n.cpuUserNanos = cpu.user; n.cpuSystemNanos = cpu.system
                if let prev = nodeCPU {
                    n.usageNanoCores = Rates.nanoCores(prevUsage: prev.usage, prevTime: prev.time, usage: cpu.total, time: now)
                }
                nodeCPU = (now, cpu.total)
            }
        }
        n.startTime = bootTime
        // MemTotal, MemAvailable, MemFree, Inactive(file), Active(anon), Inactive(anon), in kB.
        var mem = [UInt64](repeating: 0, count: 6)
        _ = reader.withBytes(config.procRoot + "/meminfo") { b in
            CgroupBytes.scan(b, Self.meminfoKeys) { i, v in mem[i] = v &* 1024 }
        }
        n.memoryTotal = mem[0]
        n.memoryAvailable = mem[1]
        n.memoryUsage = n.memoryTotal - min(n.memoryTotal, mem[2])
        let inactiveFile = mem[3]
        n.memoryWorkingSet = n.memoryUsage > inactiveFile ? n.memoryUsage - inactiveFile : 0
        n.memoryRSS = mem[4] + mem[5]
        _ = reader.withBytes(config.procRoot + "/vmstat") { b in
            CgroupBytes.scan(b, Self.vmstatKeys) { i, v in if i == 0 { n.pageFaults = v } else { n.majorPageFaults = v } }
        }
        n.interfaces = reader.withBytes(config.procRoot + "/net/dev", ProcParsers.netDev) ?? []
        n.rootFs = DiskUsage.fileSystem(config.rootDir) ?? FsUsage()
        n.imageFs = DiskUsage.fileSystem(config.imageDir) ?? FsUsage()
        n.maxPID = reader.number(config.procRoot + "/sys/kernel/pid_max") ?? 0
        // /proc/loadavg's "running/total" counts every task, what sysinfo(2)'s procs reports.
        if let la = reader.read(config.procRoot + "/loadavg") { n.curProc = ProcParsers.loadavgTasks(la) ?? 0 }
        return n
    }
}
