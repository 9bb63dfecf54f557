import Glibc
@testable import SkiffRuntime
import Testing

/// Spec features beyond the defaults: binds with propagation, sysctls, env and cwd, rlimits.
@Suite(.privileged, .serialized) struct SpecFeatureTests {
    @Test func bindMountsReadOnlyAndReadWrite() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let host = f.dir + "/shared"
        mkdir(host, 0o755)
        try FileIO.writeAtomic(host + "/in", Array("from-host\n".utf8))
        var s = f.spec(["sh", "-c", "cat /ro/in; echo x > /ro/w || echo ro-refused; echo y > /rw/out"])
        s.mounts?.append(.init(destination: "/ro", type: "bind", source: host, options: ["rbind", "ro", "rprivate"]))
        s.mounts?.append(.init(destination: "/rw", type: "bind", source: host, options: ["bind", "rslave"]))
        let (e, log) = try f.runToExit("binds", s)
        #expect(e.exitCode == 0)
        let m = Fixture.messages(log)
        #expect(m.first == "from-host")
        #expect(m.contains("ro-refused"))
        #expect(FileIO.readString(host + "/out") == "y\n")
        #expect(!FileIO.exists(host + "/w"))
    }

    @Test func namespacedSysctlsEnvCwdRlimits() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var s = f.spec(["sh", "-c", "cat /proc/sys/kernel/shmmni; cat /proc/sys/net/ipv4/ip_unprivileged_port_start; echo $GREETING; pwd; ulimit -n; cat /proc/self/oom_score_adj"])
        s.process?.oomScoreAdj = 500
        s.linux?.sysctl = ["kernel.shmmni": "1234", "net.ipv4.ip_unprivileged_port_start": "80"]
        let env = (s.process?.env ?? []) + ["GREETING=hello"]
        s.process?.env = env
        s.process?.cwd = "/tmp"
        s.process?.rlimits = [.init(type: "RLIMIT_NOFILE", hard: 512, soft: 256)]
        let (e, log) = try f.runToExit("sysctl", s)
        #expect(e.exitCode == 0)
        #expect(Fixture.messages(log) == ["1234", "80", "hello", "/tmp", "256", "500"])
    }

    @Test func rlimitAboveHostHardLimitIsAClearError() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var s = f.spec(["true"])
        let hard = Rlimits.hostHard(7)
        guard hard != Rlimits.infinity, !Runtime.canRaiseLimits else { return } // this host may raise limits
        s.process?.rlimits = [.init(type: "RLIMIT_NOFILE", hard: hard + 1, soft: 1024)]
        #expect(throws: RuntimeError.self) { try f.create("rl", s) }
        #expect(!FileIO.exists(f.root + "/rl"))
    }

    @Test func readonlyRootRefusesWrites() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let (_, log) = try f.runToExit("rootro", f.spec(["sh", "-c", "touch /etc/x || echo refused; touch /tmp/x && echo tmp-ok"]))
        #expect(Fixture.messages(log).contains("refused"))
        #expect(Fixture.messages(log).contains("tmp-ok"))
    }
}
