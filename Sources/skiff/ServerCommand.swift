import ArgumentParser
import Foundation
import Logging
import SkiffAPIServer
import SkiffClient
import SkiffControllers
import SkiffKubelet
import SkiffProxy
import SkiffScheduler
import SkiffKubeletServer

/// `skiff server`: the all-in-one node (k3s style): the API server on the embedded store, with
/// the controller manager, the scheduler and this node's agent beside it in one process, each
/// talking to the API server only through the API.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run the all-in-one Skiff node: the API server on the embedded store, and the components that join it."
    )

    @OptionGroup var flags: APIServerFlags

    @OptionGroup(title: "Node agent") var kubelet: KubeletFlags

    @Flag(name: .long, help: "Run only the control plane, without this node's kubelet, service proxy and cluster DNS.")
    var disableAgent = false

    @OptionGroup(title: "Controller manager") var controllerFlags: ControllerManagerFlags

    @Flag(name: .long, help: "Run without the controller manager (run `skiff controller-manager` separately).")
    var disableControllers = false

    @OptionGroup(title: "Scheduler") var scheduler: SchedulerFlags

    @Flag(name: .long, help: "Run without the scheduler.")
    var disableScheduler = false

    @OptionGroup(title: "Service proxy") var proxy: ProxyFlags

    @Flag(name: .long, help: "Run without this node's service proxy.")
    var disableProxy = false

    @OptionGroup(title: "Cluster DNS") var dns: ServerDNSFlags

    func validate() throws {
        _ = try flags.serverOptions()
        _ = try controllerFlags.options()
        _ = try proxy.options(nodeName: "x", serviceCIDR: flags.serviceClusterIPRange)
        try kubelet.validateFlags()
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let options = try flags.serverOptions()
        if let path = options.kubeconfigPath { try? FileManager.default.removeItem(atPath: path) }
        let kv = try await StoreFactory.open(.sqlite, dataDir: flags.dataDir, etcdServers: nil)
        var alongside: [@Sendable () async throws -> Void] = []
        var kubeletFlags = self.kubelet
        // Cluster DNS serves from this node (its address and the kube-dns cluster IP), so it is
        // part of the agent: a control-plane-only server leaves the host's network alone.
        if !disableAgent, let kubeconfig = options.kubeconfigPath, let task = dns.task(kubeconfig: kubeconfig, kubelet: &kubeletFlags) {
            alongside.append(task)
        }
        if !disableAgent, let kubeconfig = options.kubeconfigPath {
            let flagsCopy = kubeletFlags
            let dataDir = flags.dataDir
            alongside.append {
                try await NodeAgentRunner.run(kubeconfig: kubeconfig, flags: flagsCopy, dataDir: dataDir)
            }
        }
        if !disableControllers, let kubeconfig = options.kubeconfigPath {
            let cmOptions = try controllerFlags.options()
            alongside.append {
                try await ControllerManagerRunner.run(kubeconfig: kubeconfig, options: cmOptions)
            }
        }
        if !disableScheduler, let kubeconfig = options.kubeconfigPath {
            let schedulerFlags = self.scheduler
            alongside.append {
                try await SchedulerRunner.runInServer(kubeconfig: kubeconfig, flags: schedulerFlags)
            }
        }
        if !disableProxy, !disableAgent, let kubeconfig = options.kubeconfigPath {
            let proxyOptions = try proxy.options(nodeName: kubelet.nodeName ?? ProcessInfo.processInfo.hostName,
                                                 serviceCIDR: flags.serviceClusterIPRange)
            alongside.append { try await ProxyRunner.run(kubeconfig: kubeconfig, options: proxyOptions) }
        }
        try await ServerRunner.run(options: options, store: kv, alongside: alongside)
    }
}

/// Starts this node's kubelet once the API server in the same process has written its
/// kubeconfig (it talks to the API like any other client), and runs it until cancelled.
enum NodeAgentRunner {
    static func run(kubeconfig: String, flags: KubeletFlags, dataDir: String) async throws {
        let client = try await InProcessClient.waitForKubeconfig(kubeconfig)
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
