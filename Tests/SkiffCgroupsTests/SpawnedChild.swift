import Glibc
@testable import SkiffCgroups

/// A child started with posix_spawn, an empty signal mask and default dispositions. Foundation's
/// Process hands its children a mask that blocks most signals, which would hide whether
/// killAll delivered a catchable signal such as SIGTERM.
final class SpawnedChild {
    let pid: pid_t
    private var status: Int32?

    init(_ argv: [String]) throws {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &empty)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cargs { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], nil, &attr, &cargs, environ)
        guard rc == 0 else { throw CgroupError.system(operation: "posix_spawn", path: argv[0], errno: rc, hint: nil) }
        self.pid = pid
    }

    /// Waits for exit; returns the terminating signal, or nil when it exited normally.
    @discardableResult
    func wait() -> Int32? {
        if status == nil {
            var st: Int32 = 0
            while waitpid(pid, &st, 0) < 0 && errno == EINTR {}
            status = st
        }
        let st = status ?? 0
        return (st & 0x7f) != 0 ? st & 0x7f : nil
    }

    /// Kills (by pid) and reaps, for defers.
    func stop() {
        if status == nil {
            kill(pid, SIGKILL)
            wait()
        }
    }
}
