import FoundationEssentials
import Glibc
@testable import SkiffRuntime
import Testing

/// The `skiff runtime` command as users run it: separate invocations, exit codes, signals.
@Suite(.privileged, .serialized) struct CLITests {
    /// The debug `skiff` next to the test bundle (swift build --build-tests builds it).
    static var binary: String { Fixture.repo + "/.build/debug/skiff" }

    struct Result { var code: Int32; var out: String }

    /// posix_spawn (no fork of this process), stdout+stderr captured.
    static func spawn(_ args: [String], onStart: ((pid_t) -> Void)? = nil) throws -> Result {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw RuntimeError.system(call: "pipe", errno: errno) }
        var fa = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fa)
        defer { posix_spawn_file_actions_destroy(&fa) }
        posix_spawn_file_actions_adddup2(&fa, fds[1], 1)
        posix_spawn_file_actions_adddup2(&fa, fds[1], 2)
        posix_spawn_file_actions_addclose(&fa, fds[0])
        let argv = ([binary] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, binary, &fa, nil, argv, environ)
        close(fds[1])
        guard rc == 0 else { close(fds[0]); throw RuntimeError.system(call: "posix_spawn \(binary)", errno: rc) }
        onStart?(pid)
        var out = [UInt8](); var buf = [UInt8](repeating: 0, count: 4096)
        while true { let n = read(fds[0], &buf, 4096); if n <= 0 { break }; out += buf[0..<n] }
        close(fds[0])
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
        return Result(code: Runtime.decodeWaitStatus(st).0, out: String(decoding: out, as: UTF8.self))
    }

    func requireBinary() throws {
        if access(Self.binary, X_OK) != 0 {
            throw RuntimeError.invalidArgument("\(Self.binary) missing: run swift build first")
        }
    }

    @Test func runPassesExitCodeAndStdio() throws {
        try Privileged.check(); try requireBinary()
        let f = try Fixture(); defer { f.cleanup() }
        try f.write(f.spec(["sh", "-c", "echo out-$(hostname); exit 42"]))
        let r = try Self.spawn(["runtime", "--root", f.root, "run", "-b", f.bundle, "cli-run"])
        #expect(r.code == 42)
        #expect(r.out == "out-skiff\n")
        #expect(!FileIO.exists(f.root + "/cli-run"))
    }

    @Test func runForwardsSignalsToTheInit() throws {
        try Privileged.check(); try requireBinary()
        let f = try Fixture(); defer { f.cleanup() }
        try f.write(f.spec(["sh", "-c", "trap 'echo got-term; exit 7' TERM; echo ready; while :; do sleep 0.05; done"]))
        let r = try Self.spawn(["runtime", "--root", f.root, "run", "-b", f.bundle, "cli-sig"]) { pid in
            // Wait for the container to be running, then signal the CLI.
            for _ in 0..<200 {
                if let s = try? f.runtime.state(id: "cli-sig"), s.status == .running { break }
                usleep(10_000)
            }
            usleep(200_000)
            kill(pid, SIGTERM)
        }
        #expect(r.code == 7, "\(r.out)")
        #expect(r.out.contains("got-term"))
    }

    @Test func separateInvocationsCreateStartStateKillDelete() throws {
        try Privileged.check(); try requireBinary()
        let f = try Fixture(); defer { f.cleanup() }
        try f.write(f.spec(["sleep", "100"]))
        let base = ["runtime", "--root", f.root]
        let pidFile = f.dir + "/pid"
        #expect(try Self.spawn(base + ["create", "-b", f.bundle, "--pid-file", pidFile, "cli"]).code == 0)
        let st1 = try Self.spawn(base + ["state", "cli"])
        let s1 = try JSONDecoder().decode(ContainerState.self, from: Data(st1.out.utf8))
        #expect(s1.status == .created)
        #expect(FileIO.readString(pidFile) == "\(s1.pid)")
        #expect(try Self.spawn(base + ["start", "cli"]).code == 0)
        let list = try Self.spawn(base + ["list", "--format", "json"])
        let all = try JSONDecoder().decode([ContainerState].self, from: Data(list.out.utf8))
        #expect(all.map(\.status) == [.running])
        let table = try Self.spawn(base + ["list"])
        #expect(table.out.hasPrefix("ID"))
        #expect(table.out.contains("running"))
        let ex = try Self.spawn(base + ["exec", "cli", "sh", "-c", "echo $$; exit 3"])
        #expect(ex.code == 3)
        #expect((Int(ex.out.trimmingCharacters(in: "\n")) ?? 999) < 10)
        let procFile = f.dir + "/process.json"
        // uid 0 without capabilities: the image root built by mkrootfs is mode 0700.
        try FileIO.writeAtomic(procFile, Array(#"{"user":{"uid":0,"gid":0},"args":["sh","-c","echo $MARK; pwd; grep CapEff /proc/self/status"],"cwd":"/tmp","env":["PATH=/bin","MARK=from-file"]}"#.utf8))
        let exP = try Self.spawn(base + ["exec", "--process", procFile, "cli"])
        #expect(exP.code == 0 && exP.out == "from-file\n/tmp\nCapEff:\t0000000000000000\n", "\(exP.out)")
        let exU = try Self.spawn(base + ["exec", "-u", "65534:65534", "cli", "id", "-g"])
        #expect(exU.out == "65534\n", "\(exU.out)")
        #expect(try Self.spawn(base + ["delete", "cli"]).code == 1, "running needs --force")
        #expect(try Self.spawn(base + ["kill", "cli", "SIGKILL"]).code == 0)
        for _ in 0..<200 { if (try? f.runtime.state(id: "cli").status) == .stopped { break }; usleep(10_000) }
        let st2 = try JSONDecoder().decode(ContainerState.self, from: Data(try Self.spawn(base + ["state", "cli"]).out.utf8))
        #expect(st2.status == .stopped && st2.exitCode == 137)
        #expect(try Self.spawn(base + ["delete", "cli"]).code == 0)
        let gone = try Self.spawn(base + ["state", "cli"])
        #expect(gone.code == 1 && gone.out.contains("does not exist"))
        let bad = try Self.spawn(base + ["kill", "cli", "NOTASIGNAL"])
        #expect(bad.code != 0 && bad.out.contains("unknown signal"))
    }

    /// The hot verbs are parsed by a small fast path; every flag spelling ArgumentParser takes
    /// must mean the same there, and anything else must still get ArgumentParser's messages.
    @Test func flagSpellingsAndUsageErrors() throws {
        try Privileged.check(); try requireBinary()
        let f = try Fixture(); defer { f.cleanup() }
        try f.write(f.spec(["sleep", "100"]))
        let pidFile = f.dir + "/pid2"
        #expect(try Self.spawn(["runtime", "run", "--root=\(f.root)", "--bundle=\(f.bundle)", "-d", "--pid-file", pidFile, "fp"]).code == 0)
        let st = try JSONDecoder().decode(ContainerState.self, from: Data(try Self.spawn(["runtime", "state", "fp", "--root", f.root]).out.utf8))
        #expect(st.status == .running && FileIO.readString(pidFile) == "\(st.pid)")
        #expect(try Self.spawn(["runtime", "--root", f.root, "kill", "--all", "fp", "9"]).code == 0)
        for _ in 0..<200 { if (try? f.runtime.state(id: "fp").status) == .stopped { break }; usleep(10_000) }
        #expect(try Self.spawn(["runtime", "--root", f.root, "delete", "-f", "fp"]).code == 0)
        #expect(try Self.spawn(["runtime", "--root", f.root, "delete", "--force", "fp"]).code == 0, "--force on a missing id is not an error")
        // Usage errors come from ArgumentParser with its usage line.
        let noDetach = try Self.spawn(["runtime", "--root", f.root, "run", "--pid-file", pidFile, "x"])
        #expect(noDetach.code == 64 && noDetach.out.contains("--pid-file needs --detach"), "\(noDetach.out)")
        let unknown = try Self.spawn(["runtime", "--root", f.root, "state", "--bogus", "x"])
        #expect(unknown.code == 64 && unknown.out.contains("Unknown option '--bogus'"), "\(unknown.out)")
        let missing = try Self.spawn(["runtime", "start"])
        #expect(missing.code == 64 && missing.out.contains("Missing expected argument '<id>'"), "\(missing.out)")
        let help = try Self.spawn(["runtime", "--help"])
        #expect(help.code == 0 && help.out.contains("skiff runtime"), "\(help.out)")
    }

    @Test func specWritesTheDefaultConfig() throws {
        try requireBinary()
        let f = try Fixture(); defer { f.cleanup() }
        let dir = f.dir + "/specdir"
        mkdir(dir, 0o755)
        #expect(try Self.spawn(["runtime", "spec", "-b", dir]).code == 0)
        let spec = try SpecLoader.load(bundle: dir)
        #expect(spec == DefaultSpec.make())
        #expect(try Self.spawn(["runtime", "spec", "-b", dir]).code == 1, "refuses to overwrite")
    }

    @Test func badConfigNamesTheField() throws {
        try Privileged.check(); try requireBinary()
        let f = try Fixture(); defer { f.cleanup() }
        try FileIO.writeAtomic(f.bundle + "/config.json", Array(#"{"ociVersion":"1.0.2","root":{"path":"/"},"process":{"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"relative"}}"#.utf8))
        let r = try Self.spawn(["runtime", "--root", f.root, "run", "-b", f.bundle, "bad"])
        #expect(r.code == 1)
        #expect(r.out.contains("config.json: process.cwd: expected an absolute path"), "\(r.out)")
    }
}
