import Hummingbird
import Logging
import NIOCore

/// `/metrics` (Prometheus text) and `/healthz` on the metrics address. Healthy means a sync
/// succeeded within twice the full-sync period of when one was last wanted.
public enum MetricsServer {
    public static func run(host: String, port: Int, metrics: ProxyMetrics, syncPeriod: Double, logger: Logger) async throws {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.render())))
        }
        router.get("healthz") { _, _ -> Response in
            let last = metrics.lastSync, queued = metrics.lastQueuedTime
            let healthy = last > 0 && (queued <= last || (metrics.lastSyncAge ?? .infinity) < 2 * syncPeriod)
            let body = "{\"lastUpdated\": \(last), \"healthy\": \(healthy)}\n"
            return Response(status: healthy ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              onServerRunning: { _ in logger.info("metrics on http://\(host):\(port)/metrics") },
                              logger: Logger(label: "skiff.proxy.metrics.http"))
        try await app.run()
    }
}
