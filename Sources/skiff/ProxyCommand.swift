import ArgumentParser
import Foundation
import Logging
import SkiffClient
import SkiffProxy

/// Flags of the service proxy, shared by `skiff proxy` and `skiff server`.
struct ProxyFlags: ParsableArguments {
    @Option(name: .long, help: "This node's name, for externalTrafficPolicy: Local (default: the host name).")
    var hostnameOverride: String?

    @Option(name: .long, help: "iptables (rules in the kube-proxy pattern), nftables (the kube-proxy table programmed over netlink: one map lookup per packet, syncs that cost what they change) or userspace (a local listener per service port).")
    var mode: String = "iptables"

    @Option(name: .long, help: "The cluster's pod range; cluster-IP traffic from outside it is masqueraded, and it is never routed off the node.")
    var clusterCIDR: String?

    @Option(name: .long, help: "Addresses for LoadBalancer services (FIRST-LAST or a CIDR), published in status.loadBalancer.ingress.")
    var loadbalancerIPRange: String?

    @Option(name: .long, help: "Seconds between full resyncs of the rules.")
    var iptablesSyncPeriod: Double = 30

    @Option(name: .long, help: "Fewest seconds between two syncs (changes in between are applied together).")
    var iptablesMinSyncPeriod: Double = 1

    @Option(name: .long, help: "iptables backend: legacy or nft (default: the system's iptables).")
    var iptablesBackend: String?

    @Option(name: .long, help: "Address of /metrics and /healthz (HOST:PORT).")
    var metricsBindAddress: String = "127.0.0.1:10249"

    @Flag(name: .long, help: "Leave the routes alone (by default the service range is routed locally and the pod range made unreachable).")
    var noRouteGuard = false

    func options(nodeName: String, serviceCIDR: String?) throws -> ProxyOptions {
        var o = ProxyOptions(nodeName: (hostnameOverride ?? nodeName).lowercased())
        guard let m = ProxyMode(rawValue: mode) else { throw ValidationError("--mode: expected iptables, nftables or userspace, got \"\(mode)\"") }
        o.mode = m
        if let c = clusterCIDR {
            guard Self.isCIDR(c) else { throw ValidationError("--cluster-cidr: expected an IPv4 CIDR such as 10.244.0.0/16, got \"\(c)\"") }
            o.clusterCIDR = c
        }
        o.serviceCIDR = serviceCIDR
        if let r = loadbalancerIPRange {
            do { o.loadBalancerPool = try IPv4Pool(r) } catch { throw ValidationError("\(error)") }
        }
        guard iptablesSyncPeriod > 0 else { throw ValidationError("--iptables-sync-period: must be positive, got \(iptablesSyncPeriod)") }
        guard iptablesMinSyncPeriod >= 0 else { throw ValidationError("--iptables-min-sync-period: must not be negative, got \(iptablesMinSyncPeriod)") }
        o.syncPeriod = iptablesSyncPeriod
        o.minSyncPeriod = iptablesMinSyncPeriod
        if let b = iptablesBackend {
            guard b == "legacy" || b == "nft" else { throw ValidationError("--iptables-backend: expected legacy or nft, got \"\(b)\"") }
            o.iptablesBackend = b
        }
        let parts = metricsBindAddress.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let port = Int(parts[1]), (0...65535).contains(port), !parts[0].isEmpty else {
            throw ValidationError("--metrics-bind-address: expected HOST:PORT such as 127.0.0.1:10249, got \"\(metricsBindAddress)\"")
        }
        o.metricsHost = String(parts[0])
        o.metricsPort = port
        o.guardRoutes = !noRouteGuard
        return o
    }

    static func isCIDR(_ s: String) -> Bool {
        let p = s.split(separator: "/")
        guard p.count == 2, let len = Int(p[1]), (0...32).contains(len) else { return false }
        return IPv4Pool.parse(String(p[0])) != nil
    }
}

/// `skiff proxy`: Services and Endpoints from the API become this node's iptables rules (or
/// userspace listeners).
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run the service proxy: cluster IPs, node ports and load-balancer IPs through iptables (or userspace listeners)."
    )

    @Option(name: .long, help: "Kubeconfig with the API server.")
    var kubeconfig: String?

    @Option(name: .long, help: "API server URL (http://HOST:PORT), instead of --kubeconfig.")
    var server: String?

    @Option(name: .long, help: "The service range, routed locally so service traffic never takes the default route.")
    var serviceClusterIPRange: String = "10.96.0.0/12"

    @Flag(name: .long, help: "Remove every KUBE-* chain and the jumps to them, and the nftables mode's kube-proxy table, then exit.")
    var cleanup = false

    @OptionGroup var flags: ProxyFlags

    func validate() throws {
        if !cleanup && kubeconfig == nil && server == nil { throw ValidationError("give --kubeconfig FILE or --server URL") }
        guard ProxyFlags.isCIDR(serviceClusterIPRange) else {
            throw ValidationError("--service-cluster-ip-range: expected an IPv4 CIDR such as 10.96.0.0/12, got \"\(serviceClusterIPRange)\"")
        }
        _ = try flags.options(nodeName: "x", serviceCIDR: serviceClusterIPRange)
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let options = try flags.options(nodeName: ProcessInfo.processInfo.hostName, serviceCIDR: serviceClusterIPRange)
        if cleanup {
            let runner = ProcessRunner()
            try await Cleanup.run(IPTables(runner: runner, backend: options.iptablesBackend))
            do { try NetlinkNFTables().deleteTable(NFTablesRenderer.table) } catch {
                FileHandle.standardError.write(Data("skiff proxy --cleanup: nftables table \(NFTablesRenderer.table): \(error)\n".utf8))
            }
            if options.guardRoutes {
                await RouteGuard(runner: runner).remove(serviceCIDR: options.serviceCIDR, clusterCIDR: options.clusterCIDR)
            }
            return
        }
        let cfg = try kubeconfig.map { try ClientConfig.fromKubeconfig(path: $0) } ?? ClientConfig(server: server ?? "")
        let client = SkiffClient(config: cfg)
        let proxy = ProxyServer(client: client, options: options)
        let task = Task { try await proxy.run() }
        _ = await Signals.wait([SIGTERM, SIGINT])
        task.cancel()
        _ = await task.result
        await client.shutdown()
    }
}

/// Starts the proxy of `skiff server` once the API server has written its kubeconfig.
enum ProxyRunner {
    static func run(kubeconfig: String, options: ProxyOptions) async throws {
        let client = try await InProcessClient.waitForKubeconfig(kubeconfig)
        let proxy = ProxyServer(client: client, options: options)
        try await proxy.run()
        await client.shutdown()
    }
}
