#if canImport(Glibc)
import Glibc
#endif

/// What one finished child process produced.
public struct SubprocessOutput: Sendable {
    /// The exit code, or 128 + the signal that killed it (the shell's convention).
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

public struct SubprocessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Runs helper programs (iptables, CNI plugins, ip, conntrack) to completion: posix_spawn, so no
/// Swift code runs in the child; stdin fed and stdout and stderr drained together through poll;
/// then waitpid for exactly that child. No run loop, no signal handler, no helper threads, so
/// the exit is seen the moment it happens and nothing else in the process is disturbed.
public enum Subprocess {
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// Blocks the calling thread. `environment` nil inherits ours; `argv[0]` is resolved with
    /// `resolve` when it has no slash.
    public static func run(_ argv: [String], environment: [String: String]? = nil, stdin: [UInt8] = []) throws -> SubprocessOutput {
        _ = ignoreSIGPIPE  // a child that exits before reading its stdin must not kill us
        guard let first = argv.first else { throw SubprocessError("exec: empty command") }
        let program = resolve(first)
        var inP: [Int32] = [-1, -1], outP: [Int32] = [-1, -1], errP: [Int32] = [-1, -1]
        func closeAll() { for fd in inP + outP + errP where fd >= 0 { close(fd) } }
        guard cloexecPipe(&inP) == 0, cloexecPipe(&outP) == 0, cloexecPipe(&errP) == 0 else {
            let e = errno
            closeAll()
            throw SubprocessError("exec \(first): pipe: \(String(cString: strerror(e)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 onto 0-2 clears close-on-exec there; the originals close at exec.
        posix_spawn_file_actions_adddup2(&actions, inP[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outP[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errP[1], 2)
        // The child starts with no blocked signals, whatever the calling thread blocks.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK))
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv: [UnsafeMutablePointer<CChar>?]? = environment.map { env in env.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { for p in cArgv + (cEnv ?? []) { free(p) } }
        var pid: pid_t = 0
        let rc = cEnv.map { posix_spawn(&pid, program, &actions, &attr, cArgv, $0) }
            ?? posix_spawn(&pid, program, &actions, &attr, cArgv, environ)
        close(inP[0]); inP[0] = -1
        close(outP[1]); outP[1] = -1
        close(errP[1]); errP[1] = -1
        guard rc == 0 else {
            closeAll()
            throw SubprocessError("exec \(argv.joined(separator: " ")): \(String(cString: strerror(rc)))")
        }
        _ = fcntl(inP[1], F_SETFL, fcntl(inP[1], F_GETFL) | O_NONBLOCK)
        var pending = stdin[...]
        var out: [UInt8] = [], err: [UInt8] = []
        var fds = [pollfd(fd: inP[1], events: Int16(POLLOUT), revents: 0),
                   pollfd(fd: outP[0], events: Int16(POLLIN), revents: 0),
                   pollfd(fd: errP[0], events: Int16(POLLIN), revents: 0)]
        func finish(_ k: Int) { close(fds[k].fd); fds[k].fd = -1 }
        if pending.isEmpty { finish(0) }
        var buf = [UInt8](repeating: 0, count: 64 * 1024)
        while fds.contains(where: { $0.fd >= 0 }) {
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[0].fd >= 0 && fds[0].revents != 0 {
                let n = pending.withUnsafeBytes { write(fds[0].fd, $0.baseAddress, $0.count) }
                if n > 0 { pending = pending.dropFirst(n) }
                if pending.isEmpty || (n < 0 && errno != EAGAIN && errno != EINTR) { finish(0) }
            }
            for k in 1...2 where fds[k].fd >= 0 && fds[k].revents != 0 {
                let n = buf.withUnsafeMutableBytes { read(fds[k].fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if k == 1 { out += buf[0..<n] } else { err += buf[0..<n] }
                } else if n == 0 || (errno != EINTR && errno != EAGAIN) {
                    finish(k)
                }
            }
        }
        for k in fds.indices where fds[k].fd >= 0 { finish(k) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        let code = signal == 0 ? (status >> 8) & 0xff : 128 + signal
        return SubprocessOutput(status: code, stdout: out, stderr: err)
    }

    /// `run` on a thread of its own, never a cooperative-pool or Dispatch thread: a burst of
    /// runs starves neither.
    public static func runDetached(_ argv: [String], environment: [String: String]? = nil, stdin: [UInt8] = []) async throws -> SubprocessOutput {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<SubprocessOutput, Error>) in
            let raw = Unmanaged.passRetained(Box(cont, argv, environment, stdin)).toOpaque()
            var thread = pthread_t()
            let rc = pthread_create(&thread, nil, { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                do { box.cont.resume(returning: try Subprocess.run(box.argv, environment: box.environment, stdin: box.stdin)) }
                catch { box.cont.resume(throwing: error) }
                return nil
            }, raw)
            if rc == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<Box>.fromOpaque(raw).release()
                cont.resume(throwing: SubprocessError("exec \(argv.first ?? ""): pthread_create: \(String(cString: strerror(rc)))"))
            }
        }
    }

    private final class Box: @unchecked Sendable {
        let cont: CheckedContinuation<SubprocessOutput, Error>
        let argv: [String]
        let environment: [String: String]?
        let stdin: [UInt8]
        init(_ c: CheckedContinuation<SubprocessOutput, Error>, _ a: [String], _ e: [String: String]?, _ s: [UInt8]) {
            cont = c; argv = a; environment = e; stdin = s
        }
    }

    /// pipe2(O_CLOEXEC): both ends close-on-exec from birth, so a child another thread spawns
    /// at the same moment never inherits them (an inherited write end would keep a reader here
    /// from ever seeing end of file).
    public static func cloexecPipe(_ fds: inout [Int32]) -> Int32 {
        precondition(fds.count == 2)
        return fds.withUnsafeMutableBufferPointer { skiff_pipe2($0.baseAddress!, O_CLOEXEC) }
    }

    /// A bare program name found on PATH, then in the usual system directories (daemons may
    /// run with a bare PATH); a name with a slash is used as it is.
    public static func resolve(_ program: String) -> String {
        if program.contains("/") { return program }
        let path = getenv("PATH").map { String(cString: $0) } ?? ""
        let dirs: [String] = path.split(separator: ":").map { String($0) } + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]
        for dir in dirs {
            let p = "\(dir)/\(program)"
            if access(p, X_OK) == 0 { return p }
        }
        return "/usr/sbin/" + program
    }
}

/// Glibc's pipe2, which the Swift overlay does not import without _GNU_SOURCE.
@_silgen_name("pipe2")
private func skiff_pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
