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
        if flock(opened, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno == EWOULDBLOCK ? "another store (process) has this database open" : String(cString: strerror(errno))
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
