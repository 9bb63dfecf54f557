import Foundation
import Testing
@testable import SkiffStore

/// The contract every `KVStore` backend must meet (etcd's model), run against each backend.
@Suite struct ConformanceTests {
    @Test(arguments: Backend.available)
    func createThenGetAndKeyExists(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let start = try await store.currentRevision()
            let rev = try await store.create("/registry/pods/default/a", value: Data("one"))
            #expect(rev > start)
            #expect(try await store.currentRevision() == rev)
            let kv = try #require(try await store.get("/registry/pods/default/a"))
            #expect(kv.value == Data("one"))
            #expect(kv.createRevision == rev)
            #expect(kv.modRevision == rev)
            await #expect(throws: StoreError.keyExists("/registry/pods/default/a")) {
                _ = try await store.create("/registry/pods/default/a", value: Data("two"))
            }
            #expect(try await store.get("/registry/pods/default/a")?.value == Data("one"))
            #expect(try await store.get("/registry/pods/default/missing") == nil)
            #expect(try await store.currentRevision() == rev)
        }
    }

    @Test(arguments: Backend.available)
    func updateIsCompareAndSwap(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let r1 = try await store.create("/k/a", value: Data("v1"))
            let r2 = try await store.update("/k/a", value: Data("v2"), expectedRevision: r1)
            #expect(r2 > r1)
            let kv = try #require(try await store.get("/k/a"))
            #expect(kv.value == Data("v2"))
            #expect(kv.createRevision == r1)
            #expect(kv.modRevision == r2)
            await #expect(throws: StoreError.conflict(key: "/k/a", currentRevision: r2)) {
                _ = try await store.update("/k/a", value: Data("v3"), expectedRevision: r1)
            }
            await #expect(throws: StoreError.notFound("/k/missing")) {
                _ = try await store.update("/k/missing", value: Data("x"), expectedRevision: r1)
            }
            #expect(try await store.get("/k/a")?.value == Data("v2"))
        }
    }

    @Test(arguments: Backend.available)
    func deleteReturnsTheOldValueAtTheDeleteRevision(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let r1 = try await store.create("/k/a", value: Data("v1"))
            await #expect(throws: StoreError.conflict(key: "/k/a", currentRevision: r1)) {
                _ = try await store.delete("/k/a", expectedRevision: r1 + 100)
            }
            let gone = try await store.delete("/k/a", expectedRevision: r1)
            #expect(gone.key == "/k/a")
            #expect(gone.value == Data("v1"))
            #expect(gone.createRevision == r1)
            #expect(gone.modRevision > r1)
            #expect(try await store.currentRevision() == gone.modRevision)
            #expect(try await store.get("/k/a") == nil)
            await #expect(throws: StoreError.notFound("/k/a")) {
                _ = try await store.delete("/k/a", expectedRevision: nil)
            }
            // The key can be created again, with a new create revision.
            let r3 = try await store.create("/k/a", value: Data("v3"))
            #expect(r3 > gone.modRevision)
            #expect(try await store.get("/k/a")?.createRevision == r3)
            _ = try await store.delete("/k/a", expectedRevision: nil)
            #expect(try await store.get("/k/a") == nil)
        }
    }

    @Test(arguments: Backend.available)
    func listPrefixNowAndAtAPastRevision(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let ra = try await store.create("/registry/pods/ns1/a", value: Data("a1"))
            _ = try await store.create("/registry/pods/ns1/b", value: Data("b1"))
            _ = try await store.create("/registry/pods/ns2/c", value: Data("c1"))
            _ = try await store.create("/registry/podsx/d", value: Data("d1"))
            let before = try await store.currentRevision()
            _ = try await store.update("/registry/pods/ns1/a", value: Data("a2"), expectedRevision: ra)
            _ = try await store.delete("/registry/pods/ns1/b", expectedRevision: nil)
            _ = try await store.create("/registry/pods/ns1/e", value: Data("e1"))

            let now = try await store.list(prefix: "/registry/pods/", revision: nil, startAfter: nil, limit: 0)
            #expect(now.items.map(\.key) == ["/registry/pods/ns1/a", "/registry/pods/ns1/e", "/registry/pods/ns2/c"])
            #expect(now.items.first?.value == Data("a2"))
            #expect(now.revision == (try await store.currentRevision()))
            #expect(now.more == false)

            let past = try await store.list(prefix: "/registry/pods/", revision: before, startAfter: nil, limit: 0)
            #expect(past.items.map(\.key) == ["/registry/pods/ns1/a", "/registry/pods/ns1/b", "/registry/pods/ns2/c"])
            #expect(past.items.first?.value == Data("a1"))
            #expect(past.items.first?.modRevision == ra)
            #expect(past.revision == before)

            let ns1 = try await store.list(prefix: "/registry/pods/ns1/", revision: nil, startAfter: nil, limit: 0)
            #expect(ns1.items.map(\.key) == ["/registry/pods/ns1/a", "/registry/pods/ns1/e"])

            let future = try await store.currentRevision() + 1000
            await #expect(throws: StoreError.self) {
                _ = try await store.list(prefix: "/registry/pods/", revision: future, startAfter: nil, limit: 0)
            }
        }
    }

    @Test(arguments: Backend.available)
    func pagingIsConsistentAcrossPages(_ backend: Backend) async throws {
        try await backend.withStore { store in
            for i in 0..<10 {
                _ = try await store.create("/p/" + String(format: "%02d", i), value: Data("v\(i)"))
            }
            let first = try await store.list(prefix: "/p/", revision: nil, startAfter: nil, limit: 4)
            #expect(first.items.map(\.key) == ["/p/00", "/p/01", "/p/02", "/p/03"])
            #expect(first.more)
            // Changes after the first page must not show in later pages read at its revision.
            _ = try await store.create("/p/05a", value: Data("new"))
            _ = try await store.delete("/p/06", expectedRevision: nil)
            var keys = first.items.map(\.key)
            var after = try #require(first.items.last?.key)
            var more = first.more
            while more {
                let page = try await store.list(prefix: "/p/", revision: first.revision, startAfter: after, limit: 4)
                #expect(page.revision == first.revision)
                keys += page.items.map(\.key)
                more = page.more
                if let last = page.items.last?.key { after = last } else { break }
            }
            #expect(keys == (0..<10).map { "/p/" + String(format: "%02d", $0) })
            // Exactly `limit` keys left: no further page is promised.
            let tail = try await store.list(prefix: "/p/", revision: first.revision, startAfter: "/p/05", limit: 4)
            #expect(tail.items.map(\.key) == ["/p/06", "/p/07", "/p/08", "/p/09"])
            #expect(tail.more == false)
        }
    }

    @Test(arguments: Backend.available)
    func watchReplaysThenStreamsLive(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let r1 = try await store.create("/w/a", value: Data("a1"))
            let r2 = try await store.update("/w/a", value: Data("a2"), expectedRevision: r1)
            let r3 = try await store.create("/w/b", value: Data("b1"))
            let stream = store.watch(prefix: "/w/", afterRevision: r1)
            let liveWriter = Task {
                try await Task.sleep(nanoseconds: 100_000_000)
                let d = try await store.delete("/w/b", expectedRevision: r3)
                let c = try await store.create("/w/c", value: Data("c1"))
                return (d.modRevision, c)
            }
            let events = try await collect(stream, count: 4)
            let (r4, r5) = try await liveWriter.value
            #expect(events.map(\.kv.modRevision) == [r2, r3, r4, r5])
            #expect(events.map(\.kind) == [.put, .put, .delete, .put])
            #expect(events[0].kv.value == Data("a2"))
            #expect(events[0].prevKV?.value == Data("a1"))
            #expect(events[1].prevKV == nil)
            #expect(events[2].kv.key == "/w/b")
            #expect(events[2].prevKV?.value == Data("b1"))
            #expect(events[3].kv.key == "/w/c")
        }
    }

    @Test(arguments: Backend.available)
    func watchFiltersByPrefix(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let start = try await store.currentRevision()
            let stream = store.watch(prefix: "/registry/pods/", afterRevision: start)
            _ = try await store.create("/registry/services/default/s", value: Data("s"))
            _ = try await store.create("/registry/podsecurity/x", value: Data("x"))
            let r = try await store.create("/registry/pods/default/p", value: Data("p"))
            _ = try await store.create("/registry/nodes/n", value: Data("n"))
            let r2 = try await store.create("/registry/pods/kube-system/q", value: Data("q"))
            let events = try await collect(stream, count: 2)
            #expect(events.map(\.kv.key) == ["/registry/pods/default/p", "/registry/pods/kube-system/q"])
            #expect(events.map(\.kv.modRevision) == [r, r2])
        }
    }

    @Test(arguments: Backend.available)
    func watchFromAFutureRevisionWaitsForIt(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let now = try await store.currentRevision()
            let stream = store.watch(prefix: "/f/", afterRevision: now + 2)
            var revisions: [Int64] = []
            for i in 0..<4 { revisions.append(try await store.create("/f/k\(i)", value: Data("\(i)"))) }
            #expect(revisions == [now + 1, now + 2, now + 3, now + 4])
            let events = try await collect(stream, count: 2)
            #expect(events.map(\.kv.modRevision) == [now + 3, now + 4])
        }
    }

    @Test(arguments: Backend.available)
    func compactionMakesOldRevisionsGone(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let r1 = try await store.create("/c/a", value: Data("a1"))
            let r2 = try await store.update("/c/a", value: Data("a2"), expectedRevision: r1)
            let rb = try await store.create("/c/b", value: Data("b1"))
            let rd = try await store.delete("/c/b", expectedRevision: rb).modRevision
            let r3 = try await store.update("/c/a", value: Data("a3"), expectedRevision: r2)
            _ = try await store.create("/c/z", value: Data("z1"))
            try await store.compact(revision: r3)

            await #expect(throws: StoreError.self) {
                _ = try await store.list(prefix: "/c/", revision: r1, startAfter: nil, limit: 0)
            }
            do {
                _ = try await store.list(prefix: "/c/", revision: r1, startAfter: nil, limit: 0)
            } catch let error as StoreError {
                guard case .compacted = error else {
                    Issue.record("expected .compacted, got \(error)")
                    return
                }
            }
            let stale = try await watchError(store.watch(prefix: "/c/", afterRevision: r1))
            guard case .compacted? = stale as? StoreError else {
                Issue.record("expected the watch to end with .compacted, got \(String(describing: stale))")
                return
            }
            // Current data is untouched; the compaction point itself is still readable.
            let now = try await store.list(prefix: "/c/", revision: nil, startAfter: nil, limit: 0)
            #expect(now.items.map(\.key) == ["/c/a", "/c/z"])
            #expect(now.items.first?.value == Data("a3"))
            let atCompaction = try await store.list(prefix: "/c/", revision: r3, startAfter: nil, limit: 0)
            #expect(atCompaction.items.map(\.key) == ["/c/a"])
            #expect(rd < r3)
            // Watching from the compaction point still works.
            let live = store.watch(prefix: "/c/", afterRevision: r3)
            let events = try await collect(live, count: 1)
            #expect(events.first?.kv.key == "/c/z")
        }
    }

    @Test(arguments: Backend.available)
    func revisionsStrictlyIncreaseAcrossKeys(_ backend: Backend) async throws {
        try await backend.withStore { store in
            var last = try await store.currentRevision()
            var revs: [String: Int64] = [:]
            for i in 0..<30 {
                let key = "/r/\(i % 5)"
                let rev: Int64
                if let old = revs[key] {
                    if i % 7 == 0 {
                        rev = try await store.delete(key, expectedRevision: old).modRevision
                        revs[key] = nil
                    } else {
                        rev = try await store.update(key, value: Data("\(i)"), expectedRevision: old)
                        revs[key] = rev
                    }
                } else {
                    rev = try await store.create(key, value: Data("\(i)"))
                    revs[key] = rev
                }
                #expect(rev > last)
                last = rev
            }
            #expect(try await store.currentRevision() == last)
        }
    }

    @Test(arguments: Backend.available)
    func modifyIsOneReadModifyWrite(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let r1 = try await store.create("/m/a", value: Data("v1"))
            let r2 = try #require(try await store.modify("/m/a") { Data(String(decoding: $0.value, as: UTF8.self).utf8 + Array("+".utf8)) })
            #expect(r2 > r1)
            let kv = try #require(try await store.get("/m/a"))
            #expect(kv.value == Data("v1+"))
            #expect(kv.createRevision == r1)
            #expect(kv.modRevision == r2)
            // A transform answering nil writes nothing.
            #expect(try await store.modify("/m/a") { _ in nil } == nil)
            #expect(try await store.currentRevision() == r2)
            await #expect(throws: StoreError.notFound("/m/missing")) {
                _ = try await store.modify("/m/missing") { $0.value }
            }
            // Racing modifies of one key all take effect, each on the value before it.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 {
                    group.addTask { _ = try await store.modify("/m/a") { Data($0.value + Array("x".utf8)) } }
                }
                try await group.waitForAll()
            }
            #expect(try await store.get("/m/a")?.value == Data("v1+xxxxxxxx"))
            // Watchers see a modify as a put with the value before it.
            let events = store.watch(prefix: "/m/", afterRevision: r1)
            var it = events.makeAsyncIterator()
            let ev = try #require(try await it.next())
            #expect(ev.kind == .put)
            #expect(ev.kv.value == Data("v1+"))
            #expect(ev.prevKV?.value == Data("v1"))
        }
    }

    @Test(arguments: Backend.available)
    func exactlyOneOfRacingUpdatesWins(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let r1 = try await store.create("/race/k", value: Data("start"))
            let results = await withTaskGroup(of: Result<Int64, Error>.self) { group in
                for i in 0..<16 {
                    group.addTask {
                        do {
                            return .success(try await store.update("/race/k", value: Data("w\(i)"), expectedRevision: r1))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                var all: [Result<Int64, Error>] = []
                for await r in group { all.append(r) }
                return all
            }
            let wins = results.compactMap { try? $0.get() }
            #expect(wins.count == 1)
            for case .failure(let error) in results {
                guard case .conflict(key: "/race/k", _)? = error as? StoreError else {
                    Issue.record("a losing update failed with \(error), expected .conflict")
                    continue
                }
            }
            #expect(try await store.get("/race/k")?.modRevision == wins.first)
        }
    }

    @Test(arguments: Backend.available)
    func concurrentWritesToManyKeysAndOneKey(_ backend: Backend) async throws {
        try await backend.withStore { store in
            // Distinct keys all succeed with distinct revisions; racing creates of one key
            // leave exactly one winner, the rest see keyExists.
            let results = await withTaskGroup(of: (String, Result<Int64, Error>).self) { group in
                for i in 0..<24 {
                    let key = i % 3 == 0 ? "/cc/same" : "/cc/k\(i)"
                    group.addTask {
                        do {
                            return (key, .success(try await store.create(key, value: Data("w\(i)"))))
                        } catch {
                            return (key, .failure(error))
                        }
                    }
                }
                var all: [(String, Result<Int64, Error>)] = []
                for await r in group { all.append(r) }
                return all
            }
            let distinct = results.filter { $0.0 != "/cc/same" }
            let revisions = distinct.compactMap { try? $0.1.get() }
            #expect(revisions.count == 16)
            let same = results.filter { $0.0 == "/cc/same" }
            let winners = same.compactMap { try? $0.1.get() }
            #expect(winners.count == 1)
            for case (_, .failure(let error)) in same {
                #expect(error as? StoreError == .keyExists("/cc/same"))
            }
            let all = revisions + winners
            #expect(Set(all).count == all.count)
            let listed = try await store.list(prefix: "/cc/", revision: nil, startAfter: nil, limit: 0)
            #expect(listed.items.count == 17)
            #expect(listed.items.first { $0.key == "/cc/same" }?.modRevision == winners.first)
            #expect(listed.revision == all.max())
        }
    }

    @Test(arguments: Backend.available)
    func largeValuesRoundTrip(_ backend: Backend) async throws {
        try await backend.withStore { store in
            var big = Data(count: 1 << 20)
            for i in big.indices { big[i] = UInt8(truncatingIfNeeded: i &* 31 &+ i >> 8) }
            let r = try await store.create("/big/one", value: big)
            #expect(try await store.get("/big/one")?.value == big)
            let listed = try await store.list(prefix: "/big/", revision: nil, startAfter: nil, limit: 0)
            #expect(listed.items.first?.value == big)
            let events = try await collect(store.watch(prefix: "/big/", afterRevision: r - 1), count: 1)
            #expect(events.first?.kv.value == big)
        }
    }
}
