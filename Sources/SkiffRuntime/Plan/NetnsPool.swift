import CSkiffRuntime
import Glibc
import Synchronization

/// Fresh network namespaces made ahead of time. Creating one (loopback, the per-namespace
/// sysctl tables of every protocol) is the largest single cost of a container start; a process
/// that starts containers one after another (the kubelet's pause containers, a benchmark) has
/// the next one made on a background thread while the current container runs.
///
/// A namespace from here is exactly what CLONE_NEWNET would give the init: made by this
/// process with its credentials, owned by the same user namespace, only a loopback device that
/// is down, never entered by anything before the container. Only this process holds it (a
/// close-on-exec descriptor that monitors and inits close unless it is theirs). The first
/// request in a process is not served, so a one-shot CLI never makes a namespace it will not
/// use. `SKIFF_NETNS_POOL=0` turns it off.
final class NetnsPool: Sendable {
    static let shared = NetnsPool()

    private struct State {
        var ready: [Int32] = []
        var requests = 0
        var started = false
        var broken = false
    }
    private let state = Mutex(State())
    /// The filler blocks on this pipe's read end until asked for another namespace.
    private let wake: (read: Int32, write: Int32)
    private let enabled: Bool

    private init() {
        var fds: [Int32] = [-1, -1]
        // Asking never blocks: a full pipe already holds a pending request.
        let ok = skiff_pipe_cloexec(&fds) == 0 && fcntl(fds[1], F_SETFL, O_NONBLOCK) == 0
        wake = (fds[0], fds[1])
        let off = getenv("SKIFF_NETNS_POOL").map { String(cString: $0) == "0" } ?? false
        enabled = ok && !off
    }

    /// A namespace descriptor the caller owns and closes, or nil (create one at clone time).
    func take() -> Int32? {
        guard enabled else { return nil }
        let (fd, start) = state.withLock { (s: inout State) -> (Int32?, Bool) in
            if s.broken { return (nil, false) }
            s.requests += 1
            let fd = s.ready.popLast()
            let start = s.requests >= 2 && !s.started
            if start { s.started = true }
            return (fd, start)
        }
        if start {
            var tid = pthread_t()
            if pthread_create(&tid, nil, { _ in NetnsPool.shared.fill(); return nil }, nil) == 0 {
                pthread_detach(tid)
            } else {
                state.withLock { $0.broken = true }
                return fd
            }
        }
        // Ask for a replacement.
        var b: UInt8 = 1
        _ = write(wake.write, &b, 1)
        return fd
    }

    /// The filler thread: keeps one namespace ready. It leaves its own network namespace only
    /// for the unshare and returns to the process's right after; if it cannot, it stops.
    private func fill() {
        let home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        guard home >= 0 else { state.withLock { $0.broken = true }; return }
        var buf = [UInt8](repeating: 0, count: 64)
        while true {
            let n = read(wake.read, &buf, buf.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            while state.withLock({ $0.ready.isEmpty && !$0.broken }) {
                let fd = skiff_make_netns(home)
                if fd < 0 {
                    state.withLock { $0.broken = true }
                    // -2: still in the namespace just made; this thread makes nothing more.
                    return
                }
                state.withLock { $0.ready.append(fd) }
            }
        }
    }
}
