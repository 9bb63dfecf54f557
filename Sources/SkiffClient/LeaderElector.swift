import Foundation
import Logging
import SkiffAPI

/// Timing and identity of a leader election through a coordination.k8s.io Lease, with
/// Kubernetes' defaults (15 s lease, renew within 10 s, retry every 2 s).
public struct LeaderElectionConfig: Sendable, Equatable {
    public var namespace: String
    public var name: String
    /// Unique per candidate (host name plus a random suffix by default).
    public var identity: String
    public var leaseDuration: Duration = .seconds(15)
    public var renewDeadline: Duration = .seconds(10)
    public var retryPeriod: Duration = .seconds(2)
    /// Give the lease up when stopped, so another candidate takes over at once.
    public var releaseOnCancel = true

    public init(namespace: String = "kube-system", name: String, identity: String? = nil) {
        self.namespace = namespace
        self.name = name
        self.identity = identity ?? "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.prefix(8).lowercased())"
    }
}

/// Leader election over a Lease, the client-go way: a candidate takes the lease when it is
/// free, its own, or has not changed for a whole lease duration *as observed on this
/// candidate's clock* (so clock skew between machines does not matter); the leader renews it
/// every retry period and steps down if it cannot renew within the renew deadline. Writes are
/// conditional on the lease's resourceVersion, so two candidates never both win.
public actor LeaderElector {
    public let client: SkiffClient
    public let config: LeaderElectionConfig
    private let logger = Logger(label: "skiff.client.leader-election")
    /// The last lease record seen and when (monotonic) it was first seen as such.
    private var observed: LeaseSpec?
    private var observedAt: ContinuousClock.Instant = .now
    public private(set) var isLeader = false

    public init(client: SkiffClient, config: LeaderElectionConfig) {
        self.client = client
        self.config = config
    }

    /// What to do with the lease as it stands (pure; unit-tested).
    public enum Decision: Equatable, Sendable {
        /// No lease yet: create it holding it.
        case create
        /// Ours, free, or expired: write ourselves in (`transition` when taking it from another).
        case take(transition: Bool)
        /// Someone else holds a live lease.
        case wait
    }

    public static func decide(current: LeaseSpec?, identity: String, observedFor: Duration, leaseDuration: Duration) -> Decision {
        guard let current else { return .create }
        let holder = current.holderIdentity ?? ""
        if holder == identity { return .take(transition: false) }
        if holder.isEmpty { return .take(transition: true) }
        let duration = current.leaseDurationSeconds.map { Duration.seconds(Int64($0)) } ?? leaseDuration
        return observedFor > duration ? .take(transition: true) : .wait
    }

    /// One attempt to acquire or renew; true when we hold the lease afterwards.
    public func tryAcquireOrRenew() async -> Bool {
        let now = MicroTime.now()
        var lease: Lease?
        do {
            lease = try await client.get(Lease.self, namespace: config.namespace, name: config.name)
        } catch let e as ClientError where e.isNotFound {
            lease = nil
        } catch {
            logger.warning("reading lease \(config.namespace)/\(config.name): \(error)")
            return false
        }
        if let l = lease, l.spec != observed {
            observed = l.spec
            observedAt = .now
        }
        let decision = Self.decide(current: lease?.spec, identity: config.identity,
                                   observedFor: ContinuousClock.now - observedAt, leaseDuration: config.leaseDuration)
        let seconds = Int32(config.leaseDuration.components.seconds)
        do {
            switch decision {
            case .wait:
                return false
            case .create:
                var l = Lease()
                l.metadata.name = config.name
                l.metadata.namespace = config.namespace
                l.spec = LeaseSpec(holderIdentity: config.identity, leaseDurationSeconds: seconds, acquireTime: now, renewTime: now, leaseTransitions: 0)
                let made = try await client.create(l, namespace: config.namespace)
                remember(made.spec)
            case .take(let transition):
                guard var l = lease else { return false }
                if transition {
                    l.spec.acquireTime = now
                    l.spec.leaseTransitions = (l.spec.leaseTransitions ?? 0) + 1
                }
                l.spec.holderIdentity = config.identity
                l.spec.leaseDurationSeconds = seconds
                l.spec.renewTime = now
                let made = try await client.update(l)
                remember(made.spec)
            }
            return true
        } catch {
            // A conflict means another candidate wrote first.
            logger.debug("lease \(config.namespace)/\(config.name): \(error)")
            return false
        }
    }

    private func remember(_ spec: LeaseSpec) {
        observed = spec
        observedAt = .now
    }

    /// Gives the lease up (holder cleared) if we hold it.
    public func release() async {
        guard var l = try? await client.get(Lease.self, namespace: config.namespace, name: config.name),
              l.spec.holderIdentity == config.identity else { return }
        l.spec.holderIdentity = ""
        l.spec.leaseDurationSeconds = 1
        l.spec.renewTime = MicroTime.now()
        _ = try? await client.update(l)
        isLeader = false
    }

    /// Campaigns until cancelled: while leading, `lead` runs (its task is cancelled when the
    /// lease is lost, and leadership is sought again afterwards).
    public func run(lead: @escaping @Sendable () async -> Void) async {
        while !Task.isCancelled {
            // Acquire.
            while !Task.isCancelled {
                if await tryAcquireOrRenew() { break }
                try? await Task.sleep(for: config.retryPeriod)
            }
            if Task.isCancelled { break }
            isLeader = true
            logger.info("\(config.identity) became leader of \(config.namespace)/\(config.name)")
            let work = Task { await lead() }
            // Renew.
            var lastRenew = ContinuousClock.now
            while !Task.isCancelled {
                try? await Task.sleep(for: config.retryPeriod)
                if Task.isCancelled { break }
                if await tryAcquireOrRenew() {
                    lastRenew = .now
                } else if ContinuousClock.now - lastRenew > config.renewDeadline {
                    logger.warning("\(config.identity) lost the lease \(config.namespace)/\(config.name)")
                    break
                }
            }
            isLeader = false
            work.cancel()
            await work.value
        }
        if config.releaseOnCancel {
            // A fresh task: the requests of a cancelled one would be cancelled too.
            await Task { await self.release() }.value
        }
    }
}
