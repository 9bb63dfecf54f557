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

    public var cpu = CPU()
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
