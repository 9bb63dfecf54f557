import Foundation

/// The producer behind one watch response: the lines before live changes (initial objects,
/// the initial-events-end bookmark), then the items of the cache subscription turned into
/// lines, pulled by the task that writes the response body. Each pull takes every item queued
/// in the watcher's mailbox and returns their lines as one chunk.
///
/// Pulling in the writer's task, instead of a relay task pushing into a stream, saves one task
/// switch per event and watcher. The feed has one consumer at a time (the body's iterator),
/// which is why it may cross tasks; when the body ends and the stream is released the feed
/// goes too, and `onRelease` (unsubscribe, stop the timer) runs exactly once.
final class WatchFeed: @unchecked Sendable {
    private let preludeCount: Int
    private let preludeLine: (Int) -> Data
    private var next = 0
    private let mailbox: WatchMailbox
    private let transform: (WatchItem) -> Data?
    private let onRelease: @Sendable () -> Void

    /// The first `preludeCount` lines come from `preludeLine` (made as they are pulled);
    /// `transform` turns a subscription item into its line, or nil to skip it.
    init(preludeCount: Int, preludeLine: @escaping (Int) -> Data, subscription: WatchMailbox,
         transform: @escaping (WatchItem) -> Data?, onRelease: @escaping @Sendable () -> Void) {
        self.preludeCount = preludeCount
        self.preludeLine = preludeLine
        mailbox = subscription
        self.transform = transform
        self.onRelease = onRelease
    }

    deinit { onRelease() }

    /// The next chunk of lines (up to 256 of the prelude, or every change queued); nil once
    /// the subscription has ended (or the consumer was cancelled).
    func nextChunk() async -> Data? {
        if next < preludeCount {
            var out = Data()
            let end = min(preludeCount, next + 256)
            while next < end {
                out.append(preludeLine(next))
                next += 1
            }
            return out
        }
        while let items = await mailbox.take() {
            var out = Data()
            for item in items {
                if let line = transform(item) { out.append(line) }
            }
            if !out.isEmpty { return out }
        }
        return nil
    }

    /// The response body: chunks pulled from `feed` by whoever iterates it.
    static func body(_ feed: WatchFeed) -> AsyncStream<Data> {
        AsyncStream(unfolding: { await feed.nextChunk() })
    }
}
