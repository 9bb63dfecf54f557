import Foundation
import Testing
@testable import SkiffCgroups

/// The v1 driver under real workloads that join through `procsFiles()`, as a C child does:
/// stats of a live, CPU-throttled workload, the freezer really stopping it, killAll reaching
/// forked children, destroy of a nested subtree, and the errors for missing cgroups and pids.
@Suite(.serialized, .enabled(if: Privileged.enabled, Privileged.skipMessage))
struct HostV1WorkloadTests {
    @Test func hybridHostIsDetectedAsV1() throws {
        let mounts = CgroupMountTable.parse(try LinuxCgroupFS().read("/proc/self/mounts"))
        let v1Controllers = mounts.filter { $0.fsType == "cgroup" && $0.mountPoint.hasPrefix("/sys/fs/cgroup/") }
            .flatMap { CgroupMountTable.controllers(of: $0) }.filter { !$0.hasPrefix("name=") }
        let unifiedAtRoot = mounts.contains { $0.fsType == "cgroup2" && $0.mountPoint == "/sys/fs/cgroup" }
        guard !v1Controllers.isEmpty, !unifiedAtRoot else { print("host is not cgroup v1: skipped"); return }
        #expect(try Cgroups.detect() == .v1)
        let h = try Cgroups.hierarchies()
        for c in v1Controllers { #expect(h.v1[c] != nil, "controller \(c) not found") }
        #expect(h.unified == nil)
    }

    @Test func statsOfALiveWorkload() throws {
        guard let h = try Privileged.v1Host() else { print("host is not cgroup v1: skipped"); return }
        let python = try HostWorkload.python()
        let cg = try ScratchCgroup(h)
        defer { cg.cleanUp() }
        // 10% of one CPU, so half a second of spinning is throttled.
        try cg.manager.apply(CgroupResources(cpuQuota: 10_000, cpuPeriod: 100_000, memoryLimit: 256 << 20, pidsLimit: 10))
        let script = "import time\nb = b\"x\" * (24 << 20)\nt = time.time()\nwhile time.time() - t < 0.5: pass\n"
            + "print(\"ready\", flush=True)\ntime.sleep(30)\n"
        let w = try HostWorkload(joining: cg.manager, exec: "\(python) -c '\(script)'")
        defer { w.stop() }
        #expect(w.readLine() == "ready")

        let s = try cg.manager.stats()
        #expect(s.cpu.usageTotalNanos > 10_000_000)
        #expect(s.cpu.usageUserNanos + s.cpu.usageSystemNanos > 0)
        #expect(s.cpu.periods > 0)
        #expect(s.cpu.throttledPeriods > 0)
        #expect(s.cpu.throttledTimeNanos > 0)
        #expect(s.memory.usageBytes >= 24 << 20)
        #expect(s.memory.rssBytes >= 24 << 20)
        #expect(s.memory.workingSetBytes <= s.memory.usageBytes)
        #expect(s.memory.workingSetBytes >= 24 << 20)
        #expect(s.memory.limitBytes == 256 << 20)
        #expect(s.memory.pgfault > 0)
        #expect(s.pids.current == 1)
        #expect(s.pids.limit == 10)
        #expect(try cg.manager.processes() == [w.pid])

        // A second manager for the same path reads the same cgroup without creating anything.
        let reader = try Cgroups.manager(path: cg.manager.path)
        let again = try reader.stats()
        #expect(again.memory.limitBytes == 256 << 20)
        #expect(again.cpu.usageTotalNanos >= s.cpu.usageTotalNanos)
    }

    @Test func statsOfAMissingCgroupNameThePath() throws {
        guard try Privileged.v1Host() != nil else { print("host is not cgroup v1: skipped"); return }
        let m = try Cgroups.manager(path: Privileged.uniquePath() + "/absent")
        do {
            _ = try m.stats()
            Issue.record("stats of a missing cgroup succeeded")
        } catch let e as CgroupError {
            #expect(e.errno == ENOENT)
            #expect(e.description.contains(m.path), "\(e)")
        }
    }

    @Test func addingAnExitedProcessNamesTheFileAndESRCH() throws {
        guard let h = try Privileged.v1Host() else { print("host is not cgroup v1: skipped"); return }
        let cg = try ScratchCgroup(h)
        defer { cg.cleanUp() }
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        do {
            try cg.manager.addProcess(gone.processIdentifier)
            Issue.record("joining an exited pid succeeded")
        } catch let e as CgroupError {
            #expect(e.errno == ESRCH)
            #expect(e.description.contains("/cgroup.procs: ESRCH"), "\(e)")
        }
    }

    @Test func freezeStopsAndThawResumes() throws {
        guard let h = try Privileged.v1Host(), h.v1["freezer"] != nil else { print("no v1 freezer: skipped"); return }
        let cg = try ScratchCgroup(h)
        defer { cg.cleanUp() }
        // A shell that prints a counter each 20 ms; frozen, it prints nothing.
        let w = try HostWorkload(joining: cg.manager, exec:
            "/bin/sh -c 'i=0; while :; do i=$((i+1)); echo $i; sleep 0.02; done'")
        defer { w.stop() }
        #expect(!w.readLine().isEmpty)
        try cg.manager.freeze()
        #expect(try cg.read("freezer", "freezer.state") == "FROZEN")
        // Whatever was printed before the freeze is drained; a frozen shell adds nothing.
        usleep(100_000)
        let before = w.availableLines().compactMap { Int($0) }.max() ?? 0
        usleep(200_000)
        #expect(w.availableLines().isEmpty, "a frozen workload kept printing")
        let state = try String(contentsOfFile: "/proc/\(w.pid)/stat", encoding: .utf8)
        let code = state.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? "?"
        #expect(code != "R", "a frozen task is running")

        try cg.manager.thaw()
        #expect(try cg.read("freezer", "freezer.state") == "THAWED")
        #expect((Int(w.readLine()) ?? 0) > before)
    }

    @Test func killAllReachesEveryProcessAndDestroyLeavesNothing() throws {
        guard let h = try Privileged.v1Host() else { print("host is not cgroup v1: skipped"); return }
        let cg = try ScratchCgroup(h)
        defer { cg.cleanUp() }
        let nested = try Cgroups.manager(path: cg.manager.path + "/nested")
        try nested.create()
        let w = try HostWorkload(joining: cg.manager, exec:
            "/bin/sh -c 'sleep 30 & sleep 30 & sleep 30 & echo started; wait'")
        defer { w.stop() }
        #expect(w.readLine() == "started")
        #expect(try ScratchCgroup.eventually { try cg.manager.processes().count == 4 })

        try cg.manager.killAll(signal: SIGKILL)
        _ = w.wait()
        #expect(w.killedBySIGKILL)
        #expect(try ScratchCgroup.eventually { try cg.manager.processes().isEmpty })
        if h.v1["freezer"] != nil { #expect(try cg.read("freezer", "freezer.state") == "THAWED") }

        try cg.top.destroy()
        try cg.top.destroy() // a missing cgroup is fine
        for mount in h.v1MountPoints {
            #expect(!LinuxCgroupFS().exists(mount + cg.top.path), "left \(mount + cg.top.path)")
        }
    }
}
