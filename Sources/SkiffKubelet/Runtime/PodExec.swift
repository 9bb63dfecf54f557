import Foundation
import SkiffSubprocess
import SkiffRuntime
#if canImport(Glibc)
import Glibc
#endif

/// A process started in a container for a streaming exec: our ends of its pipes.
public struct ExecProcess: Sendable {
    public var pid: Int32
    /// Write end of its stdin (-1 when it has none: it reads /dev/null).
    public var stdin: Int32
    public var stdout: Int32
    /// -1 with a tty request (stderr goes to stdout, as on a terminal).
    public var stderr: Int32
    /// The terminal's master end with a tty request (for window resizes), else -1. Not owned:
    /// it is the same terminal as `stdout`.
    public var terminal: Int32 = -1
}

/// pipe(2) with both ends close-on-exec (the exec helper dups the child's ends onto 0-2).
func cloexecPipe(_ fds: inout [Int32]) -> Int32 { Subprocess.cloexecPipe(&fds) }

extension PodRuntime {
    /// Starts `command` in a running container with the container's user, environment and
    /// working directory, its streams on pipes the caller reads and writes.
    /// With a tty, `size` (when the client sent one) is the terminal's window size from the
    /// start, so the process never sees an unsized terminal.
    public func execStreaming(id: String, command: [String], stdin: Bool, tty: Bool,
                              size: (rows: UInt16, columns: UInt16)? = nil) throws -> ExecProcess {
        guard !command.isEmpty else { throw PodRuntimeError(reason: "BadRequest", message: "command: expected at least one argument") }
        var proc = OCISpec.Process(user: OCISpec.User(uid: 0, gid: 0), args: command, cwd: "/")
        let st = try? runtime.state(id: id)
        if let st, let spec = try? SpecLoader.load(bundle: st.bundle), let p = spec.process {
            proc.user = p.user; proc.env = p.env; proc.capabilities = p.capabilities; proc.noNewPrivileges = p.noNewPrivileges
            proc.cwd = p.cwd
        }
        if tty { return try execOnTerminal(id: id, process: proc, initPid: st?.pid ?? 0, stdin: stdin, size: size) }
        var inP: [Int32] = [-1, -1], outP: [Int32] = [-1, -1], errP: [Int32] = [-1, -1]
        func closeAll() { for fd in inP + outP + errP where fd >= 0 { close(fd) } }
        if stdin { guard cloexecPipe(&inP) == 0 else { throw PodRuntimeError(reason: "ExecError", message: "pipe: \(String(cString: strerror(errno)))") } }
        guard cloexecPipe(&outP) == 0 else { closeAll(); throw PodRuntimeError(reason: "ExecError", message: "pipe: \(String(cString: strerror(errno)))") }
        guard cloexecPipe(&errP) == 0 else { closeAll(); throw PodRuntimeError(reason: "ExecError", message: "pipe: \(String(cString: strerror(errno)))") }
        let devnull = stdin ? -1 : open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { if devnull >= 0 { close(devnull) } }
        let pid: Int32
        do {
            pid = try runtime.exec(id: id, process: proc, stdio: Runtime.Stdio(stdin: stdin ? inP[0] : devnull, stdout: outP[1],
                                                                             stderr: errP[1]))
        } catch {
            closeAll()
            throw PodRuntimeError(reason: "ExecError", message: "\(error)")
        }
        // The child has its ends now; keep only ours.
        if inP[0] >= 0 { close(inP[0]) }
        close(outP[1])
        close(errP[1])
        return ExecProcess(pid: pid, stdin: inP[1], stdout: outP[0], stderr: errP[0])
    }

    /// A tty exec: a terminal from the container's own devpts (so the process sees
    /// `/dev/pts/N`; the host's when the container has none), its slave end as the process's
    /// stdin, stdout and stderr and controlling terminal; the master end carries both ways.
    func execOnTerminal(id: String, process: OCISpec.Process, initPid: Int32, stdin: Bool,
                        size: (rows: UInt16, columns: UInt16)?) throws -> ExecProcess {
        var proc = process
        if !(proc.env ?? []).contains(where: { $0.hasPrefix("TERM=") }) { proc.env = (proc.env ?? []) + ["TERM=xterm"] }
        let pair: (master: Int32, slave: Int32)
        do {
            pair = try (try? Terminal.open(ptsDir: "/proc/\(initPid)/root/dev/pts")) ?? Terminal.open(ptsDir: "/dev/pts")
        } catch {
            throw PodRuntimeError(reason: "ExecError", message: "\(error)")
        }
        defer { close(pair.slave) }
        if let size { Terminal.resize(pair.master, rows: size.rows, columns: size.columns) }
        let pid: Int32
        do {
            pid = try runtime.exec(id: id, process: proc, stdio: Runtime.Stdio(stdin: pair.slave, stdout: pair.slave, stderr: pair.slave,
                                                                             terminal: true))
        } catch {
            close(pair.master)
            throw PodRuntimeError(reason: "ExecError", message: "\(error)")
        }
        // Writer and reader close their ends independently: give the writer its own descriptor.
        let writer = stdin ? fcntl(pair.master, F_DUPFD_CLOEXEC, 3) : -1
        return ExecProcess(pid: pid, stdin: writer, stdout: pair.master, stderr: -1, terminal: pair.master)
    }

    /// Waits for an exec'd process on a thread of its own (never a concurrency-pool thread).
    public nonisolated func waitExec(_ pid: Int32) async -> Int32 {
        let rt = runtime
        return await withCheckedContinuation { cont in
            Thread.detachNewThread { cont.resume(returning: rt.waitProcess(pid)) }
        }
    }
}

extension Kubelet {
    /// Starts a streaming exec in `namespace/pod/container` (which must be running).
    public func exec(namespace: String, pod: String, container: String, command: [String], stdin: Bool, tty: Bool,
                     size: (rows: UInt16, columns: UInt16)? = nil) async throws -> ExecProcess {
        let located = try await locateContainer(namespace: namespace, pod: pod, container: container, previous: false)
        guard located.running else {
            throw NodeLookupError.badRequest("container \(container) is not running in pod \(pod)")
        }
        return try await podRuntime.execStreaming(id: located.id, command: command, stdin: stdin, tty: tty, size: size)
    }
}
