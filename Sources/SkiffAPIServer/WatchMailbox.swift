import Foundation

/// One watcher's queue between the watch cache and the task writing its response. The cache
/// appends; the writer takes everything queued at once, so a burst of changes (a group commit
/// of many writes) goes out as one chunk — one write and one wake-up per burst rather than per
/// change. A watcher that falls `limit` items behind is closed (it resumes from its last
/// revision, as after any broken watch).
final class WatchMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [WatchItem] = []
    private var waiter: CheckedContinuation<[WatchItem]?, Never>?
    private var finished = false
    private let limit: Int

    init(limit: Int) { self.limit = max(1, limit) }

    /// Queues an item; false (and the mailbox is finished) when the watcher is `limit` behind.
    @discardableResult
    func push(_ item: WatchItem) -> Bool {
        lock.lock()
        if finished { lock.unlock(); return false }
        if let w = waiter {
            waiter = nil
            lock.unlock()
            w.resume(returning: [item])
            return true
        }
        guard items.count < limit else {
            finished = true
            lock.unlock()
            return false
        }
        items.append(item)
        lock.unlock()
        return true
    }

    /// No more items: the writer gets what is queued, then nil.
    func finish() {
        lock.lock()
        finished = true
        let w = waiter
        waiter = nil
        lock.unlock()
        w?.resume(returning: nil)
    }

    /// Everything queued, waiting while nothing is; nil once finished and drained, or when the
    /// waiting task is cancelled.
    func take() async -> [WatchItem]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<[WatchItem]?, Never>) in
                lock.lock()
                if !items.isEmpty {
                    let out = items
                    items.removeAll(keepingCapacity: true)
                    lock.unlock()
                    c.resume(returning: out)
                } else if finished || Task.isCancelled {
                    lock.unlock()
                    c.resume(returning: nil)
                } else {
                    waiter = c
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let w = waiter
            waiter = nil
            lock.unlock()
            w?.resume(returning: nil)
        }
    }
}
