import Foundation
import Testing
@testable import SkiffStore

@Suite struct SQLiteCompactionTests {
    /// Compaction removes rows in slices with writes in between; lists at and above the
    /// compaction point must answer exactly as before it, and the file shrinks to one row per
    /// live key below the point.
    @Test func compactionInterleavedWithWritesKeepsEveryAnswer() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.db").path
        let store = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        defer { Task { await store.close() } }

        // 50 keys, each updated many times, some deleted: about 6,000 rows of history.
        var revs: [String: Int64] = [:]
        for i in 0..<50 { revs["/h/k\(i)"] = try await store.create("/h/k\(i)", value: Data("0")) }
        for round in 1...120 {
            for i in 0..<50 {
                let key = "/h/k\(i)"
                guard let rev = revs[key] else { continue }
                revs[key] = try await store.update(key, value: Data("\(round)"), expectedRevision: rev)
            }
        }
        for i in stride(from: 0, to: 50, by: 5) {
            let key = "/h/k\(i)"
            _ = try await store.delete(key, expectedRevision: revs[key])
            revs[key] = nil
        }
        let point = try await store.currentRevision()
        let expected = try await store.list(prefix: "/h/", revision: point, startAfter: nil, limit: 0)
        #expect(expected.items.count == 40)

        // Writes race the compaction.
        let writer = Task {
            var written: [Int64] = []
            for i in 0..<300 { written.append(try await store.create("/h/new\(i)", value: Data("n"))) }
            return written
        }
        try await store.compact(revision: point)
        let written = try await writer.value
        #expect(written.count == 300)

        let after = try await store.list(prefix: "/h/", revision: point, startAfter: nil, limit: 0)
        #expect(after.items == expected.items)
        let now = try await store.list(prefix: "/h/", revision: nil, startAfter: nil, limit: 0)
        #expect(now.items.count == 340)
        await #expect(throws: StoreError.compacted(requested: point - 1, compactRevision: point)) {
            _ = try await store.list(prefix: "/h/", revision: point - 1, startAfter: nil, limit: 0)
        }
        #expect(try await store.integrityCheck() == "ok")
        await store.close()

        // One row per live key is left below the point.
        let reopened = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        defer { Task { await reopened.close() } }
        #expect(try await reopened.rowCount(atOrBelow: point) == 40)
        #expect(await reopened.compactedRevision() == point)
    }
}
