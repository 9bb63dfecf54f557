import Foundation
import Testing
@testable import SkiffCgroups

/// The v1 driver against the host's real cgroupfs.
@Suite(.serialized, .enabled(if: Privileged.enabled, Privileged.skipMessage))
struct RealV1Tests {
    @Test func createApplyJoinKillDestroy() throws {
        guard let h = try Privileged.v1Host() else { print("host is not cgroup v1: skipped"); return }
        let top = Privileged.uniquePath()
        let topManager = try Cgroups.manager(path: top)
        defer { try? topManager.destroy() }
        let m = try Cgroups.manager(path: top + "/c1")
        #expect(m.version == .v1)
        try m.create()
        try m.create() // idempotent
        for mount in Set(h.v1.values) { #expect(LinuxCgroupFS().exists(mount + top + "/c1")) }

        try m.apply(CgroupResources(cpuShares: 512, cpuQuota: 50_000, cpuPeriod: 100_000, cpusetCpus: "0",
                                    cpusetMems: "0", memoryLimit: 64 << 20, memoryReservation: 32 << 20,
                                    memorySwap: 128 << 20, pidsLimit: 20))
        func read(_ c: String, _ f: String) throws -> String { try Privileged.readFile(h.v1[c, default: "?"] + top + "/c1/" + f) }
        #expect(try read("cpu", "cpu.shares") == "512")
        #expect(try read("cpu", "cpu.cfs_quota_us") == "50000")
        #expect(try read("cpu", "cpu.cfs_period_us") == "100000")
        #expect(try read("cpuset", "cpuset.cpus") == "0")
        #expect(try read("memory", "memory.limit_in_bytes") == "\(64 << 20)")
        #expect(try read("memory", "memory.soft_limit_in_bytes") == "\(32 << 20)")
        if LinuxCgroupFS().exists(h.v1["memory", default: "?"] + top + "/c1/memory.memsw.limit_in_bytes") {
            #expect(try read("memory", "memory.memsw.limit_in_bytes") == "\(128 << 20)")
        }
        #expect(try read("pids", "pids.max") == "20")
        try m.apply(CgroupResources(cpuQuota: -1, pidsLimit: -1))
        #expect(try read("cpu", "cpu.cfs_quota_us") == "-1")
        #expect(try read("pids", "pids.max") == "max")

        let child = try Privileged.spawn(["/bin/sleep", "30"])
        defer { Privileged.stop(child) }
        try m.addProcess(child.processIdentifier)
        #expect(try m.processes() == [child.processIdentifier])
        let membership = try String(contentsOfFile: "/proc/\(child.processIdentifier)/cgroup", encoding: .utf8)
        #expect(membership.contains("memory:\(top)/c1"))
        #expect(try Cgroups.path(ofPid: child.processIdentifier) == top + "/c1")
        let s = try m.stats()
        #expect(s.pids.current == 1)
        #expect(s.pids.limit == nil)
        #expect(s.memory.limitBytes == 64 << 20)
        // Pages charged before the move stay with the old cgroup (no charge migration), so an
        // idle sleep may show zero usage here; the OOM test exercises memory accounting.

        try m.killAll(signal: SIGKILL)
        child.waitUntilExit()
        #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL)
        try m.destroy()
        try topManager.destroy()
        for mount in Set(h.v1.values) {
            #expect(!LinuxCgroupFS().exists(mount + top), "left \(mount + top)")
        }
    }

    /// A fresh cgroup under a unique top-level test path; the caller destroys `top` in a defer.
    func scratch() throws -> (top: any CgroupManager, cgroup: any CgroupManager, hierarchies: CgroupHierarchies)? {
        guard let h = try Privileged.v1Host() else { print("host is not cgroup v1: skipped"); return nil }
        let top = Privileged.uniquePath()
        let m = try Cgroups.manager(path: top + "/c")
        try m.create()
        return (try Cgroups.manager(path: top), m, h)
    }

    @Test func oomKillIsCounted() throws {
        guard let (top, m, _) = try scratch() else { return }
        defer { try? top.destroy() }
        try m.apply(CgroupResources(memoryLimit: 32 << 20, memorySwap: 32 << 20))
        #expect(try m.oomKillCount() == 0)
        let (p, stdin, _, _) = try Privileged.spawnGated("exec /usr/bin/python3 -c 'b = b\"x\" * (256 << 20)'")
        defer { Privileged.stop(p) }
        try m.addProcess(p.processIdentifier)
        Privileged.release(stdin)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL)
        #expect(try m.oomKillCount() == 1)
        let s = try m.stats()
        #expect(s.oomKills == 1)
        #expect(s.memory.limitBytes == 32 << 20)
    }

    @Test func pidsLimitRefusesForks() throws {
        guard let (top, m, _) = try scratch() else { return }
        defer { try? top.destroy() }
        try m.apply(CgroupResources(pidsLimit: 1))
        let (p, stdin, out, err) = try Privileged.spawnGated("/bin/true && echo forked")
        defer { Privileged.stop(p) }
        try m.addProcess(p.processIdentifier)
        Privileged.release(stdin)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(!stdout.contains("forked"))
        #expect(stderr.lowercased().contains("fork"), "stderr: \(stderr)")

        // The same script forks fine once the limit is lifted.
        try m.apply(CgroupResources(pidsLimit: -1))
        let (q, stdin2, out2, _) = try Privileged.spawnGated("/bin/true && echo forked")
        defer { Privileged.stop(q) }
        try m.addProcess(q.processIdentifier)
        Privileged.release(stdin2)
        #expect(String(decoding: out2.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("forked"))
        q.waitUntilExit()
    }

    @Test func memoryLimitBelowUsageIsEBUSY() throws {
        guard let (top, m, _) = try scratch() else { return }
        defer { try? top.destroy() }
        let (p, stdin, out, _) = try Privileged.spawnGated(
            "exec /usr/bin/python3 -c 'import sys; b = b\"x\" * (48 << 20); print(\"ready\", flush=True); sys.stdin.read()'")
        defer { Privileged.stop(p) }
        try m.addProcess(p.processIdentifier)
        stdin.fileHandleForWriting.write(Data("go\n".utf8))
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("ready") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        #expect(try m.stats().memory.usageBytes > 40 << 20)
        do {
            try m.apply(CgroupResources(memoryLimit: 4 << 20))
            Issue.record("a limit below the anonymous usage of a swapless cgroup must fail")
        } catch let e as CgroupError {
            #expect(e.errno == EBUSY)
            #expect(e.description.contains("memory.limit_in_bytes: EBUSY"))
        }
        try? stdin.fileHandleForWriting.close()
        p.waitUntilExit()
    }

    @Test func freezeThawAndSignalAll() throws {
        guard let (top, m, h) = try scratch() else { return }
        defer { try? top.destroy() }
        let a = try SpawnedChild(["/bin/sleep", "30"])
        defer { a.stop() }
        let b = try SpawnedChild(["/bin/sleep", "30"])
        defer { b.stop() }
        try m.addProcess(a.pid)
        try m.addProcess(b.pid)
        #expect(Set(try m.processes()) == [a.pid, b.pid])
        let state = h.v1["freezer", default: "?"] + m.path + "/freezer.state"
        try m.freeze()
        #expect(try Privileged.readFile(state) == "FROZEN")
        try m.thaw()
        #expect(try Privileged.readFile(state) == "THAWED")
        try m.killAll(signal: SIGTERM)
        #expect(a.wait() == SIGTERM && b.wait() == SIGTERM)
        try m.destroy()
        for mount in h.v1MountPoints { #expect(!LinuxCgroupFS().exists(mount + m.path)) }
    }

    @Test func statsOfAnExistingCgroupWithoutCreating() throws {
        guard let (top, m, _) = try scratch() else { return }
        defer { try? top.destroy() }
        let (p, stdin, _, _) = try Privileged.spawnGated("i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done")
        defer { Privileged.stop(p) }
        try m.addProcess(p.processIdentifier)
        Privileged.release(stdin)
        p.waitUntilExit()
        let reader = try Cgroups.manager(path: m.path)
        let s = try reader.stats()
        #expect(s.cpu.usageTotalNanos > 0)
        #expect(s.cpu.usageUserNanos + s.cpu.usageSystemNanos > 0)
        #expect(s.pids.current == 0)
        #expect(throws: CgroupError.self) { try Cgroups.manager(path: m.path + "/absent").stats() }
    }

    @Test func cpuQuotaThrottlesAndAllocationShowsInWorkingSet() throws {
        guard let (top, m, _) = try scratch() else { return }
        defer { try? top.destroy() }
        try m.apply(CgroupResources(cpuQuota: 10_000, cpuPeriod: 100_000))
        let (p, stdin, out, _) = try Privileged.spawnGated("""
            exec /usr/bin/python3 -c 'import sys, time
            b = b"y" * (50 << 20)
            end = time.time() + 0.6
            while time.time() < end: pass
            print("done", flush=True)
            sys.stdin.read()'
            """)
        defer { Privileged.stop(p) }
        try m.addProcess(p.processIdentifier)
        stdin.fileHandleForWriting.write(Data("go\n".utf8))
        var seen = Data()
        while !String(decoding: seen, as: UTF8.self).contains("done") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
        }
        let s = try m.stats()
        #expect(s.cpu.periods > 0)
        #expect(s.cpu.throttledPeriods > 0)
        #expect(s.cpu.throttledTimeNanos > 0)
        #expect(s.cpu.usageTotalNanos > 10_000_000)
        #expect(s.memory.workingSetBytes >= 50 << 20)
        #expect(s.memory.maxUsageBytes >= s.memory.usageBytes)
        #expect(s.memory.rssBytes >= 50 << 20)
        #expect(s.pids.processes == 1 && s.pids.current >= 1)
        try? stdin.fileHandleForWriting.close()
        p.waitUntilExit()
    }

    @Test func podHierarchyKillAndDestroyTheWholeSubtree() throws {
        guard let h = try Privileged.v1Host() else { print("host is not cgroup v1: skipped"); return }
        let top = Privileged.uniquePath()
        let topManager = try Cgroups.manager(path: top)
        defer { try? topManager.destroy() }
        let podPath = top + (try KubeCgroups.podPath(qos: .burstable, uid: "0a1b2c"))
        let pod = try Cgroups.manager(path: podPath)
        try pod.create()
        try pod.apply(CgroupResources(cpuShares: KubeCgroups.milliCPUToShares(500),
                                      cpuQuota: KubeCgroups.milliCPUToQuota(1000), memoryLimit: 256 << 20))
        var children: [SpawnedChild] = []
        defer { for c in children { c.stop() } }
        for name in ["c1", "c2"] {
            let c = try Cgroups.manager(path: try KubeCgroups.containerPath(podPath: podPath, containerID: name))
            try c.create()
            try c.apply(CgroupResources(cpuShares: 256, memoryLimit: 64 << 20, pidsLimit: 10))
            let child = try SpawnedChild(["/bin/sleep", "30"])
            children.append(child)
            try c.addProcess(child.pid)
        }
        #expect(try Privileged.readFile(h.v1["cpu", default: "?"] + podPath + "/cpu.shares") == "512")
        #expect(try Privileged.readFile(h.v1["cpu", default: "?"] + podPath + "/cpu.cfs_quota_us") == "100000")
        #expect(try pod.processes().isEmpty)
        #expect(try pod.stats().pids.current == 2)  // hierarchical counter

        try pod.killAll(signal: SIGKILL)
        // Removal must not depend on the killed processes having been reaped yet.
        try pod.destroy()
        for c in children { #expect(c.wait() == SIGKILL) }
        for mount in h.v1MountPoints { #expect(!LinuxCgroupFS().exists(mount + podPath), "left \(mount + podPath)") }
    }
}
