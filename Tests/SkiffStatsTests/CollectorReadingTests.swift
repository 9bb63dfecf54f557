import Foundation
import SkiffCgroups
import Testing
@testable import SkiffStats

/// The collector's reading side: descriptors kept open between passes (fixture files in a
/// temp dir stand in for cgroupfs), the disk-use cadence, and the byte parsers of /proc.
struct CollectorReadingTests {
    final class Tree {
        let root = NSTemporaryDirectory() + "skiff-stats-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        init() throws { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: root) }
        func write(_ path: String, _ text: String) throws {
            let full = root + path
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
        /// Rewrites a file in place (same inode), as the kernel's counters change under an open descriptor.
        func update(_ path: String, _ text: String) throws {
            let h = try FileHandle(forWritingTo: URL(fileURLWithPath: root + path))
            try h.truncate(atOffset: 0)
            try h.write(contentsOf: Data(text.utf8))
            try h.close()
        }
    }

    func v2Tree() throws -> (Tree, CgroupStatsReader) {
        let t = try Tree()
        for (name, text) in ["cpu.stat": "usage_usec 1000\nuser_usec 600\nsystem_usec 400\n", "memory.current": "4096\n",
                             "memory.max": "max\n", "memory.stat": "anon 1024\nfile 2048\ninactive_file 1024\n",
                             "memory.events": "max 0\noom_kill 0\n", "cgroup.procs": "1\n2\n"] {
            try t.write("/kubepods/pod1/" + name, text)
            try t.write("/kubepods/pod1/c1/" + name, text)
        }
        return (t, CgroupStatsReader(hierarchies: CgroupHierarchies(version: .v2, unified: t.root)))
    }

    @Test func descriptorsStayOpenAndSeeNewCounters() throws {
        let (t, reader) = try v2Tree()
        let h = CgroupFileHandles(reader: reader, maxOpen: 100)
        let a = try #require(h.read("/kubepods/pod1", pass: 0))
        #expect(a.cpu.usageTotalNanos == 1_000_000 && a.memory.workingSetBytes == 3072 && a.pids.processes == 2)
        // cpu.stat, memory.current, memory.max, memory.stat, memory.events, cgroup.procs; the
        // optional swap and pids files are absent and remembered as such.
        #expect(h.openCount == 6)
        try t.update("/kubepods/pod1/cpu.stat", "usage_usec 5000\nuser_usec 3000\nsystem_usec 2000\n")
        try t.update("/kubepods/pod1/cgroup.procs", "1\n")
        let b = try #require(h.read("/kubepods/pod1", pass: 1))
        #expect(b.cpu.usageTotalNanos == 5_000_000 && b.cpu.usageUserNanos == 3_000_000 && b.pids.processes == 1)
        #expect(h.openCount == 6)
        _ = try #require(h.read("/kubepods/pod1/c1", pass: 1))
        #expect(h.openCount == 12 && h.cgroupCount == 2)
        // A cgroup the pass did not name is closed.
        h.sweep(keeping: 1)
        #expect(h.openCount == 12)
        _ = h.read("/kubepods/pod1/c1", pass: 2)
        h.sweep(keeping: 2)
        #expect(h.openCount == 6 && h.cgroupCount == 1)
        // A cgroup that does not exist keeps nothing open.
        #expect(h.read("/kubepods/gone", pass: 2) == nil)
        #expect(h.openCount == 6 && h.cgroupCount == 1)
    }

    @Test func pastTheCapFilesAreOpenedForEachRead() throws {
        let (t, reader) = try v2Tree()
        let h = CgroupFileHandles(reader: reader, maxOpen: 4)
        let a = try #require(h.read("/kubepods/pod1", pass: 0))
        let b = try #require(h.read("/kubepods/pod1/c1", pass: 0))
        #expect(h.openCount == 4)
        #expect(a == b)
        try t.update("/kubepods/pod1/c1/memory.current", "8192\n")
        #expect(h.read("/kubepods/pod1/c1", pass: 1)?.memory.usageBytes == 8192)
        #expect(h.openCount == 4)
    }

    @Test func v1ProcsIsReopenedEachTime() throws {
        let t = try Tree()
        try t.write("/cpuacct/p/cpuacct.usage", "10\n")
        try t.write("/cpuacct/p/cpuacct.stat", "user 1\nsystem 0\n")
        try t.write("/cpuacct/p/cgroup.procs", "3\n")
        let h = CgroupFileHandles(reader: CgroupStatsReader(hierarchies: CgroupHierarchies(version: .v1, v1: ["cpuacct": t.root + "/cpuacct"]),
                                                            ticksPerSecond: 100), maxOpen: 100)
        let s = try #require(h.read("/p", pass: 0))
        #expect(s.cpu.usageTotalNanos == 10 && s.cpu.usageUserNanos == 10_000_000 && s.pids.processes == 1)
        #expect(h.openCount == 2)  // cpuacct.usage and cpuacct.stat; usage_user is absent
    }

    @Test func diskUseIsMeasuredOncePerCycleAtEachPathsOwnPhase() {
        let paths = (0..<60).map { "/var/lib/skiff/pods/p\($0)/volumes/v" }
        var perPass = [Int](repeating: 0, count: 3)
        for p in paths {
            let due = (0..<6).filter { StatsCollector.fsDue(p, pass: UInt64($0), every: 3) }
            #expect(due.count == 2 && due[1] - due[0] == 3)
            perPass[due[0]] += 1
        }
        // Spread over the passes, not all in one.
        #expect(perPass.allSatisfy { $0 > 5 })
        #expect(paths.allSatisfy { StatsCollector.fsDue($0, pass: 7, every: 1) })
    }

    struct Targets: StatsTargetSource {
        let pods: [PodTarget]
        func statsTargets() async -> [PodTarget] { pods }
    }

    @Test func housekeepingMeasuresNewVolumesAtOnceThenOnTheirCadence() async throws {
        let t = try Tree()
        try t.write("/vol/a", "x")
        let pod = PodTarget(name: "p", namespace: "default", uid: "u", startTime: nil, cgroupPath: "/skiff-test-none/podu",
                            pausePid: 0, containers: [], volumes: [VolumeTarget(name: "v", path: t.root + "/vol")])
        var cfg = StatsConfig()
        cfg.fsEveryPasses = 3
        let c = StatsCollector(source: Targets(pods: [pod]), config: cfg)
        let first = try #require(await c.housekeep().pods.first?.volumes.first?.usage)
        #expect(first.inodesUsed == 2)
        try t.write("/vol/b", "y")
        var counts: [UInt64] = []
        for _ in 0..<3 { counts.append(try #require(await c.housekeep().pods.first?.volumes.first?.usage.inodesUsed)) }
        // Within the next three passes the new file shows exactly once the volume's turn comes.
        #expect(counts.contains(3))
        #expect(counts.filter { $0 == 2 }.count == counts.firstIndex(of: 3))
    }

    @Test func procByteParsers() {
        var stat = "cpu  100 5 50 1000 10 1 2 3 0 0\ncpu0 50 2 25 500 5 0 1 1 0 0\nintr 1\nbtime 1700000000\n"
        let (cpu, btime) = stat.withUTF8 { b in
            let r = UnsafeRawBufferPointer(b)
            return (ProcParsers.cpuBusyNanos(r, ticksPerSecond: 100), ProcParsers.btime(r))
        }
        #expect(cpu?.total == (100 + 5 + 50 + 1 + 2 + 3) * 10_000_000)
        #expect(cpu?.user == 105 * 10_000_000 && cpu?.system == 50 * 10_000_000)
        #expect(btime == 1_700_000_000)
        #expect(ProcParsers.netDev("Inter-|\n face |bytes\n  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n  bad: 1 2\n")
            == [InterfaceStats(name: "eth0", rxBytes: 1, rxPackets: 2, rxErrors: 3, rxDropped: 4,
                               txBytes: 9, txPackets: 10, txErrors: 11, txDropped: 12)])
    }
}
