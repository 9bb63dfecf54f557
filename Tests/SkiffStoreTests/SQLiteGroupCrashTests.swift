import Foundation
import Testing
@testable import SkiffStore
#if canImport(Glibc)
import Glibc
#endif

/// The environment variable that turns `groupCrashWriterChild` into the writer of the test.
private let groupCrashVariable = "SKIFF_STORE_GROUP_CRASH_DB"

/// Crash safety with many concurrent writers, so that the SIGKILL lands while writes are
/// grouped into shared transactions: an acknowledgement must only ever follow the COMMIT
/// that made the write durable, whichever group it rode in.
@Suite struct SQLiteGroupCrashTests {
    @Test func acknowledgedConcurrentWritesSurviveSIGKILL() async throws {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("store.db").path

        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["--testing-library", "swift-testing", "--filter", "groupCrashWriterChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[groupCrashVariable] = path
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

        let reader = output.fileHandleForReading
        var text = ""
        var killed = false
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(60)
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }  // EOF: the writer is gone
            text += String(decoding: chunk, as: UTF8.self)
            if !killed, text.components(separatedBy: "ACK ").count > 3000 || clock.now > deadline {
                kill(pid, SIGKILL)
                killed = true
            }
        }
        child.waitUntilExit()
        #expect(killed, "the writer ended before it was killed; its output: \(text.suffix(2000))")
        #expect(child.terminationReason == .uncaughtSignal)
        // Only whole lines count: the last one may have been cut by the kill.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        var acked: [String: Int64] = [:]
        for line in lines where line.hasPrefix("ACK ") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let revision = Int64(parts[2]) else { continue }
            acked[String(parts[1])] = revision
        }
        #expect(acked.count >= 3000)

        let store = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        defer { Task { await store.close() } }
        #expect(try await store.integrityCheck() == "ok")
        let listed = try await store.list(prefix: "/group/", revision: nil, startAfter: nil, limit: 0)
        let present = Dictionary(uniqueKeysWithValues: listed.items.map { ($0.key, $0) })
        var missing: [String] = []
        for (key, revision) in acked {
            guard let kv = present[key] else {
                missing.append(key)
                continue
            }
            if kv.modRevision != revision || kv.value != Data("value of \(key)") {
                Issue.record("\(key) came back at revision \(kv.modRevision), acknowledged at \(revision)")
            }
        }
        #expect(missing.isEmpty, "acknowledged but missing after the crash: \(missing.sorted().prefix(10))")
        // Revisions have no holes: each stored row is one revision, nothing half-written.
        let revisions = listed.items.map(\.modRevision).sorted()
        #expect(revisions == Array(1...Int64(revisions.count)))
        #expect(try await store.currentRevision() == Int64(revisions.count))
    }

    /// The writer half: 16 tasks creating keys at once, printing `ACK <key> <revision>` after
    /// each create returns. Does nothing unless the test above started this binary.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[groupCrashVariable] != nil))
    func groupCrashWriterChild() async throws {
        guard let path = ProcessInfo.processInfo.environment[groupCrashVariable] else { return }
        let store = try await SQLiteStore(path: path, options: .init(compactInterval: nil))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<16 {
                group.addTask {
                    // Bounded so an orphaned writer ends by itself.
                    for i in 0..<20_000 {
                        let key = String(format: "/group/%02d/%06d", writer, i)
                        let revision = try await store.create(key, value: Data("value of \(key)"))
                        // One write(2) per line, below PIPE_BUF: lines from tasks never interleave.
                        FileHandle.standardOutput.write(Data("ACK \(key) \(revision)\n".utf8))
                    }
                }
            }
            try await group.waitForAll()
        }
        await store.close()
    }
}
