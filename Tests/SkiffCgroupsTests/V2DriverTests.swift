import Glibc
import Testing
@testable import SkiffCgroups

/// The v2 driver against the in-memory unified hierarchy (this build host has no v2 controllers).
struct V2DriverTests {
    static let all = ["cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"]

    func make(_ path: String = "/skiff/pod1/c1", available: [String] = all, swap: Bool = true,
              recorder: SignalRecorder = SignalRecorder()) throws -> (FakeCgroupFS, CgroupV2Manager) {
        let fs = FakeCgroupFS(mounts: ["/fake2": .v2(available: available)], swapAccounting: swap)
        return (fs, try CgroupV2Manager(path: path, mount: "/fake2", fs: fs, signaler: recorder.signaler))
    }

    @Test func createEnablesControllersInEveryAncestor() throws {
        let (fs, m) = try make()
        try m.create()
        try m.create()
        for dir in ["/fake2", "/fake2/skiff", "/fake2/skiff/pod1"] {
            let enabled = Set((fs.contents(dir + "/cgroup.subtree_control") ?? "").split(separator: " ").map(String.init))
            #expect(enabled == ["cpuset", "cpu", "io", "memory", "hugetlb", "pids"], "\(dir)")
        }
        #expect(fs.contents("/fake2/skiff/pod1/c1/cgroup.subtree_control") == "")
        #expect(fs.exists("/fake2/skiff/pod1/c1/memory.max") && fs.exists("/fake2/skiff/pod1/c1/cpu.max"))
        #expect(m.procsFiles() == ["/fake2/skiff/pod1/c1/cgroup.procs"])
        try m.addProcess(77)
        #expect(try m.processes() == [77])
    }

    @Test func onlyAvailableControllersAreEnabled() throws {
        let (fs, m) = try make(available: ["memory", "pids"])
        try m.create()
        #expect(fs.contents("/fake2/skiff/cgroup.subtree_control") == "memory pids")
        do {
            try m.apply(CgroupResources(cpuShares: 1024))
            Issue.record("expected ENOENT")
        } catch let e as CgroupError {
            #expect(e.errno == ENOENT)
            #expect(e.description == "write /fake2/skiff/pod1/c1/cpu.weight: ENOENT (the cpu controller is not enabled for this cgroup)")
        }
    }

    @Test func aRefusedControllerDoesNotBlockTheOthers() throws {
        let (fs, m) = try make()
        fs.refuse("cpu")
        try m.create()
        let enabled = Set((fs.contents("/fake2/skiff/cgroup.subtree_control") ?? "").split(separator: " ").map(String.init))
        #expect(enabled == ["cpuset", "io", "memory", "hugetlb", "pids"])
        try m.apply(CgroupResources(memoryLimit: 1 << 20))
        #expect(throws: CgroupError.self) { try m.apply(CgroupResources(cpuShares: 512)) }
        // Nothing at all can be enabled: that is an error, not a warning.
        let (fs2, m2) = try make(available: ["cpu"])
        fs2.refuse("cpu")
        #expect(throws: CgroupError.system(operation: "write", path: "/fake2/cgroup.subtree_control", errno: EINVAL, hint: nil)) {
            try m2.create()
        }
    }

    @Test func ancestorWithProcessesCannotDelegate() throws {
        let (fs, m) = try make()
        try fs.write("/fake2/cgroup.subtree_control", "+memory +pids")
        try fs.mkdir("/fake2/skiff")
        try fs.write("/fake2/skiff/cgroup.procs", "55")
        do {
            try m.create()
            Issue.record("expected EBUSY")
        } catch let e as CgroupError {
            #expect(e.errno == EBUSY && e.description.contains("/fake2/skiff/cgroup.subtree_control"))
            #expect(e.description.contains("no internal processes"))
        }
    }

    @Test func applyTranslatesValues() throws {
        let (fs, m) = try make()
        try m.create()
        try m.apply(CgroupResources(cpuShares: 1024, cpuQuota: 50_000, cpuPeriod: 100_000, cpusetCpus: "0-1", cpusetMems: "0",
                                    memoryLimit: 256 << 20, memoryReservation: 128 << 20, memorySwap: 384 << 20, pidsLimit: 64))
        func f(_ n: String) -> String? { fs.contents("/fake2/skiff/pod1/c1/" + n) }
        #expect(f("cpu.weight") == "39")
        #expect(f("cpu.max") == "50000 100000")
        #expect(f("cpuset.cpus") == "0-1" && f("cpuset.mems") == "0")
        #expect(f("memory.max") == "\(256 << 20)")
        #expect(f("memory.low") == "\(128 << 20)")
        #expect(f("memory.swap.max") == "\(128 << 20)")
        #expect(f("pids.max") == "64")
        // Period alone keeps the quota; unlimited values become "max".
        try m.apply(CgroupResources(cpuPeriod: 200_000))
        #expect(f("cpu.max") == "50000 200000")
        try m.apply(CgroupResources(cpuQuota: -1, memoryLimit: -1, memorySwap: -1, pidsLimit: -1))
        #expect(f("cpu.max") == "max 200000")
        #expect(f("memory.max") == "max" && f("memory.swap.max") == "max" && f("pids.max") == "max")
        try m.apply(CgroupResources(memoryLimit: 64 << 20, memorySwap: 64 << 20))
        #expect(f("memory.swap.max") == "0")
    }

    @Test func swapNeedsALimitOnV2() throws {
        #expect(throws: CgroupError.self) { try CgroupV2Manager.swapMax(memorySwap: 100, memoryLimit: nil) }
        #expect(throws: CgroupError.self) { try CgroupV2Manager.swapMax(memorySwap: 100, memoryLimit: 200) }
        #expect(try CgroupV2Manager.swapMax(memorySwap: -1, memoryLimit: nil) == "max")
        #expect(try CgroupV2Manager.swapMax(memorySwap: 300, memoryLimit: 200) == "100")
    }

    @Test func swapIsSkippedWithoutSwapController() throws {
        let (fs, m) = try make(swap: false)
        try m.create()
        try m.apply(CgroupResources(memoryLimit: 1 << 20, memorySwap: 2 << 20))
        #expect(fs.contents("/fake2/skiff/pod1/c1/memory.max") == "\(1 << 20)")
    }

    @Test func statsAndOOM() throws {
        let (fs, m) = try make()
        try m.create()
        try m.apply(CgroupResources(memoryLimit: 1 << 30, pidsLimit: 50))
        let d = "/fake2/skiff/pod1/c1/"
        fs.set(d + "cpu.stat", "usage_usec 3000\nuser_usec 2000\nsystem_usec 1000\nnr_periods 9\nnr_throttled 4\nthrottled_usec 70")
        fs.set(d + "memory.current", "5000")
        fs.set(d + "memory.peak", "7000")
        fs.set(d + "memory.stat", "anon 3000\nfile 1500\nfile_mapped 200\ninactive_file 1200\npgfault 33\npgmajfault 2")
        fs.set(d + "memory.swap.current", "10")
        fs.set(d + "memory.events", "low 0\nhigh 0\nmax 6\noom 2\noom_kill 2")
        fs.set(d + "pids.current", "4")
        let s = try m.stats()
        #expect(s.cpu.usageTotalNanos == 3_000_000 && s.cpu.usageUserNanos == 2_000_000 && s.cpu.usageSystemNanos == 1_000_000)
        #expect(s.cpu.periods == 9 && s.cpu.throttledPeriods == 4 && s.cpu.throttledTimeNanos == 70_000)
        #expect(s.memory.usageBytes == 5000 && s.memory.limitBytes == 1 << 30 && s.memory.workingSetBytes == 3800)
        #expect(s.memory.rssBytes == 3000 && s.memory.cacheBytes == 1500 && s.memory.mappedFileBytes == 200)
        #expect(s.memory.maxUsageBytes == 7000)
        #expect(s.memory.swapBytes == 10 && s.memory.failcnt == 6 && s.memory.pgfault == 33 && s.memory.pgmajfault == 2)
        #expect(s.pids.current == 4 && s.pids.limit == 50)
        #expect(s.oomKills == 2)
        #expect(try m.oomKillCount() == 2)
    }

    @Test func freezeWaitsForFrozenEvent() throws {
        let (fs, m) = try make()
        try m.create()
        try m.freeze()
        #expect(fs.contents("/fake2/skiff/pod1/c1/cgroup.freeze") == "1")
        try m.thaw()
        #expect(fs.contents("/fake2/skiff/pod1/c1/cgroup.freeze") == "0")
    }

    @Test func killUsesCgroupKillWhenPresent() throws {
        let rec = SignalRecorder()
        let (fs, m) = try make(recorder: rec)
        try m.create()
        try m.addProcess(10)
        try m.addProcess(11)
        try m.killAll(signal: SIGTERM)
        #expect(rec.all.map(\.pid) == [10, 11] && rec.all.allSatisfy { $0.signal == SIGTERM })
        try m.killAll(signal: SIGKILL)
        #expect(rec.all.count == 2)
        #expect(fs.writes().contains { $0.0 == "/fake2/skiff/pod1/c1/cgroup.kill" && $0.1 == "1" })
        #expect(try m.processes().isEmpty)
        try m.destroy()
        #expect(!fs.exists("/fake2/skiff/pod1/c1"))
        #expect(fs.exists("/fake2/skiff/pod1"))
    }

    @Test func killWithoutCgroupKillFreezesAndSignals() throws {
        let rec = SignalRecorder()
        let (fs, m) = try make(recorder: rec)
        try m.create()
        try m.addProcess(12)
        try fs.rmdirFile("/fake2/skiff/pod1/c1/cgroup.kill")
        try m.killAll(signal: SIGKILL)
        #expect(rec.all.map(\.pid) == [12])
        #expect(fs.writes().filter { $0.0.hasSuffix("cgroup.freeze") }.map(\.1) == ["1", "0"])
    }

    @Test func destroyIsEBUSYWhileProcessesRemain() throws {
        let (fs, m) = try make()
        try m.create()
        try m.addProcess(99)
        do {
            try CgroupRemoval.removeTree(m.directory, fs: fs, retryFor: 5_000_000)
            Issue.record("expected EBUSY")
        } catch let e as CgroupError {
            #expect(e.description.hasPrefix("rmdir /fake2/skiff/pod1/c1: EBUSY"))
        }
    }

    @Test func factoryPicksTheDriver() throws {
        let fs = FakeCgroupFS(mounts: ["/fake2": .v2(available: ["memory"])])
        let h = CgroupHierarchies(version: .v2, unified: "/fake2")
        let m = try Cgroups.manager(path: "/x", hierarchies: h, fs: fs)
        #expect(m.version == .v2 && m.path == "/x")
        let v1 = try Cgroups.manager(path: "/x/", hierarchies: CgroupHierarchies(version: .v1, v1: ["memory": "/m"]), fs: fs)
        #expect(v1.version == .v1 && v1.path == "/x")
        #expect(throws: CgroupError.self) {
            try Cgroups.manager(path: "/x", hierarchies: CgroupHierarchies(version: .v2), fs: fs)
        }
    }
}
