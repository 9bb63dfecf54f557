import CSkiffRuntime
import Glibc
import FoundationEssentials

extension Runtime {
    /// Standard streams for an exec'd process; -1 keeps the caller's.
    public struct Stdio: Sendable {
        public var stdin: Int32, stdout: Int32, stderr: Int32
        /// stdin is a terminal's slave end: the process gets a session of its own with it as
        /// the controlling terminal (job control, ^C as SIGINT).
        public var terminal: Bool
        public init(stdin: Int32 = -1, stdout: Int32 = -1, stderr: Int32 = -1, terminal: Bool = false) {
            self.stdin = stdin; self.stdout = stdout; self.stderr = stderr; self.terminal = terminal
        }
    }

    /// Starts `process` inside a running container: it joins the init's namespaces and
    /// cgroup and gets the container's seccomp profile unless the process says otherwise.
    /// The returned pid is a child of the caller, which waits for it (`waitProcess`).
    public func exec(id: String, process: OCISpec.Process, stdio: Stdio = Stdio()) throws -> pid_t {
        let sd = dir(id)
        let rec = try sd.load()
        let st = status(rec, sd)
        guard st == .running || st == .created else { throw RuntimeError.invalidState(id: id, status: st, expected: "running") }
        guard let args = process.args, !args.isEmpty else {
            throw RuntimeError.invalidSpec(field: "process.args", message: "expected at least one argument")
        }
        let spec = try? Runtime.loadSpec(rec)
        var plan = LaunchPlan()
        try PlanBuilder.process(process, into: &plan, canRaiseLimits: Runtime.canRaiseLimits)
        if let s = spec?.linux?.seccomp {
            plan.seccomp = try SeccompCache.program(s, cacheDir: root + "/.seccomp")
            plan.seccompFlags = try SeccompCompiler.filterFlags(s.flags)
        }
        plan.setupRootfs = false
        plan.rootfs = rec.rootfs
        let ns: [(String, Int32)] = [("ipc", PlanBuilder.CLONE_NEWIPC), ("uts", PlanBuilder.CLONE_NEWUTS), ("net", PlanBuilder.CLONE_NEWNET),
                                     ("pid", PlanBuilder.CLONE_NEWPID), ("cgroup", PlanBuilder.CLONE_NEWCGROUP), ("mnt", PlanBuilder.CLONE_NEWNS)]
        plan.joins = ns.map { ($0.1, "/proc/\(rec.pid)/ns/\($0.0)") }
        if let path = rec.cgroupPath, let cg = try cgroups?.manager(path: path) { plan.cgroupProcs = cg.procsFiles() }
        plan.stdio = (stdio.stdin, stdio.stdout, stdio.stderr)
        plan.controllingTTY = stdio.terminal
        // The init may have exited between the status check and here; its ns files then vanish.
        var err = [CChar](repeating: 0, count: 1024)
        let pid = plan.withCPlan { skiff_exec($0, &err, 1024) }
        if pid < 0 { throw RuntimeError.setupFailed(String(cString: err)) }
        return pid
    }

    /// The config the container was created from (the in-memory spec's copy, or the bundle's).
    static func loadSpec(_ rec: ContainerRecord) throws -> OCISpec {
        guard let path = rec.specPath, path.hasSuffix("/config.json") else { return try SpecLoader.load(bundle: rec.bundle) }
        return try SpecLoader.load(bundle: String(path.dropLast("/config.json".count)))
    }

    /// Waits for a process this process started (exec); returns its exit code (128+signal).
    public func waitProcess(_ pid: pid_t) -> Int32 {
        var st: Int32 = 0
        while waitpid(pid, &st, 0) < 0 {
            if errno != EINTR { return 255 }
        }
        return Runtime.decodeWaitStatus(st).0
    }

    /// `exec --process file.json`: an OCI process object.
    public static func loadProcess(path: String) throws -> OCISpec.Process {
        guard let data = FileIO.read(path) else {
            throw RuntimeError.invalidArgument("cannot read \(path): \(errnoName(FileIO.lastErrno))")
        }
        do { return try JSONDecoder().decode(OCISpec.Process.self, from: Data(data)) } catch let e as DecodingError {
            if case .invalidSpec(let f, let m) = SpecLoader.describe(e) { throw RuntimeError.invalidSpec(field: "process." + f, message: m) }
            throw RuntimeError.invalidArgument("\(path): cannot be decoded")
        }
    }
}
