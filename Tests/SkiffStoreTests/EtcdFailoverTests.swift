import Foundation
import Testing
@testable import SkiffStore

/// A three-member etcd cluster loses its leader (SIGKILL) while writes stream through one
/// `EtcdStore` that knows all three endpoints: writes must keep succeeding after a short
/// failover, every acknowledged write must be readable afterwards, and a watch whose stream
/// ran through the dead leader resumes elsewhere without losing or repeating an event.
@Suite struct EtcdFailoverTests {
    @Test(.enabled(if: EtcdCluster.installed || Backend.strict, "etcd is not installed (apt-get install etcd-server)"),
          .timeLimit(.minutes(1)))
    func writesSurviveTheLossOfTheLeader() async throws {
        let cluster = try await EtcdCluster.start(size: 3)
        defer { cluster.stop() }
        let store = try EtcdStore(endpoints: cluster.clientURLs,
                                  options: .init(deadline: .seconds(15), attemptTimeout: .seconds(2)))
        defer { Task { await store.close() } }

        let leaderIndex = try await findLeader(cluster)
        // The watcher lists the leader first so its stream is the one the kill cuts.
        let order = [leaderIndex] + cluster.members.indices.filter { $0 != leaderIndex }
        let watcher = try EtcdStore(endpoints: order.map { cluster.members[$0].clientURL },
                                    options: .init(deadline: .seconds(15), attemptTimeout: .seconds(2)))
        defer { Task { await watcher.close() } }
        let start = try await store.currentRevision()
        let stream = watcher.watch(prefix: "/registry/failover/", afterRevision: start)
        let acks = AckLog()
        let writers = 4
        let afterKill = 150
        let clock = ContinuousClock()

        // Writers create keys until enough acks have arrived after the leader died.
        let killAt = 100
        let killer = Task {
            while await acks.count < killAt { try await Task.sleep(for: .milliseconds(5)) }
            cluster.kill(memberAt: leaderIndex)
            await acks.markKilled(at: clock.now)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    var i = 0
                    while await acks.acknowledgedAfterKill < afterKill {
                        let key = "/registry/failover/w\(writer)-\(String(format: "%05d", i))"
                        i += 1
                        do {
                            let rev = try await store.create(key, value: Data("value of \(key)"))
                            await acks.ack(key, revision: rev, at: clock.now)
                        } catch {
                            // A write in flight when the leader died may fail; it is not acknowledged.
                            await acks.fail(key, error: error)
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        try await killer.value

        let summary = await acks.summary()
        print("etcd failover: \(summary.acked.count) writes acknowledged, \(summary.failures.count) failed, "
              + "first write after the kill acknowledged \(summary.failoverGap.map { "\($0)" } ?? "never"); failures: \(summary.failures.prefix(4))")
        #expect(summary.afterKill >= afterKill)
        // Failures are allowed only for the writes caught by the kill itself.
        #expect(summary.failures.count <= writers, "failed writes: \(summary.failures.prefix(5))")
        if let gap = summary.failoverGap {
            #expect(gap < .seconds(10), "no write succeeded for \(gap) after the leader died")
        }

        // A new leader took over among the survivors.
        let newLeader = try await findLeader(cluster)
        #expect(newLeader != leaderIndex)

        // Every acknowledged write is there, with the revision it was acknowledged at.
        let listed = try await store.list(prefix: "/registry/failover/", revision: nil, startAfter: nil, limit: 0)
        let present = Dictionary(uniqueKeysWithValues: listed.items.map { ($0.key, $0) })
        var missing: [String] = []
        for (key, revision) in summary.acked {
            guard let kv = present[key] else {
                missing.append(key)
                continue
            }
            #expect(kv.modRevision == revision)
            #expect(kv.value == Data("value of \(key)"))
        }
        #expect(missing.isEmpty, "acknowledged but missing: \(missing.prefix(10))")

        // The watch saw every stored create exactly once, in revision order.
        let events = try await collect(stream, count: listed.items.count, timeout: 20)
        let revisions = events.map(\.kv.modRevision)
        #expect(zip(revisions, revisions.dropFirst()).allSatisfy { $0 < $1 }, "watch revisions out of order or repeated")
        #expect(events.allSatisfy { $0.kind == .put })
        #expect(Dictionary(events.map { ($0.kv.key, $0.kv.modRevision) }, uniquingKeysWith: { a, _ in a })
                == Dictionary(uniqueKeysWithValues: listed.items.map { ($0.key, $0.modRevision) }))
    }

    /// The index of the member that the cluster reports as leader, asking each live member.
    private func findLeader(_ cluster: EtcdCluster) async throws -> Int {
        let probe = try EtcdStore(endpoints: cluster.clientURLs, options: .init(deadline: .seconds(5), attemptTimeout: .seconds(1)))
        defer { Task { await probe.close() } }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(15)
        while clock.now < deadline {
            var ids: [UInt64: Int] = [:]
            var leader: UInt64 = 0
            for (index, member) in cluster.members.enumerated() where !member.killed {
                guard let status = try? await probe.leaderStatus(endpoint: member.clientURL) else { continue }
                ids[status.memberID] = index
                if status.leader != 0 { leader = status.leader }
            }
            if let index = ids[leader] { return index }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw EtcdTestError("no etcd member reports a live leader")
    }
}

/// What the writers saw: acknowledged keys with their revisions, failures, and timing.
private actor AckLog {
    private(set) var acked: [String: Int64] = [:]
    private(set) var failures: [String] = []
    private var killedAt: ContinuousClock.Instant?
    private var firstAckAfterKill: ContinuousClock.Instant?
    private(set) var acknowledgedAfterKill = 0

    var count: Int { acked.count }

    func ack(_ key: String, revision: Int64, at instant: ContinuousClock.Instant) {
        acked[key] = revision
        if let killedAt, instant > killedAt {
            acknowledgedAfterKill += 1
            if firstAckAfterKill == nil { firstAckAfterKill = instant }
        }
    }

    func fail(_ key: String, error: Error) { failures.append("\(key): \(error)") }

    func markKilled(at instant: ContinuousClock.Instant) { killedAt = instant }

    func summary() -> (acked: [String: Int64], failures: [String], afterKill: Int, failoverGap: Duration?) {
        let gap = killedAt.flatMap { killed in firstAckAfterKill.map { $0 - killed } }
        return (acked, failures, acknowledgedAfterKill, gap)
    }
}
