import Glibc
@testable import SkiffRuntime
import SkiffCgroups
import Testing

/// Linux resources enforced through the host's cgroups (v1 here, v2 elsewhere).
@Suite(.privileged, .serialized) struct CgroupLimitTests {
    func cgroupDirs(_ path: String) throws -> [String] {
        try HostCgroups().manager(path: path).procsFiles().map { String($0.dropLast("/cgroup.procs".count)) }
    }

    @Test func memoryHogIsOOMKilledAndReported() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var s = f.spec(["dd", "if=/dev/zero", "of=/dev/null", "bs=200M", "count=1"])
        s.linux?.cgroupsPath = "/skiff-test/oom-\(getpid())"
        s.linux?.resources = .init(memory: .init(limit: 32 << 20, swap: 32 << 20))
        _ = try f.create("oom", s)
        try f.runtime.start(id: "oom")
        let e = try f.runtime.wait(id: "oom")
        #expect(e.signal == 9 && e.exitCode == 137)
        #expect(e.reason == "OOMKilled")
        #expect(FileIO.readString(StateDir(root: f.root, id: "oom").exitFile)?.contains("oomKilled=1\n") == true,
                "the monitor recorded the verdict as the init died")
        let st = try f.runtime.state(id: "oom")
        #expect(st.exitReason == "OOMKilled")
        #expect(st.annotations?["io.skiff.exit-reason"] == "OOMKilled")
        try f.runtime.delete(id: "oom")
    }

    @Test func forkBombIsStoppedByPidsLimit() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let path = "/skiff-test/pids-\(getpid())"
        var s = f.spec(["sleep", "100"])
        s.linux?.cgroupsPath = path
        s.linux?.resources = .init(pids: .init(limit: 16))
        _ = try f.create("pids", s)
        try f.runtime.start(id: "pids")
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let bomb = "i=0; while [ $i -lt 60 ]; do sleep 30 >/dev/null 2>&1 & i=$((i+1)); done"
        let pid = try f.runtime.exec(id: "pids", process: .init(args: ["sh", "-c", bomb]), stdio: .init(stderr: fds[1]))
        close(fds[1])
        var out = [UInt8](); var buf = [UInt8](repeating: 0, count: 4096)
        while true { let n = read(fds[0], &buf, 4096); if n <= 0 { break }; out += buf[0..<n] }
        close(fds[0])
        let rc = f.runtime.waitProcess(pid)
        let text = String(decoding: out, as: UTF8.self)
        #expect(rc != 0)
        #expect(text.contains("can't fork"), "\(text)")
        let count = try HostCgroups().manager(path: path).processes().count
        #expect(count <= 16 && count >= 10, "\(count) processes in the cgroup")
        try f.runtime.delete(id: "pids", force: true)
    }

    @Test func cpuQuotaThrottles() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let script = "sh -c 'while :; do :; done' & sleep 0.6; kill $!; cat /sys/fs/cgroup/cpu/cpu.stat 2>/dev/null || cat /sys/fs/cgroup/cpu.stat"
        var s = f.spec(["sh", "-c", script])
        s.linux?.cgroupsPath = "/skiff-test/cpu-\(getpid())"
        s.linux?.resources = .init(cpu: .init(quota: 10_000, period: 100_000))
        let (_, log) = try f.runToExit("cpu", s)
        let throttled = Fixture.messages(log).compactMap { $0.hasPrefix("nr_throttled ") ? Int($0.dropFirst(13)) : nil }.first ?? 0
        #expect(throttled > 0, "\(log)")
    }

    @Test func deleteRemovesTheCgroupAndState() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let path = "/skiff-test/gone-\(getpid())"
        var s = f.spec(["sleep", "100"])
        s.linux?.cgroupsPath = path
        s.linux?.resources = .init(pids: .init(limit: 50))
        _ = try f.create("cg", s)
        let dirs = try cgroupDirs(path)
        #expect(!dirs.isEmpty)
        for d in dirs { #expect(FileIO.exists(d), "\(d)") }
        try f.runtime.start(id: "cg")
        let pid = try f.runtime.state(id: "cg").pid
        let procs = try HostCgroups().manager(path: path).processes()
        #expect(procs.contains(pid))
        try f.runtime.delete(id: "cg", force: true)
        for d in dirs { #expect(!FileIO.exists(d), "\(d) remains") }
        #expect(!FileIO.exists(f.root + "/cg"))
        #expect(!(FileIO.readString("/proc/self/mountinfo") ?? "").contains(f.dir))
    }

    @Test func killAllSignalsEveryProcessInTheCgroup() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let path = "/skiff-test/killall-\(getpid())"
        var s = f.spec(["sh", "-c", "sleep 100 & sleep 100 & trap '' TERM; wait"])
        s.linux?.cgroupsPath = path
        _ = try f.create("killall", s)
        try f.runtime.start(id: "killall")
        let cg = try HostCgroups().manager(path: path)
        var n = 0
        for _ in 0..<200 { n = try cg.processes().count; if n >= 3 { break }; usleep(10_000) }
        #expect(n >= 3)
        try f.runtime.kill(id: "killall", signal: SIGKILL, all: true)
        let e = try f.runtime.wait(id: "killall")
        #expect(e.signal == SIGKILL)
        #expect(try cg.processes().isEmpty)
        try f.runtime.delete(id: "killall")
    }

    @Test func setupFailureRemovesTheCgroup() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let path = "/skiff-test/fail-\(getpid())"
        var s = f.spec(["true"])
        s.linux?.cgroupsPath = path
        s.linux?.resources = .init(pids: .init(limit: 50))
        s.mounts?.append(.init(destination: "/x", type: "bind", source: "/proc/self/nonexistent-\(getpid())", options: ["bind"]))
        #expect(throws: RuntimeError.self) { try f.create("cgfail", s) }
        var s2 = f.spec(["true"])
        s2.linux?.cgroupsPath = path
        s2.linux?.resources = .init(pids: .init(limit: 50))
        s2.mounts?.append(.init(destination: "/proc/x", type: "tmpfs", source: "tmpfs", options: []))
        // /proc is mounted by then: mkdir under it fails in the child.
        #expect(throws: RuntimeError.setupFailed("mkdir /proc/x: ENOENT")) { try f.create("cgfail2", s2) }
        for d in try cgroupDirs(path) { #expect(!FileIO.exists(d), "\(d) remains") }
        #expect(!FileIO.exists(f.root + "/cgfail2"))
    }
}
