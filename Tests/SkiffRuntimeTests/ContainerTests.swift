import FoundationEssentials
import Glibc
@testable import SkiffRuntime
import Testing

/// Real containers (root): namespaces, mounts, capabilities, seccomp, as seen from inside.
@Suite(.privileged, .serialized) struct ContainerTests {
    @Test func initIsPID1AndSeesNoHostProcess() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let (e, log) = try f.runToExit("pid1", f.spec(["sh", "-c", "echo pid=$$; ls /proc | grep -c '^[0-9]'"]))
        #expect(e.exitCode == 0)
        let m = Fixture.messages(log)
        #expect(m.first == "pid=1")
        // sh and ls (and grep) only: nothing from the host.
        #expect((Int(m.last ?? "") ?? 99) <= 3, "\(m)")
    }

    @Test func hostname() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var s = f.spec(["hostname"]); s.hostname = "box-7"
        let (_, log) = try f.runToExit("host", s)
        #expect(Fixture.messages(log) == ["box-7"])
    }

    @Test func effectiveCapabilitiesAreTheConfiguredOnes() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let (_, log) = try f.runToExit("caps", f.spec(["grep", "-E", "^Cap(Eff|Prm|Bnd|Inh|Amb)", "/proc/self/status"]))
        let m = Fixture.messages(log)
        #expect(m.contains("CapEff:\t00000000a80425fb"))
        #expect(m.contains("CapPrm:\t00000000a80425fb"))
        #expect(m.contains("CapBnd:\t00000000a80425fb"))
        #expect(m.contains("CapInh:\t0000000000000000"))
        // execve as root makes effective = permitted = bounding (no SECBIT_NOROOT), as with runc.
        var s = f.spec(["grep", "-E", "^Cap(Eff|Bnd)", "/proc/self/status"])
        let two = ["CAP_KILL", "CAP_CHOWN"]
        s.process?.capabilities = .init(bounding: two, effective: two, permitted: two)
        let (_, log2) = try f.runToExit("caps2", s)
        #expect(Fixture.messages(log2) == ["CapEff:\t0000000000000021", "CapBnd:\t0000000000000021"])
    }

    @Test func noNewPrivsAndSeccompFilterAreOn() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let (_, log) = try f.runToExit("nnp", f.spec(["grep", "-E", "^(NoNewPrivs|Seccomp):", "/proc/self/status"]))
        #expect(Fixture.messages(log) == ["NoNewPrivs:\t1", "Seccomp:\t2"])
    }

    @Test func procSysIsReadOnlyAndKcoreMasked() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        // Masked files read empty; those this kernel lacks (often /proc/kcore) stay absent.
        let masked = ["/proc/kcore", "/proc/keys", "/proc/timer_list", "/proc/sched_debug"]
        let present = masked.filter { FileIO.exists($0) }
        let reads = masked.map { "if [ -e \($0) ]; then echo \($0)=$(cat \($0) | wc -c); else echo \($0)=absent; fi" }.joined(separator: "; ")
        let script = "echo 1 > /proc/sys/kernel/ns_last_pid && echo wrote; \(reads); echo firmware=$(ls /sys/firmware | wc -l)"
        let (_, log) = try f.runToExit("ro", f.spec(["sh", "-c", script]))
        let m = Fixture.messages(log)
        #expect(!m.contains("wrote"))
        #expect(m.contains { $0.contains("Read-only file system") }, "\(m)")
        for p in masked { #expect(m.contains(present.contains(p) ? "\(p)=0" : "\(p)=absent"), "\(p): \(m)") }
        // stdout and stderr are separate pipes, so only membership is stable, not order.
        #expect(m.contains("firmware=0"), "\(m)")
    }

    @Test func exitCodesAndSignalsPassThrough() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let (e, _) = try f.runToExit("exit42", f.spec(["sh", "-c", "exit 42"]))
        #expect(e.exitCode == 42 && e.signal == 0 && e.reason == "Error")
        let (ok, _) = try f.runToExit("exit0", f.spec(["true"]))
        #expect(ok.exitCode == 0 && ok.reason == "Completed")

        _ = try f.create("sig", f.spec(["sleep", "100"]))
        try f.runtime.start(id: "sig")
        #expect(try f.runtime.state(id: "sig").status == .running)
        try f.runtime.kill(id: "sig", signal: SIGKILL)
        let k = try f.runtime.wait(id: "sig")
        #expect(k.exitCode == 137 && k.signal == 9)
        let st = try f.runtime.state(id: "sig")
        #expect(st.status == .stopped && st.exitCode == 137)
        try f.runtime.delete(id: "sig")
    }

    @Test func createStartAreSeparateSteps() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let created = try f.create("cs", f.spec(["sh", "-c", "echo started"]))
        #expect(created.status == .created && created.pid > 0)
        usleep(100_000)
        #expect(try f.runtime.state(id: "cs").status == .created)
        let log = StateDir(root: f.root, id: "cs").defaultLog
        #expect((FileIO.readString(log) ?? "").isEmpty, "nothing runs before start")
        try f.runtime.start(id: "cs")
        _ = try f.runtime.wait(id: "cs")
        #expect(Fixture.messages(FileIO.readString(log) ?? "") == ["started"])
        #expect(throws: RuntimeError.self) { try f.runtime.start(id: "cs") }
        try f.runtime.delete(id: "cs")
        #expect(throws: RuntimeError.notFound(id: "cs")) { try f.runtime.state(id: "cs") }
    }

    @Test func criLogFormat() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let (_, log) = try f.runToExit("log", f.spec(["sh", "-c", "echo one; echo two >&2; printf tail"]))
        let lines = log.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        for l in lines {
            let p = l.split(separator: " ", maxSplits: 3)
            #expect(p.count == 4)
            #expect(p[0].count == 30 && p[0].hasSuffix("Z") && p[0].dropFirst(10).first == "T", "\(l)")
            #expect(p[1] == "stdout" || p[1] == "stderr")
            #expect(p[2] == "F" || p[2] == "P")
        }
        #expect(lines.contains { $0.hasSuffix(" stdout F one") })
        #expect(lines.contains { $0.hasSuffix(" stderr F two") })
        #expect(lines.contains { $0.hasSuffix(" stdout F tail") })
    }

    /// Lines longer than the monitor's buffer are split into P (partial) records and an F
    /// record for the end of the line, as CRI readers expect.
    @Test func longLinesBecomePartialRecords() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let (_, log) = try f.runToExit("long", f.spec(["sh", "-c", "head -c 20000 /dev/zero | tr '\\0' x; echo; echo short"]))
        let recs = log.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false) }
        #expect(recs.count == 3, "\(recs.map { $0.prefix(3) })")
        guard recs.count == 3 else { return }
        #expect(recs[0][2] == "P" && recs[0][3].count == 16384)
        #expect(recs[1][2] == "F" && recs[1][3].count == 20000 - 16384)
        #expect(recs[2][2] == "F" && recs[2][3] == "short")
    }

    @Test func uidAndGroupsSwitch() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var s = f.spec(["id"])
        s.process?.user = .init(uid: 1000, gid: 1001, additionalGids: [2000, 2001])
        let (e, log) = try f.runToExit("uid", s)
        #expect(e.exitCode == 0)
        #expect(Fixture.messages(log) == ["uid=1000 gid=1001 groups=2000,2001"])
    }

    /// Ambient capabilities survive execve for a non-root user (the other sets do not).
    @Test func ambientCapabilitiesForANonRootUser() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var s = f.spec(["grep", "-E", "^Cap(Eff|Amb)", "/proc/self/status"])
        s.process?.user = .init(uid: 1000, gid: 1000)
        // DAC_OVERRIDE: the image root made by mkrootfs is mode 0700.
        let caps = ["CAP_NET_BIND_SERVICE", "CAP_DAC_OVERRIDE"]
        s.process?.capabilities = .init(bounding: caps, effective: caps, inheritable: caps, permitted: caps, ambient: caps)
        let (e, log) = try f.runToExit("ambient", s)
        #expect(e.exitCode == 0, "\(log)")
        #expect(Fixture.messages(log) == ["CapEff:\t0000000000000402", "CapAmb:\t0000000000000402"])
    }

    @Test func execSeesTheContainerPidNamespace() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("ex", f.spec(["sleep", "100"]))
        try f.runtime.start(id: "ex")
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let pid = try f.runtime.exec(id: "ex", process: .init(args: ["sh", "-c", "echo $$; ps -o pid,comm | tr -s ' '"]),
                                     stdio: .init(stdout: fds[1]))
        close(fds[1])
        var out = [UInt8](); var buf = [UInt8](repeating: 0, count: 4096)
        while true { let n = read(fds[0], &buf, 4096); if n <= 0 { break }; out += buf[0..<n] }
        close(fds[0])
        #expect(f.runtime.waitProcess(pid) == 0)
        let lines = String(decoding: out, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: " ") }
        #expect((Int(lines.first ?? "") ?? 999) < 10, "\(lines)")
        #expect(lines.contains("1 sleep"), "\(lines)")
        try f.runtime.delete(id: "ex", force: true)
    }

    /// An exec on a terminal from the container's own devpts: the process sees /dev/pts/N as
    /// its controlling terminal, in a session of its own, with the size the master end set.
    @Test func execOnATerminal() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("tty", f.spec(["sleep", "100"]))
        defer { try? f.runtime.delete(id: "tty", force: true) }
        try f.runtime.start(id: "tty")
        let initPid = try f.runtime.state(id: "tty").pid
        let pair = try Terminal.open(ptsDir: "/proc/\(initPid)/root/dev/pts")
        Terminal.resize(pair.master, rows: 33, columns: 101)
        let pid = try f.runtime.exec(id: "tty", process: .init(args: ["sh", "-c", "tty; stty size; [ $$ = $(cut -d' ' -f6 /proc/self/stat) ] && echo leader"]),
                                     stdio: .init(stdin: pair.slave, stdout: pair.slave, stderr: pair.slave, terminal: true))
        close(pair.slave)
        var out = [UInt8](); var buf = [UInt8](repeating: 0, count: 4096)
        while true { let n = read(pair.master, &buf, 4096); if n <= 0 { break }; out += buf[0..<n] }  // EIO once the slave is gone
        close(pair.master)
        #expect(f.runtime.waitProcess(pid) == 0)
        let lines = String(decoding: out, as: UTF8.self).split(whereSeparator: \.isNewline)  // "\r\n" is one Character
        #expect(lines.first?.hasPrefix("/dev/pts/") == true, "\(lines)")
        #expect(lines.contains("33 101"), "\(lines)")
        #expect(lines.contains("leader"), "\(lines)")
    }

    /// The kubelet passes specs in memory: exec still gets the container's seccomp profile.
    @Test func inMemorySpecExecKeepsSeccomp() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let emptyBundle = f.dir + "/empty-bundle"
        mkdir(emptyBundle, 0o755)
        _ = try f.runtime.create(id: "mem", bundle: emptyBundle, options: .init(spec: f.spec(["sleep", "100"])))
        defer { try? f.runtime.delete(id: "mem", force: true) }
        try f.runtime.start(id: "mem")
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let pid = try f.runtime.exec(id: "mem", process: .init(args: ["grep", "^Seccomp:", "/proc/self/status"]), stdio: .init(stdout: fds[1]))
        close(fds[1])
        var out = [UInt8](); var buf = [UInt8](repeating: 0, count: 4096)
        while true { let n = read(fds[0], &buf, 4096); if n <= 0 { break }; out += buf[0..<n] }
        close(fds[0])
        #expect(f.runtime.waitProcess(pid) == 0)
        #expect(String(decoding: out, as: UTF8.self) == "Seccomp:\t2\n")
    }

    /// CVE-2019-5736: until execve the init runs our binary image; it is non-dumpable, so a
    /// process in the container (even root with the default capabilities) cannot open it.
    @Test func ourBinaryIsNotReachableFromTheContainer() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("cve", f.spec(["true"]))
        // The init waits for start: it is still a copy of this process, before execve.
        let st = try f.runtime.state(id: "cve")
        #expect(st.status == .created)
        var link = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/\(st.pid)/exe", &link, 4095)
        #expect(n > 0 && !String(cString: link).hasSuffix("/busybox"), "the init has not exec'd yet")
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let pid = try f.runtime.exec(id: "cve", process: .init(args: ["sh", "-c", "cat /proc/1/exe > /dev/null && echo OPENED; ls -l /proc/1/exe 2>&1; echo done"]),
                                     stdio: .init(stdout: fds[1], stderr: fds[1]))
        close(fds[1])
        var out = [UInt8](); var buf = [UInt8](repeating: 0, count: 4096)
        while true { let r = read(fds[0], &buf, 4096); if r <= 0 { break }; out += buf[0..<r] }
        close(fds[0])
        _ = f.runtime.waitProcess(pid)
        let text = String(decoding: out, as: UTF8.self)
        #expect(!text.contains("OPENED"), "\(text)")
        #expect(text.contains("Permission denied"), "\(text)")
        #expect(text.contains("done"))
        try f.runtime.delete(id: "cve", force: true)
    }

    @Test func joinsANetworkNamespaceByPath() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let name = "skiff-rt-test-\(getpid())"
        #expect(system("ip netns add \(name) && ip -n \(name) link add sk0test type veth peer name sk0peer") == 0)
        defer { _ = system("ip netns del \(name) 2>/dev/null") }
        var s = f.spec(["cat", "/proc/net/dev"])
        let namespaces = (s.linux?.namespaces ?? []).map { $0.type == "network" ? OCISpec.Namespace(type: "network", path: "/run/netns/\(name)") : $0 }
        s.linux?.namespaces = namespaces
        let (e, log) = try f.runToExit("netns", s)
        #expect(e.exitCode == 0)
        #expect(log.contains("sk0test:"), "\(log)")
        // And without the path: a fresh namespace has only lo.
        let (_, fresh) = try f.runToExit("netns2", f.spec(["cat", "/proc/net/dev"]))
        #expect(!fresh.contains("sk0test"))
        #expect(fresh.contains("lo:"))
    }

    /// A pod sharing its process namespace: the second container joins the first one's pid
    /// namespace by path and sees its processes.
    @Test func joinsAPidNamespaceByPath() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("pid-owner", f.spec(["sleep", "100"]))
        try f.runtime.start(id: "pid-owner")
        let owner = try f.runtime.state(id: "pid-owner").pid
        var s = f.spec(["sh", "-c", "echo self=$$; ps -o pid,comm | tr -s ' '"])
        let namespaces = (s.linux?.namespaces ?? []).map { $0.type == "pid" ? OCISpec.Namespace(type: "pid", path: "/proc/\(owner)/ns/pid") : $0 }
        s.linux?.namespaces = namespaces
        let (e, log) = try f.runToExit("pid-joiner", s)
        #expect(e.exitCode == 0)
        let m = Fixture.messages(log).map { $0.trimmingCharacters(in: " ") }
        #expect(m.contains("1 sleep"), "\(m)")
        #expect(!m.contains("self=1"), "\(m)")
        try f.runtime.delete(id: "pid-owner", force: true)
    }

    @Test func seccompBlocksMountUnshareKeyctl() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let probe = try SyscallProbe.build(in: f.dir)
        func run(_ id: String, seccomp: Bool) throws -> [String] {
            var s = f.spec(["/probe"])
            s.mounts?.append(.init(destination: "/probe", type: "bind", source: probe, options: ["bind", "ro"]))
            // CAP_SYS_ADMIN so only the filter can say no.
            s.process?.capabilities = .init(bounding: ["CAP_SYS_ADMIN"], effective: ["CAP_SYS_ADMIN"], permitted: ["CAP_SYS_ADMIN"])
            if !seccomp { s.linux?.seccomp = nil }
            let (_, log) = try f.runToExit(id, s)
            return Fixture.messages(log)
        }
        let filtered = try run("sc1", seccomp: true)
        #expect(filtered == ["mount=EPERM", "unshare=EPERM", "keyctl=EPERM", "clone-newns=EPERM"])
        let open = try run("sc2", seccomp: false)
        #expect(open == ["mount=0", "unshare=0", "keyctl=0", "clone-newns=0"], "the control run shows the filter did the refusing")
        // busybox's own applets see the same.
        let (_, bb) = try f.runToExit("sc3", f.spec(["sh", "-c", "unshare -u true; mount -t tmpfs none /tmp"]))
        #expect(bb.contains("Operation not permitted") || bb.contains("permission denied"), "\(bb)")
    }

    @Test func setupFailureNamesStepAndLeavesNothing() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var s = f.spec(["true"])
        s.mounts?.append(.init(destination: "/data", type: "nosuchfs", source: "none", options: []))
        let before = FileIO.readString("/proc/self/mountinfo")?.split(separator: "\n").count ?? 0
        #expect(throws: RuntimeError.setupFailed("mount /data: ENODEV")) { try f.create("bad", s) }
        #expect(!FileIO.exists(f.root + "/bad"))
        #expect((FileIO.readString("/proc/self/mountinfo")?.split(separator: "\n").count ?? 0) == before)
        var s2 = f.spec(["/no/such/binary"])
        s2.process?.env = ["PATH=/bin"]
        #expect(throws: RuntimeError.setupFailed("exec lookup /no/such/binary: ENOENT")) { try f.create("bad2", s2) }
        #expect(!FileIO.exists(f.root + "/bad2"))
        #expect(f.runtime.list().isEmpty)
    }

    @Test func overlayRootIsCopyOnWriteAndUnmountedOnDelete() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let ov = OverlayRoot(lowerDirs: [Fixture.image], containerDir: f.dir + "/ov")
        var s = f.spec(["sh", "-c", "echo hello > /etc/skiff-test && cat /etc/skiff-test"])
        s.root?.readonly = false
        let (e, log) = try f.runToExit("ov", s, options: .init(overlay: ov))
        #expect(e.exitCode == 0)
        #expect(Fixture.messages(log) == ["hello"])
        #expect(FileIO.readString(ov.upperDir + "/etc/skiff-test") == "hello\n")
        #expect(!FileIO.exists(Fixture.image + "/etc/skiff-test"))
        let mounts = FileIO.readString("/proc/self/mountinfo") ?? ""
        #expect(!mounts.contains(ov.mergedDir))
    }

    /// An image symlink pointing at a host path must not carry mounts or directories out of
    /// the root (targets are resolved inside the root).
    @Test func imageSymlinksCannotRedirectMountsToTheHost() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let outside = f.dir + "/outside"
        mkdir(outside, 0o755)
        let ov = OverlayRoot(lowerDirs: [Fixture.image], containerDir: f.dir + "/ov")
        for d in [ov.upperDir, ov.workDir, ov.mergedDir] { try FileIO.mkdirAll(d) }
        #expect(symlink(outside, ov.upperDir + "/data") == 0)
        var s = f.spec(["sh", "-c", "echo inside > /data/sub/file && echo wrote"])
        s.root?.readonly = false
        s.mounts?.append(.init(destination: "/data/sub", type: "tmpfs", source: "tmpfs", options: []))
        // The dangling (inside the root) symlink is not followed out: setup stops at it.
        #expect(throws: RuntimeError.setupFailed("mkdir /data/sub: ENOENT")) {
            try f.runToExit("symlink", s, options: .init(overlay: ov))
        }
        #expect(!FileIO.exists(outside + "/sub"), "a directory was created on the host through the image's symlink")
        #expect(!(FileIO.readString("/proc/self/mountinfo") ?? "").contains(ov.mergedDir), "the overlay is unmounted")
        #expect(FileIO.listDir(outside).isEmpty)
    }

    /// PID 1 here does not reap orphans: an init whose monitor died stays a zombie, and
    /// `state` must call that stopped (not running, as kill(pid, 0) would say).
    @Test func zombieInitCountsAsStopped() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        // This process adopts the orphaned init (instead of PID 1) so the test can reap it.
        setSubreaper(true)
        defer { setSubreaper(false) }
        _ = try f.create("zombie", f.spec(["sleep", "100"]))
        try f.runtime.start(id: "zombie")
        let rec = try StateDir(root: f.root, id: "zombie").load()
        let initPid = rec.pid
        guard let shim = rec.shimPid else { Issue.record("no monitor pid"); return }
        kill(shim, SIGKILL)
        var st: Int32 = 0
        _ = waitpid(shim, &st, 0)
        kill(initPid, SIGKILL)
        var state: CChar = 0
        for _ in 0..<200 { state = skiffProcState(initPid); if state == 90 { break }; usleep(5000) }
        #expect(state == 90, "the init is a zombie now")
        #expect(kill(initPid, 0) == 0, "kill(pid, 0) still succeeds on a zombie")
        #expect(try f.runtime.state(id: "zombie").status == .stopped)
        let e = try f.runtime.wait(id: "zombie")
        #expect(e.reason == "Error")
        _ = waitpid(initPid, &st, 0)
        try f.runtime.delete(id: "zombie")
    }

    /// Containers started one after another in one process (the later ones get a network
    /// namespace made ahead of time) each have their own fresh one: a loopback device that is
    /// down, as sysfs and /proc inside show it, and no other interface. All four stay alive
    /// until each has answered, because the kernel reuses a freed namespace's inode number.
    @Test func eachContainerGetsItsOwnFreshNetworkNamespace() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        var buf = [CChar](repeating: 0, count: 64)
        let n = readlink("/proc/self/ns/net", &buf, 63)
        let host = n > 0 ? String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        let script = "readlink /proc/self/ns/net; ls /sys/class/net | tr '\\n' ' '; echo; cat /sys/class/net/lo/flags; "
            + "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | tr '\\n' ' '; echo; exec sleep 100"
        let ids = (0..<4).map { "net\($0)" }
        for id in ids {
            _ = try f.create(id, f.spec(["sh", "-c", script]))
            try f.runtime.start(id: id)
        }
        var seen = Set<String>()
        for id in ids {
            let logPath = StateDir(root: f.root, id: id).defaultLog
            var m: [String] = []
            for _ in 0..<400 {
                m = Fixture.messages(FileIO.readString(logPath) ?? "")
                if m.count >= 4 { break }
                usleep(5000)
            }
            guard m.count >= 4 else { Issue.record("\(id): unexpected output \(m)"); continue }
            #expect(m[0].hasPrefix("net:[") && m[0] != host, "not the host's namespace")
            #expect(seen.insert(m[0]).inserted, "a namespace of its own")
            #expect(m[1].trimmingCharacters(in: " ") == "lo")
            #expect(m[2] == "0x8", "loopback down")
            #expect(m[3].trimmingCharacters(in: " ") == "lo")
        }
        for id in ids {
            try f.runtime.kill(id: id, signal: SIGKILL)
            _ = try f.runtime.wait(id: id)
            try f.runtime.delete(id: id)
        }
    }

    /// `wait` returns as soon as the monitor has recorded the exit; `delete` then reaps the
    /// monitor, so this process keeps no zombie.
    @Test func deleteReapsTheMonitorAfterWait() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("reap", f.spec(["true"]))
        guard let shim = try StateDir(root: f.root, id: "reap").load().shimPid else { Issue.record("no monitor pid"); return }
        try f.runtime.start(id: "reap")
        #expect(try f.runtime.wait(id: "reap").exitCode == 0)
        #expect(try f.runtime.wait(id: "reap").exitCode == 0, "a second wait answers the same")
        try f.runtime.delete(id: "reap")
        var st: Int32 = 0
        let r = waitpid(shim, &st, WNOHANG)
        #expect(r == -1 && errno == ECHILD, "the monitor was reaped")
    }

    @Test func deleteLeavesNoStateOrMounts() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("gone", f.spec(["sleep", "100"]))
        try f.runtime.start(id: "gone")
        #expect(throws: RuntimeError.self) { try f.runtime.delete(id: "gone") }
        try f.runtime.delete(id: "gone", force: true)
        #expect(!FileIO.exists(f.root + "/gone"))
        let mounts = FileIO.readString("/proc/self/mountinfo") ?? ""
        #expect(!mounts.contains(f.dir))
    }
}

/// A tiny static C program that tries the syscalls the default profile refuses and prints
/// the errno name of each (or 0), built by the test with cc.
enum SyscallProbe {
    static let source = #"""
    #define _GNU_SOURCE
    #include <errno.h>
    #include <sched.h>
    #include <stdio.h>
    #include <string.h>
    #include <sys/mount.h>
    #include <sys/syscall.h>
    #include <sys/wait.h>
    #include <unistd.h>
    static const char *r(long v) { return v < 0 ? strerrorname_np(errno) : "0"; }
    int main(void) {
        printf("mount=%s\n", r(mount("none", "/tmp", "tmpfs", 0, NULL)));
        printf("unshare=%s\n", r(unshare(CLONE_NEWUTS)));
        printf("keyctl=%s\n", r(syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3 /* session */, 1)));
        long c = syscall(SYS_clone, CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0);
        if (c == 0) _exit(0);
        if (c > 0) waitpid(c, 0, 0);
        printf("clone-newns=%s\n", r(c));
        return 0;
    }
    """#

    static func build(in dir: String) throws -> String {
        let src = dir + "/probe.c", bin = dir + "/probe"
        try FileIO.writeAtomic(src, Array(source.utf8))
        guard system("cc -static -O1 -o \(bin) \(src)") == 0 else {
            throw RuntimeError.invalidArgument("cc -static failed building the syscall probe")
        }
        return bin
    }
}
