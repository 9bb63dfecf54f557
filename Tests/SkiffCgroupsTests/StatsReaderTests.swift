import Foundation
import Testing
@testable import SkiffCgroups

/// A cgroup tree of plain files in a temp dir, laid out as the kernel lays out v1 or v2.
final class CgroupFixture {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "skiff-cgfix-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ files: [String: String]) throws {
        for (path, text) in files {
            let full = root + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: root + path) }

    /// v1 with cpu and cpuacct co-mounted, as most hosts have them.
    var v1: CgroupHierarchies {
        CgroupHierarchies(version: .v1, v1: ["cpu": root + "/cpu,cpuacct", "cpuacct": root + "/cpu,cpuacct", "memory": root + "/memory",
                                             "pids": root + "/pids", "blkio": root + "/blkio"])
    }

    var v2: CgroupHierarchies { CgroupHierarchies(version: .v2, unified: root + "/unified") }

    static let v1Pod: [String: String] = [
        "/cpu,cpuacct/kubepods/pod1/cpuacct.usage": "5000000000\n",
        "/cpu,cpuacct/kubepods/pod1/cpuacct.stat": "user 300\nsystem 100\n",
        "/cpu,cpuacct/kubepods/pod1/cpu.stat": "nr_periods 10\nnr_throttled 2\nthrottled_time 777\n",
        "/memory/kubepods/pod1/memory.usage_in_bytes": "104857600\n",
        "/memory/kubepods/pod1/memory.limit_in_bytes": "9223372036854771712\n",
        "/memory/kubepods/pod1/memory.failcnt": "3\n",
        "/memory/kubepods/pod1/memory.stat": "cache 1\nrss 2\ntotal_cache 4096\ntotal_rss 8192\ntotal_inactive_file 4194304\ntotal_mapped_file 12\ntotal_pgfault 50\ntotal_pgmajfault 5\ntotal_swap 0\n",
        "/memory/kubepods/pod1/memory.oom_control": "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n",
        "/pids/kubepods/pod1/pids.current": "7\n",
        "/pids/kubepods/pod1/pids.max": "max\n",
        "/pids/kubepods/pod1/cgroup.procs": "10\n11\n",
    ]

    static let v2Pod: [String: String] = [
        "/unified/kubepods/pod1/cpu.stat": "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\nnr_periods 4\nnr_throttled 1\nthrottled_usec 9\n",
        "/unified/kubepods/pod1/memory.current": "1000000\n",
        "/unified/kubepods/pod1/memory.max": "2000000\n",
        "/unified/kubepods/pod1/memory.stat": "anon 300000\nfile 600000\nkernel 5\nfile_mapped 10\ninactive_file 200000\npgfault 9\npgmajfault 1\n",
        "/unified/kubepods/pod1/memory.events": "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n",
        "/unified/kubepods/pod1/pids.current": "3\n",
        "/unified/kubepods/pod1/pids.max": "100\n",
        "/unified/kubepods/pod1/cgroup.procs": "5\n",
    ]
}

/// The one counters reader (managers' stats() and the collector) on both layouts, from
/// fixture files through the real file system.
struct StatsReaderTests {
    @Test func v1CountersFromFixtureFiles() throws {
        let fx = try CgroupFixture()
        try fx.write(CgroupFixture.v1Pod)
        let r = CgroupStatsReader(hierarchies: fx.v1, ticksPerSecond: 100)
        let s = try r.read("/kubepods/pod1", fs: LinuxCgroupFS())
        #expect(s.cpu.usageTotalNanos == 5_000_000_000)
        // No cpuacct.usage_user on this "kernel": USER_HZ ticks.
        #expect(s.cpu.usageUserNanos == 3_000_000_000)
        #expect(s.cpu.usageSystemNanos == 1_000_000_000)
        #expect(s.cpu.periods == 10 && s.cpu.throttledPeriods == 2 && s.cpu.throttledTimeNanos == 777)
        #expect(s.memory.usageBytes == 104_857_600 && s.memory.limitBytes == nil)
        #expect(s.memory.workingSetBytes == 104_857_600 - 4_194_304)
        #expect(s.memory.rssBytes == 8192 && s.memory.cacheBytes == 4096 && s.memory.mappedFileBytes == 12)
        #expect(s.memory.pgfault == 50 && s.memory.pgmajfault == 5 && s.memory.swapBytes == 0)
        #expect(s.memory.failcnt == 3 && s.oomKills == 1)
        #expect(s.pids.current == 7 && s.pids.limit == nil && s.pids.processes == 2)
        // Counters only unless asked: no high-water mark, no block I/O.
        #expect(s.memory.maxUsageBytes == 0 && s.io == CgroupStats.IO())
        #expect(throws: CgroupError.self) { try r.read("/kubepods/gone", fs: LinuxCgroupFS()) }
    }

    @Test func v1PrefersNanosecondUserSystemAndReadsExtras() throws {
        let fx = try CgroupFixture()
        try fx.write(CgroupFixture.v1Pod)
        try fx.write([
            "/cpu,cpuacct/kubepods/pod1/cpuacct.usage_user": "3000000123\n",
            "/cpu,cpuacct/kubepods/pod1/cpuacct.usage_sys": "999\n",
            "/memory/kubepods/pod1/memory.max_usage_in_bytes": "200000000\n",
            "/blkio/kubepods/pod1/blkio.throttle.io_service_bytes_recursive": "8:0 Read 100\n8:0 Write 50\n8:16 Read 1\nTotal 151\n",
            "/blkio/kubepods/pod1/blkio.throttle.io_serviced_recursive": "8:0 Read 3\n8:0 Write 2\nTotal 5\n",
        ])
        let s = try CgroupStatsReader(hierarchies: fx.v1, extras: [.io, .peak], ticksPerSecond: 100).read("/kubepods/pod1", fs: LinuxCgroupFS())
        #expect(s.cpu.usageUserNanos == 3_000_000_123 && s.cpu.usageSystemNanos == 999)
        #expect(s.memory.maxUsageBytes == 200_000_000)
        #expect(s.io.readBytes == 101 && s.io.writeBytes == 50 && s.io.readOps == 3 && s.io.writeOps == 2)
    }

    @Test func v2CountersFromFixtureFiles() throws {
        let fx = try CgroupFixture()
        try fx.write(CgroupFixture.v2Pod)
        let r = CgroupStatsReader(hierarchies: fx.v2)
        let s = try r.read("/kubepods/pod1", fs: LinuxCgroupFS())
        #expect(s.cpu.usageTotalNanos == 2_000_000 && s.cpu.usageUserNanos == 1_500_000 && s.cpu.usageSystemNanos == 500_000)
        #expect(s.cpu.periods == 4 && s.cpu.throttledPeriods == 1 && s.cpu.throttledTimeNanos == 9000)
        #expect(s.memory.usageBytes == 1_000_000 && s.memory.limitBytes == 2_000_000)
        #expect(s.memory.workingSetBytes == 800_000)
        #expect(s.memory.rssBytes == 300_000 && s.memory.cacheBytes == 600_000 && s.memory.mappedFileBytes == 10)
        #expect(s.memory.failcnt == 4 && s.oomKills == 1)
        #expect(s.memory.swapBytes == 0)  // no memory.swap.current: no swap controller
        #expect(s.pids.current == 3 && s.pids.limit == 100 && s.pids.processes == 1)
        #expect(throws: CgroupError.self) { try r.read("/kubepods/gone", fs: LinuxCgroupFS()) }
    }

    @Test func v2WithoutMemoryOrPidsControllers() throws {
        let fx = try CgroupFixture()
        try fx.write([
            "/unified/x/cpu.stat": "usage_usec 7\nuser_usec 4\nsystem_usec 3\n",
            "/unified/x/cgroup.procs": "",
            "/unified/x/io.stat": "8:0 rbytes=5 wbytes=6 rios=7 wios=8 dbytes=0 dios=0\n8:16 rbytes=1 wbytes=1 rios=1 wios=1\n",
        ])
        let s = try CgroupStatsReader(hierarchies: fx.v2, extras: [.io, .peak]).read("/x", fs: LinuxCgroupFS())
        #expect(s.cpu.usageTotalNanos == 7000 && s.cpu.periods == 0)
        #expect(s.memory == CgroupStats.Memory())
        #expect(s.pids.current == 0 && s.pids.limit == nil && s.pids.processes == 0)
        #expect(s.io.readBytes == 6 && s.io.writeBytes == 7 && s.io.readOps == 8 && s.io.writeOps == 9)
    }

    @Test func planNamesEachFileOnceInItsHierarchy() {
        let h = CgroupHierarchies(version: .v1, v1: ["cpu": "/c/cpu,cpuacct", "cpuacct": "/c/cpu,cpuacct", "memory": "/c/memory", "pids": "/c/pids"])
        let files = CgroupStatsReader(hierarchies: h).files("/kubepods/p")
        #expect(Set(files.map(\.path)).count == files.count)
        #expect(files.first?.path == "/c/cpu,cpuacct/kubepods/p/cpuacct.usage")
        #expect(files.filter { $0.kind == .procs }.map(\.path) == ["/c/pids/kubepods/p/cgroup.procs"])
        // v1's per-open pid list must be read from a fresh open.
        #expect(files.filter(\.reopen).map(\.kind) == [.procs])
        #expect(!files.contains { $0.kind == .v1BlkioBytes || $0.kind == .v1MemoryMaxUsage })
        let v2 = CgroupStatsReader(hierarchies: CgroupHierarchies(version: .v2, unified: "/u/")).files("/a")
        #expect(v2.map(\.path).allSatisfy { $0.hasPrefix("/u/a/") })
        #expect(v2.filter(\.reopen).isEmpty)
        #expect(CgroupStatsReader(hierarchies: CgroupHierarchies(version: .v2)).files("/a").isEmpty)
    }

    @Test func byteParsers() {
        func bytes<R>(_ s: String, _ f: (UnsafeRawBufferPointer) -> R) -> R {
            var s = s
            return s.withUTF8 { f(UnsafeRawBufferPointer($0)) }
        }
        #expect(bytes("123\n", CgroupBytes.number) == 123)
        #expect(bytes(" 7 ", CgroupBytes.number) == 7)
        #expect(bytes("max\n", CgroupBytes.number) == nil)
        #expect(bytes("-1\n", CgroupBytes.number) == nil)
        #expect(bytes("", CgroupBytes.number) == nil)
        #expect(bytes("12 34", CgroupBytes.number) == nil)
        #expect(bytes("max\n", CgroupBytes.limit) == nil)
        #expect(bytes("9223372036854771712\n", CgroupBytes.limit) == nil)
        #expect(bytes("1048576\n", CgroupBytes.limit) == 1_048_576)
        #expect(bytes("", CgroupBytes.lines) == 0)
        #expect(bytes("1\n22\n\n333", CgroupBytes.lines) == 3)
        var seen: [Int: UInt64] = [:]
        bytes("a 1\nbb 2\nbad\nc x\ntotal_a 9\na  4\n") { b in
            CgroupBytes.scan(b, CgroupBytes.keys(["a", "bb", "c", "total_a"])) { i, v in seen[i] = v }
        }
        #expect(seen == [0: 4, 1: 2, 3: 9])  // the last "a" line wins; "c x" is not a number
    }
}
