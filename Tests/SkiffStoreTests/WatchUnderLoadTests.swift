import Foundation
import Testing
@testable import SkiffStore

/// Watches while many writers race: the API server's watch cache folds a store watch into
/// its state, so every revision must arrive exactly once, in order, and folding the events
/// must give the same state as a list at the last revision.
@Suite struct WatchUnderLoadTests {
    @Test(arguments: Backend.available)
    func concurrentWritesReachAWatchInOrderAndFoldToTheList(_ backend: Backend) async throws {
        try await backend.withStore { store in
            let start = try await store.currentRevision()
            let live = store.watch(prefix: "/load/", afterRevision: start)
            let writers = 8
            let rounds = 25
            // Each writer creates its keys, updates them, and deletes every third one; a
            // few writes land outside the prefix and must not show up.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for i in 0..<rounds {
                            let key = "/load/w\(writer)/\(i)"
                            let created = try await store.create(key, value: Data("c\(i)"))
                            let updated = try await store.update(key, value: Data("u\(i)"), expectedRevision: created)
                            if i % 3 == 0 { _ = try await store.delete(key, expectedRevision: updated) }
                            if i % 10 == 0 { _ = try await store.create("/other/w\(writer)/\(i)", value: Data("x")) }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let end = try await store.currentRevision()
            let inPrefix = writers * rounds * 2 + writers * ((rounds + 2) / 3)
            let events = try await collect(live, count: inPrefix, timeout: 30)

            let revisions = events.map(\.kv.modRevision)
            #expect(zip(revisions, revisions.dropFirst()).allSatisfy { $0 < $1 }, "revisions out of order or repeated")
            #expect(revisions.allSatisfy { $0 > start && $0 <= end })
            #expect(events.allSatisfy { $0.kv.key.hasPrefix("/load/") })

            // Folding the events reproduces the list at the last revision.
            var folded: [String: KeyValue] = [:]
            for event in events {
                switch event.kind {
                case .put: folded[event.kv.key] = event.kv
                case .delete: folded[event.kv.key] = nil
                }
            }
            let listed = try await store.list(prefix: "/load/", revision: end, startAfter: nil, limit: 0)
            #expect(listed.items.count == writers * (rounds - (rounds + 2) / 3))
            #expect(folded.values.sorted { $0.key < $1.key } == listed.items)

            // A second watch from the same start replays the identical history.
            let replay = try await collect(store.watch(prefix: "/load/", afterRevision: start), count: inPrefix, timeout: 30)
            #expect(replay == events)
        }
    }
}
