import Foundation
import Logging

/// Applies nftables transactions; a protocol so the proxier's sync logic runs against a
/// recording fake in tests.
public protocol NFTablesApplier: Sendable {
    func commit(table: String, _ ops: [NFTOp]) async throws
}

/// Talks to the kernel over netlink directly: no nft process, no ruleset dump, so a sync costs
/// what it changes.
public final class NetlinkNFTables: NFTablesApplier, @unchecked Sendable {
    private let lock = NSLock()
    private var socket: NetfilterSocket?
    private let networkNamespace: String?

    /// `networkNamespace` (a path such as /run/netns/NAME) programs that namespace instead of ours.
    public init(networkNamespace: String? = nil) { self.networkNamespace = networkNamespace }

    public func commit(table: String, _ ops: [NFTOp]) async throws {
        try lock.withLock {
            if socket == nil { socket = try NetfilterSocket(networkNamespace: networkNamespace) }
            do {
                try socket!.commit(table: table, ops, capacityHint: ops.count * 160)
            } catch {
                socket = nil  // a fresh socket next time: nothing stale left to read
                throw error
            }
        }
    }

    /// Removes the table (`skiff proxy --cleanup`); a missing table is fine.
    public func deleteTable(_ table: String) throws {
        try lock.withLock {
            let s = try NetfilterSocket(networkNamespace: networkNamespace)
            try s.commit(table: table, [.addTable, .deleteTable])
        }
    }
}

/// The nftables mode: keeps the `ip kube-proxy` table equal to the desired services. A full
/// sync first and every `syncPeriod`, partial syncs (only changed service ports) in between,
/// stale UDP flows flushed.
public actor NFTablesProxier {
    public let applier: any NFTablesApplier
    public let config: ProxierConfig
    public nonisolated let metrics: ProxyMetrics
    private let runner: any CommandRunner
    private let snapshot: @Sendable () async -> [ServicePortInfo]
    private let logger = Logger(label: "skiff.proxy.nftables")
    private var state = NFTSyncState()
    private var schedule: SyncSchedule
    private var conntrackMissingLogged = false
    public private(set) var syncCount = 0

    public init(applier: any NFTablesApplier, runner: any CommandRunner = ProcessRunner(), config: ProxierConfig,
                metrics: ProxyMetrics = ProxyMetrics(), snapshot: @escaping @Sendable () async -> [ServicePortInfo]) {
        self.applier = applier
        self.runner = runner
        self.config = config
        schedule = SyncSchedule(syncPeriod: config.syncPeriod, minSyncPeriod: config.minSyncPeriod)
        self.metrics = metrics
        self.snapshot = snapshot
    }

    public func requestSync() {
        schedule.dirty = true
        metrics.markQueued()
    }

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

    @discardableResult
    public func sync(full requested: Bool) async throws -> NFTSyncPlan {
        let start = ContinuousClock.now
        schedule.dirty = false
        let ports = await snapshot()
        let full = requested || schedule.forceFull || !state.applied
        if full && !state.applied { prepareHost() }
        // The state moves into the planner (no copy of its tables); a failed commit leaves it
        // empty, so the next sync starts over with a fresh table.
        let previous = state
        state = NFTSyncState()
        let (plan, next) = NFTablesPlanner.plan(ports: ports, config: config.render, previous: consume previous, full: full)
        do {
            try await applier.commit(table: NFTablesRenderer.table, plan.ops)
        } catch {
            metrics.observeRestoreFailure(partial: !full)
            schedule.failed()
            throw error
        }
        state = next
        schedule.succeeded(full: full, at: ContinuousClock.now)
        await flushConntrack(plan.conntrackDeletions)
        let seconds = (ContinuousClock.now - start).inSeconds
        metrics.observeSync(seconds: seconds, full: full, natRules: plan.rules, filterRules: 0,
                            changedServicePorts: plan.changedServicePorts)
        syncCount += 1
        logger.debug("\(full ? "full" : "partial") sync: \(plan.changedServicePorts) service ports written, \(plan.deletedChains.count) chains deleted, \(plan.ops.count) operations, \(String(format: "%.3f", seconds)) s")
        return plan
    }

    /// route_localnet, so node ports answer on 127.0.0.1 (the table's firewall chain keeps
    /// everything else from outside off 127.0.0.0/8).
    private func prepareHost() {
        guard config.localhostNodePorts else { return }
        ProxyHost.enableRouteLocalnet(logger: logger)
    }

    private func flushConntrack(_ deletions: [[String]]) async {
        conntrackMissingLogged = await ProxyHost.flushConntrack(deletions, runner: runner, logger: logger,
                                                                missingLogged: conntrackMissingLogged)
    }
}

extension NFTablesProxier: ProxyBackend {
    public func shutdown() async {}
}
