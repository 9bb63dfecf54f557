import SkiffCgroups
import Testing
@testable import SkiffStats

/// Both cgroup layouts read from fixture files.
struct CgroupStatsReaderTests {
    @Test func v1() throws {
        let h = CgroupHierarchies(version: .v1, v1: ["cpu": "/cg/cpu,cpuacct", "cpuacct": "/cg/cpu,cpuacct", "memory": "/cg/memory", "pids": "/cg/pids"])
        let files: [String: String] = [
            "/cg/cpu,cpuacct/kubepods/pod1/cpuacct.usage": "5000000000\n",
            "/cg/cpu,cpuacct/kubepods/pod1/cpuacct.stat": "user 300\nsystem 100\n",
            "/cg/cpu,cpuacct/kubepods/pod1/cpu.stat": "nr_periods 10\nnr_throttled 2\nthrottled_time 777\n",
            "/cg/memory/kubepods/pod1/memory.usage_in_bytes": "104857600\n",
            "/cg/memory/kubepods/pod1/memory.limit_in_bytes": "9223372036854771712\n",
            "/cg/memory/kubepods/pod1/memory.failcnt": "3\n",
            "/cg/memory/kubepods/pod1/memory.stat": "cache 1\nrss 2\ntotal_cache 4096\ntotal_rss 8192\ntotal_inactive_file 4194304\ntotal_mapped_file 12\ntotal_pgfault 50\ntotal_pgmajfault 5\ntotal_swap 0\n",
            "/cg/memory/kubepods/pod1/memory.oom_control": "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n",
            "/cg/pids/kubepods/pod1/pids.current": "7\n",
            "/cg/pids/kubepods/pod1/pids.max": "max\n",
            "/cg/pids/kubepods/pod1/cgroup.procs": "10\n11\n",
        ]
        let s = try #require(CgroupStatsReader(hierarchies: h, ticksPerSecond: 100).read("/kubepods/pod1") { files[$0] })
        #expect(s.cpu.usageTotalNanos == 5_000_000_000)
        #expect(s.cpu.usageUserNanos == 3_000_000_000)
        #expect(s.cpu.usageSystemNanos == 1_000_000_000)
        #expect(s.cpu.throttledPeriods == 2)
        #expect(s.memory.limitBytes == nil)
        #expect(s.memory.workingSetBytes == 104_857_600 - 4_194_304)
        #expect(s.memory.rssBytes == 8192)
        #expect(s.memory.failcnt == 3)
        #expect(s.oomKills == 1)
        #expect(s.pids.current == 7 && s.pids.limit == nil && s.pids.processes == 2)
        #expect(CgroupStatsReader(hierarchies: h, ticksPerSecond: 100).read("/kubepods/gone") { files[$0] } == nil)
    }

    @Test func v2() throws {
        let h = CgroupHierarchies(version: .v2, unified: "/cg")
        let files: [String: String] = [
            "/cg/kubepods/pod1/cpu.stat": "usage_usec 2000\nuser_usec 1500\nsystem_usec 500\nnr_periods 4\nnr_throttled 1\nthrottled_usec 9\n",
            "/cg/kubepods/pod1/memory.current": "1000000\n",
            "/cg/kubepods/pod1/memory.max": "2000000\n",
            "/cg/kubepods/pod1/memory.stat": "anon 300000\nfile 600000\nfile_mapped 10\ninactive_file 200000\npgfault 9\npgmajfault 1\n",
            "/cg/kubepods/pod1/memory.events": "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n",
            "/cg/kubepods/pod1/pids.current": "3\n",
            "/cg/kubepods/pod1/pids.max": "100\n",
            "/cg/kubepods/pod1/cgroup.procs": "5\n",
        ]
        let s = try #require(CgroupStatsReader(hierarchies: h, ticksPerSecond: 100).read("/kubepods/pod1") { files[$0] })
        #expect(s.cpu.usageTotalNanos == 2_000_000)
        #expect(s.cpu.throttledTimeNanos == 9000)
        #expect(s.memory.limitBytes == 2_000_000)
        #expect(s.memory.workingSetBytes == 800_000)
        #expect(s.memory.rssBytes == 300_000)
        #expect(s.memory.failcnt == 4 && s.oomKills == 1)
        #expect(s.pids.limit == 100 && s.pids.processes == 1)
    }
}
