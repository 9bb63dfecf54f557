import ArgumentParser
import Foundation
import Logging
import SkiffClient
import SkiffKubelet
import SkiffKubeletServer
import SkiffRuntime

/// Flags of the node agent, shared by `skiff kubelet`, `skiff server` and `skiff agent`.
struct KubeletFlags: ParsableArguments {
    @Option(name: .long, help: "This node's name (default: the host name).")
    var nodeName: String?

    @Option(name: .long, help: "Directory for pod volumes and per-pod files (default /var/lib/skiff/kubelet; DATA-DIR/kubelet in skiff server).")
    var rootDir: String?

    @Option(name: .long, help: "Directory for container logs (<ns>_<pod>_<uid>/<container>/<n>.log).")
    var podLogDir: String = "/var/log/pods"

    @Option(name: .long, help: "State directory of the container runtime.")
    var runtimeRoot: String = "/run/skiff/kubelet-runtime"

    @Option(name: .long, help: "Directory of local image trees (repeatable; default: the repository's rootfs/ when found, and /var/lib/skiff/images).")
    var imageDir: [String] = []

    @Option(name: .long, help: "CNI network configuration directory (a default bridge conflist is written when empty).")
    var cniConfDir: String = "/etc/cni/net.d"

    @Option(name: .long, help: "CNI plugin directory.")
    var cniBinDir: String = "/usr/lib/cni"

    @Option(name: .long, help: "This node's pod CIDR (for the default CNI network).")
    var podCIDR: String = "10.244.0.0/24"

    @Option(name: .long, help: "Most pods this node runs.")
    var maxPods: Int = 110

    @Option(name: .long, help: "Cluster DNS server address for pods' resolv.conf (repeatable).")
    var clusterDNS: [String] = []

    @Option(name: .long, help: "Cluster domain.")
    var clusterDomain: String = "cluster.local"

    @Option(name: .long, help: "This node's IP address (repeatable; default: the first non-loopback IPv4 address).")
    var nodeIP: [String] = []

    @Option(name: .long, help: "Directory of static pod manifests (YAML or JSON), watched for added, changed and removed files.")
    var podManifestPath: String?

    @Option(name: .long, help: "URL of static pod manifests (one pod or several YAML documents), read every second.")
    var manifestURL: String?

    @Option(name: .long, help: "Parent cgroup of all pods (QoS classes and pod cgroups below it).")
    var cgroupRoot: String = "/kubepods"

    @Option(name: .long, help: "Seconds between node status heartbeats.")
    var nodeStatusUpdateFrequency: Double = 10

    @Option(name: .long, help: "The kubelet's main HTTP port (stats, metrics, container logs).")
    var port: Int = 10250

    @Option(name: .long, help: "The kubelet's read-only HTTP port (health, pods, stats, metrics); 0 disables it.")
    var readOnlyPort: Int = 10255

    @Option(name: .long, help: "Address the kubelet's HTTP ports listen on.")
    var address: String = "0.0.0.0"

    @Option(name: .long, help: "Seconds between the stats collector's housekeeping passes.")
    var housekeepingInterval: Double = 10

    @Option(name: .long, help: "Size at which a container log file is rotated (a quantity: 10Mi, 500Ki, 1048576).")
    var containerLogMaxSize: String = "10Mi"

    @Option(name: .long, help: "Log files kept per container (the current one and rotated ones).")
    var containerLogMaxFiles: Int = 5

    func config(defaultName: String, defaultRoot: String) -> KubeletConfig {
        var c = KubeletConfig(nodeName: (nodeName ?? defaultName).lowercased())
        c.rootDir = rootDir ?? defaultRoot
        c.logDir = podLogDir
        c.runtimeRoot = runtimeRoot
        c.imageDirs = imageDir.isEmpty ? Self.defaultImageDirs() : imageDir
        c.cniConfDir = cniConfDir
        c.cniBinDirs = [cniBinDir]
        c.podCIDR = podCIDR
        c.maxPods = maxPods
        c.clusterDNS = clusterDNS
        c.clusterDomain = clusterDomain
        c.nodeIPs = nodeIP.isEmpty ? HostAddresses.ipv4().prefix(1).map { $0 } : nodeIP
        c.heartbeatSeconds = nodeStatusUpdateFrequency
        c.cgroupRoot = cgroupRoot
        c.podManifestPath = podManifestPath
        c.manifestURL = manifestURL
        c.port = port
        c.readOnlyPort = readOnlyPort
        c.address = address
        c.housekeepingInterval = housekeepingInterval
        c.containerLogMaxSize = (try? Self.byteSize(containerLogMaxSize)) ?? c.containerLogMaxSize
        c.containerLogMaxFiles = containerLogMaxFiles
        return c
    }

    /// "10Mi", "500Ki", "1G", "1048576" → bytes.
    static func byteSize(_ text: String) throws -> Int64 {
        let units: [(String, Int64)] = [("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("K", 1000), ("M", 1_000_000), ("G", 1_000_000_000)]
        for (suffix, mult) in units where text.hasSuffix(suffix) {
            if let v = Int64(text.dropLast(suffix.count)), v > 0 { return v * mult }
        }
        if let v = Int64(text), v > 0 { return v }
        throw ValidationError("--container-log-max-size: expected a size such as 10Mi, got \"\(text)\"")
    }

    func validateFlags() throws {
        _ = try Self.byteSize(containerLogMaxSize)
        guard containerLogMaxFiles >= 2 else { throw ValidationError("--container-log-max-files: must be at least 2, got \(containerLogMaxFiles)") }
        guard (1...65535).contains(port) else { throw ValidationError("--port: expected 1-65535, got \(port)") }
        guard (0...65535).contains(readOnlyPort) else { throw ValidationError("--read-only-port: expected 0-65535, got \(readOnlyPort)") }
        guard housekeepingInterval >= 0.1 else { throw ValidationError("--housekeeping-interval: expected at least 0.1 seconds, got \(housekeepingInterval)") }
    }

    /// The repository's rootfs/ next to a build tree (.build/<config>/skiff), and the system dir.
    static func defaultImageDirs() -> [String] {
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dirs: [String] = []
        var d = exe.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = d.appendingPathComponent("rootfs").path
            if FileManager.default.fileExists(atPath: candidate + "/busybox") { dirs.append(candidate); break }
            d = d.deletingLastPathComponent()
        }
        dirs.append("/var/lib/skiff/images")
        return dirs
    }

    /// Builds a kubelet talking to the API through `client`.
    func makeKubelet(client: SkiffClient?, defaultName: String, defaultRoot: String = "/var/lib/skiff/kubelet") throws -> Kubelet {
        let cfg = config(defaultName: defaultName, defaultRoot: defaultRoot)
        let runtime = Runtime(root: cfg.runtimeRoot)
        let conf = try CNIConfigList.loadOrWriteDefault(dir: cfg.cniConfDir, podCIDR: cfg.podCIDR)
        if let range = conf.nodeMasqueradeRange { try PodMasquerade(podCIDR: range).ensure() }
        let cni = CNINetwork(config: conf, binDirs: cfg.cniBinDirs, cacheDir: cfg.rootDir + "/cni-results")
        return Kubelet(config: cfg, client: client, runtime: runtime, cni: cni)
    }
}

struct KubeletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubelet",
        abstract: "Run the node agent: pods bound to this node become sandboxed, networked, isolated containers."
    )

    @Option(name: .long, help: "API server URL (http://HOST:PORT). Without it and --kubeconfig the kubelet runs standalone with static pods only.")
    var server: String?

    @Option(name: .long, help: "Kubeconfig with the API server and credentials.")
    var kubeconfig: String?

    @OptionGroup var flags: KubeletFlags

    func validate() throws {
        if server == nil && kubeconfig == nil && flags.podManifestPath == nil && flags.manifestURL == nil {
            throw ValidationError("give --server URL or --kubeconfig FILE (or --pod-manifest-path DIR / --manifest-url URL to run standalone with static pods)")
        }
        try flags.validateFlags()
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        var client: SkiffClient?
        if let kubeconfig { client = SkiffClient(config: try ClientConfig.fromKubeconfig(path: kubeconfig)) }
        else if let server { client = SkiffClient(config: ClientConfig(server: server)) }
        let kubelet = try flags.makeKubelet(client: client, defaultName: ProcessInfo.processInfo.hostName)
        try await kubelet.start()
        let services = Task { try await NodeServices(kubelet: kubelet).run() }
        let trim = PageTrim.afterStartup(Logger(label: "skiff.kubelet"))
        _ = await Signals.wait([SIGTERM, SIGINT])
        trim.cancel()
        services.cancel()
        await kubelet.stop()
        await client?.shutdown()
    }
}
