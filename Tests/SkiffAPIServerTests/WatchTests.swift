import Foundation
import Testing
@testable import SkiffAPIServer
import SkiffAPI

private let widgets = "/apis/test.skiff.io/v1/namespaces/default/widgets"

@Suite struct WatchTests {
    @Test func watchStreamsChangesFromAResourceVersion() async throws {
        let h = try await Harness()
        let (_, first) = await h.call("POST", widgets, body: #"{"metadata":{"name":"a"}}"#)
        let rv = first.value(at: ["metadata", "resourceVersion"])?.stringValue ?? ""
        let events = EventCollector(await h.watch(widgets, query: ["resourceVersion": rv]))
        await h.call("POST", widgets, body: #"{"metadata":{"name":"b"}}"#)
        await h.call("PATCH", widgets + "/b", body: #"{"spec":{"size":3}}"#, contentType: "application/merge-patch+json")
        await h.call("DELETE", widgets + "/b")
        let got = await events.next(3)
        #expect(got.compactMap { $0["type"]?.stringValue } == ["ADDED", "MODIFIED", "DELETED"])
        #expect(got.allSatisfy { $0.value(at: ["object", "metadata", "name"])?.stringValue == "b" })
        await events.stop()
    }

    @Test func watchWithoutVersionStartsWithCurrentObjects() async throws {
        let h = try await Harness()
        await h.call("POST", widgets, body: #"{"metadata":{"name":"x1"}}"#)
        await h.call("POST", widgets, body: #"{"metadata":{"name":"x2"}}"#)
        let events = EventCollector(await h.watch(widgets))
        let initial = await events.next(2)
        #expect(Set(initial.map { $0.value(at: ["object", "metadata", "name"])?.stringValue ?? "" }) == ["x1", "x2"])
        await h.call("POST", widgets, body: #"{"metadata":{"name":"x3"}}"#)
        let live = await events.next(1)
        #expect(live.first?.value(at: ["object", "metadata", "name"])?.stringValue == "x3")
        await events.stop()
    }

    @Test func selectorWatchSeesObjectsLeaveAndEnter() async throws {
        let h = try await Harness()
        let rv = try await h.store.currentRevision()
        let events = EventCollector(await h.watch(widgets, query: ["resourceVersion": String(rv), "labelSelector": "app=web"]))
        await h.call("POST", widgets, body: #"{"metadata":{"name":"s","labels":{"app":"db"}}}"#)
        await h.call("PATCH", widgets + "/s", body: #"{"metadata":{"labels":{"app":"web"}}}"#, contentType: "application/merge-patch+json")
        await h.call("PATCH", widgets + "/s", body: #"{"metadata":{"labels":{"app":"db"}}}"#, contentType: "application/merge-patch+json")
        let got = await events.next(2)
        #expect(got.compactMap { $0["type"]?.stringValue } == ["ADDED", "DELETED"])
        await events.stop()
    }

    @Test func tooOldResourceVersionIs410Expired() async throws {
        let h = try await Harness()
        // The cache window holds 64 events; push the first ones out.
        for i in 0..<80 { await h.call("POST", widgets, body: #"{"metadata":{"name":"old\#(i)"}}"#) }
        let cache = h.registry.cache
        #expect(await eventually { await cache.floor > 3 })
        let events = EventCollector(await h.watch(widgets, query: ["resourceVersion": "3"]))
        let got = await events.next(1)
        #expect(got.first?["type"]?.stringValue == "ERROR")
        #expect(got.first?.value(at: ["object", "code"])?.intValue == 410)
        #expect(got.first?.value(at: ["object", "reason"])?.stringValue == "Expired")
        await events.stop()
    }

    @Test func bookmarksWhenAllowed() async throws {
        let h = try await Harness()
        let rv = try await h.store.currentRevision()
        let events = EventCollector(await h.watch(widgets, query: ["resourceVersion": String(rv), "allowWatchBookmarks": "true"]))
        await h.call("POST", "/api/v1/namespaces", body: #"{"metadata":{"name":"elsewhere"}}"#)
        let got = await events.next(1)
        #expect(got.first?["type"]?.stringValue == "BOOKMARK")
        let bookmarkRV = Int64(got.first?.value(at: ["object", "metadata", "resourceVersion"])?.stringValue ?? "") ?? 0
        #expect(bookmarkRV > rv)
        await events.stop()
    }

    @Test func manyWatchersShareOneStoreWatch() async throws {
        let h = try await Harness()
        let rv = try await h.store.currentRevision()
        var collectors: [EventCollector] = []
        for _ in 0..<50 { collectors.append(EventCollector(await h.watch(widgets, query: ["resourceVersion": String(rv)]))) }
        await h.call("POST", widgets, body: #"{"metadata":{"name":"fan"}}"#)
        for c in collectors {
            let got = await c.next(1)
            #expect(got.first?.value(at: ["object", "metadata", "name"])?.stringValue == "fan")
            await c.stop()
        }
    }

    @Test func timeoutEndsTheStream() async throws {
        let h = try await Harness()
        let stream = await h.watch(widgets, query: ["timeoutSeconds": "1", "resourceVersion": String(try await h.store.currentRevision())])
        let start = Date()
        for await _ in stream {}
        // The stream ends on its own (without the timeout it would stay open); the bound is
        // loose because a loaded 2-core machine can delay the timer by seconds.
        #expect(Date().timeIntervalSince(start) < 30)
    }
}
