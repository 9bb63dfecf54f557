import SkiffCgroups

/// Parsers for the /proc files the collector reads. Pure: they take the file's text.
public enum ProcParsers {
    /// /proc/<pid>/net/dev: per-interface counters (the header lines are skipped).
    public static func netDev(_ text: String) -> [InterfaceStats] {
        var text = text
        return text.withUTF8 { netDev(UnsafeRawBufferPointer($0)) }
    }

    /// The same from the bytes a file was read into: one string per interface name, none per
    /// line or number.
    public static func netDev(_ b: UnsafeRawBufferPointer) -> [InterfaceStats] {
        var out: [InterfaceStats] = []
        var i = 0
        let n = b.count
        while i < n {
            var end = i
            while end < n && b[end] != 10 { end += 1 }
            defer { i = end + 1 }
            var colon = i
            while colon < end && b[colon] != 58 { colon += 1 }
            guard colon < end else { continue }
            var start = i
            while start < colon && b[start] == 32 { start += 1 }
            guard start < colon else { continue }
            var f = (UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0), UInt64(0),
                     UInt64(0), UInt64(0), UInt64(0), UInt64(0))
            var count = 0
            var j = colon + 1
            while j < end {
                while j < end && b[j] == 32 { j += 1 }
                guard j < end else { break }
                var v: UInt64 = 0
                var digits = false
                while j < end && b[j] >= 48 && b[j] <= 57 { v = v &* 10 &+ UInt64(b[j] - 48); digits = true; j += 1 }
                guard digits, j == end || b[j] == 32 else { count = -1; break }
                withUnsafeMutableBytes(of: &f) { p in if count < 12 { p.storeBytes(of: v, toByteOffset: count * 8, as: UInt64.self) } }
                count += 1
            }
            guard count >= 16 else { continue }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<colon]), as: UTF8.self)
            out.append(InterfaceStats(name: name, rxBytes: f.0, rxPackets: f.1, rxErrors: f.2, rxDropped: f.3,
                                      txBytes: f.8, txPackets: f.9, txErrors: f.10, txDropped: f.11))
        }
        return out
    }

    /// The values of the `wanted` keys of "key value" lines (memory.stat, cpu.stat, ...), in
    /// `wanted`'s order, nil for a key not present (the first line of a key counts).
    public static func counters(_ text: String, _ wanted: [String]) -> [UInt64?] {
        var out = [UInt64?](repeating: nil, count: wanted.count)
        var text = text
        text.withUTF8 { b in
            CgroupBytes.scan(UnsafeRawBufferPointer(b), CgroupBytes.keys(wanted)) { i, v in if out[i] == nil { out[i] = v } }
        }
        return out
    }

    /// A file holding one number ("123\n"); nil for anything else ("max", empty).
    public static func number(_ text: String) -> UInt64? {
        var v: UInt64 = 0
        var digits = false
        for c in text.utf8 {
            if c >= 48 && c <= 57 { v = v &* 10 &+ UInt64(c - 48); digits = true }
            else if c == 10 || c == 32 || c == 9 { if digits { break } }
            else { return nil }
        }
        return digits ? v : nil
    }

    /// The task count of /proc/loadavg ("0.10 0.20 0.30 2/345 6789" → 345).
    public static func loadavgTasks(_ text: String) -> UInt64? {
        let f = text.split(separator: " ")
        guard f.count >= 4, let slash = f[3].firstIndex(of: "/") else { return nil }
        return UInt64(f[3][f[3].index(after: slash)...])
    }

    /// /proc/meminfo in bytes ("MemTotal: 123 kB").
    public static func meminfo(_ text: String) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let rest = line[line.index(after: colon)...].split(separator: " ")
            guard let first = rest.first, let v = UInt64(first) else { continue }
            out[String(line[..<colon])] = rest.count >= 2 && rest[1] == "kB" ? v * 1024 : v
        }
        return out
    }

    /// "key value" lines (/proc/vmstat).
    public static func keyValues(_ text: String) -> [String: UInt64] {
        var out: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let p = line.split(separator: " ")
            guard p.count == 2, let v = UInt64(p[1]) else { continue }
            out[String(p[0])] = v
        }
        return out
    }

    /// The first ("cpu ") line of /proc/stat: busy time in nanoseconds (everything but idle
    /// and iowait; guest time is already inside user/nice) given USER_HZ ticks per second.
    public static func cpuBusyNanos(_ text: String, ticksPerSecond: UInt64) -> (total: UInt64, user: UInt64, system: UInt64)? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let f = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard f.count >= 7 else { return nil }
        // user nice system idle iowait irq softirq steal ...
        let steal = f.count > 7 ? f[7] : 0
        let busy = f[0] + f[1] + f[2] + f[5] + f[6] + steal
        let ns = 1_000_000_000 / max(ticksPerSecond, 1)
        return (busy * ns, (f[0] + f[1]) * ns, f[2] * ns)
    }

    /// The same from the bytes of /proc/stat.
    public static func cpuBusyNanos(_ b: UnsafeRawBufferPointer, ticksPerSecond: UInt64) -> (total: UInt64, user: UInt64, system: UInt64)? {
        // The aggregate "cpu " line comes first.
        guard b.count > 4, b[0] == 99, b[1] == 112, b[2] == 117, b[3] == 32 else { return nil }
        var f = [UInt64]()
        f.reserveCapacity(10)
        var i = 4
        while i < b.count && b[i] != 10 {
            while i < b.count && b[i] == 32 { i += 1 }
            var v: UInt64 = 0
            var digits = false
            while i < b.count && b[i] >= 48 && b[i] <= 57 { v = v &* 10 &+ UInt64(b[i] - 48); digits = true; i += 1 }
            if !digits { break }
            f.append(v)
        }
        guard f.count >= 7 else { return nil }
        let steal = f.count > 7 ? f[7] : 0
        let busy = f[0] + f[1] + f[2] + f[5] + f[6] + steal
        let ns = 1_000_000_000 / max(ticksPerSecond, 1)
        return (busy * ns, (f[0] + f[1]) * ns, f[2] * ns)
    }

    static let btimeKey = CgroupBytes.keys(["btime"])

    /// The boot time ("btime" line) of /proc/stat, seconds since the epoch.
    public static func btime(_ b: UnsafeRawBufferPointer) -> Double? {
        var out: Double?
        CgroupBytes.scan(b, btimeKey) { _, v in out = Double(v) }
        return out
    }

    /// /proc/cpuinfo: logical processors with their socket and core ids, the vendor and MHz.
    public struct CPUInfo: Sendable, Equatable {
        public struct Processor: Sendable, Equatable {
            public var id: Int
            public var socket: Int
            public var core: Int
        }
        public var processors: [Processor] = []
        public var vendorID = ""
        public var mhz: Double = 0

        public var logicalCores: Int { processors.count }
        public var sockets: Int { Set(processors.map(\.socket)).count }
        public var physicalCores: Int { Set(processors.map { "\($0.socket)/\($0.core)" }).count }
    }

    public static func cpuinfo(_ text: String) -> CPUInfo {
        var info = CPUInfo()
        var cur: CPUInfo.Processor?
        func flush() { if let c = cur { info.processors.append(c) }; cur = nil }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else {
                if line.isEmpty { flush() }
                continue
            }
            let key = String(line[..<colon]).trimmingCharacters(in: " \t")
            let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: " \t")
            switch key {
            case "processor":
                flush()
                cur = CPUInfo.Processor(id: Int(value) ?? info.processors.count, socket: 0, core: Int(value) ?? 0)
            case "physical id": cur?.socket = Int(value) ?? 0
            case "core id": cur?.core = Int(value) ?? 0
            case "vendor_id": if info.vendorID.isEmpty { info.vendorID = value }
            case "cpu MHz": if info.mhz == 0 { info.mhz = Double(value) ?? 0 }
            default: break
            }
        }
        flush()
        return info
    }

    /// A kernel cpu list ("0-3,8,10-11") as numbers.
    public static func cpuList(_ text: String) -> [Int] {
        var out: [Int] = []
        for part in text.trimmingCharacters(in: " \n").split(separator: ",") {
            let r = part.split(separator: "-")
            if r.count == 2, let a = Int(r[0]), let b = Int(r[1]), a <= b { out += Array(a...b) }
            else if let a = Int(part) { out.append(a) }
        }
        return out
    }

    /// A cache size as sysfs writes it ("32K", "1024K", "48M") in bytes.
    public static func cacheSize(_ text: String) -> UInt64 {
        let t = text.trimmingCharacters(in: " \n")
        guard let last = t.last else { return 0 }
        let mult: UInt64 = last == "K" ? 1024 : last == "M" ? 1024 * 1024 : last == "G" ? 1024 * 1024 * 1024 : 1
        let digits = mult == 1 ? Substring(t) : t.dropLast()
        return (UInt64(digits) ?? 0) * mult
    }

    /// /proc/self/mounts (or mountinfo-less /proc/mounts): device, mount point and type.
    public struct Mount: Sendable, Equatable {
        public var device: String
        public var mountPoint: String
        public var type: String
    }

    public static func mounts(_ text: String) -> [Mount] {
        text.split(separator: "\n").compactMap { line in
            let f = line.split(separator: " ")
            guard f.count >= 3 else { return nil }
            return Mount(device: unescape(f[0]), mountPoint: unescape(f[1]), type: String(f[2]))
        }
    }

    /// Octal escapes (\040 for a space) of /proc/mounts.
    static func unescape(_ s: Substring) -> String {
        guard s.contains("\\") else { return String(s) }
        var out = [UInt8]()
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == 92, i + 3 < b.count, let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v); i += 4
            } else { out.append(b[i]); i += 1 }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
