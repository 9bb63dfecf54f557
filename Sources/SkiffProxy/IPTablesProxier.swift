import Foundation
import Logging

/// Settings of the iptables-mode proxier.
public struct ProxierConfig: Sendable {
    public var render = RenderConfig()
    /// Seconds between full resyncs (`--iptables-sync-period`).
    public var syncPeriod: Double = 30
    /// Fewest seconds between two syncs (`--iptables-min-sync-period`); changes in between coalesce.
    public var minSyncPeriod: Double = 1
    /// Set net.ipv4.conf.all.route_localnet so node ports answer on 127.0.0.1.
    public var localhostNodePorts = true
    /// Most service chains one iptables-restore transaction declares (see `SyncPlanner`); nil
    /// picks by backend: 1,000 for nf_tables, unbounded for legacy.
    public var chainsPerTransaction: Int?

    /// The bound `SyncPlanner` gets for a backend.
    public static func chainsPerTransaction(backend: String?) -> Int? {
        backend == "nf_tables" ? 1000 : nil
    }

    public init() {}
}

/// Keeps the host's iptables equal to the desired service rules: a full sync first and every
/// `syncPeriod`, partial syncs (only changed service chains) in between, stale UDP flows flushed.
public actor IPTablesProxier {
    public let iptables: IPTables
    public let config: ProxierConfig
    public nonisolated let metrics: ProxyMetrics
    private let snapshot: @Sendable () async -> [ServicePortInfo]
    private let logger = Logger(label: "skiff.proxy.iptables")
    private var state = SyncState()
    private var schedule: SyncSchedule
    private var conntrackMissingLogged = false
    /// `config.chainsPerTransaction`, or the backend's, found on the first sync.
    private var chainsPerTransaction: Int?
    private var backendChecked = false
    /// Bumped on every sync, for tests that wait for one.
    public private(set) var syncCount = 0

    public init(iptables: IPTables, config: ProxierConfig, metrics: ProxyMetrics = ProxyMetrics(),
                snapshot: @escaping @Sendable () async -> [ServicePortInfo]) {
        self.iptables = iptables
        self.config = config
        schedule = SyncSchedule(syncPeriod: config.syncPeriod, minSyncPeriod: config.minSyncPeriod)
        self.metrics = metrics
        self.snapshot = snapshot
    }

    /// Something changed: sync at the next allowed moment.
    public func requestSync() {
        schedule.dirty = true
        metrics.markQueued()
    }

    /// Runs until cancelled.
    public func run() async {
        while !Task.isCancelled {
            if let full = schedule.due(at: ContinuousClock.now) {
                do {
                    _ = try await sync(full: full)
                } catch {
                    logger.error("sync failed: \(error)")
                    schedule.failed(at: ContinuousClock.now)
                }
            }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    /// One sync now. Returns what was written.
    @discardableResult
    public func sync(full requested: Bool) async throws -> SyncPlan {
        let start = ContinuousClock.now
        schedule.dirty = false
        let ports = await snapshot()
        let full = requested || schedule.forceFull || !state.applied
        var existing = Set<String>()
        if full {
            try await prepareHost()
            existing = IPTables.chains(inDump: try await iptables.dump(table: "nat"))
        }
        if !backendChecked {
            backendChecked = true
            let backend = await iptables.backend()
            chainsPerTransaction = config.chainsPerTransaction ?? ProxierConfig.chainsPerTransaction(backend: backend)
            logger.info("iptables backend \(backend ?? "unknown"): \(chainsPerTransaction.map { "at most \($0) service chains per transaction" } ?? "one transaction per sync")")
        }
        let (plan, next) = SyncPlanner.plan(ports: ports, config: config.render, previous: state, full: full,
                                            existingChains: existing, chainsPerTransaction: chainsPerTransaction)
        do {
            for input in plan.stagingInputs { try await iptables.apply(input) }
            try await iptables.apply(plan.restoreInput)
        } catch {
            metrics.observeRestoreFailure(partial: !full)
            // The host may now differ from what we remember: the next sync is a full one.
            schedule.failed()
            throw error
        }
        state = next
        schedule.succeeded(full: full, at: ContinuousClock.now)
        await flushConntrack(plan.conntrackDeletions)
        let seconds = (ContinuousClock.now - start).inSeconds
        metrics.observeSync(seconds: seconds, full: full, natRules: plan.natRules, filterRules: plan.filterRules,
                            changedServicePorts: plan.changedServicePorts)
        syncCount += 1
        logger.debug("\(full ? "full" : "partial") sync: \(plan.changedServicePorts) service ports written in \(plan.stagingInputs.count + 1) transactions, \(plan.deletedChains.count) chains deleted, \(plan.natRules) nat rules, \(String(format: "%.3f", seconds)) s")
        return plan
    }

    /// The jumps from the built-in chains (checked, inserted only when missing) and the sysctl
    /// for node ports on 127.0.0.1.
    private func prepareHost() async throws {
        for (table, chain) in JumpRules.iptablesChains { try await iptables.ensureChain(table: table, chain) }
        for j in JumpRules.iptablesMode { try await iptables.ensureJump(j) }
        if config.localhostNodePorts { ProxyHost.enableRouteLocalnet(logger: logger) }
    }

    private func flushConntrack(_ deletions: [[String]]) async {
        conntrackMissingLogged = await ProxyHost.flushConntrack(deletions, runner: iptables.runner, logger: logger,
                                                                missingLogged: conntrackMissingLogged)
    }
}
