import ArgumentParser
import Foundation
import Logging
import SkiffClient
import SkiffControllers

/// Flags of the controller manager, shared by `skiff controller-manager` and `skiff server`.
struct ControllerManagerFlags: ParsableArguments {
    @Option(name: .long, help: "Controllers to run: '*' for all, 'name' to add, '-name' to leave out (comma separated; replicationcontroller, replicaset, deployment, endpoints, nodelifecycle, garbagecollector).")
    var controllers: [String] = ["*"]

    @Option(name: .long, help: "A node's heartbeat may be this old before it is marked Unknown (Go duration).")
    var nodeMonitorGracePeriod: String = "40s"

    @Option(name: .long, help: "How often node heartbeats are checked (Go duration).")
    var nodeMonitorPeriod: String = "5s"

    @Option(name: .long, help: "How long pods stay on an unreachable or not-ready node before they are deleted (Go duration).")
    var podEvictionTimeout: String = "5m"

    @Option(name: .long, help: "Nodes per second that may start evicting their pods.")
    var nodeEvictionRate: Double = 0.1

    @Option(name: .long, help: "ReplicationControllers synced at once.")
    var concurrentRcSyncs: Int = 5

    @Option(name: .long, help: "ReplicaSets synced at once.")
    var concurrentReplicasetSyncs: Int = 5

    @Option(name: .long, help: "Deployments synced at once.")
    var concurrentDeploymentSyncs: Int = 5

    @Option(name: .long, help: "Services whose endpoints are synced at once.")
    var concurrentEndpointSyncs: Int = 5

    @Option(name: .long, help: "Garbage collector workers.")
    var concurrentGcSyncs: Int = 20

    @Option(name: .long, help: "Pods a replica controller creates or deletes per sync.")
    var burstReplicas: Int = 500

    func options() throws -> ControllerManagerOptions {
        var o = ControllerManagerOptions()
        o.controllers = controllers
        _ = try o.enabled()
        o.nodeLifecycle.gracePeriod = try GoDuration.parse(nodeMonitorGracePeriod, flag: "--node-monitor-grace-period")
        o.nodeLifecycle.monitorPeriod = try GoDuration.parse(nodeMonitorPeriod, flag: "--node-monitor-period")
        o.nodeLifecycle.podEvictionTimeout = try GoDuration.parse(podEvictionTimeout, flag: "--pod-eviction-timeout")
        guard nodeEvictionRate >= 0 else { throw ValidationError("--node-eviction-rate: must be 0 or more, got \(nodeEvictionRate)") }
        o.nodeLifecycle.evictionRate = nodeEvictionRate
        for (flag, v) in [("--concurrent-rc-syncs", concurrentRcSyncs), ("--concurrent-replicaset-syncs", concurrentReplicasetSyncs),
                          ("--concurrent-deployment-syncs", concurrentDeploymentSyncs), ("--concurrent-endpoint-syncs", concurrentEndpointSyncs),
                          ("--concurrent-gc-syncs", concurrentGcSyncs), ("--burst-replicas", burstReplicas)] where v < 1 {
            throw ValidationError("\(flag): must be at least 1, got \(v)")
        }
        o.concurrentRCSyncs = concurrentRcSyncs
        o.concurrentReplicaSetSyncs = concurrentReplicasetSyncs
        o.concurrentDeploymentSyncs = concurrentDeploymentSyncs
        o.concurrentEndpointSyncs = concurrentEndpointSyncs
        o.concurrentGCSyncs = concurrentGcSyncs
        o.burstReplicas = burstReplicas
        return o
    }
}

/// `skiff controller-manager --kubeconfig F`: replication, deployments, endpoints, node
/// lifecycle and garbage collection against an API server.
struct ControllerManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller-manager",
        abstract: "Run the controllers (replication, deployments, endpoints, node lifecycle, garbage collection) against an API server."
    )

    @Option(name: .long, help: "Kubeconfig of the API server to drive.")
    var kubeconfig: String

    @OptionGroup var flags: ControllerManagerFlags

    @Flag(name: .long, help: "Elect a leader through a Lease before acting (not yet available: run one controller manager per cluster).")
    var leaderElect = false

    func validate() throws {
        _ = try flags.options()
        if leaderElect {
            throw ValidationError("--leader-elect: leader election is not available yet; run one controller manager")
        }
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let cfg = try ClientConfig.fromKubeconfig(path: kubeconfig)
        let client = SkiffClient(config: cfg)
        let manager = ControllerManager(client: client, options: try flags.options())
        let logger = Logger(label: "skiff.controller-manager")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await manager.run() }
            group.addTask {
                let sig = await Signals.wait([SIGTERM, SIGINT])
                logger.info("received signal \(sig), shutting down")
                throw CancellationError()
            }
            do { try await group.next() } catch is CancellationError {}
            group.cancelAll()
        }
        await client.shutdown()
    }
}

/// Runs the controller manager in `skiff server` once the in-process API server has written
/// its kubeconfig (it talks to the API like any other client).
enum ControllerManagerRunner {
    static func run(kubeconfig: String, options: ControllerManagerOptions) async throws {
        let client = try await InProcessClient.waitForKubeconfig(kubeconfig)
        defer { Task { await client.shutdown() } }
        try await ControllerManager(client: client, options: options).run()
    }
}
