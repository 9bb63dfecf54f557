import Testing
@testable import SkiffKubelet

actor SyncLog {
    var calls: [(String, Int)] = []
    var concurrent: [String: Int] = [:]
    var maxConcurrentPerKey = 0
    func begin(_ k: String, _ v: Int) {
        calls.append((k, v))
        concurrent[k, default: 0] += 1
        maxConcurrentPerKey = max(maxConcurrentPerKey, concurrent[k] ?? 0)
    }
    func end(_ k: String) { concurrent[k, default: 0] -= 1 }
}

@Test func onePodNeverSyncsTwiceAtOnceAndLatestWins() async throws {
    let log = SyncLog()
    let workers = PodWorkers<String, Int> { key, value in
        await log.begin(key, value)
        try? await Task.sleep(nanoseconds: 20_000_000)
        await log.end(key)
    }
    for v in 1...5 { await workers.update("pod-a", v) }
    await workers.update("pod-b", 100)
    await workers.waitIdle()
    let calls = await log.calls
    let a = calls.filter { $0.0 == "pod-a" }.map(\.1)
    // The first sync starts with 1 or (if the task started late) a later value; the queued
    // updates collapse into one follow-up with the newest value.
    #expect(a.last == 5)
    #expect(a.count <= 2)
    #expect(calls.contains { $0.0 == "pod-b" && $0.1 == 100 })
    #expect(await log.maxConcurrentPerKey == 1)
}
