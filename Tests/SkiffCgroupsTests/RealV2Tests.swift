import Foundation
import Testing
@testable import SkiffCgroups

/// The v2 driver's controller-independent parts (create, join, freeze, cgroup.kill, cpu.stat,
/// destroy) against a real cgroup2 mount. On the hybrid build hosts that is the empty
/// /sys/fs/cgroup/unified, which is also why limits are checked against the fake there.
@Suite(.serialized, .enabled(if: Privileged.enabled, Privileged.skipMessage))
struct RealV2Tests {
    func unifiedMount() throws -> String? {
        let mounts = CgroupMountTable.parse(try LinuxCgroupFS().read("/proc/self/mounts"))
        return mounts.first { $0.fsType == "cgroup2" }?.mountPoint
    }

    @Test func joinFreezeKillDestroyOnRealCgroup2() throws {
        guard let mount = try unifiedMount() else { print("no cgroup2 mount: skipped"); return }
        let top = Privileged.uniquePath()
        let topManager = try CgroupV2Manager(path: top, mount: mount)
        defer { try? topManager.destroy() }
        let m = try CgroupV2Manager(path: top + "/c", mount: mount)
        try m.create()
        try m.create()
        let fs = LinuxCgroupFS()
        #expect(fs.exists(mount + top + "/c/cgroup.procs"))

        let child = try SpawnedChild(["/bin/sleep", "30"])
        defer { child.stop() }
        try m.addProcess(child.pid)
        #expect(try m.processes() == [child.pid])
        #expect(try Privileged.readFile("/proc/\(child.pid)/cgroup").contains("0::\(top)/c"))

        try m.freeze()
        #expect(try Privileged.readFile(mount + top + "/c/cgroup.events").contains("frozen 1"))
        try m.thaw()
        #expect(try Privileged.readFile(mount + top + "/c/cgroup.events").contains("frozen 0"))

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
}
