import Foundation
import Testing
@testable import SkiffAPIServer
import SkiffAPI

private let widgets = "/apis/test.skiff.io/v1/namespaces/default/widgets"

/// Watch bodies pulled by their writer: lines in order, and the cache subscription released
/// however the body ends.
@Suite struct WatchFeedTests {
    func body(_ h: Harness, _ query: [String: String]) async -> AsyncStream<Data>? {
        var q = query
        q["watch"] = "true"
        guard case .stream(_, _, let body) = await h.handler.handle(APIRequest(method: "GET", path: widgets, query: q)) else { return nil }
        return body
    }

    /// The JSON lines of a chunk (a chunk carries every change queued when it was pulled).
    func lines(_ chunk: Data) throws -> [JSONValue] {
        try chunk.split(separator: 0x0A).map { try JSONValue(from: Data($0)) }
    }

    @Test func linesArriveInRevisionOrder() async throws {
        let h = try await Harness()
        let rv = try await h.store.currentRevision()
        let stream = try #require(await body(h, ["resourceVersion": String(rv)]))
        for i in 0..<20 { await h.call("POST", widgets, body: #"{"metadata":{"name":"o\#(i)"}}"#) }
        var revisions: [Int64] = []
        for await chunk in stream {
            for ev in try lines(chunk) {
                #expect(ev["type"]?.stringValue == "ADDED")
                revisions.append(Int64(ev.value(at: ["object", "metadata", "resourceVersion"])?.stringValue ?? "") ?? 0)
            }
            if revisions.count >= 20 { break }
        }
        #expect(revisions == revisions.sorted() && Set(revisions).count == 20)
    }

    @Test func initialObjectsThenTheEndBookmark() async throws {
        let h = try await Harness()
        await h.call("POST", widgets, body: #"{"metadata":{"name":"i1"}}"#)
        await h.call("POST", widgets, body: #"{"metadata":{"name":"i2"}}"#)
        let stream = try #require(await body(h, ["sendInitialEvents": "true", "allowWatchBookmarks": "true", "resourceVersionMatch": "NotOlderThan"]))
        var types: [String] = []
        for await chunk in stream {
            types += try lines(chunk).map { $0["type"]?.stringValue ?? "" }
            if types.count >= 3 { break }
        }
        #expect(types == ["ADDED", "ADDED", "BOOKMARK"])
    }

    /// Changes queued while the writer was busy go out together: one chunk, one write.
    @Test func aBurstOfChangesIsOneChunk() async throws {
        let h = try await Harness()
        let rv = try await h.store.currentRevision()
        let stream = try #require(await body(h, ["resourceVersion": String(rv)]))
        for i in 0..<20 { await h.call("POST", widgets, body: #"{"metadata":{"name":"b\#(i)"}}"#) }
        let last = try await h.store.currentRevision()
        #expect(await eventually { await h.registry.cache.latest >= last })
        var chunks = 0, events: [String] = []
        for await chunk in stream {
            chunks += 1
            events += try lines(chunk).map { $0.value(at: ["object", "metadata", "name"])?.stringValue ?? "" }
            if events.count >= 20 { break }
        }
        #expect(chunks == 1)
        #expect(events == (0..<20).map { "b\($0)" })
    }

    @Test func aBodyDroppedOrCancelledReleasesItsSubscription() async throws {
        let h = try await Harness()
        let cache = h.registry.cache
        let rv = try await h.store.currentRevision()
        // Dropped after one line.
        do {
            let stream = try #require(await body(h, ["resourceVersion": String(rv)]))
            await h.call("POST", widgets, body: #"{"metadata":{"name":"d1"}}"#)
            for await _ in stream { break }
        }
        // Cancelled while waiting for a change.
        let stream = try #require(await body(h, ["resourceVersion": String(try await h.store.currentRevision())]))
        let reader = Task { for await _ in stream {} }
        #expect(await eventually { await cache.watcherCount == 1 })
        reader.cancel()
        _ = await reader.value
        #expect(await eventually { await cache.watcherCount == 0 })
    }
}
