import Foundation
import Logging
import NIOCore
import NIOPosix

/// The original design's proxy: a local listener per service port (TCP or UDP), iptables
/// REDIRECT of the service's addresses to it, and round-robin with ClientIP affinity over the
/// endpoints in this process. SCTP service ports are skipped in this mode.
public actor UserspaceProxier: ProxyBackend {
    struct Portal {
        var info: ServicePortInfo
        var balancer: RoundRobin
        var channel: any Channel
        var port: Int
    }

    let iptables: IPTables
    let bindAddress: String
    let minSyncPeriod: Double
    let syncPeriod: Double
    let metrics: ProxyMetrics
    private let snapshot: @Sendable () async -> [ServicePortInfo]
    private let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    private let logger = Logger(label: "skiff.proxy.userspace")
    private var portals: [String: Portal] = [:]
    private var lastRules = ""
    private var dirty = true
    private var lastFull: ContinuousClock.Instant?
    private var lastSync: ContinuousClock.Instant?

    public init(iptables: IPTables, bindAddress: String = "0.0.0.0", minSyncPeriod: Double = 0.2, syncPeriod: Double = 30,
                metrics: ProxyMetrics = ProxyMetrics(), snapshot: @escaping @Sendable () async -> [ServicePortInfo]) {
        self.iptables = iptables
        self.bindAddress = bindAddress
        self.minSyncPeriod = minSyncPeriod
        self.syncPeriod = syncPeriod
        self.metrics = metrics
        self.snapshot = snapshot
    }

    public func requestSync() {
        dirty = true
        metrics.markQueued()
    }

    public func run() async {
        while !Task.isCancelled {
            let now = ContinuousClock.now
            let fullDue = lastFull.map { now - $0 >= .seconds(syncPeriod) } ?? true
            let minOK = lastSync.map { now - $0 >= .seconds(minSyncPeriod) } ?? true
            if (dirty && minOK) || fullDue {
                do { try await sync(full: fullDue) } catch {
                    logger.error("sync failed: \(error)")
                    dirty = true
                    lastSync = ContinuousClock.now
                }
            }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// The listener port of a service port (for tests).
    public func listenPort(key: String) -> Int? { portals[key]?.port }

    public func sync(full: Bool) async throws {
        let start = ContinuousClock.now
        dirty = false
        let wanted = await snapshot().filter { $0.proto == "TCP" || $0.proto == "UDP" }
        var keep = Set<String>()
        for info in wanted {
            keep.insert(info.key)
            if var p = portals[info.key] {
                p.info = info
                p.balancer.update(endpoints: info.endpoints, affinitySeconds: info.affinitySeconds)
                portals[info.key] = p
                continue
            }
            let balancer = RoundRobin()
            balancer.update(endpoints: info.endpoints, affinitySeconds: info.affinitySeconds)
            do {
                let ch = info.proto == "UDP"
                    ? try await UDPForwarder.listen(host: bindAddress, balancer: balancer, group: group)
                    : try await TCPForwarder.listen(host: bindAddress, balancer: balancer, group: group)
                let port = ch.localAddress?.port ?? 0
                portals[info.key] = Portal(info: info, balancer: balancer, channel: ch, port: port)
                logger.info("\(info.servicePortName) \(info.proto) \(info.clusterIP):\(info.port) on local port \(port)")
            } catch {
                logger.error("cannot open a listener for \(info.servicePortName): \(error)")
            }
        }
        for (key, p) in portals where !keep.contains(key) {
            try? await p.channel.close()
            portals[key] = nil
        }
        if full {
            for (table, chain) in [("nat", PortalRules.containerChain), ("nat", PortalRules.hostChain)] {
                try await iptables.ensureChain(table: table, chain)
            }
            for j in PortalRules.jumps { try await iptables.ensureJump(j) }
        }
        let rules = PortalRules.render(portals.values.map { ($0.info, $0.port) })
        if full || rules != lastRules {
            try await iptables.apply(rules)
            lastRules = rules
        }
        lastSync = ContinuousClock.now
        if full { lastFull = lastSync }
        let d = ContinuousClock.now - start
        let count = rules.split(separator: "\n").filter { $0.hasPrefix("-A ") }.count
        metrics.observeSync(seconds: d.inSeconds, full: full,
                            natRules: count, filterRules: 0, changedServicePorts: wanted.count)
    }

    public func shutdown() async {
        for (_, p) in portals { try? await p.channel.close() }
        portals = [:]
    }
}
