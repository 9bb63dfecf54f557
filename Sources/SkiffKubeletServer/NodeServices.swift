import Logging
import SkiffKubelet
import SkiffStats

/// The kubelet's companions on a node: the stats collector's housekeeping, the HTTP endpoints
/// and the pruning of rotated container logs. `run()` serves until cancelled.
public struct NodeServices: Sendable {
    public let kubelet: Kubelet
    public let collector: StatsCollector
    public let server: KubeletServer

    public init(kubelet: Kubelet) {
        let cfg = kubelet.config
        var sc = StatsConfig()
        sc.housekeepingInterval = cfg.housekeepingInterval
        sc.rootDir = cfg.rootDir
        sc.imageDir = cfg.imageDirs.first ?? cfg.rootDir
        self.kubelet = kubelet
        self.collector = StatsCollector(source: kubelet, config: sc)
        self.server = KubeletServer(kubelet: kubelet, collector: collector, config: cfg)
    }

    public func run() async throws {
        await collector.start()
        let kubelet = self.kubelet
        let pruner = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: 10_000_000_000)
                await kubelet.pruneRotatedLogs()
            }
        }
        defer { pruner.cancel() }
        do {
            try await server.run()
        } catch {
            await collector.stop()
            throw error
        }
        await collector.stop()
    }
}
