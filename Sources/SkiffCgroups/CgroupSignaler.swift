#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How killAll delivers signals. Separate from CgroupFS so driver tests against a fake
/// cgroupfs never signal real processes that happen to carry the fake's pids.
public struct CgroupSignaler: Sendable {
    /// Sends `signal` to `pid`; returns 0 or the errno.
    let deliver: @Sendable (_ pid: Int32, _ signal: Int32) -> Int32

    public init(_ deliver: @escaping @Sendable (_ pid: Int32, _ signal: Int32) -> Int32) {
        self.deliver = deliver
    }

    /// kill(2).
    public static let system = CgroupSignaler { pid, signal in
        kill(pid, signal) == 0 ? 0 : errno
    }

    /// Signals each pid; a process that already exited (ESRCH) is not an error.
    func send(_ signal: Int32, to pids: [Int32]) throws {
        for pid in pids where pid > 0 {
            let err = deliver(pid, signal)
            if err != 0 && err != ESRCH {
                throw CgroupError.system(operation: "kill", path: "pid \(pid)", errno: err, hint: nil)
            }
        }
    }
}
