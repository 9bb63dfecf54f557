import Foundation

/// What a controller is still waiting to see in its watch after it created or deleted pods,
/// so that a slow watch never makes it act twice (Kubernetes' ControllerExpectations).
/// A key is satisfied when every expected add and delete has been observed, when it has no
/// record, or when the record is older than the TTL (a lost event must not wedge it).
public final class Expectations: @unchecked Sendable {
    struct Record {
        var adds: Int
        var deletes: Set<String>
        var stamp: ContinuousClock.Instant
    }

    private var records: [String: Record] = [:]
    private let lock = NSLock()
    public let ttl: Duration

    public init(ttl: Duration = .seconds(300)) { self.ttl = ttl }

    public func satisfied(_ key: String) -> Bool {
        lock.withLock {
            guard let r = records[key] else { return true }
            if r.adds <= 0 && r.deletes.isEmpty { return true }
            return ContinuousClock.now - r.stamp > ttl
        }
    }

    public func expectCreations(_ key: String, _ n: Int) {
        lock.withLock { records[key] = Record(adds: n, deletes: [], stamp: .now) }
    }

    public func expectDeletions(_ key: String, _ podKeys: [String]) {
        lock.withLock { records[key] = Record(adds: 0, deletes: Set(podKeys), stamp: .now) }
    }

    public func creationObserved(_ key: String) {
        lock.withLock { if records[key] != nil { records[key]?.adds -= 1 } }
    }

    public func deletionObserved(_ key: String, podKey: String) {
        lock.withLock { _ = records[key]?.deletes.remove(podKey) }
    }

    public func forget(_ key: String) {
        lock.withLock { records[key] = nil }
    }

    /// Pending adds and deletes, for logs and tests.
    public func pending(_ key: String) -> (adds: Int, deletes: Int) {
        lock.withLock { (records[key]?.adds ?? 0, records[key]?.deletes.count ?? 0) }
    }
}
