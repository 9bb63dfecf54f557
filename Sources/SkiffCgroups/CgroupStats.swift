/// A cgroup's usage counters in version-independent units (nanoseconds, bytes), the shape the
/// stats collector and the Summary API need.
public struct CgroupStats: Sendable, Equatable {
    public struct CPU: Sendable, Equatable {
        public var usageTotalNanos: UInt64 = 0
        public var usageUserNanos: UInt64 = 0
        public var usageSystemNanos: UInt64 = 0
        public var periods: UInt64 = 0
        public var throttledPeriods: UInt64 = 0
        public var throttledTimeNanos: UInt64 = 0
        public init() {}
    }
    public struct Memory: Sendable, Equatable {
        public var usageBytes: UInt64 = 0
        /// nil when unlimited.
        public var limitBytes: UInt64?
        /// High-water mark of usage (v1 memory.max_usage_in_bytes, v2 memory.peak where the
        /// kernel has it).
        public var maxUsageBytes: UInt64 = 0
        /// usage − inactive_file (what the kubelet evicts on), never below zero.
        public var workingSetBytes: UInt64 = 0
        public var rssBytes: UInt64 = 0
        public var cacheBytes: UInt64 = 0
        public var swapBytes: UInt64 = 0
        public var mappedFileBytes: UInt64 = 0
        /// v1 memory.failcnt; v2 the `max` count of memory.events.
        public var failcnt: UInt64 = 0
        public var pgfault: UInt64 = 0
        public var pgmajfault: UInt64 = 0
        public init() {}
    }
    public struct Pids: Sendable, Equatable {
        /// Processes (thread-group leaders) in cgroup.procs.
        public var processes: UInt64 = 0
        /// Tasks (threads) the pids controller counts.
        public var current: UInt64 = 0
        /// nil when unlimited.
        public var limit: UInt64?
        public init() {}
    }

    /// Block I/O summed over devices.
    public struct IO: Sendable, Equatable {
        public var readBytes: UInt64 = 0
        public var writeBytes: UInt64 = 0
        public var readOps: UInt64 = 0
        public var writeOps: UInt64 = 0
        public init() {}
    }

    public var cpu = CPU()
    public var io = IO()
    public var memory = Memory()
    public var pids = Pids()
    public var oomKills: UInt64 = 0

    public init() {}
}

/// Parsers for the kernel's cgroup file formats; pure so they are unit-tested on samples.
public enum CgroupFileFormat {
    /// "key value" lines (memory.stat, cpu.stat, memory.events, memory.oom_control...).
    public static func flatKeyed(_ text: String) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2, let v = UInt64(parts[1]) else { continue }
            out[String(parts[0])] = v
        }
        return out
    }

    /// A single number file; `max` (v2) or v1's page-rounded LONG_MAX mean unlimited (nil).
    public static func limit(_ text: String, path: String) throws -> UInt64? {
        let t = text.trimmingWhitespace()
        if t == "max" || t == "-1" { return nil }
        guard let v = UInt64(t) else { throw CgroupError.malformed(path: path, detail: "expected a number or \"max\", got \"\(t)\"") }
        return v >= (1 << 62) ? nil : v
    }

    public static func number(_ text: String, path: String) throws -> UInt64 {
        let t = text.trimmingWhitespace()
        guard let v = UInt64(t) else { throw CgroupError.malformed(path: path, detail: "expected a number, got \"\(t)\"") }
        return v
    }

    /// v1 blkio.throttle.io_service_bytes(_recursive) / io_serviced: "MAJ:MIN Op N" lines
    /// (plus a final "Total N"); returns the Read and Write sums over devices.
    public static func blkioReadWrite(_ text: String) -> (read: UInt64, write: UInt64) {
        var text = text
        return text.withUTF8 { CgroupBytes.blkioReadWrite(UnsafeRawBufferPointer($0)) }
    }

    /// v2 io.stat: "MAJ:MIN rbytes=N wbytes=N rios=N wios=N ..." per device, summed.
    public static func ioStat(_ text: String) -> CgroupStats.IO {
        var text = text
        return text.withUTF8 { CgroupBytes.ioStat(UnsafeRawBufferPointer($0)) }
    }

    /// cgroup.procs: one pid per line.
    public static func pids(_ text: String, path: String) throws -> [Int32] {
        try text.split(separator: "\n").compactMap { line in
            let t = String(line).trimmingWhitespace()
            if t.isEmpty { return nil }
            guard let p = Int32(t) else { throw CgroupError.malformed(path: path, detail: "expected a pid, got \"\(t)\"") }
            return p
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}
