import Foundation
import Testing
@testable import SkiffStore

/// Watch streams that end (cancelled by the consumer, refused as compacted) must leave no
/// registration behind in the in-process fan-out, or a long-running server leaks.
@Suite struct WatchRegistrationTests {
    @Test func memoryStoreReleasesEndedWatches() async throws {
        let store = MemoryStore()
        defer { Task { await store.close() } }
        try await exercise(store) { store.watchRegistrations }
    }

    @Test func sqliteStoreReleasesEndedWatches() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteStore(path: directory.appendingPathComponent("store.db").path, options: .init(compactInterval: nil))
        defer { Task { await store.close() } }
        try await exercise(store) { store.watchRegistrations }
    }

    private func exercise(_ store: any KVStore, registrations: @Sendable () -> (watchers: Int, cancelled: Int)) async throws {
        let r1 = try await store.create("/reg/a", value: Data("1"))
        let r2 = try await store.update("/reg/a", value: Data("2"), expectedRevision: r1)
        try await store.compact(revision: r2)
        for _ in 0..<10 {
            let events = try await collect(store.watch(prefix: "/reg/", afterRevision: r2), count: 0)
            #expect(events.isEmpty)
        }
        // Live watchers that got what they wanted and were dropped.
        do {
            let streams = (0..<10).map { _ in store.watch(prefix: "/reg/", afterRevision: r2) }
            _ = try await store.create("/reg/b", value: Data("b"))
            for stream in streams { #expect(try await collect(stream, count: 1).count == 1) }
        }
        // Watches refused because their start was compacted.
        for _ in 0..<10 {
            let error = try await watchError(store.watch(prefix: "/reg/", afterRevision: r1 - 1))
            #expect(error is StoreError)
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while registrations() != (0, 0), clock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        #expect(registrations() == (0, 0))
    }
}
