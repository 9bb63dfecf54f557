import Glibc
@testable import SkiffRuntime
import Testing

/// Real containers in real cgroups (root): `linux.resources` limits hold from inside, OOM
/// kills are reported as such, and delete removes the cgroup from every hierarchy.
@Suite(.privileged, .serialized) struct CgroupContainerTests {
    /// The container's cgroup directories (one per v1 hierarchy, or the unified one).
    static func cgroupDirs(_ id: String) throws -> [String] {
        let cg = try HostCgroups().manager(path: "/skiff/\(id)")
        return cg.procsFiles().map { String($0.dropLast("/cgroup.procs".count)) }
    }

    /// A file of the container's cgroup by name (`pids.current`, `cpu.stat` ...), in
    /// whichever hierarchy holds it.
    static func cgroupFile(_ id: String, _ name: String) throws -> String? {
        try cgroupDirs(id).map { $0 + "/" + name }.first { FileIO.exists($0) }
    }

    static func waitUntil(seconds: Double, _ cond: () throws -> Bool) rethrows -> Bool {
        let deadline = Int(seconds * 100)
        for _ in 0..<deadline {
            if try cond() { return true }
            usleep(10_000)
        }
        return try cond()
    }

    @Test func memoryHogIsOOMKilledAndReported() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let id = "oom-\(getpid())"
        // The string doubles until the 32 MiB limit (no swap beyond it) is hit.
        var s = f.spec(["sh", "-c", "x=0123456789abcdef; while :; do x=$x$x; done"])
        s.linux?.resources = .init(memory: .init(limit: 32 << 20, swap: 32 << 20))
        _ = try f.create(id, s)
        try f.runtime.start(id: id)
        let e = try f.runtime.wait(id: id)
        #expect(e.exitCode == 137 && e.signal == SIGKILL)
        #expect(e.reason == "OOMKilled")
        let st = try f.runtime.state(id: id)
        #expect(st.status == .stopped)
        #expect(st.exitReason == "OOMKilled")
        #expect(st.annotations?["io.skiff.exit-reason"] == "OOMKilled")
        try f.runtime.delete(id: id)

        // Control: the same container under a generous limit exits on its own.
        let ok = "oomok-\(getpid())"
        var s2 = f.spec(["sh", "-c", "x=0123456789abcdef; for i in 1 2 3 4 5 6 7 8 9 10; do x=$x$x; done; echo ${#x}"])
        s2.linux?.resources = .init(memory: .init(limit: 32 << 20, swap: 32 << 20))
        let (e2, log) = try f.runToExit(ok, s2)
        #expect(e2.exitCode == 0 && e2.reason == "Completed")
        #expect(Fixture.messages(log) == ["16384"])
    }

    @Test func forkBombIsStoppedByThePidsLimit() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let id = "pids-\(getpid())"
        // Bounded so a broken limit cannot harm the host: 200 sleepers at most. The subshell
        // gives up at its first failed fork; the init then stays without forking again.
        let loop = "(i=0; while [ $i -lt 200 ]; do sleep 30 & i=$((i+1)); done); echo spawned; exec sleep 30"
        var s = f.spec(["sh", "-c", loop])
        s.linux?.resources = .init(pids: .init(limit: 16))
        _ = try f.create(id, s)
        try f.runtime.start(id: id)
        let log = StateDir(root: f.root, id: id).defaultLog
        let refused = Self.waitUntil(seconds: 10) { (FileIO.readString(log) ?? "").contains("spawned") }
        #expect(refused, "the loop ended")
        let text = FileIO.readString(log) ?? ""
        #expect(text.contains("can't fork") || text.contains("Resource temporarily unavailable"), "\(text)")
        guard let current = try Self.cgroupFile(id, "pids.current") else {
            Issue.record("no pids.current in \(try Self.cgroupDirs(id))"); return
        }
        let n = Int((FileIO.readString(current) ?? "").trimmingCharacters(in: " \n")) ?? -1
        #expect(n > 1 && n <= 16, "pids.current = \(n)")
        try f.runtime.delete(id: id, force: true)
    }

    @Test func cpuQuotaThrottles() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let id = "cpu-\(getpid())"
        var s = f.spec(["sh", "-c", "while :; do :; done"])
        s.linux?.resources = .init(cpu: .init(quota: 10_000, period: 100_000))
        _ = try f.create(id, s)
        try f.runtime.start(id: id)
        guard let stat = try Self.cgroupFile(id, "cpu.stat") else {
            Issue.record("no cpu.stat in \(try Self.cgroupDirs(id))"); return
        }
        func throttled() -> Int {
            let text = FileIO.readString(stat) ?? ""
            let line = text.split(separator: "\n").first { $0.hasPrefix("nr_throttled ") }
            return Int(line?.split(separator: " ").last ?? "") ?? -1
        }
        // A busy loop at 10% of one cpu is throttled within a few periods of 100 ms.
        #expect(Self.waitUntil(seconds: 5) { throttled() > 0 }, "nr_throttled stayed \(throttled())")
        try f.runtime.delete(id: id, force: true)
    }

    @Test func deleteRemovesTheCgroupEverywhere() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let id = "cgdel-\(getpid())"
        var s = f.spec(["sleep", "100"])
        s.linux?.resources = .init(pids: .init(limit: 64))
        let st = try f.create(id, s)
        try f.runtime.start(id: id)
        let dirs = try Self.cgroupDirs(id)
        #expect(!dirs.isEmpty)
        for d in dirs {
            let procs = FileIO.readString(d + "/cgroup.procs") ?? ""
            #expect(procs.split(separator: "\n").contains(Substring("\(st.pid)")), "\(d): \(procs)")
        }
        try f.runtime.delete(id: id, force: true)
        for d in dirs { #expect(!FileIO.exists(d), "\(d) remains") }
        #expect(!FileIO.exists(f.root + "/" + id))
        #expect(initIsGone(st.pid))
    }

    /// The init is gone (or a zombie nobody reaped yet) once delete returned.
    func initIsGone(_ pid: Int32) -> Bool {
        guard let text = FileIO.readString("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return true }
        let rest = text[text.index(after: close)...].trimmingCharacters(in: " ")
        return rest.hasPrefix("Z") || rest.hasPrefix("X")
    }
}
