import Testing
@testable import SkiffKubelet

@Test func crashLoopDelaysDoubleToFiveMinutes() {
    var b = RestartBackoff()
    var t = 1000.0
    var delays: [Double] = []
    for _ in 0..<8 {
        let notBefore = b.containerExited("web", startedAt: t, exitedAt: t + 1)
        delays.append(notBefore - (t + 1))
        t = notBefore
    }
    #expect(delays == [10, 20, 40, 80, 160, 300, 300, 300])
    #expect(b.isBackingOff("web", now: t - 1))
    #expect(!b.isBackingOff("web", now: t + 1))
}

@Test func crashLoopResetsAfterTenMinutesRunning() {
    var b = RestartBackoff()
    _ = b.containerExited("c", startedAt: 0, exitedAt: 1)
    _ = b.containerExited("c", startedAt: 11, exitedAt: 12)
    #expect(b.entry("c")?.delay == 20)
    let nb = b.containerExited("c", startedAt: 40, exitedAt: 40 + 600)
    #expect(nb == 640 + 10)
}

@Test func probeNeedsConsecutiveFailures() {
    var p = ProbeTracker(failureThreshold: 3, initialResult: .success)
    var changes: [Bool] = []
    for o: ProbeOutcome in [.failure("connection refused"), .failure("connection refused"), .success,
                            .failure("x"), .failure("x"), .failure("HTTP probe failed with statuscode: 500")] {
        changes.append(p.record(o))
    }
    #expect(changes == [false, false, false, false, false, true])
    #expect(p.result == .failure)
    #expect(p.lastMessage.contains("500"))
}

@Test func readinessNeedsSuccessThreshold() {
    var p = ProbeTracker(successThreshold: 2, failureThreshold: 1, initialResult: .failure)
    let first = p.record(.success), second = p.record(.success)
    #expect(!first && second)
    #expect(p.result == .success)
    let down = p.record(.failure("down"))
    #expect(down)
    #expect(p.nextProbe(startedAt: 100, lastProbe: nil) == 100)
    let q = ProbeTracker(initialDelay: 5, period: 7)
    #expect(q.nextProbe(startedAt: 100, lastProbe: nil) == 105)
    #expect(q.nextProbe(startedAt: 100, lastProbe: 105) == 112)
}
