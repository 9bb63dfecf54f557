import CSkiffRuntime
import FoundationEssentials
import Glibc
import Logging
import SkiffCgroups
import Synchronization

/// The container runtime library: what `skiff runtime` and the kubelet call. State lives
/// under `root/<id>` so separate processes (create, then start, state, delete) and a
/// restarted kubelet find their containers again.
public struct Runtime: Sendable {
    public let root: String
    public let cgroups: (any RuntimeCgroupProvider)?
    let logger = Logger(label: "skiff.runtime")

    public init(root: String = "/run/skiff/runtime", cgroups: (any RuntimeCgroupProvider)? = Runtime.defaultCgroups()) {
        self.root = root
        self.cgroups = cgroups
    }

    /// Options a caller can add to what the bundle says.
    public struct CreateOptions: Sendable {
        /// CRI log file for stdout/stderr of a detached container (default: in the state dir).
        public var logPath: String?
        /// Use this spec instead of reading `<bundle>/config.json`.
        public var spec: OCISpec?
        /// Mount this overlay and use it as the root (spec `root.path` is ignored).
        public var overlay: OverlayRoot?
        /// Rotate the log file once it exceeds this many bytes (0: never).
        public var logMaxBytes: Int64
        /// Log files kept (current + rotated); the monitor removes older ones it rotated (0: all).
        public var logMaxFiles: Int
        public init(logPath: String? = nil, spec: OCISpec? = nil, overlay: OverlayRoot? = nil, logMaxBytes: Int64 = 0, logMaxFiles: Int = 0) {
            self.logPath = logPath; self.spec = spec; self.overlay = overlay; self.logMaxBytes = logMaxBytes; self.logMaxFiles = logMaxFiles
        }
    }

    func dir(_ id: String) -> StateDir { StateDir(root: root, id: id) }

    /// `body` with a C string for `s`, or NULL.
    static func withOptionalCString<R>(_ s: String?, _ body: (UnsafePointer<CChar>?) throws -> R) rethrows -> R {
        guard let s else { return try body(nil) }
        return try s.withCString { try body($0) }
    }

    // MARK: create / start

    /// Sets a container up and leaves its init waiting for `start` (the exec fifo). The init
    /// is watched by a monitor process that logs its output and records its exit.
    @discardableResult
    public func create(id: String, bundle: String, options: CreateOptions = CreateOptions()) throws -> ContainerState {
        try prepare(id: id, bundle: bundle, options: options, detached: true) { plan, sd, cgroup in
            var shim: pid_t = 0, initPid: pid_t = 0, done: Int32 = -1
            var err = [CChar](repeating: 0, count: 1024)
            let log = options.logPath ?? sd.defaultLog
            let rc = plan.withCPlan { p in
                log.withCString { lp in sd.exitFile.withCString { ep in sd.exitTmpFile.withCString { tp in
                    Self.withOptionalCString(cgroup?.oomEventsFile) { oom in
                        var o = skiff_shim_opts(log_path: lp, exit_path: ep, exit_tmp_path: tp, log_max_bytes: options.logMaxBytes,
                                                log_max_files: Int32(clamping: options.logMaxFiles), oom_events_path: oom)
                        return skiff_create_detached(p, &o, &shim, &initPid, &done, &err, 1024)
                    }
                } } }
            }
            if rc != 0 { throw RuntimeError.setupFailed(String(cString: err)) }
            MonitorPipes.add(shim: shim, fd: done)
            return (initPid, shim, log)
        }
    }

    /// Releases a created container's init into execve.
    public func start(id: String) throws {
        let sd = dir(id)
        let rec = try sd.load()
        let st = status(rec, sd)
        guard st == .created else { throw RuntimeError.invalidState(id: id, status: st, expected: "created") }
        let fd = open(sd.execFifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 { throw RuntimeError.system(call: "open \(sd.execFifo)", errno: errno) }
        defer { close(fd) }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let r = poll(&pfd, 1, 100)
            if r > 0 {
                var b: UInt8 = 0
                let n = read(fd, &b, 1)
                if n == 1 { break }
            }
            if r < 0 && errno != EINTR { throw RuntimeError.system(call: "poll exec fifo", errno: errno) }
            if status(rec, sd) == .stopped {
                throw RuntimeError.invalidState(id: id, status: .stopped, expected: "created")
            }
        }
        unlink(sd.execFifo)
    }

    /// Shared by create (detached) and run (foreground): state dir, cgroup, overlay, plan;
    /// `launch` makes the processes. On any failure everything made so far is removed.
    func prepare(id: String, bundle: String, options: CreateOptions, detached: Bool,
                 launch: (LaunchPlan, StateDir, (any RuntimeCgroup)?) throws -> (pid_t, pid_t?, String?)) throws -> ContainerState {
        try StateDir.validate(id: id)
        let sd = dir(id)
        try FileIO.mkdirAll(root, mode: 0o711)
        if mkdir(sd.dir, 0o711) != 0 {
            if errno == EEXIST { throw RuntimeError.alreadyExists(id: id) }
            throw RuntimeError.system(call: "mkdir \(sd.dir)", errno: errno)
        }
        var cgroup: (any RuntimeCgroup)?
        var overlayMounted = false
        var ok = false
        defer {
            if !ok {
                if let cg = cgroup { try? cg.killAll(signal: SIGKILL); try? cg.destroy() }
                if overlayMounted, let ov = options.overlay { try? ov.unmount() }
                sd.forget()
                FileIO.removeTree(sd.dir)
            }
        }
        let bundlePath = absolute(bundle)
        let spec = try options.spec ?? SpecLoader.load(bundle: bundlePath)
        if options.spec != nil { try SpecValidation.validate(spec) }
        var rootfs = absolute(spec.root?.path ?? "rootfs", relativeTo: bundlePath)
        var seccomp: [UInt8] = []
        if let s = spec.linux?.seccomp { seccomp = try SeccompCache.program(s, cacheDir: root + "/.seccomp") }
        let resources = ResourceMapping.map(spec.linux?.resources)
        if let provider = cgroups {
            let path = spec.linux?.cgroupsPath ?? "/skiff/\(id)"
            guard path.hasPrefix("/"), !path.contains(":") else {
                throw RuntimeError.invalidSpec(field: "linux.cgroupsPath", message: "expected an absolute cgroup path like /skiff/\(id)")
            }
            let cg = try provider.manager(path: path)
            try cg.create()
            cgroup = cg
            try cg.apply(resources)
        } else if !ResourceMapping.isEmpty(resources) {
            throw RuntimeError.invalidSpec(field: "linux.resources", message: "cgroups are not available on this host")
        }
        if let ov = options.overlay {
            try ov.mount()
            overlayMounted = true
            rootfs = ov.mergedDir
        }
        guard PlanBuilder.isDirectory(rootfs) else {
            throw RuntimeError.invalidSpec(field: "root.path", message: "\(rootfs) is not a directory")
        }
        var plan = try PlanBuilder.initPlan(spec: spec, bundle: bundlePath, rootfs: rootfs, cgroup: cgroup,
                                            seccomp: seccomp, canRaiseLimits: Runtime.canRaiseLimits)
        if detached {
            if skiff_mkfifo(sd.execFifo, 0o622) != 0 { throw RuntimeError.system(call: "mkfifo \(sd.execFifo)", errno: errno) }
            plan.execFifo = sd.execFifo
            if plan.cloneFlags & PlanBuilder.CLONE_NEWNET != 0, let fd = NetnsPool.shared.take() {
                plan.cloneFlags &= ~PlanBuilder.CLONE_NEWNET
                plan.netnsFd = fd
            }
        }
        defer { if let fd = plan.netnsFd { close(fd) } }
        let created = Timestamp.now()
        // The record exists before the processes so a concurrent `state` can see "creating".
        var rec = ContainerRecord(ociVersion: "1.0.2", id: id, bundle: bundlePath, rootfs: rootfs, pid: 0, pidStartTime: -1,
                                  shimPid: nil, created: created, cgroupPath: cgroup?.path, logPath: nil,
                                  overlayMount: options.overlay?.mergedDir, annotations: spec.annotations,
                                  specPath: bundlePath + "/config.json")
        if options.spec != nil {
            try FileIO.writeAtomic(sd.specCopy, Array(try JSONEncoder().encode(spec)))
            rec.specPath = sd.specCopy
        }
        try sd.save(rec)
        let (pid, shim, log) = try launch(plan, sd, cgroup)
        rec.pid = pid
        rec.pidStartTime = skiff_proc_start_time(pid)
        rec.shimPid = shim
        rec.logPath = log
        try sd.save(rec)
        ok = true
        logger.debug("created container", metadata: ["id": "\(id)", "pid": "\(pid)"])
        return ContainerState(ociVersion: rec.ociVersion, id: id, status: detached ? .created : .running, pid: pid,
                              bundle: bundlePath, rootfs: rootfs, created: created, annotations: spec.annotations,
                              exitCode: nil, exitReason: nil)
    }

    static var canRaiseLimits: Bool {
        // CAP_SYS_RESOURCE (24) in the effective set of this thread, which the child is cloned from.
        skiff_has_effective_cap(24) == 1
    }

    // MARK: state

    func procState(_ rec: ContainerRecord) -> Character? {
        guard rec.pid > 0 else { return nil }
        let c = skiff_proc_state(rec.pid)
        guard c != 0, skiff_proc_start_time(rec.pid) == rec.pidStartTime else { return nil }
        return Character(Unicode.Scalar(UInt8(bitPattern: c)))
    }

    func status(_ rec: ContainerRecord, _ sd: StateDir) -> ContainerStatus {
        if rec.pid == 0 { return FileIO.exists(sd.exitFile) ? .stopped : .creating }
        return StatusDecision.decide(hasExitFile: FileIO.exists(sd.exitFile), procState: procState(rec),
                                     execFifoExists: FileIO.exists(sd.execFifo))
    }

    func exitInfo(_ rec: ContainerRecord, _ sd: StateDir) -> ExitInfo? {
        // The monitor recorded whether the OOM killer struck, as the init died: a cgroup torn
        // down later (the pod's teardown) cannot turn OOMKilled into Error.
        guard let text = FileIO.readString(sd.exitFile) else { return nil }
        return ExitInfo.parse(text)
    }

    public func state(id: String) throws -> ContainerState {
        try StateDir.validate(id: id)
        let sd = dir(id)
        let rec = try sd.load()
        let st = status(rec, sd)
        var s = ContainerState(ociVersion: rec.ociVersion, id: id, status: st, pid: st == .stopped ? 0 : rec.pid,
                               bundle: rec.bundle, rootfs: rec.rootfs, created: rec.created, annotations: rec.annotations,
                               exitCode: nil, exitReason: nil)
        if st == .stopped, let e = exitInfo(rec, sd) {
            s.exitCode = e.exitCode
            s.exitReason = e.reason
            var a = s.annotations ?? [:]
            a["io.skiff.exit-reason"] = e.reason
            if let err = e.error { a["io.skiff.exit-error"] = err }
            s.annotations = a
        }
        return s
    }

    public func list() -> [ContainerState] {
        FileIO.listDir(root).filter { !$0.hasPrefix(".") }.compactMap { try? state(id: $0) }
    }

    // MARK: wait / kill / delete

    /// Blocks until the container's init has ended and returns how. Reaps the monitor when
    /// it is this process's child and has exited; one that is still exiting is reaped by delete.
    public func wait(id: String) throws -> ExitInfo {
        let sd = dir(id)
        let rec = try sd.load()
        if let shim = rec.shimPid, let fd = MonitorPipes.fd(shim: shim) {
            // A monitor this process made says when the exit file is written: the exit is
            // known without waiting for the monitor's own exit, which delete reaps.
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            while poll(&pfd, 1, -1) < 0 && errno == EINTR {}
            if let e = exitInfo(rec, sd) {
                MonitorPipes.reapIfExited(shim: shim)
                return e
            }
        }
        if let shim = rec.shimPid, shim != getpid() {
            var st: Int32 = 0
            while waitpid(shim, &st, 0) < 0 && errno == EINTR {}
            MonitorPipes.remove(shim: shim)
        }
        var delay: UInt32 = 500
        while true {
            if let e = exitInfo(rec, sd) { return e }
            if status(rec, sd) == .stopped, let shim = rec.shimPid, skiff_proc_state(shim) == 0 || skiff_proc_state(shim) == 90 {
                // The monitor is gone without an exit file (killed): report what we know.
                if let e = exitInfo(rec, sd) { return e }
                return ExitInfo(exitCode: 255, signal: 0, finishedAt: Timestamp.now(), error: "monitor exited without a status", reason: "Error")
            }
            usleep(delay)
            delay = min(delay * 2, 50_000)
        }
    }

    public func kill(id: String, signal: Int32, all: Bool = false) throws {
        let sd = dir(id)
        let rec = try sd.load()
        let st = status(rec, sd)
        guard st == .created || st == .running else { throw RuntimeError.invalidState(id: id, status: st, expected: "created or running") }
        if all, let path = rec.cgroupPath, let cg = try cgroups?.manager(path: path) {
            try cg.killAll(signal: signal)
            return
        }
        if Glibc.kill(rec.pid, signal) != 0 { throw RuntimeError.system(call: "kill \(rec.pid)", errno: errno) }
    }

    /// Removes a stopped (or created) container: processes, cgroup, overlay mount, state.
    /// A running one needs `force` (SIGKILL first).
    public func delete(id: String, force: Bool = false) throws {
        try StateDir.validate(id: id)
        let sd = dir(id)
        let rec = try sd.load()
        var st = status(rec, sd)
        if st == .running && !force { throw RuntimeError.invalidState(id: id, status: st, expected: "stopped (or use --force)") }
        if st == .created || st == .running {
            _ = Glibc.kill(rec.pid, SIGKILL)
            for _ in 0..<2000 where st != .stopped { usleep(2000); st = status(rec, sd) }
        }
        // Our monitor, once it has written the exit file, is only ending: it is reaped last,
        // its exit overlapping the teardown below.
        var reapLast: pid_t?
        if let shim = rec.shimPid, MonitorPipes.isDone(shim: shim), FileIO.exists(sd.exitFile) { reapLast = shim }
        defer {
            if let shim = reapLast {
                var s: Int32 = 0
                while waitpid(shim, &s, 0) < 0 && errno == EINTR {}
            }
            if let shim = rec.shimPid { MonitorPipes.remove(shim: shim) }
        }
        if reapLast == nil, let shim = rec.shimPid, shim != getpid() {
            // Reap our own monitor child; wait briefly for it to write its exit file.
            var s: Int32 = 0
            for _ in 0..<500 {
                let r = waitpid(shim, &s, WNOHANG)
                if r == shim || (r < 0 && errno == ECHILD) { break }
                let ps = skiff_proc_state(shim)
                if ps == 0 || ps == 90 { break }
                usleep(2000)
            }
        }
        if let path = rec.cgroupPath, let cg = try? cgroups?.manager(path: path) {
            // Leftovers (a shared pid namespace, or an init that escaped its children) die first;
            // an empty cgroup skips the freeze-and-kill round.
            if let procs = try? cg.processes(), !procs.isEmpty { try? cg.killAll(signal: SIGKILL) }
            try cg.destroy()
        }
        if let merged = rec.overlayMount {
            if umount2(merged, Int32(MNT_DETACH)) != 0 && errno != EINVAL && errno != ENOENT {
                throw RuntimeError.system(call: "umount \(merged)", errno: errno)
            }
        }
        sd.forget()
        FileIO.removeTree(sd.dir)
    }

    // MARK: helpers

    func absolute(_ p: String, relativeTo base: String? = nil) -> String {
        if p.hasPrefix("/") { return normalize(p) }
        if let base { return normalize(base + "/" + p) }
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX))
        guard getcwd(&buf, buf.count) != nil else { return p }
        return normalize(String(cString: buf) + "/" + p)
    }

    func normalize(_ p: String) -> String {
        var out: [Substring] = []
        for c in p.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !out.isEmpty { out.removeLast() }; continue }
            out.append(c)
        }
        return "/" + out.joined(separator: "/")
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// The read ends of the pipes whose write end only a monitor made by this process holds
/// (skiff_create_detached), by monitor pid. An entry also means the monitor is this process's
/// child and not reaped yet, so a blocking waitpid on it can never pick up another process
/// that reused the pid.
enum MonitorPipes {
    private static let fds = Mutex<[pid_t: Int32]>([:])

    static func add(shim: pid_t, fd: Int32) {
        guard fd >= 0 else { return }
        let old = fds.withLock { map -> Int32? in
            let old = map[shim]
            map[shim] = fd
            return old
        }
        if let old { close(old) }
    }

    static func fd(shim: pid_t) -> Int32? { fds.withLock { $0[shim] } }

    /// The monitor has written the exit file or ended: its end of the pipe is closed.
    static func isDone(shim: pid_t) -> Bool {
        guard let fd = fd(shim: shim) else { return false }
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&pfd, 1, 0) > 0
    }

    /// Reaps the monitor if it has already exited (and forgets it then).
    static func reapIfExited(shim: pid_t) {
        var st: Int32 = 0
        let r = waitpid(shim, &st, WNOHANG)
        if r == shim || (r < 0 && errno == ECHILD) { remove(shim: shim) }
    }

    /// The monitor was reaped (or is not ours to reap): close and forget its pipe.
    static func remove(shim: pid_t) {
        if let fd = fds.withLock({ $0.removeValue(forKey: shim) }) { close(fd) }
    }
}

/// RFC 3339 timestamps with nanoseconds, as OCI state and CRI logs use.
enum Timestamp {
    static func now() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var buf = [CChar](repeating: 0, count: 40)
        _ = skiff_format_rfc3339nano(Int64(ts.tv_sec), ts.tv_nsec, &buf, 40)
        return String(cString: buf)
    }
}
