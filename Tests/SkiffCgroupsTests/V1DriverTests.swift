import Glibc
import Testing
@testable import SkiffCgroups

/// The v1 driver's logic against the in-memory cgroupfs.
struct V1DriverTests {
    func make(_ path: String = "/skiff/c1", coMount: Bool = false, swap: Bool = true,
              recorder: SignalRecorder = SignalRecorder()) throws -> (FakeCgroupFS, CgroupV1Manager) {
        let fs = FakeCgroupFS.v1Host(coMountCpu: coMount, swapAccounting: swap)
        let m = try CgroupV1Manager(path: path, hierarchies: FakeCgroupFS.v1Hierarchies(coMountCpu: coMount),
                                    fs: fs, signaler: recorder.signaler)
        return (fs, m)
    }

    @Test func createMakesEveryHierarchyAndCopiesCpuset() throws {
        let (fs, m) = try make()
        try m.create()
        try m.create()
        for c in ["cpu", "cpuacct", "cpuset", "memory", "pids", "freezer", "devices"] {
            #expect(fs.isDirectory("/fake/\(c)/skiff/c1"), "missing \(c)")
        }
        #expect(fs.contents("/fake/cpuset/skiff/cpuset.cpus") == "0-1")
        #expect(fs.contents("/fake/cpuset/skiff/c1/cpuset.cpus") == "0-1")
        #expect(fs.contents("/fake/cpuset/skiff/c1/cpuset.mems") == "0")
        try m.addProcess(4242)
        #expect(try m.processes() == [4242])
        #expect(fs.contents("/fake/memory/skiff/c1/cgroup.procs") == "4242")
    }

    @Test func joiningAnEmptyCpusetFailsWithThePath() throws {
        let fs = FakeCgroupFS.v1Host()
        try fs.mkdir("/fake/cpuset/raw")
        let m = try CgroupV1Manager(path: "/raw", hierarchies: ["cpuset": "/fake/cpuset"], fs: fs)
        #expect(throws: CgroupError.system(operation: "write", path: "/fake/cpuset/raw/cgroup.procs", errno: ENOSPC, hint: nil)) {
            try m.addProcess(7)
        }
    }

    @Test func coMountedControllersShareOneDirectory() throws {
        let (fs, m) = try make(coMount: true)
        try m.create()
        #expect(fs.isDirectory("/fake/cpu,cpuacct/skiff/c1"))
        #expect(m.procsFiles().filter { $0.contains("cpu,cpuacct") } == ["/fake/cpu,cpuacct/skiff/c1/cgroup.procs"])
        #expect(m.procsFiles().count == 6)
        try m.apply(CgroupResources(cpuShares: 256))
        #expect(fs.contents("/fake/cpu,cpuacct/skiff/c1/cpu.shares") == "256")
        _ = try m.stats()
    }

    @Test func applyTranslatesValues() throws {
        let (fs, m) = try make()
        try m.create()
        try m.apply(CgroupResources(cpuShares: 512, cpuQuota: 25_000, cpuPeriod: 50_000, cpusetCpus: "1", cpusetMems: "0",
                                    memoryLimit: 100 << 20, memoryReservation: 50 << 20, memorySwap: 200 << 20, pidsLimit: 10))
        let d = "/fake/%@/skiff/c1/"
        func f(_ c: String, _ n: String) -> String? { fs.contents(d.replacingOccurrences(of: "%@", with: c) + n) }
        #expect(f("cpu", "cpu.shares") == "512")
        #expect(f("cpu", "cpu.cfs_quota_us") == "25000")
        #expect(f("cpu", "cpu.cfs_period_us") == "50000")
        #expect(f("cpuset", "cpuset.cpus") == "1")
        #expect(f("memory", "memory.limit_in_bytes") == "\(100 << 20)")
        #expect(f("memory", "memory.memsw.limit_in_bytes") == "\(200 << 20)")
        #expect(f("memory", "memory.soft_limit_in_bytes") == "\(50 << 20)")
        #expect(f("pids", "pids.max") == "10")
        // Unlimited values.
        try m.apply(CgroupResources(cpuQuota: -1, memoryLimit: -1, memorySwap: -1, pidsLimit: 0))
        #expect(f("cpu", "cpu.cfs_quota_us") == "-1")
        #expect(f("memory", "memory.limit_in_bytes") == FakeCgroupFS.v1Unlimited)
        #expect(f("memory", "memory.memsw.limit_in_bytes") == FakeCgroupFS.v1Unlimited)
        #expect(f("pids", "pids.max") == "max")
    }

    @Test func memoryAndSwapAreOrderedSoMemswNeverDropsBelowTheLimit() throws {
        let (fs, m) = try make()
        try m.create()
        // Growing from unlimited down to a limit: memory first (memsw still unlimited).
        try m.apply(CgroupResources(memoryLimit: 100 << 20, memorySwap: 100 << 20))
        // Growing: memsw must be raised before memory.
        try m.apply(CgroupResources(memoryLimit: 300 << 20, memorySwap: 400 << 20))
        #expect(fs.contents("/fake/memory/skiff/c1/memory.limit_in_bytes") == "\(300 << 20)")
        // Shrinking: memory must be lowered before memsw.
        try m.apply(CgroupResources(memoryLimit: 50 << 20, memorySwap: 60 << 20))
        #expect(fs.contents("/fake/memory/skiff/c1/memory.memsw.limit_in_bytes") == "\(60 << 20)")
        // Back to unlimited swap while keeping a limit.
        try m.apply(CgroupResources(memoryLimit: 70 << 20, memorySwap: -1))
        #expect(fs.contents("/fake/memory/skiff/c1/memory.memsw.limit_in_bytes") == FakeCgroupFS.v1Unlimited)
    }

    @Test func raisingOnlyTheLimitRaisesMemswThatWouldBlockIt() throws {
        let (fs, m) = try make()
        try m.create()
        try m.apply(CgroupResources(memoryLimit: 100 << 20, memorySwap: 100 << 20))
        try m.apply(CgroupResources(memoryLimit: 200 << 20))
        #expect(fs.contents("/fake/memory/skiff/c1/memory.limit_in_bytes") == "\(200 << 20)")
        #expect(fs.contents("/fake/memory/skiff/c1/memory.memsw.limit_in_bytes") == "\(200 << 20)")
        // Lowering it leaves a larger memsw alone.
        try m.apply(CgroupResources(memoryLimit: 150 << 20))
        #expect(fs.contents("/fake/memory/skiff/c1/memory.memsw.limit_in_bytes") == "\(200 << 20)")
        try m.apply(CgroupResources(memoryLimit: -1))
        #expect(fs.contents("/fake/memory/skiff/c1/memory.limit_in_bytes") == FakeCgroupFS.v1Unlimited)
    }

    @Test func swapIsSkippedWithoutSwapAccounting() throws {
        let (fs, m) = try make(swap: false)
        try m.create()
        try m.apply(CgroupResources(memoryLimit: 100 << 20, memorySwap: 200 << 20))
        #expect(fs.contents("/fake/memory/skiff/c1/memory.limit_in_bytes") == "\(100 << 20)")
        #expect(!fs.exists("/fake/memory/skiff/c1/memory.memsw.limit_in_bytes"))
    }

    @Test func memoryLimitBelowUsageReportsEBUSYWithPath() throws {
        let (fs, m) = try make()
        try m.create()
        fs.set("/fake/memory/skiff/c1/memory.usage_in_bytes", "\(10 << 20)")
        do {
            try m.apply(CgroupResources(memoryLimit: 1 << 20))
            Issue.record("expected EBUSY")
        } catch let e as CgroupError {
            #expect(e.errno == EBUSY)
            #expect(e.description.hasPrefix("write /fake/memory/skiff/c1/memory.limit_in_bytes: EBUSY"))
            #expect(e.description.contains("below the cgroup's current usage"))
        }
    }

    @Test func failingWriteNamesFileAndErrno() throws {
        let (fs, m) = try make()
        try m.create()
        fs.failNextWrite("/fake/pids/skiff/c1/pids.max", errno: EACCES)
        #expect(throws: CgroupError.system(operation: "write", path: "/fake/pids/skiff/c1/pids.max", errno: EACCES, hint: nil)) {
            try m.apply(CgroupResources(pidsLimit: 5))
        }
        #expect("\(CgroupError.system(operation: "write", path: "/x/pids.max", errno: EACCES, hint: nil))" == "write /x/pids.max: EACCES")
    }

    @Test func aSettingForAnUnmountedControllerIsAnError() throws {
        let fs = FakeCgroupFS.v1Host()
        let m = try CgroupV1Manager(path: "/c", hierarchies: ["memory": "/fake/memory", "cpu": "/fake/cpu"], fs: fs)
        try m.create()
        try m.apply(CgroupResources(cpuShares: 100, memoryLimit: 1 << 20))
        #expect(throws: CgroupError.unavailable("the pids controller is not mounted, so pidsLimit cannot be applied")) {
            try m.apply(CgroupResources(pidsLimit: 5))
        }
        let cpuOnly = try CgroupV1Manager(path: "/c", hierarchies: ["cpu": "/fake/cpu"], fs: fs)
        #expect(throws: CgroupError.self) { try cpuOnly.apply(CgroupResources(memoryLimit: 1 << 20)) }
        try cpuOnly.apply(CgroupResources(memoryLimit: 0))
    }

    @Test func badInputNamesTheField() throws {
        let (_, m) = try make()
        try m.create()
        #expect(throws: CgroupError.invalidArgument(field: "memoryLimit", value: "-5", expected: "bytes ≥ 0, or -1 for unlimited")) {
            try m.apply(CgroupResources(memoryLimit: -5))
        }
        #expect(throws: CgroupError.invalidArgument(field: "cpusetCpus", value: "0-x", expected: "a CPU/node list such as \"0-3,5\"")) {
            try m.apply(CgroupResources(cpusetCpus: "0-x"))
        }
        #expect(throws: CgroupError.self) { try m.apply(CgroupResources(memoryLimit: 100, memorySwap: 50)) }
        #expect(throws: CgroupError.self) { try m.apply(CgroupResources(cpuPeriod: 10)) }
        #expect(throws: CgroupError.self) { try CgroupV1Manager(path: "/", hierarchies: ["memory": "/fake/memory"]) }
        #expect(throws: CgroupError.self) { try CgroupV1Manager(path: "/a/../..", hierarchies: ["memory": "/fake/memory"]) }
        #expect(throws: CgroupError.self) { try CgroupV1Manager(path: "relative", hierarchies: ["memory": "/fake/memory"]) }
        #expect(throws: CgroupError.self) { try m.addProcess(0) }
        #expect(throws: CgroupError.invalidArgument(field: "path", value: "/a\nb", expected: "no control characters")) {
            try CgroupV1Manager(path: "/a\nb", hierarchies: ["memory": "/fake/memory"])
        }
    }

    @Test func statsReadKernelCounters() throws {
        let (fs, m) = try make()
        try m.create()
        try m.apply(CgroupResources(memoryLimit: 512 << 20, pidsLimit: 100))
        fs.set("/fake/cpuacct/skiff/c1/cpuacct.usage", "3000000000")
        fs.set("/fake/cpuacct/skiff/c1/cpuacct.usage_user", "2000000000")
        fs.set("/fake/cpuacct/skiff/c1/cpuacct.usage_sys", "1000000000")
        fs.set("/fake/cpu/skiff/c1/cpu.stat", "nr_periods 10\nnr_throttled 3\nthrottled_time 5000")
        fs.set("/fake/memory/skiff/c1/memory.usage_in_bytes", "1000")
        fs.set("/fake/memory/skiff/c1/memory.failcnt", "2")
        fs.set("/fake/memory/skiff/c1/memory.max_usage_in_bytes", "4096")
        fs.set("/fake/memory/skiff/c1/memory.stat",
               "cache 1\nrss 2\ntotal_cache 300\ntotal_rss 600\ntotal_swap 7\ntotal_mapped_file 40\ntotal_inactive_file 250\ntotal_pgfault 11\ntotal_pgmajfault 1")
        fs.set("/fake/memory/skiff/c1/memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 4")
        fs.set("/fake/pids/skiff/c1/pids.current", "3")
        let s = try m.stats()
        #expect(s.cpu.usageTotalNanos == 3_000_000_000)
        #expect(s.cpu.usageUserNanos == 2_000_000_000 && s.cpu.usageSystemNanos == 1_000_000_000)
        #expect(s.cpu.periods == 10 && s.cpu.throttledPeriods == 3 && s.cpu.throttledTimeNanos == 5000)
        #expect(s.memory.usageBytes == 1000 && s.memory.limitBytes == 512 << 20)
        #expect(s.memory.workingSetBytes == 750)
        #expect(s.memory.rssBytes == 600 && s.memory.cacheBytes == 300 && s.memory.swapBytes == 7)
        #expect(s.memory.mappedFileBytes == 40 && s.memory.failcnt == 2 && s.memory.maxUsageBytes == 4096)
        #expect(s.memory.pgfault == 11 && s.memory.pgmajfault == 1)
        #expect(s.pids.current == 3 && s.pids.limit == 100)
        #expect(s.oomKills == 4)
        #expect(try m.oomKillCount() == 4)
    }

    @Test func cpuacctStatTicksWhenPerModeFilesAreMissing() throws {
        let fs = FakeCgroupFS(mounts: ["/fake/cpuacct": .v1(controllers: ["cpuacct"])])
        let m = try CgroupV1Manager(path: "/c", hierarchies: ["cpuacct": "/fake/cpuacct"], fs: fs)
        try m.create()
        try fs.rmdirFile("/fake/cpuacct/c/cpuacct.usage_user")
        fs.set("/fake/cpuacct/c/cpuacct.stat", "user 5\nsystem 2")
        let s = try m.stats()
        let tick = UInt64(1_000_000_000) / UInt64(sysconf(Int32(_SC_CLK_TCK)))
        #expect(s.cpu.usageUserNanos == 5 * tick && s.cpu.usageSystemNanos == 2 * tick)
    }

    @Test func killAllReachesChildCgroups() throws {
        let rec = SignalRecorder()
        let fs = FakeCgroupFS.v1Host()
        let h = FakeCgroupFS.v1Hierarchies()
        let pod = try CgroupV1Manager(path: "/kubepods/pod1", hierarchies: h, fs: fs, signaler: rec.signaler)
        let c1 = try CgroupV1Manager(path: "/kubepods/pod1/c1", hierarchies: h, fs: fs)
        let c2 = try CgroupV1Manager(path: "/kubepods/pod1/c2", hierarchies: h, fs: fs)
        try c1.create(); try c2.create()
        try c1.addProcess(201); try c2.addProcess(202); try pod.addProcess(200)
        try pod.killAll(signal: SIGTERM)
        #expect(Set(rec.all.map(\.pid)) == [200, 201, 202])
        #expect(try pod.processes() == [200])
    }

    @Test func freezeKillThawAndDestroy() throws {
        let rec = SignalRecorder()
        let (fs, m) = try make(recorder: rec)
        try m.create()
        try m.addProcess(100)
        try m.addProcess(101)
        try m.freeze()
        #expect(fs.contents("/fake/freezer/skiff/c1/freezer.state") == "FROZEN")
        try m.thaw()
        #expect(fs.contents("/fake/freezer/skiff/c1/freezer.state") == "THAWED")
        try m.killAll(signal: SIGKILL)
        #expect(rec.all.map(\.pid) == [100, 101] && rec.all.allSatisfy { $0.signal == SIGKILL })
        // Frozen during the kill, thawed after so the signal is delivered.
        let states = fs.writes().filter { $0.0.hasSuffix("freezer.state") }.map(\.1)
        #expect(states.suffix(2) == ["FROZEN", "THAWED"])
        // Still "running" in the fake: destroy reports EBUSY naming the directory.
        do {
            try CgroupRemoval.removeTree("/fake/pids/skiff/c1", fs: fs, retryFor: 10_000_000)
            Issue.record("expected EBUSY")
        } catch let e as CgroupError {
            #expect(e.errno == EBUSY && e.description.contains("/fake/pids/skiff/c1"))
        }
        for c in ["cpu", "cpuacct", "cpuset", "memory", "pids", "freezer", "devices"] {
            fs.set("/fake/\(c)/skiff/c1/cgroup.procs", "")
        }
        try fs.mkdir("/fake/memory/skiff/c1/child")
        try m.destroy()
        try m.destroy()
        #expect(fs.allDirectories().allSatisfy { !$0.contains("/c1") })
        #expect(fs.isDirectory("/fake/memory/skiff"))
    }
}

extension FakeCgroupFS {
    /// Drops an interface file, to model older kernels that lack it.
    func rmdirFile(_ path: String) throws {
        state.withLock { _ = $0.files.removeValue(forKey: path) }
    }
}
