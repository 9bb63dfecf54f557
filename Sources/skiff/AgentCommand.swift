import ArgumentParser
import Foundation
import Logging
import SkiffAPI
import SkiffClient
import SkiffDNS
import SkiffKubelet
import SkiffKubeletServer
import SkiffProxy

/// `skiff agent`: a node joining a cluster (k3s's agent): the node components, talking to the
/// server only through the API.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Join a Skiff server as a worker node: run the node components (kubelet and service proxy) against its API."
    )

    @Option(name: .long, help: "API server URL (http://HOST:PORT); overrides the kubeconfig's server.")
    var server: String?

    @Option(name: .long, help: "Kubeconfig with the API server and credentials.")
    var kubeconfig: String?

    @OptionGroup(title: "Node agent") var kubelet: KubeletFlags

    @OptionGroup(title: "Service proxy") var proxy: ProxyFlags

    @Option(name: .long, help: "The cluster's service range (as the server's), routed locally by the proxy.")
    var serviceClusterIPRange: String = "10.96.0.0/12"

    @Flag(name: .long, help: "Run without this node's service proxy.")
    var disableProxy = false

    func validate() throws {
        if server == nil && kubeconfig == nil { throw ValidationError("give --server URL or --kubeconfig FILE (or both)") }
        if let s = server, !(s.hasPrefix("http://") || s.hasPrefix("https://")) {
            throw ValidationError("--server: \(s): expected http://HOST:PORT or https://HOST:PORT")
        }
        try kubelet.validateFlags()
        _ = try proxy.options(nodeName: "x", serviceCIDR: serviceClusterIPRange)
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let logger = Logger(label: "skiff.agent")
        var cfg = kubeconfig != nil ? try ClientConfig.fromKubeconfig(path: kubeconfig!) : ClientConfig(server: server!)
        if let s = server { cfg.server = s }
        let client = SkiffClient(config: cfg)
        var flags = kubelet
        if flags.clusterDNS.isEmpty, let ip = await AgentDNS.clusterIP(client: client, logger: logger) {
            flags.clusterDNS = [ip]
        }
        let nodeName = flags.nodeName ?? ProcessInfo.processInfo.hostName
        let proxyOptions = disableProxy ? nil : try proxy.options(nodeName: nodeName, serviceCIDR: serviceClusterIPRange)
        let components = AgentComponents.all(client: client, flags: flags, proxy: proxyOptions)
        logger.info("joining \(cfg.server) with \(components.map(\.name).joined(separator: ", "))")
        let trim = PageTrim.afterStartup(logger)
        defer { trim.cancel() }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for c in components { group.addTask { try await c.run() } }
            group.addTask {
                _ = await Signals.wait([SIGTERM, SIGINT])
                throw CancellationError()
            }
            do { try await group.next() } catch is CancellationError {}
            group.cancelAll()
        }
        await client.shutdown()
    }
}

/// The components a joining node runs, each until cancelled: the kubelet (with its HTTP
/// endpoints) and, unless disabled, the service proxy.
enum AgentComponents {
    struct Component: Sendable {
        let name: String
        let run: @Sendable () async throws -> Void
    }

    static func all(client: SkiffClient, flags: KubeletFlags, proxy: ProxyOptions?) -> [Component] {
        var list = [Component(name: "kubelet") { try await AgentKubelet.run(client: client, flags: flags) }]
        if let proxy {
            list.append(Component(name: "proxy") { try await ProxyServer(client: client, options: proxy).run() })
        }
        return list
    }
}

enum AgentKubelet {
    static func run(client: SkiffClient, flags: KubeletFlags) async throws {
        let kubelet = try flags.makeKubelet(client: client, defaultName: ProcessInfo.processInfo.hostName)
        var started = false
        for attempt in 0..<300 where !started {
            do {
                try await kubelet.start()
                started = true
            } catch {
                if attempt == 299 || Task.isCancelled { throw error }
                try await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        let services = Task { try await NodeServices(kubelet: kubelet).run() }
        await withTaskCancellationHandler {
            while !Task.isCancelled { try? await Task.sleep(nanoseconds: 1_000_000_000) }
        } onCancel: {}
        services.cancel()
        await kubelet.stop()
    }
}

/// Without --cluster-dns, an agent's pods use the cluster's kube-dns service when it has one.
enum AgentDNS {
    static func clusterIP(client: SkiffClient, logger: Logger) async -> String? {
        for _ in 0..<50 {
            do {
                let svc = try await client.get(Service.self, namespace: KubeDNSObjects.namespace, name: KubeDNSObjects.name)
                if let ip = svc.spec.clusterIP, IPAddressText.bytes(ip) != nil {
                    logger.info("pods use the cluster DNS at \(ip) (kube-system/kube-dns)")
                    return ip
                }
                return nil
            } catch let e as ClientError where e.isNotFound {
                logger.info("no kube-system/kube-dns service: pods get the host's DNS settings")
                return nil
            } catch {
                try? await Task.sleep(nanoseconds: 200_000_000)
            }
        }
        return nil
    }
}
