import Foundation
import Testing
@testable import SkiffStore

@Suite struct SQLiteOwnershipTests {
    /// One store owns a database file: a second open fails with a clear error while the first
    /// is open, and succeeds once it is closed.
    @Test func secondOpenOfOneDatabaseIsRefused() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.db").path
        let first = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        _ = try await first.create("/own/a", value: Data("a"))
        do {
            _ = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
            Issue.record("a second store opened a database that is in use")
        } catch let error as StoreError {
            #expect(error.description.contains("in use"))
            #expect(error.description.contains(path))
        }
        await first.close()
        let second = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        #expect(try await second.get("/own/a")?.value == Data("a"))
        await second.close()
    }

    @Test func unopenablePathNamesThePath() async throws {
        let path = "/proc/skiff-no-such-dir/store.db"
        do {
            _ = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
            Issue.record("opened a store at an impossible path")
        } catch let error as StoreError {
            #expect(error.description.contains(path))
        }
    }
}
