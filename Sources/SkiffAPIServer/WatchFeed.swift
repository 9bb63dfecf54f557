import Foundation

/// The producer behind one watch response: the lines before live changes (initial objects,
/// the initial-events-end bookmark), then each item of the cache subscription turned into a
/// line, pulled by the task that writes the response body.
///
/// Pulling in the writer's task, instead of a relay task pushing into a stream, saves one task
/// switch per event and watcher. The feed has one consumer at a time (the body's iterator),
/// which is why it may cross tasks; when the body ends and the stream is released the feed
/// goes too, and `onRelease` (unsubscribe, stop the timer) runs exactly once.
final class WatchFeed: @unchecked Sendable {
    private let preludeCount: Int
    private let preludeLine: (Int) -> Data
    private var next = 0
    private var iterator: AsyncStream<WatchItem>.AsyncIterator
    private let transform: (WatchItem) -> Data?
    private let onRelease: @Sendable () -> Void

    /// The first `preludeCount` lines come from `preludeLine` (made as they are pulled);
    /// `transform` turns a subscription item into its line, or nil to skip it.
    init(preludeCount: Int, preludeLine: @escaping (Int) -> Data, subscription: AsyncStream<WatchItem>,
         transform: @escaping (WatchItem) -> Data?, onRelease: @escaping @Sendable () -> Void) {
        self.preludeCount = preludeCount
        self.preludeLine = preludeLine
        iterator = subscription.makeAsyncIterator()
        self.transform = transform
        self.onRelease = onRelease
    }

    deinit { onRelease() }

    /// The next line; nil once the subscription has ended (or the consumer was cancelled).
    func nextLine() async -> Data? {
        if next < preludeCount {
            next += 1
            return preludeLine(next - 1)
        }
        while let item = await iterator.next() {
            if let line = transform(item) { return line }
        }
        return nil
    }

    /// The response body: lines pulled from `feed` by whoever iterates it.
    static func body(_ feed: WatchFeed) -> AsyncStream<Data> {
        AsyncStream(unfolding: { await feed.nextLine() })
    }
}
