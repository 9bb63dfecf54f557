import Glibc
@testable import SkiffRuntime
import Testing

/// `waitUntilExit`: the async wait the kubelet's workers use.
@Suite(.privileged, .serialized) struct AsyncWaitTests {
    @Test func returnsHowTheContainerEnded() async throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("aw", f.spec(["sh", "-c", "sleep 0.2; exit 5"]))
        try f.runtime.start(id: "aw")
        let e = try await f.runtime.waitUntilExit(id: "aw")
        #expect(e.exitCode == 5 && e.signal == 0 && e.reason == "Error")
        #expect(try f.runtime.state(id: "aw").status == .stopped)
        try f.runtime.delete(id: "aw")
    }

    /// More waiting containers than the cooperative pool has threads: none may starve another.
    @Test func manyWaitsAtOnceDoNotHoldThePool() async throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let ids = (0..<8).map { "awm\($0)" }
        for (i, id) in ids.enumerated() {
            _ = try f.create(id, f.spec(["sh", "-c", "sleep 0.3; exit \(i)"]))
            try f.runtime.start(id: id)
        }
        let rt = f.runtime
        let codes = try await withThrowingTaskGroup(of: (String, Int32).self) { group in
            for id in ids { group.addTask { (id, try await rt.waitUntilExit(id: id).exitCode) } }
            var out: [String: Int32] = [:]
            for try await (id, code) in group { out[id] = code }
            return out
        }
        for (i, id) in ids.enumerated() { #expect(codes[id] == Int32(i), "\(id)") }
        for id in ids { try f.runtime.delete(id: id) }
    }

    @Test func cancellingTheWaitLeavesTheContainerRunning() async throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        _ = try f.create("awc", f.spec(["sleep", "100"]))
        try f.runtime.start(id: "awc")
        let rt = f.runtime
        let waiter = Task { try await rt.waitUntilExit(id: "awc") }
        try await Task.sleep(for: .milliseconds(100))
        waiter.cancel()
        let result = await waiter.result
        switch result {
        case .success(let e): Issue.record("the wait returned \(e) for a running container")
        case .failure(let error): #expect(error is CancellationError, "\(error)")
        }
        #expect(try f.runtime.state(id: "awc").status == .running)
        try f.runtime.delete(id: "awc", force: true)
    }
}
