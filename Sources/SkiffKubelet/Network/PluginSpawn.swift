import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to completion on the calling thread: posix_spawn (no Swift code runs in the
/// child), its stdin fed and its stdout and stderr drained together through poll, then waitpid
/// for exactly that child. No run loop, no helper threads: the exit is seen the moment it
/// happens.
enum PluginSpawn {
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    static func run(_ argv: [String], environment: [String: String], stdin: [UInt8]) throws -> PluginOutput {
        _ = ignoreSIGPIPE  // a plugin that exits before reading its stdin must not kill us
        guard let program = argv.first else { throw CNIError.exec("exec: empty command") }
        var inP: [Int32] = [-1, -1], outP: [Int32] = [-1, -1], errP: [Int32] = [-1, -1]
        func closeAll() { for fd in inP + outP + errP where fd >= 0 { close(fd) } }
        guard cloexecPipe(&inP) == 0, cloexecPipe(&outP) == 0, cloexecPipe(&errP) == 0 else {
            let e = errno
            closeAll()
            throw CNIError.exec("exec \(program): pipe: \(String(cString: strerror(e)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 onto 0-2 clears close-on-exec there; the originals close at exec.
        posix_spawn_file_actions_adddup2(&actions, inP[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outP[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errP[1], 2)
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in cArgv + cEnv { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, nil, cArgv, cEnv)
        close(inP[0]); inP[0] = -1
        close(outP[1]); outP[1] = -1
        close(errP[1]); errP[1] = -1
        guard rc == 0 else {
            closeAll()
            throw CNIError.exec("exec \(argv.joined(separator: " ")): \(String(cString: strerror(rc)))")
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
        return PluginOutput(exitCode: code, stdout: Data(out), stderr: Data(err))
    }
}
