import Foundation
import Hummingbird
import Logging
import NIOCore
import SkiffAPI
import SkiffStore

/// Settings of one API server.
public struct APIServerOptions: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 6443
    public var serviceClusterIPRange = "10.96.0.0/12"
    public var serviceNodePortRange = "30000-32767"
    /// Larger request bodies get 413 (Kubernetes allows 3 MiB).
    public var maxBodyBytes = 3 * 1024 * 1024
    /// Where to write the admin kubeconfig, if anywhere.
    public var kubeconfigPath: String?
    public var watchCacheSize = 8192
    public var bookmarkInterval: Duration = .seconds(10)
    public var security: TransportSecurity = .plaintext

    public init() {}

    /// Parses `HOST:PORT` (IPv4 or a name).
    public mutating func setListen(_ text: String) throws {
        guard let idx = text.lastIndex(of: ":"), let p = Int(text[text.index(after: idx)...]), (0...65535).contains(p) else {
            throw RangeError("--listen: expected HOST:PORT such as 127.0.0.1:6443, got \"\(text)\"")
        }
        host = String(text[..<idx])
        if host.isEmpty { host = "0.0.0.0" }
        port = p
    }
}

/// The API server: registry over a store, watch cache, allocators, bootstrap objects and the
/// HTTP listener. `run()` serves until the task is cancelled.
public final class APIServer: Sendable {
    public let options: APIServerOptions
    public let store: any KVStore
    public let registry: Registry
    let allocator: ServiceAllocator
    let logger = Logger(label: "skiff.apiserver")
    private let boundPort = LockedValue<Int?>(nil)

    public init(store: any KVStore, options: APIServerOptions, catalog: ResourceCatalog = ResourceCatalog()) throws {
        self.options = options
        self.store = store
        let ipRange = try IPv4Range(cidr: options.serviceClusterIPRange)
        let portRange = try PortRange(options.serviceNodePortRange)
        allocator = ServiceAllocator(store: store, ipRange: ipRange, portRange: portRange)
        let cache = WatchCache(store: store, capacity: options.watchCacheSize)
        registry = Registry(store: store, catalog: catalog, cache: cache, hooks: ["services": allocator])
    }

    /// The port actually listened on (after `onListening`).
    public var port: Int? { boundPort.value }

    /// Creates the bootstrap objects, starts the watch cache and serves HTTP until cancelled.
    /// `onListening` gets the bound port once the listener is up.
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let advertise = options.host == "0.0.0.0" ? "127.0.0.1" : options.host
        let serviceIP = IPv4Range.format(allocator.ipRange.first)
        let openAPI = OpenAPIDocuments()
        // The listener's port is known only after binding; with port 0 the `kubernetes`
        // endpoints are written once it is.
        let handler = APIHandler(registry: registry, serverAddress: "\(advertise):\(options.port)",
                                 bookmarkInterval: options.bookmarkInterval, openAPI: { [openAPI] gv in openAPI.document(gv) })
        let frontend = HTTPFrontend(handler: handler, authenticator: AllowAllAuthenticator(), maxBodyBytes: options.maxBodyBytes)
        let responder = CallbackResponder<BasicRequestContext> { request, _ in await frontend.respond(request) }
        let registry = self.registry
        let logger = self.logger
        let options = self.options
        let boundPort = self.boundPort
        let app = Application(
            responder: responder,
            server: ExecProxy.serverBuilder(handler: handler, logger: logger),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                boundPort.set(port)
                if port != options.port {
                    do {
                        try await Bootstrap.run(registry, serviceIP: serviceIP, advertiseIP: advertise, port: port, logger: logger)
                    } catch {
                        logger.error("bootstrap failed: \(error)")
                    }
                }
                if let path = options.kubeconfigPath {
                    do {
                        try Kubeconfig.write(server: "\(options.security.scheme)://\(advertise):\(port)", to: path)
                    } catch {
                        logger.error("cannot write kubeconfig \(path): \(error)")
                    }
                }
                logger.info("serving the Kubernetes API on \(options.security.scheme)://\(options.host):\(port)")
                await onListening(port)
            },
            logger: Logger(label: "skiff.apiserver.http")
        )
        // Bootstrap objects first, then the watch cache from the store's current revision, so
        // the cache's window starts after them; then the listener.
        try await Bootstrap.run(registry, serviceIP: serviceIP, advertiseIP: advertise, port: options.port, logger: logger)
        try await registry.cache.start()
        try await withTaskCancellationHandler {
            try await app.run()
        } onCancel: {}
        await registry.cache.stop()
    }
}

/// A value shared between the listener callback and readers.
final class LockedValue<T: Sendable>: @unchecked Sendable {
    private var v: T
    private let lock = NSLock()
    init(_ v: T) { self.v = v }
    var value: T { lock.withLock { v } }
    func set(_ n: T) { lock.withLock { v = n } }
}
