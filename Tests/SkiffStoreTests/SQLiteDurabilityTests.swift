import Foundation
import Testing
@testable import SkiffStore
#if canImport(Glibc)
import Glibc
#endif

/// The environment variable that turns `crashWriterChild` into the writer of the crash test.
private let crashWriterVariable = "SKIFF_STORE_CRASH_WRITER_DB"

@Suite struct SQLiteDurabilityTests {
    @Test func reopenKeepsDataRevisionAndCompactionPoint() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.db").path

        let first = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        let r1 = try await first.create("/registry/a", value: Data("a1"))
        _ = try await first.update("/registry/a", value: Data("a2"), expectedRevision: r1)
        let rb = try await first.create("/registry/b", value: Data("b1"))
        try await first.compact(revision: rb)
        let deleted = try await first.delete("/registry/b", expectedRevision: rb)
        let before = try await first.list(prefix: "/registry/", revision: nil, startAfter: nil, limit: 0)
        let revision = try await first.currentRevision()
        await first.close()

        let second = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        defer { Task { await second.close() } }
        #expect(try await second.currentRevision() == revision)
        #expect(revision == deleted.modRevision)
        let after = try await second.list(prefix: "/registry/", revision: nil, startAfter: nil, limit: 0)
        #expect(after.items == before.items)
        #expect(after.revision == before.revision)
        #expect(await second.compactedRevision() == rb)
        await #expect(throws: StoreError.compacted(requested: r1, compactRevision: rb)) {
            _ = try await second.list(prefix: "/registry/", revision: r1, startAfter: nil, limit: 0)
        }
        // Revisions continue after the restart, never reused.
        let next = try await second.create("/registry/c", value: Data("c1"))
        #expect(next == revision + 1)
        // A watch from before the restart replays from the table.
        let events = try await collect(second.watch(prefix: "/registry/", afterRevision: rb), count: 2)
        #expect(events.map(\.kind) == [.delete, .put])
        #expect(events.first?.kv.value == Data("b1"))
    }

    @Test func automaticCompactionKeepsTheNewestRevisions() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteStore(path: directory.appendingPathComponent("store.db").path,
                                          options: .init(compactInterval: .milliseconds(50), retainedRevisions: 5))
        defer { Task { await store.close() } }
        var rev = try await store.create("/auto/k", value: Data("0"))
        let first = rev
        for i in 1...20 { rev = try await store.update("/auto/k", value: Data("\(i)"), expectedRevision: rev) }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while await store.compactedRevision() < rev - 5, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(await store.compactedRevision() == rev - 5)
        await #expect(throws: StoreError.compacted(requested: first, compactRevision: rev - 5)) {
            _ = try await store.list(prefix: "/auto/", revision: first, startAfter: nil, limit: 0)
        }
        #expect(try await store.get("/auto/k")?.value == Data("20"))
        #expect(try await store.list(prefix: "/auto/", revision: rev - 5, startAfter: nil, limit: 0).items.first?.value == Data("15"))
        #expect(try await store.integrityCheck() == "ok")
    }

    /// Starts this test binary again as a writer that prints `ACK <key>` after each create
    /// returns, SIGKILLs it mid-stream, and checks that every acknowledged key survived in an
    /// intact database.
    @Test func acknowledgedWritesSurviveSIGKILL() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.db").path

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "crashWriterChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[crashWriterVariable] = path
        child.environment = environment
        let output = Pipe()
        child.standardOutput = output
        child.standardError = FileHandle.nullDevice
        try child.run()
        let pid = child.processIdentifier
        defer {
            if child.isRunning { kill(pid, SIGKILL) }
            child.waitUntilExit()
        }

        // Read acks until enough have arrived, kill the writer, then drain what it had written.
        let reader = output.fileHandleForReading
        var text = ""
        var killed = false
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }  // EOF: the writer is gone
            text += String(decoding: chunk, as: UTF8.self)
            if !killed, text.components(separatedBy: "ACK ").count > 2000 || clock.now > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
        }
        child.waitUntilExit()
        #expect(killed, "the writer ended before it was killed; its output: \(text.suffix(2000))")
        #expect(child.terminationReason == .uncaughtSignal)
        let acked = text.split(separator: "\n").filter { $0.hasPrefix("ACK ") }.map { String($0.dropFirst(4)) }
        #expect(acked.count >= 2000)

        let store = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        defer { Task { await store.close() } }
        #expect(try await store.integrityCheck() == "ok")
        let listed = try await store.list(prefix: "/crash/", revision: nil, startAfter: nil, limit: 0)
        let present = Set(listed.items.map(\.key))
        let missing = acked.filter { !present.contains($0) }
        #expect(missing.isEmpty, "acknowledged but missing after the crash: \(missing.prefix(10))")
        for item in listed.items { #expect(item.value == Data("value of \(item.key)")) }
    }

    /// The writer half of `acknowledgedWritesSurviveSIGKILL`; does nothing unless that test
    /// started this binary with the database path in the environment.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[crashWriterVariable] != nil))
    func crashWriterChild() async throws {
        guard let path = ProcessInfo.processInfo.environment[crashWriterVariable] else { return }
        let store = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        let stdout = FileHandle.standardOutput
        // Bounded so an orphaned writer ends by itself.
        for i in 0..<200_000 {
            let key = String(format: "/crash/%07d", i)
            _ = try await store.create(key, value: Data("value of \(key)"))
            stdout.write(Data("ACK \(key)\n".utf8))
        }
        await store.close()
    }
}
