#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Counters a reader gathers beyond the ones the stats collector reports.
public struct CgroupStatsExtras: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    /// Block I/O (v1 blkio.throttle.*_recursive, v2 io.stat).
    public static let io = CgroupStatsExtras(rawValue: 1)
    /// The memory high-water mark (v1 memory.max_usage_in_bytes, v2 memory.peak).
    public static let peak = CgroupStatsExtras(rawValue: 2)
}

/// One file a cgroup's counters come from.
public struct CgroupStatsFile: Sendable, Equatable {
    public enum Kind: UInt8, Sendable {
        case v1CpuacctUsage, v1CpuacctUsageUser, v1CpuacctUsageSys, v1CpuacctStat, v1CpuStat
        case v1MemoryUsage, v1MemoryLimit, v1MemoryFailcnt, v1MemoryMaxUsage, v1MemoryStat, v1OomControl
        case v1BlkioBytes, v1BlkioOps
        case v2CpuStat, v2MemoryCurrent, v2MemoryMax, v2MemoryPeak, v2MemoryStat, v2SwapCurrent, v2MemoryEvents, v2IOStat
        case pidsCurrent, pidsMax, procs
    }

    public let kind: Kind
    public let path: String
    /// A required file that does not exist means the cgroup is gone (or its controller is
    /// broken); an optional one is a kernel or controller that lacks it.
    public let required: Bool
    /// Read only when the file at this index of the plan exists (v2 memory.* after
    /// memory.current: the memory controller is not enabled everywhere; v1 cpuacct.stat only
    /// where cpuacct.usage_user is missing, see `unlessPresent`).
    public let onlyIf: Int?
    /// Read only when the file at this index of the plan does not exist.
    public let unlessPresent: Int?
    /// The kernel keeps what an open file shows until it is closed or left alone for a while
    /// (v1 cgroup.procs caches its pid list per open file), so a reader that keeps
    /// descriptors open must open this one afresh for each read.
    public let reopen: Bool

    public init(kind: Kind, path: String, required: Bool, onlyIf: Int? = nil, unlessPresent: Int? = nil, reopen: Bool = false) {
        self.kind = kind; self.path = path; self.required = required; self.onlyIf = onlyIf; self.unlessPresent = unlessPresent
        self.reopen = reopen
    }
}

/// Where a `CgroupStatsReader` gets file contents: a manager's `CgroupFS`, or the stats
/// collector's descriptors that stay open between passes.
public protocol CgroupStatsSource {
    /// Hands the whole contents of `file` (entry `index` of the plan) to `body`; false when
    /// the file does not exist.
    mutating func withContents(_ index: Int, of file: CgroupStatsFile, _ body: (UnsafeRawBufferPointer) -> Void) throws -> Bool
}

/// The one reader of a cgroup's usage counters on either cgroup version, shared by the
/// managers' `stats()` and the stats collector. It knows which files hold what (the plan,
/// `files(_:)`) and parses their bytes in place, with no strings made per line or number; the
/// caller decides how bytes are read (`CgroupStatsSource`), so the collector can keep its
/// descriptors open and read each file with one pread(2) per pass.
///
/// Numbers that do not parse count as 0: the kernel writes these files, and one odd line must
/// not lose a whole sample.
public struct CgroupStatsReader: Sendable {
    public let version: CgroupVersion
    let v1: [String: String]
    let unified: String
    public let extras: CgroupStatsExtras
    let tickNanos: UInt64

    public init(hierarchies: CgroupHierarchies, extras: CgroupStatsExtras = [], ticksPerSecond: UInt64 = CgroupStatsReader.userHZ) {
        self.version = hierarchies.version
        self.v1 = hierarchies.v1
        self.unified = hierarchies.unified.map(CgroupMountTable.normalize) ?? ""
        self.extras = extras
        self.tickNanos = 1_000_000_000 / max(ticksPerSecond, 1)
    }

    /// USER_HZ, the unit of v1 cpuacct.stat.
    public static var userHZ: UInt64 { UInt64(max(1, sysconf(Int32(_SC_CLK_TCK)))) }

    /// The files to read for the cgroup at `path` (relative to each hierarchy root), in order.
    /// Empty when the hierarchy needed is not mounted.
    public func files(_ path: String) -> [CgroupStatsFile] {
        var out: [CgroupStatsFile] = []
        out.reserveCapacity(14)
        func add(_ k: CgroupStatsFile.Kind, _ dir: String, _ name: String, required: Bool = true,
                 onlyIf: Int? = nil, unlessPresent: Int? = nil, reopen: Bool = false) {
            out.append(CgroupStatsFile(kind: k, path: dir + "/" + name, required: required, onlyIf: onlyIf,
                                       unlessPresent: unlessPresent, reopen: reopen))
        }
        switch version {
        case .v1:
            func dir(_ controller: String) -> String? { v1[controller].map { CgroupPath.join($0, path) } }
            if let d = dir("cpuacct") {
                add(.v1CpuacctUsage, d, "cpuacct.usage")
                let user = out.count
                // Nanosecond user/system where the kernel has them (4.16+), else USER_HZ ticks.
                add(.v1CpuacctUsageUser, d, "cpuacct.usage_user", required: false)
                add(.v1CpuacctUsageSys, d, "cpuacct.usage_sys", required: false, onlyIf: user)
                add(.v1CpuacctStat, d, "cpuacct.stat", unlessPresent: user)
            }
            if let d = dir("cpu") { add(.v1CpuStat, d, "cpu.stat") }
            if let d = dir("memory") {
                add(.v1MemoryUsage, d, "memory.usage_in_bytes")
                add(.v1MemoryLimit, d, "memory.limit_in_bytes")
                add(.v1MemoryFailcnt, d, "memory.failcnt")
                if extras.contains(.peak) { add(.v1MemoryMaxUsage, d, "memory.max_usage_in_bytes", required: false) }
                add(.v1MemoryStat, d, "memory.stat")
                add(.v1OomControl, d, "memory.oom_control")
            }
            if extras.contains(.io), let d = dir("blkio") {
                let bytes = out.count
                add(.v1BlkioBytes, d, "blkio.throttle.io_service_bytes_recursive", required: false)
                add(.v1BlkioOps, d, "blkio.throttle.io_serviced_recursive", required: false, onlyIf: bytes)
            }
            if let d = dir("pids") {
                add(.pidsCurrent, d, "pids.current")
                add(.pidsMax, d, "pids.max")
            }
            // The member list from the same hierarchy the managers list processes from.
            for c in ["pids", "memory", "freezer", "cpu", "cpuacct", "cpuset"] {
                if let d = dir(c) { add(.procs, d, "cgroup.procs", reopen: true); break }
            }
        case .v2:
            guard !unified.isEmpty else { return [] }
            let d = CgroupPath.join(unified, path)
            // cpu.stat exists even without the cpu controller (usage only).
            add(.v2CpuStat, d, "cpu.stat")
            let mem = out.count
            add(.v2MemoryCurrent, d, "memory.current", required: false)
            add(.v2MemoryMax, d, "memory.max", onlyIf: mem)
            if extras.contains(.peak) { add(.v2MemoryPeak, d, "memory.peak", required: false, onlyIf: mem) }
            add(.v2MemoryStat, d, "memory.stat", onlyIf: mem)
            add(.v2SwapCurrent, d, "memory.swap.current", required: false, onlyIf: mem)
            add(.v2MemoryEvents, d, "memory.events", onlyIf: mem)
            if extras.contains(.io) { add(.v2IOStat, d, "io.stat", required: false) }
            let pids = out.count
            add(.pidsCurrent, d, "pids.current", required: false)
            add(.pidsMax, d, "pids.max", onlyIf: pids)
            add(.procs, d, "cgroup.procs")
        }
        return out
    }

    /// Reads the plan's files through `source`; nil when a required file does not exist (the
    /// cgroup is gone) or the plan is empty.
    public func read<S: CgroupStatsSource>(_ files: [CgroupStatsFile], from source: inout S) throws -> CgroupStats? {
        guard !files.isEmpty else { return nil }
        var s = CgroupStats()
        var present = [Bool](repeating: false, count: files.count)
        var inactiveFile: UInt64 = 0
        for i in files.indices {
            let f = files[i]
            if let g = f.onlyIf, !present[g] { continue }
            if let g = f.unlessPresent, present[g] { continue }
            let found = try source.withContents(i, of: f) { b in
                Self.parse(f.kind, b, into: &s, inactiveFile: &inactiveFile, tickNanos: tickNanos)
            }
            if !found && f.required { return nil }
            present[i] = found
        }
        s.memory.workingSetBytes = s.memory.usageBytes > inactiveFile ? s.memory.usageBytes - inactiveFile : 0
        return s
    }

    /// The counters of the cgroup at `path` through `fs` (the managers' `stats()`): a missing
    /// required file is reported as the error `fs` gave for it.
    public func read(_ path: String, fs: any CgroupFS) throws -> CgroupStats {
        var source = FSSource(fs: fs)
        guard let s = try read(files(path), from: &source) else {
            throw CgroupError.unavailable("no cgroup hierarchy to read \(path) from")
        }
        return s
    }

    struct FSSource: CgroupStatsSource {
        let fs: any CgroupFS
        func withContents(_ index: Int, of file: CgroupStatsFile, _ body: (UnsafeRawBufferPointer) -> Void) throws -> Bool {
            var text: String
            do {
                text = try fs.read(file.path)
            } catch let e as CgroupError where e.errno == ENOENT && !file.required {
                return false
            }
            text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
            return true
        }
    }

    // MARK: parsing

    static func parse(_ kind: CgroupStatsFile.Kind, _ b: UnsafeRawBufferPointer, into s: inout CgroupStats,
                      inactiveFile: inout UInt64, tickNanos: UInt64) {
        typealias B = CgroupBytes
        switch kind {
        case .v1CpuacctUsage: s.cpu.usageTotalNanos = B.number(b) ?? 0
        case .v1CpuacctUsageUser: s.cpu.usageUserNanos = B.number(b) ?? 0
        case .v1CpuacctUsageSys: s.cpu.usageSystemNanos = B.number(b) ?? 0
        case .v1CpuacctStat:
            B.scan(b, Keys.v1CpuacctStat) { i, v in
                if i == 0 { s.cpu.usageUserNanos = v * tickNanos } else { s.cpu.usageSystemNanos = v * tickNanos }
            }
        case .v1CpuStat:
            B.scan(b, Keys.v1CpuStat) { i, v in
                switch i {
                case 0: s.cpu.periods = v
                case 1: s.cpu.throttledPeriods = v
                default: s.cpu.throttledTimeNanos = v
                }
            }
        case .v1MemoryUsage, .v2MemoryCurrent: s.memory.usageBytes = B.number(b) ?? 0
        case .v1MemoryLimit, .v2MemoryMax: s.memory.limitBytes = B.limit(b)
        case .v1MemoryFailcnt: s.memory.failcnt = B.number(b) ?? 0
        case .v1MemoryMaxUsage, .v2MemoryPeak: s.memory.maxUsageBytes = B.number(b) ?? 0
        case .v1MemoryStat:
            // The total_ counters include child cgroups (use_hierarchy); the local ones are
            // the fallback where the kernel has no total_ (the root).
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 14) { m in
                var found: UInt16 = 0
                B.scan(b, Keys.v1MemoryStat) { i, v in m[i] = v; found |= 1 << i }
                func v(_ i: Int) -> UInt64 { found & (1 << i) != 0 ? m[i] : found & (1 << (i + 7)) != 0 ? m[i + 7] : 0 }
                s.memory.rssBytes = v(0); s.memory.cacheBytes = v(1); s.memory.swapBytes = v(2)
                s.memory.mappedFileBytes = v(3); s.memory.pgfault = v(4); s.memory.pgmajfault = v(5)
                inactiveFile = v(6)
            }
        case .v1OomControl:
            B.scan(b, Keys.oomKill) { _, v in s.oomKills = v }
        case .v1BlkioBytes: (s.io.readBytes, s.io.writeBytes) = B.blkioReadWrite(b)
        case .v1BlkioOps: (s.io.readOps, s.io.writeOps) = B.blkioReadWrite(b)
        case .v2CpuStat:
            B.scan(b, Keys.v2CpuStat) { i, v in
                switch i {
                case 0: s.cpu.usageTotalNanos = v * 1000
                case 1: s.cpu.usageUserNanos = v * 1000
                case 2: s.cpu.usageSystemNanos = v * 1000
                case 3: s.cpu.periods = v
                case 4: s.cpu.throttledPeriods = v
                default: s.cpu.throttledTimeNanos = v * 1000
                }
            }
        case .v2MemoryStat:
            B.scan(b, Keys.v2MemoryStat) { i, v in
                switch i {
                case 0: s.memory.rssBytes = v
                case 1: s.memory.cacheBytes = v
                case 2: s.memory.mappedFileBytes = v
                case 3: s.memory.pgfault = v
                case 4: s.memory.pgmajfault = v
                default: inactiveFile = v
                }
            }
        case .v2SwapCurrent: s.memory.swapBytes = B.number(b) ?? 0
        case .v2MemoryEvents:
            B.scan(b, Keys.v2MemoryEvents) { i, v in if i == 0 { s.memory.failcnt = v } else { s.oomKills = v } }
        case .v2IOStat: s.io = B.ioStat(b)
        case .pidsCurrent: s.pids.current = B.number(b) ?? 0
        case .pidsMax: s.pids.limit = B.limit(b)
        case .procs: s.pids.processes = B.lines(b)
        }
    }

    enum Keys {
        static let v1CpuacctStat = CgroupBytes.keys(["user", "system"])
        static let v1CpuStat = CgroupBytes.keys(["nr_periods", "nr_throttled", "throttled_time"])
        static let v1MemoryStat: [[UInt8]] = {
            let names = ["rss", "cache", "swap", "mapped_file", "pgfault", "pgmajfault", "inactive_file"]
            return CgroupBytes.keys(names.map { "total_" + $0 } + names)
        }()
        static let oomKill = CgroupBytes.keys(["oom_kill"])
        static let v2CpuStat = CgroupBytes.keys(["usage_usec", "user_usec", "system_usec", "nr_periods", "nr_throttled", "throttled_usec"])
        static let v2MemoryStat = CgroupBytes.keys(["anon", "file", "file_mapped", "pgfault", "pgmajfault", "inactive_file"])
        static let v2MemoryEvents = CgroupBytes.keys(["max", "oom_kill"])
    }
}

/// Byte-level parsers of the kernel's cgroup and /proc formats: they read the buffer a file was
/// read into and make no strings.
public enum CgroupBytes {
    public static func keys(_ names: [String]) -> [[UInt8]] { names.map { Array($0.utf8) } }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 10 || c == 9 || c == 13 }

    /// A file holding one number ("123\n"); nil for anything else ("max", "-1", empty).
    public static func number(_ b: UnsafeRawBufferPointer) -> UInt64? {
        var i = 0
        let n = b.count
        while i < n && isSpace(b[i]) { i += 1 }
        var v: UInt64 = 0
        var digits = false
        while i < n, b[i] >= 48 && b[i] <= 57 {
            v = v &* 10 &+ UInt64(b[i] - 48); digits = true; i += 1
        }
        while i < n && isSpace(b[i]) { i += 1 }
        return digits && i == n ? v : nil
    }

    /// A limit: "max" (v2), "-1" or v1's page-rounded LONG_MAX mean unlimited (nil).
    public static func limit(_ b: UnsafeRawBufferPointer) -> UInt64? {
        guard let v = number(b), v < (1 << 62) else { return nil }
        return v
    }

    /// Non-empty lines (cgroup.procs: one pid per line).
    public static func lines(_ b: UnsafeRawBufferPointer) -> UInt64 {
        var count: UInt64 = 0
        var inLine = false
        for c in b {
            if c == 10 { if inLine { count += 1 }; inLine = false } else if !isSpace(c) { inLine = true }
        }
        return inLine ? count + 1 : count
    }

    /// "key value" lines (memory.stat, cpu.stat, memory.events, memory.oom_control, /proc/vmstat):
    /// calls `found` with the index in `keys` and the value of each line whose key is one of
    /// them. Lines whose value is not a number are skipped.
    public static func scan(_ b: UnsafeRawBufferPointer, _ keys: [[UInt8]], _ found: (Int, UInt64) -> Void) {
        var i = 0
        let n = b.count
        while i < n {
            let start = i
            while i < n && b[i] != 32 && b[i] != 10 { i += 1 }
            let keyEnd = i
            var v: UInt64 = 0
            var digits = false
            if i < n && b[i] == 32 {
                while i < n && b[i] == 32 { i += 1 }
                while i < n && b[i] >= 48 && b[i] <= 57 { v = v &* 10 &+ UInt64(b[i] - 48); digits = true; i += 1 }
            }
            while i < n && b[i] != 10 { i += 1 }
            i += 1
            guard digits else { continue }
            let len = keyEnd - start
            for j in keys.indices where keys[j].count == len {
                let same = keys[j].withUnsafeBytes { k in memcmp(k.baseAddress!, b.baseAddress! + start, len) == 0 }
                if same { found(j, v); break }
            }
        }
    }

    /// v1 blkio.throttle.io_service_bytes(_recursive) / io_serviced: "MAJ:MIN Op N" lines
    /// (plus a final "Total N"); the Read and Write sums over devices.
    public static func blkioReadWrite(_ b: UnsafeRawBufferPointer) -> (read: UInt64, write: UInt64) {
        var read: UInt64 = 0, write: UInt64 = 0
        forEachLine(b) { line in
            let f = fields(line)
            guard f.count == 3, let v = number(UnsafeRawBufferPointer(rebasing: line[f[2]])) else { return }
            let op = UnsafeRawBufferPointer(rebasing: line[f[1]])
            if equal(op, "Read") { read &+= v } else if equal(op, "Write") { write &+= v }
        }
        return (read, write)
    }

    /// v2 io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N wios=N ..." per device, summed.
    public static func ioStat(_ b: UnsafeRawBufferPointer) -> CgroupStats.IO {
        var io = CgroupStats.IO()
        forEachLine(b) { line in
            for r in fields(line).dropFirst() {
                let field = UnsafeRawBufferPointer(rebasing: line[r])
                guard let eq = field.firstIndex(of: UInt8(ascii: "=")),
                      let v = number(UnsafeRawBufferPointer(rebasing: field[(eq + 1)...])) else { continue }
                let key = UnsafeRawBufferPointer(rebasing: field[..<eq])
                if equal(key, "rbytes") { io.readBytes &+= v }
                else if equal(key, "wbytes") { io.writeBytes &+= v }
                else if equal(key, "rios") { io.readOps &+= v }
                else if equal(key, "wios") { io.writeOps &+= v }
            }
        }
        return io
    }

    static func forEachLine(_ b: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Void) {
        var start = 0
        for i in 0...b.count where i == b.count || b[i] == 10 {
            if i > start { body(UnsafeRawBufferPointer(rebasing: b[start..<i])) }
            start = i + 1
        }
    }

    /// Ranges of the space-separated fields of a line.
    static func fields(_ line: UnsafeRawBufferPointer) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while i < line.count {
            while i < line.count && isSpace(line[i]) { i += 1 }
            let start = i
            while i < line.count && !isSpace(line[i]) { i += 1 }
            if i > start { out.append(start..<i) }
        }
        return out
    }

    static func equal(_ b: UnsafeRawBufferPointer, _ s: StaticString) -> Bool {
        b.count == s.utf8CodeUnitCount && (b.count == 0 || memcmp(b.baseAddress!, s.utf8Start, b.count) == 0)
    }
}
