import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock (flock) on `<database>.lock`, held while a store has the
/// database open.
///
/// The SQLite store keeps the revision counter and the watch fan-out in its own memory, so a
/// second writer (another apiserver on the same data dir, or a second store in one process)
/// would hand out duplicate revisions and starve watchers. The kernel drops the lock when the
/// holder dies, even by SIGKILL, so a crashed server never blocks its restart.
final class StoreFileLock: @unchecked Sendable {
    private let lock = NSLock()
    private var fd: Int32
    let path: String

    init(databasePath: String) throws {
        path = databasePath + ".lock"
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else {
            throw StoreError.unavailable("sqlite: cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        // A child forked by this process at the wrong moment (a container monitor, before it
        // closes what it inherited) can hold the lock for an instant after its owner released
        // it, so a busy lock is retried for up to a second before it counts as in use.
        var attempts = 0
        while flock(opened, LOCK_EX | LOCK_NB) != 0 {
            let e = errno
            attempts += 1
            if e == EWOULDBLOCK && attempts < 50 {
                usleep(20_000)
                continue
            }
            let reason = e == EWOULDBLOCK ? "another store (process) has this database open" : String(cString: strerror(e))
            close(opened)
            throw StoreError.unavailable("sqlite: \(databasePath) is in use: \(reason)")
        }
        fd = opened
    }

    deinit { release() }

    /// Drops the lock; safe to call more than once.
    func release() {
        lock.withLock {
            if fd >= 0 {
                close(fd)
                fd = -1
            }
        }
    }
}
