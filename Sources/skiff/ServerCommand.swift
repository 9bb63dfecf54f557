import ArgumentParser
import Foundation
import Logging
import SkiffAPIServer
import SkiffClient
import SkiffKubelet
import SkiffKubeletServer

/// `skiff server`: the all-in-one node (k3s style). For now the API server on the embedded
/// store; the scheduler, controllers, kubelet and proxy join it as they land, each talking
/// to it only through the API.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the all-in-one Skiff node: the API server on the embedded store, and the components that join it."
    )

    @OptionGroup var flags: APIServerFlags

    @OptionGroup(title: "Node agent") var kubelet: KubeletFlags

    @Flag(name: .long, help: "Run only the control plane, without this node's kubelet.")
    var disableAgent = false

    func validate() throws {
        _ = try flags.serverOptions()
        try kubelet.validateFlags()
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let options = try flags.serverOptions()
        if let path = options.kubeconfigPath { try? FileManager.default.removeItem(atPath: path) }
        let kv = try await StoreFactory.open(.sqlite, dataDir: flags.dataDir, etcdServers: nil)
        var alongside: [@Sendable () async throws -> Void] = []
        if !disableAgent, let kubeconfig = options.kubeconfigPath {
            let flagsCopy = self.kubelet
            let dataDir = flags.dataDir
            alongside.append {
                try await NodeAgentRunner.run(kubeconfig: kubeconfig, flags: flagsCopy, dataDir: dataDir)
            }
        }
        try await ServerRunner.run(options: options, store: kv, alongside: alongside)
    }
}

/// Starts this node's kubelet once the API server in the same process has written its
/// kubeconfig (it talks to the API like any other client), and runs it until cancelled.
enum NodeAgentRunner {
    static func run(kubeconfig: String, flags: KubeletFlags, dataDir: String) async throws {
        var cfg: ClientConfig?
        for _ in 0..<600 {
            if let c = try? ClientConfig.fromKubeconfig(path: kubeconfig) { cfg = c; break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        guard let cfg else { throw ValidationError("the API server did not write \(kubeconfig)") }
        let client = SkiffClient(config: cfg)
        let kubelet = try flags.makeKubelet(client: client, defaultName: ProcessInfo.processInfo.hostName,
                                            defaultRoot: URL(fileURLWithPath: dataDir).appendingPathComponent("kubelet").path)
        var started = false
        for attempt in 0..<100 where !started {
            do {
                try await kubelet.start()
                started = true
            } catch {
                if attempt == 99 { throw error }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        let services = Task { try await NodeServices(kubelet: kubelet).run() }
        await withTaskCancellationHandler {
            while !Task.isCancelled { try? await Task.sleep(nanoseconds: 1_000_000_000) }
        } onCancel: {}
        services.cancel()
        await kubelet.stop()
        await client.shutdown()
    }
}
