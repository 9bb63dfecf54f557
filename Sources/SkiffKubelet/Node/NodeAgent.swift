import Foundation
import Logging
import SkiffAPI
import SkiffClient

/// Registers the kubelet's Node and keeps it alive: a status update every `heartbeat` seconds
/// (conditions with fresh heartbeat times) and a Lease in `kube-node-lease` renewed as often,
/// which is what the node lifecycle controller watches.
public actor NodeAgent {
    public let config: NodeConfig
    let client: SkiffClient
    let images: ImageStore
    let rootDir: String
    let heartbeat: Duration
    let runtimeHealth: @Sendable () -> (ready: Bool, message: String)
    private let logger = Logger(label: "skiff.kubelet.node")
    private var lastStatus: NodeStatus?

    public init(config: NodeConfig, client: SkiffClient, images: ImageStore, rootDir: String, heartbeat: Duration = .seconds(10),
                runtimeHealth: @escaping @Sendable () -> (ready: Bool, message: String) = { (true, "") }) {
        self.config = config; self.client = client; self.images = images; self.rootDir = rootDir
        self.heartbeat = heartbeat; self.runtimeHealth = runtimeHealth
    }

    /// Creates the Node, or takes over an existing one of the same name (a restarted kubelet).
    public func register() async throws -> Node {
        let facts = NodeFactsReader.read(rootDir: rootDir)
        var node = Node()
        node.metadata.name = config.nodeName
        node.metadata.labels = NodeStatusBuilder.labels(config, facts: facts)
        node.metadata.annotations = ["node.alpha.kubernetes.io/ttl": "0"]
        if let cidr = config.podCIDR { node.spec.podCIDR = cidr; node.spec.podCIDRs = [cidr] }
        do {
            _ = try await client.create(node)
            logger.info("registered node \(config.nodeName)")
        } catch let e as ClientError where e.code == 409 {
            var existing = try await client.get(Node.self, name: config.nodeName)
            var labels = existing.metadata.labels ?? [:]
            for (k, v) in node.metadata.labels ?? [:] { labels[k] = v }
            existing.metadata.labels = labels
            if let cidr = config.podCIDR, existing.spec.podCIDR == nil { existing.spec.podCIDR = cidr; existing.spec.podCIDRs = [cidr] }
            _ = try await client.update(existing)
            logger.info("node \(config.nodeName) already registered; taking it over")
        }
        return try await postStatus()
    }

    /// Writes the node's status (retrying once on a conflict with a fresh copy).
    @discardableResult
    public func postStatus() async throws -> Node {
        let facts = NodeFactsReader.read(rootDir: rootDir)
        let health = runtimeHealth()
        for attempt in 0..<3 {
            var node = try await client.get(Node.self, name: config.nodeName)
            node.status = NodeStatusBuilder.status(config, facts: facts, images: images.list(), old: lastStatus ?? node.status,
                                                   now: Time.now(), runtimeReady: health.ready, runtimeMessage: health.message)
            do {
                let out = try await client.updateStatus(node)
                lastStatus = out.status
                return out
            } catch let e as ClientError where e.code == 409 && attempt < 2 {
                continue
            }
        }
        throw ClientError.config("node status update kept conflicting")
    }

    /// Creates or renews the node's Lease.
    public func renewLease() async throws {
        let ns = "kube-node-lease"
        do {
            var lease = try await client.get(Lease.self, namespace: ns, name: config.nodeName)
            lease.spec.renewTime = MicroTime.now()
            lease.spec.holderIdentity = config.nodeName
            _ = try await client.update(lease)
        } catch let e as ClientError where e.code == 404 {
            var lease = Lease()
            lease.metadata.name = config.nodeName
            lease.metadata.namespace = ns
            lease.spec.holderIdentity = config.nodeName
            lease.spec.leaseDurationSeconds = 40
            lease.spec.renewTime = MicroTime.now()
            _ = try await client.create(lease, namespace: ns)
        }
    }

    /// Heartbeats until cancelled; failures are logged and retried at the next beat.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await renewLease()
                try await postStatus()
            } catch {
                logger.warning("node heartbeat failed: \(error)")
            }
            try? await Task.sleep(for: heartbeat)
        }
    }
}
