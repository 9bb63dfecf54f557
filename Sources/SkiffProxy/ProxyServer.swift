import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// How services are implemented on the node.
public enum ProxyMode: String, Sendable, CaseIterable {
    case iptables
    case nftables
    case userspace
}

/// Everything `skiff proxy` is configured with.
public struct ProxyOptions: Sendable {
    public var nodeName: String
    public var mode: ProxyMode = .iptables
    public var clusterCIDR: String?
    public var serviceCIDR: String? = "10.96.0.0/12"
    public var loadBalancerPool: IPv4Pool?
    public var syncPeriod: Double = 30
    public var minSyncPeriod: Double = 1
    /// "legacy" or "nft" to pick an iptables backend; nil for the system's default `iptables`.
    public var iptablesBackend: String?
    public var metricsHost = "127.0.0.1"
    public var metricsPort = 10249
    /// Whether to route the service range locally and make the pod range unreachable.
    public var guardRoutes = true
    /// The address userspace-mode listeners bind (0.0.0.0 so redirected pod traffic reaches them).
    public var userspaceBindAddress = "0.0.0.0"

    public init(nodeName: String) { self.nodeName = nodeName }
}

/// The service proxy of one node: informers for Services and Endpoints feed the chosen mode;
/// load-balancer ingress addresses are assigned through the API; metrics are served.
public final class ProxyServer: Sendable {
    public let client: SkiffClient
    public let options: ProxyOptions
    public let metrics = ProxyMetrics()
    let services: Informer<Service>
    let endpoints: Informer<Endpoints>
    private let logger = Logger(label: "skiff.proxy")

    public init(client: SkiffClient, options: ProxyOptions) {
        self.client = client
        self.options = options
        services = Informer<Service>(client: client)
        endpoints = Informer<Endpoints>(client: client)
    }

    /// Runs until cancelled; then stops the informers (rules stay in place, as kube-proxy leaves them).
    public func run() async throws {
        let runner = ProcessRunner()
        if options.guardRoutes {
            await RouteGuard(runner: runner).ensure(serviceCIDR: options.serviceCIDR, clusterCIDR: options.clusterCIDR)
        }
        let services = self.services, endpoints = self.endpoints, node = options.nodeName
        let snapshot: @Sendable () async -> [ServicePortInfo] = {
            ServiceSnapshot.build(services: await services.list(), endpoints: await endpoints.list(), nodeName: node)
        }
        let backend: any ProxyBackend
        switch options.mode {
        case .iptables:
            var c = ProxierConfig()
            c.render = RenderConfig(clusterCIDR: options.clusterCIDR)
            c.syncPeriod = options.syncPeriod
            c.minSyncPeriod = options.minSyncPeriod
            backend = IPTablesProxier(iptables: IPTables(runner: runner, backend: options.iptablesBackend), config: c,
                                      metrics: metrics, snapshot: snapshot)
        case .nftables:
            var c = ProxierConfig()
            c.render = RenderConfig(clusterCIDR: options.clusterCIDR)
            c.syncPeriod = options.syncPeriod
            c.minSyncPeriod = options.minSyncPeriod
            backend = NFTablesProxier(applier: NetlinkNFTables(), runner: runner, config: c, metrics: metrics, snapshot: snapshot)
        case .userspace:
            backend = UserspaceProxier(iptables: IPTables(runner: runner, backend: options.iptablesBackend),
                                       bindAddress: options.userspaceBindAddress, minSyncPeriod: min(options.minSyncPeriod, 0.2),
                                       syncPeriod: options.syncPeriod, metrics: metrics, snapshot: snapshot)
        }
        let changed: @Sendable () async -> Void = { [weak self] in
            await backend.requestSync()
            await self?.allocateLoadBalancers()
        }
        await services.addHandler(InformerHandler(onAdd: { _ in await changed() }, onUpdate: { _, _ in await changed() },
                                                  onDelete: { _ in await changed() }))
        await endpoints.addHandler(InformerHandler(onAdd: { _ in await backend.requestSync() },
                                                   onUpdate: { _, _ in await backend.requestSync() },
                                                   onDelete: { _ in await backend.requestSync() }))
        await services.start()
        await endpoints.start()
        _ = await services.waitForSync(timeout: .seconds(60))
        _ = await endpoints.waitForSync(timeout: .seconds(60))
        let count = await services.count
        logger.info("proxy for node \(options.nodeName) in \(options.mode.rawValue) mode: \(count) services")
        await allocateLoadBalancers()
        let metrics = self.metrics, opts = options, logger = self.logger
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await backend.run() }
            group.addTask {
                do {
                    try await MetricsServer.run(host: opts.metricsHost, port: opts.metricsPort, metrics: metrics,
                                                syncPeriod: opts.syncPeriod, logger: logger)
                } catch {
                    logger.error("metrics server on \(opts.metricsHost):\(opts.metricsPort) failed: \(error)")
                }
            }
            await group.next()
            group.cancelAll()
        }
        await services.stop()
        await endpoints.stop()
        await backend.shutdown()
    }

    /// Publishes ingress addresses for LoadBalancer services from the pool (writes go through
    /// the status subresource with optimistic concurrency; a conflict waits for the next event).
    func allocateLoadBalancers() async {
        guard let pool = options.loadBalancerPool else { return }
        let all = await services.list()
        for a in LoadBalancerAllocator.assign(services: all, pool: pool) {
            do {
                var svc = try await client.get(Service.self, namespace: a.namespace, name: a.name)
                var lb = svc.status.loadBalancer ?? LoadBalancerStatus()
                if let ip = a.ip {
                    lb.ingress = [LoadBalancerIngress(ip: ip, ipMode: "VIP")]
                } else {
                    lb.ingress = (lb.ingress ?? []).filter { i in !(i.ip.flatMap(IPv4Pool.parse).map(pool.contains) ?? false) }
                }
                svc.status.loadBalancer = lb
                _ = try await client.updateStatus(svc)
                logger.info("service \(a.namespace)/\(a.name): load-balancer ingress \(a.ip ?? "cleared")")
            } catch {
                logger.debug("load-balancer status of \(a.namespace)/\(a.name): \(error)")
            }
        }
    }
}

/// A way of implementing services on the node (iptables rules, or userspace listeners).
public protocol ProxyBackend: Sendable {
    func requestSync() async
    func run() async
    func shutdown() async
}

extension IPTablesProxier: ProxyBackend {
    public func shutdown() async {}
}
