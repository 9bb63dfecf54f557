import Foundation
import Testing
@testable import SkiffAPIServer

@Suite struct WatchMailboxTests {
    @Test func takesEverythingQueuedThenWaitsThenEnds() async {
        let m = WatchMailbox(limit: 10)
        for r in 1...3 { #expect(m.push(.bookmark(Int64(r)))) }
        let first = await m.take()
        #expect(first?.count == 3)
        // A taker waiting when an item comes gets it at once.
        let waiting = Task { await m.take() }
        try? await Task.sleep(nanoseconds: 20_000_000)
        m.push(.bookmark(4))
        #expect(await waiting.value?.count == 1)
        m.push(.bookmark(5))
        m.finish()
        #expect(await m.take()?.count == 1, "what was queued before finish still comes")
        #expect(await m.take() == nil)
        #expect(!m.push(.bookmark(6)), "nothing is taken after finish")
    }

    @Test func aWatcherTooFarBehindIsClosed() async {
        let m = WatchMailbox(limit: 4)
        for r in 1...4 { #expect(m.push(.bookmark(Int64(r)))) }
        #expect(!m.push(.bookmark(5)))
        #expect(await m.take()?.count == 4)
        #expect(await m.take() == nil)
    }

    @Test func cancellingAWaitingTakerEndsIt() async {
        let m = WatchMailbox(limit: 4)
        let waiting = Task { await m.take() }
        try? await Task.sleep(nanoseconds: 20_000_000)
        waiting.cancel()
        #expect(await waiting.value == nil)
        let cancelled = Task { () -> [WatchItem]? in
            withUnsafeCurrentTask { $0?.cancel() }
            return await m.take()
        }
        #expect(await cancelled.value == nil, "a taker cancelled before it waits does not wait")
    }
}
