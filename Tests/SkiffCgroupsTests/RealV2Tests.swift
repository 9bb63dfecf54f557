import Foundation
import Testing
@testable import SkiffCgroups

/// The v2 driver's controller-independent parts (create, join, freeze, cgroup.kill, cpu.stat,
/// destroy, the eBPF device filter) against a real cgroup2 mount. On the hybrid build hosts
/// that is /sys/fs/cgroup/unified, which offers no cpu/memory/pids controllers, so limits are
/// checked against the fake. Serialized in one suite because both tests change (and restore)
/// the mount root's cgroup.subtree_control.
@Suite(.serialized, .enabled(if: Privileged.enabled, Privileged.skipMessage))
struct RealV2Tests {
    @Test func joinFreezeKillDestroyOnRealCgroup2() throws {
        guard let mount = try Privileged.cgroup2Mount() else { print("no cgroup2 mount: skipped"); return }
        let restore = try Privileged.restoringRootSubtree(mount)
        defer { restore() }
        let top = Privileged.uniquePath()
        let topManager = try CgroupV2Manager(path: top, mount: mount)
        defer { try? topManager.destroy() }
        let m = try CgroupV2Manager(path: top + "/c", mount: mount)
        try m.create()
        try m.create()
        let fs = LinuxCgroupFS()
        #expect(fs.exists(mount + top + "/c/cgroup.procs"))
        // Delegation for real: whatever wanted controller the root offers (hugetlb on the hybrid
        // build hosts) reaches the leaf through every ancestor's subtree_control.
        let offered = Set(try Privileged.readFile(mount + "/cgroup.controllers").split(separator: " ").map(String.init))
        let leaf = Set(try Privileged.readFile(mount + top + "/c/cgroup.controllers").split(separator: " ").map(String.init))
        #expect(offered.intersection(CgroupV2Manager.wantedControllers) == leaf)

        let child = try SpawnedChild(["/bin/sleep", "30"])
        defer { child.stop() }
        try m.addProcess(child.pid)
        #expect(try m.processes() == [child.pid])
        #expect(try Privileged.readFile("/proc/\(child.pid)/cgroup").contains("0::\(top)/c"))

        try m.freeze()
        #expect(try Privileged.readFile(mount + top + "/c/cgroup.events").contains("frozen 1"))
        try m.thaw()
        #expect(try Privileged.readFile(mount + top + "/c/cgroup.events").contains("frozen 0"))

        if leaf.contains("hugetlb") && fs.exists(mount + top + "/c/hugetlb.2MB.max") {
            // A limit of a delegated controller, written and read back from the kernel.
            try m.apply(CgroupResources(hugepageLimits: ["2MB": 4 << 20]))
            #expect(try Privileged.readFile(mount + top + "/c/hugetlb.2MB.max") == "\(4 << 20)")
        }
        let controllers = try Privileged.readFile(mount + top + "/c/cgroup.controllers")
        if !controllers.split(separator: " ").contains("memory") {
            // No memory controller delegated here: the error says so and names the file.
            do {
                try m.apply(CgroupResources(memoryLimit: 64 << 20))
                Issue.record("expected ENOENT without a memory controller")
            } catch let e as CgroupError {
                #expect(e.description == "write \(mount)\(top)/c/memory.max: ENOENT (the memory controller is not enabled for this cgroup)")
            }
        }
        _ = try m.stats()

        try m.killAll(signal: SIGKILL)
        #expect(child.wait() == SIGKILL)
        try m.destroy()
        try topManager.destroy()
        #expect(!fs.exists(mount + top))
    }

    @Test func v2DeviceFilterIsLoadedAndEnforced() throws {
        guard let mount = try Privileged.cgroup2Mount() else { print("no cgroup2 mount: skipped"); return }
        let restore = try Privileged.restoringRootSubtree(mount)
        defer { restore() }
        let top = Privileged.uniquePath()
        let topManager = try CgroupV2Manager(path: top, mount: mount)
        defer { try? topManager.destroy() }
        let m = try CgroupV2Manager(path: top + "/c", mount: mount)
        try m.create()
        #expect(try RealDeviceTests.probe(in: m).contains("zero-open"))
        try m.apply(CgroupResources(devices: RealDeviceTests.rules))
        let out = try RealDeviceTests.probe(in: m)
        #expect(out.contains("zero-denied") && out.contains("null-open"), "probe said: \(out)")
        // A second apply replaces the program rather than stacking another one.
        try m.apply(CgroupResources(devices: [CgroupDeviceRule(allow: true)]))
        #expect(try RealDeviceTests.probe(in: m).contains("zero-open"))
    }
}
