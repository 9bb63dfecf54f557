import Logging
import SkiffAPI
import SkiffClient

/// Keeps a `DNSServer`'s records current: informers on Services and Endpoints, and a rebuild of
/// the whole table after changes (coalesced, so a burst of events costs one rebuild).
public actor DNSRecordSync {
    let services: Informer<Service>
    let endpoints: Informer<Endpoints>
    let server: DNSServer
    let config: ClusterDNSConfig
    private var dirty = false
    private var loop: Task<Void, Never>?
    private let logger = Logger(label: "skiff.dns.sync")
    /// How many times the table was rebuilt (for logs and tests).
    public private(set) var rebuilds = 0

    public init(client: SkiffClient, server: DNSServer, config: ClusterDNSConfig) {
        services = Informer<Service>(client: client)
        endpoints = Informer<Endpoints>(client: client)
        self.server = server
        self.config = config
    }

    /// Starts the informers, waits for their first lists (bounded) and serves the first table.
    public func start() async {
        let mark: @Sendable () async -> Void = { [weak self] in await self?.markDirty() }
        await services.addHandler(InformerHandler(onAdd: { _ in await mark() }, onUpdate: { _, _ in await mark() }, onDelete: { _ in await mark() }))
        await endpoints.addHandler(InformerHandler(onAdd: { _ in await mark() }, onUpdate: { _, _ in await mark() }, onDelete: { _ in await mark() }))
        await services.start()
        await endpoints.start()
        _ = await services.waitForSync()
        _ = await endpoints.waitForSync()
        await rebuild()
        loop = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 50_000_000)
                await self?.rebuildIfDirty()
            }
        }
    }

    public func stop() async {
        loop?.cancel()
        loop = nil
        await services.stop()
        await endpoints.stop()
    }

    private func markDirty() { dirty = true }

    private func rebuildIfDirty() async {
        guard dirty else { return }
        await rebuild()
    }

    private func rebuild() async {
        dirty = false
        let table = RecordTable(config: config, services: await services.list(), endpoints: await endpoints.list())
        server.setTable(table)
        rebuilds += 1
        logger.debug("cluster DNS records rebuilt: \(table.recordNameCount) names")
    }
}
