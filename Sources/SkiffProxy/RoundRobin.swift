import Foundation

/// Userspace-mode endpoint choice: round-robin, or with ClientIP affinity the endpoint a client
/// used last while that was within the timeout. Shared by listener event loops, hence the lock.
public final class RoundRobin: @unchecked Sendable {
    private let lock = NSLock()
    private var endpoints: [ProxyEndpoint] = []
    private var next = 0
    private var affinitySeconds: Double?
    private var affinity: [String: (endpoint: ProxyEndpoint, last: Double)] = [:]
    private let now: @Sendable () -> Double

    public init(now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) { self.now = now }

    public func update(endpoints: [ProxyEndpoint], affinitySeconds: Int32?) {
        lock.withLock {
            if self.endpoints != endpoints {
                self.endpoints = endpoints
                let live = Set(endpoints)
                affinity = affinity.filter { live.contains($0.value.endpoint) }
                if next >= endpoints.count { next = 0 }
            }
            self.affinitySeconds = affinitySeconds.map(Double.init)
            if affinitySeconds == nil { affinity = [:] }
        }
    }

    public var isEmpty: Bool { lock.withLock { endpoints.isEmpty } }

    /// The endpoint for a new connection (or datagram session) from `clientIP`.
    public func pick(clientIP: String) -> ProxyEndpoint? {
        lock.withLock {
            guard !endpoints.isEmpty else { return nil }
            let t = now()
            if let timeout = affinitySeconds, let held = affinity[clientIP], t - held.last < timeout {
                affinity[clientIP] = (held.endpoint, t)
                return held.endpoint
            }
            let ep = endpoints[next % endpoints.count]
            next = (next + 1) % endpoints.count
            if affinitySeconds != nil { affinity[clientIP] = (ep, t) }
            return ep
        }
    }
}
