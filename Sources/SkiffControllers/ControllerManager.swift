import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Which controllers run and how (the controller manager's flags).
public struct ControllerManagerOptions: Sendable {
    public static let allControllers = ["replicationcontroller", "replicaset", "deployment", "endpoints", "nodelifecycle", "garbagecollector"]

    /// `--controllers`: `*` for all, `-name` to leave one out, or names.
    public var controllers: [String] = ["*"]
    public var concurrentRCSyncs = 5
    public var concurrentReplicaSetSyncs = 5
    public var concurrentDeploymentSyncs = 5
    public var concurrentEndpointSyncs = 5
    public var concurrentGCSyncs = 20
    public var burstReplicas = ReplicaDecisions.defaultBurstReplicas
    public var nodeLifecycle = NodeLifecycleOptions()

    public init() {}

    /// The controllers `--controllers` selects; an unknown name is an error naming it.
    public func enabled() throws -> [String] {
        var on = Set<String>()
        var off = Set<String>()
        var star = false
        for raw in controllers.flatMap({ $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }) where !raw.isEmpty {
            if raw == "*" { star = true; continue }
            let name = raw.hasPrefix("-") ? String(raw.dropFirst()) : raw
            guard Self.allControllers.contains(name) else {
                throw ControllerManagerError.unknownController(name)
            }
            if raw.hasPrefix("-") { off.insert(name) } else { on.insert(name) }
        }
        if star { on.formUnion(Self.allControllers) }
        return Self.allControllers.filter { on.contains($0) && !off.contains($0) }
    }
}

public enum ControllerManagerError: Error, CustomStringConvertible {
    case unknownController(String)
    case notSynced

    public var description: String {
        switch self {
        case .unknownController(let n):
            return "--controllers: unknown controller \"\(n)\" (known: \(ControllerManagerOptions.allControllers.joined(separator: ", ")))"
        case .notSynced: return "the informers did not sync with the API server"
        }
    }
}

/// Decides when this controller manager may act. With several running, a Lease-based elector
/// lets only its leader through; alone, `RunAlways` lets it act at once.
public protocol LeaderGate: Sendable {
    /// Returns once this process leads (throws when it never will, e.g. cancelled).
    func waitUntilLeading() async throws
}

/// The gate of a single controller manager (`--leader-elect=false`).
public struct RunAlways: LeaderGate {
    public init() {}
    public func waitUntilLeading() async throws {}
}

/// Runs the selected controllers in one process over shared informers until cancelled. Each
/// talks to the API server only through the client.
public final class ControllerManager: Sendable {
    let client: SkiffClient
    let options: ControllerManagerOptions
    let leader: LeaderGate
    let logger = Logger(label: "skiff.controller-manager")

    public init(client: SkiffClient, options: ControllerManagerOptions, leader: LeaderGate = RunAlways()) {
        self.client = client
        self.options = options
        self.leader = leader
    }

    public func run() async throws {
        let enabled = try options.enabled()
        try await leader.waitUntilLeading()
        let informers = SharedInformers(client: client)
        var loops: [@Sendable () async -> Void] = []
        for name in enabled {
            switch name {
            case "replicationcontroller":
                let c = ReplicaController<ReplicationController>(client: client, informers: informers, workers: options.concurrentRCSyncs, burst: options.burstReplicas)
                await c.register()
                loops.append { await c.run() }
            case "replicaset":
                let c = ReplicaController<ReplicaSet>(client: client, informers: informers, workers: options.concurrentReplicaSetSyncs, burst: options.burstReplicas)
                await c.register()
                loops.append { await c.run() }
            case "deployment":
                let c = DeploymentController(client: client, informers: informers, workers: options.concurrentDeploymentSyncs)
                await c.register()
                loops.append { await c.run() }
            case "endpoints":
                let c = EndpointsController(client: client, informers: informers, workers: options.concurrentEndpointSyncs)
                await c.register()
                loops.append { await c.run() }
            case "nodelifecycle":
                let c = NodeLifecycleController(client: client, informers: informers, options: options.nodeLifecycle)
                await c.register()
                loops.append { await c.run() }
            case "garbagecollector":
                let c = GarbageCollector(client: client, informers: informers, workers: options.concurrentGCSyncs)
                await c.register()
                loops.append { await c.run() }
            default:
                break
            }
        }
        logger.info("starting controllers: \(enabled.joined(separator: ", "))")
        await informers.startAll()
        guard await informers.waitForSync() else {
            await informers.stopAll()
            throw ControllerManagerError.notSynced
        }
        await withTaskGroup(of: Void.self) { group in
            for l in loops { group.addTask { await l() } }
        }
        await informers.stopAll()
    }
}
