import Foundation
import Testing
@testable import SkiffStore

@Suite struct SQLiteReadTests {
    /// Lists run on reader connections beside a stream of writes: each is one snapshot (its
    /// items are exactly what a later list at its revision returns) and writes never wait
    /// for it to finish.
    @Test func listsDuringWritesAreSnapshots() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteStore(path: directory.appendingPathComponent("store.db").path, options: .init(compactInterval: nil))
        defer { Task { await store.close() } }
        for i in 0..<500 { _ = try await store.create(String(format: "/snap/k%04d", i), value: Data("0")) }

        let done = SharedRevision(0)
        let writer = Task {
            defer { done.value = 1 }
            var revs: [String: Int64] = [:]
            for round in 1...6 {
                for i in stride(from: 0, to: 500, by: 7) {
                    let key = String(format: "/snap/k%04d", i)
                    let current = try await store.get(key)
                    revs[key] = try await store.update(key, value: Data("\(round)"), expectedRevision: current?.modRevision ?? 0)
                }
                _ = try await store.create("/snap/new\(round)", value: Data("n"))
            }
            return revs.count
        }
        var snapshots: [ListResult] = []
        while done.value == 0 || snapshots.count < 5 {
            snapshots.append(try await store.list(prefix: "/snap/", revision: nil, startAfter: nil, limit: 0))
        }
        #expect(try await writer.value == 72)
        snapshots.append(try await store.list(prefix: "/snap/", revision: nil, startAfter: nil, limit: 0))
        #expect(snapshots.last?.items.count == 506)
        #expect(snapshots.last?.revision == (try await store.currentRevision()))
        #expect(Set(snapshots.map(\.revision)).count >= 2)
        for snapshot in snapshots {
            #expect(snapshot.items.allSatisfy { $0.modRevision <= snapshot.revision })
            let again = try await store.list(prefix: "/snap/", revision: snapshot.revision, startAfter: nil, limit: 0)
            #expect(again.items == snapshot.items)
        }
    }
}
