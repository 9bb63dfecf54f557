import ArgumentParser
import Foundation
import SkiffProxy

/// `skiff bench-proxy` (hidden): the rule-sync half of hack/bench/proxy.sh. It feeds the
/// iptables proxier an in-process snapshot of N services × E endpoints (so API object creation
/// does not dominate) and applies for real with iptables-restore: a full sync, then one endpoint
/// change (a partial sync). Run it only inside a private network namespace.
struct BenchProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-proxy",
        abstract: "Rule sync benchmark for the service proxy (hack/bench/proxy.sh).",
        shouldDisplay: false
    )

    @Option(help: "Services (one TCP port each).") var services: Int = 1000
    @Option(help: "Endpoints per service.") var endpoints: Int = 3
    @Option(help: "Partial syncs to time (each changes one endpoint of one service).") var changes: Int = 5
    @Option(help: "iptables backend: legacy or nft (default: the system's iptables).") var iptablesBackend: String?
    @Option(help: "iptables or nftables.") var mode: String = "iptables"
    @Option(help: "The cluster's pod range: clients outside it are masqueraded on their way to a cluster IP.")
    var clusterCIDR: String = "10.128.0.0/9"
    @Option(help: "One real service for a data-path test, CLUSTERIP:PORT=ENDPOINTIP:PORT (kept after the run with --keep).")
    var datapathService: String?
    @Flag(help: "Leave the rules in place (for a data-path measurement); remove them later with skiff proxy --cleanup.")
    var keep = false

    final class Box: @unchecked Sendable {
        let lock = NSLock()
        var ports: [ServicePortInfo] = []
        func get() -> [ServicePortInfo] { lock.withLock { ports } }
        func mutate(_ f: (inout [ServicePortInfo]) -> Void) { lock.withLock { f(&ports) } }
    }

    static func synthetic(services n: Int, endpoints e: Int) -> [ServicePortInfo] {
        (0..<n).map { i in
            let ip = "10.\(96 + (i >> 16)).\((i >> 8) & 255).\(i & 255)"
            let eps = (0..<e).map { j -> ProxyEndpoint in
                let k = i * e + j
                return ProxyEndpoint(ip: "10.\(128 + (k >> 16)).\((k >> 8) & 255).\(k & 255)", port: 8080)
            }
            return ServicePortInfo(namespace: "bench", name: "svc-\(i)", portName: "http", clusterIP: ip, port: 80, endpoints: eps)
        }
    }


    func run() async throws {
        let box = Box()
        box.ports = Self.synthetic(services: services, endpoints: endpoints)
        if let d = datapathService {
            let sides = d.split(separator: "=").map { $0.split(separator: ":").map(String.init) }
            guard sides.count == 2, sides[0].count == 2, sides[1].count == 2, let sp = Int32(sides[0][1]), let ep = Int32(sides[1][1]) else {
                throw ValidationError("--datapath-service: expected CLUSTERIP:PORT=ENDPOINTIP:PORT, got \"\(d)\"")
            }
            box.ports.append(ServicePortInfo(namespace: "bench", name: "datapath", clusterIP: sides[0][0], port: sp,
                                             endpoints: [ProxyEndpoint(ip: sides[1][0], port: ep)]))
        }
        guard mode == "iptables" || mode == "nftables" else { throw ValidationError("--mode: expected iptables or nftables, got \"\(mode)\"") }
        var cfg = ProxierConfig()
        cfg.render = RenderConfig(clusterCIDR: clusterCIDR)
        cfg.localhostNodePorts = false
        let iptables = IPTables(runner: ProcessRunner(), backend: iptablesBackend)
        let nft = NetlinkNFTables()
        let ipt = IPTablesProxier(iptables: iptables, config: cfg, snapshot: { box.get() })
        let nfp = NFTablesProxier(applier: nft, config: cfg, snapshot: { box.get() })
        let syncOnce: (Bool) async throws -> (written: Int, deleted: Int, rules: Int) = { full in
            if mode == "nftables" {
                let p = try await nfp.sync(full: full)
                return (p.changedServicePorts, p.deletedChains.count, p.rules)
            }
            let p = try await ipt.sync(full: full)
            return (p.changedServicePorts, p.deletedChains.count, p.natRules)
        }

        // Rendering alone (no I/O), for the split of the total.
        let r0 = ContinuousClock.now
        var size = 0
        if mode == "nftables" {
            size = NFTablesPlanner.plan(ports: box.get(), config: cfg.render, previous: NFTSyncState(), full: true).0.ops.count
        } else {
            size = SyncPlanner.plan(ports: box.get(), config: cfg.render, previous: SyncState(), full: true).0.restoreInput.utf8.count
        }
        let renderSeconds = (ContinuousClock.now - r0).inSeconds

        let t0 = ContinuousClock.now
        let full = try await syncOnce(true)
        let fullSeconds = (ContinuousClock.now - t0).inSeconds
        print("full mode=\(mode) services=\(services) endpoints=\(endpoints) rules=\(full.rules) \(mode == "nftables" ? "operations" : "bytes")=\(size) render_s=\(String(format: "%.4f", renderSeconds)) sync_s=\(String(format: "%.4f", fullSeconds))")

        var partials: [Double] = []
        for c in 0..<changes {
            let target = (c * 7919) % services
            box.mutate { ports in
                ports[target].endpoints[0].ip = "10.127.\(c / 256).\(c % 256 + 1)"
                ports[target].endpoints.sort()
            }
            let t = ContinuousClock.now
            let p = try await syncOnce(false)
            let s = (ContinuousClock.now - t).inSeconds
            partials.append(s)
            print("partial change=\(c + 1) service_ports_written=\(p.written) chains_deleted=\(p.deleted) sync_s=\(String(format: "%.4f", s))")
        }
        let sorted = partials.sorted()
        if !sorted.isEmpty {
            print("partial_median_s=\(String(format: "%.4f", sorted[sorted.count / 2]))")
        }
        print("full_s=\(String(format: "%.4f", fullSeconds))")
        if keep { return }
        let c0 = ContinuousClock.now
        if mode == "nftables" { try nft.deleteTable(NFTablesRenderer.table) } else { try await Cleanup.run(iptables) }
        print("cleanup_s=\(String(format: "%.4f", (ContinuousClock.now - c0).inSeconds))")
    }
}
