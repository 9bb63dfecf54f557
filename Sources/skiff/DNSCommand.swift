import ArgumentParser
import Foundation
import SkiffSubprocess
import Logging
import SkiffAPI
import SkiffClient
import SkiffDNS
import SkiffKubelet

/// `skiff dns`: the cluster DNS server, records from Services and Endpoints read through the API.
struct DNSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dns",
        abstract: "Serve cluster DNS (<svc>.<ns>.svc.<domain>, SRV, PTR, pod records) from the API's Services and Endpoints."
    )

    @Option(name: .long, help: "Kubeconfig with the API server and credentials.")
    var kubeconfig: String?

    @Option(name: .long, help: "API server URL (http://HOST:PORT), instead of --kubeconfig.")
    var server: String?

    @Option(name: .long, help: "Address to serve DNS on, UDP and TCP (IP or IP:PORT; repeatable; default 0.0.0.0:53).")
    var listen: [String] = []

    @Option(name: .long, help: "Cluster domain.")
    var clusterDomain: String = "cluster.local"

    @Option(name: .long, help: "Upstream DNS server (IP or IP:PORT) for names outside the cluster domain; without it they are REFUSED.")
    var upstream: String?

    @Option(name: .long, help: "TTL of answers, in seconds.")
    var ttl: UInt32 = 5

    func validate() throws {
        if kubeconfig == nil && server == nil { throw ValidationError("give --kubeconfig FILE or --server URL") }
        for l in listen { _ = try ClusterDNSRunner.parseListen(l) }
        if let u = upstream { _ = try ClusterDNSRunner.checkUpstream(u) }
        if clusterDomain.trimmingCharacters(in: CharacterSet(charactersIn: ".")).isEmpty || clusterDomain.contains(" ") { throw ValidationError("--cluster-domain: \(clusterDomain): not a domain name") }
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let cfg = kubeconfig != nil ? try ClientConfig.fromKubeconfig(path: kubeconfig!) : ClientConfig(server: server!)
        let client = SkiffClient(config: cfg)
        let addrs = listen.isEmpty ? ["0.0.0.0:53"] : listen
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await ClusterDNSRunner.run(client: client, listen: addrs,
                                               config: ClusterDNSConfig(domain: clusterDomain, ttl: ttl), upstream: upstream)
            }
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

/// Runs a DNS server fed by informers until the task is cancelled.
enum ClusterDNSRunner {
    static func parseListen(_ s: String, field: String = "--listen") throws -> (String, Int) {
        do {
            return try DNSServer.splitHostPort(s, defaultPort: 53, field: field)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    static func checkUpstream(_ s: String, field: String = "--upstream") throws -> (String, Int) {
        do {
            return try DNSServer.splitHostPort(s, defaultPort: 53, field: field)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    /// With `bestEffort` (inside `skiff server`), an address that cannot be bound is logged and
    /// skipped, so a busy port 53 on a host does not take the API server down with it.
    static func run(client: SkiffClient, listen: [String], config: ClusterDNSConfig, upstream: String?,
                    bestEffort: Bool = false) async throws {
        let logger = Logger(label: "skiff.dns")
        let server = try DNSServer(table: RecordTable(config: config), upstream: upstream)
        let sync = DNSRecordSync(client: client, server: server, config: config)
        var bound = 0
        for l in listen {
            do {
                let (host, port) = try parseListen(l)
                try await server.listen(host: host, port: port)
                bound += 1
            } catch {
                if !bestEffort {
                    await server.shutdown()
                    throw ValidationError("cluster DNS: cannot listen on \(l): \(error)")
                }
                logger.error("cluster DNS: cannot listen on \(l): \(error)")
            }
        }
        if bound == 0 { logger.error("cluster DNS: no address could be bound; pods will not resolve cluster names") }
        await sync.start()
        await withTaskCancellationHandler {
            while !Task.isCancelled { try? await Task.sleep(nanoseconds: 1_000_000_000) }
        } onCancel: {}
        await sync.stop()
        await server.shutdown()
    }

    /// A client for the API once the server in this process has written its kubeconfig.
    static func waitForClient(kubeconfig: String) async throws -> SkiffClient {
        try await InProcessClient.waitForKubeconfig(kubeconfig)
    }
}

/// The cluster DNS as part of `skiff server`: the kube-dns Service (fixed cluster IP) and its
/// Endpoints (this node's address), the DNS server on this node's address and on the service
/// IP itself, which is added to a local dummy link so pods reach it before (and without) the
/// service proxy.
enum ServerDNS {
    static let linkName = "skiff-dns0"
    static let logger = Logger(label: "skiff.dns")

    static func run(kubeconfig: String, clusterIP: String, nodeIP: String, nodeName: String,
                    config: ClusterDNSConfig, upstream: String?, extraListen: [String]) async throws {
        let client = try await ClusterDNSRunner.waitForClient(kubeconfig: kubeconfig)
        try await ensureObjects(client: client, clusterIP: clusterIP, nodeIP: nodeIP, nodeName: nodeName)
        let addedLink = LocalAddress.add(clusterIP, link: linkName, logger: logger)
        var listen = ["\(nodeIP):53"] + extraListen
        if addedLink != nil || LocalAddress.isLocal(clusterIP) { listen.append("\(clusterIP):53") }
        defer { if let added = addedLink { LocalAddress.remove(added, logger: logger) } }
        try await ClusterDNSRunner.run(client: client, listen: listen, config: config, upstream: upstream, bestEffort: true)
        await client.shutdown()
    }

    /// Creates (or corrects) kube-system/kube-dns, retrying while the API server starts.
    static func ensureObjects(client: SkiffClient, clusterIP: String, nodeIP: String, nodeName: String) async throws {
        let svc = KubeDNSObjects.service(clusterIP: clusterIP)
        let eps = KubeDNSObjects.endpoints(addresses: [(nodeIP, nodeName)])
        var lastError: Error?
        for _ in 0..<300 {
            if Task.isCancelled { throw CancellationError() }
            do {
                do {
                    _ = try await client.create(svc, namespace: KubeDNSObjects.namespace)
                    logger.info("created service kube-system/kube-dns at \(clusterIP)")
                } catch let e as ClientError where e.isAlreadyExists || e.isConflict {
                    let cur = try await client.get(Service.self, namespace: KubeDNSObjects.namespace, name: KubeDNSObjects.name)
                    if cur.spec.clusterIP != clusterIP {
                        logger.warning("service kube-system/kube-dns has cluster IP \(cur.spec.clusterIP ?? "none"), not \(clusterIP); pods are told \(clusterIP)")
                    }
                }
                do {
                    _ = try await client.create(eps, namespace: KubeDNSObjects.namespace)
                } catch let e as ClientError where e.isAlreadyExists || e.isConflict {
                    var cur = try await client.get(Endpoints.self, namespace: KubeDNSObjects.namespace, name: KubeDNSObjects.name)
                    if !KubeDNSObjects.sameSubsets(cur, eps) {
                        cur.subsets = eps.subsets
                        _ = try await client.update(cur)
                    }
                }
                return
            } catch let e as ClientError where e.code == 400 || e.code == 422 {
                // Refused as invalid (say, a --cluster-dns outside the service range): retrying
                // cannot help. DNS still answers on the node address.
                logger.error("cluster DNS: --cluster-dns \(clusterIP): the API refused kube-system/kube-dns: \(e)")
                return
            } catch {
                lastError = error
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
        throw ValidationError("cluster DNS: cannot create kube-system/kube-dns: \(lastError.map { "\($0)" } ?? "timed out")")
    }
}

/// Puts a service IP on a local dummy link (as IPVS-mode proxies do; on `lo` where the kernel
/// has no dummy driver), so packets for it are delivered to this host's sockets. Uses `ip`.
enum LocalAddress {
    static func ip(_ args: [String]) -> (Int32, String) {
        do {
            let r = try Subprocess.run(["ip"] + args)
            return (r.status, r.stdoutText + r.stderrText)
        } catch {
            return (-1, "\(error)")
        }
    }

    static func isLocal(_ addr: String) -> Bool {
        let (rc, out) = ip(["-o", "addr", "show"])
        return rc == 0 && out.contains(" \(addr)/")
    }

    /// What `add` changed, to undo at exit.
    struct Added { let link: String; let cidr: String; let createdLink: Bool }

    /// Adds `addr/32` to `link` (created as a dummy link when missing). Nil when the address
    /// was already local or could not be added.
    static func add(_ addr: String, link: String, logger: Logger) -> Added? {
        if isLocal(addr) { return nil }
        let (exists, _) = ip(["link", "show", link])
        var created = false
        var link = link
        if exists != 0 {
            let (rc, out) = ip(["link", "add", link, "type", "dummy"])
            if rc == 0 {
                created = true
            } else {
                // No dummy driver in this kernel: the loopback link holds local addresses too.
                logger.info("no dummy link for \(addr) (\(out.trimmingCharacters(in: .whitespacesAndNewlines))); using lo")
                link = "lo"
            }
        }
        let cidr = addr + (addr.contains(":") ? "/128" : "/32")
        let (rc, out) = ip(["addr", "add", cidr, "dev", link])
        _ = ip(["link", "set", link, "up"])
        guard rc == 0 else {
            logger.warning("cannot add \(addr) to \(link): \(out)")
            if created { _ = ip(["link", "del", link]) }
            return nil
        }
        return Added(link: link, cidr: cidr, createdLink: created)
    }

    static func remove(_ a: Added, logger: Logger) {
        let (rc, out) = a.createdLink ? ip(["link", "del", a.link]) : ip(["addr", "del", a.cidr, "dev", a.link])
        if rc != 0 { logger.warning("cannot remove \(a.cidr) from \(a.link): \(out)") }
    }
}

/// `skiff server`'s cluster DNS flags. The kube-dns cluster IP is the node agent's first
/// `--cluster-dns` (10.96.0.10 when none is given), so pods' resolv.conf names it.
struct ServerDNSFlags: ParsableArguments {
    static let defaultClusterIP = "10.96.0.10"

    @Flag(name: .long, help: "Do not run the cluster DNS (nor create kube-system/kube-dns).")
    var disableDns = false

    @Option(name: .long, help: "Upstream DNS server (IP or IP:PORT) for names outside the cluster domain (default: none, they are REFUSED).")
    var dnsUpstream: String?

    @Option(name: .long, help: "Further address for the cluster DNS (IP:PORT; repeatable). It always listens on the node IP and the kube-dns cluster IP.")
    var dnsListen: [String] = []

    @Option(name: .long, help: "TTL of cluster DNS answers, in seconds.")
    var dnsTtl: UInt32 = 5

    func validate() throws {
        if let u = dnsUpstream { _ = try ClusterDNSRunner.checkUpstream(u, field: "--dns-upstream") }
        for l in dnsListen { _ = try ClusterDNSRunner.parseListen(l, field: "--dns-listen") }
    }

    /// The DNS task for `skiff server`, and the node agent's flags defaulted to use it.
    func task(kubeconfig: String, kubelet: inout KubeletFlags) -> (@Sendable () async throws -> Void)? {
        guard !disableDns else { return nil }
        if kubelet.clusterDNS.isEmpty { kubelet.clusterDNS = [Self.defaultClusterIP] }
        let clusterIP = kubelet.clusterDNS[0]
        let nodeName = (kubelet.nodeName ?? ProcessInfo.processInfo.hostName).lowercased()
        let nodeIP = kubelet.nodeIP.first ?? HostAddresses.ipv4().first ?? "127.0.0.1"
        let config = ClusterDNSConfig(domain: kubelet.clusterDomain, ttl: dnsTtl)
        let upstream = dnsUpstream, extra = dnsListen
        return {
            try await ServerDNS.run(kubeconfig: kubeconfig, clusterIP: clusterIP, nodeIP: nodeIP, nodeName: nodeName,
                                    config: config, upstream: upstream, extraListen: extra)
        }
    }
}
