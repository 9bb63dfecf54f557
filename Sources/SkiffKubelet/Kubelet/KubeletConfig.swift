/// Settings of one kubelet (`skiff kubelet` flags).
public struct KubeletConfig: Sendable {
    public var nodeName: String
    public var rootDir: String = "/var/lib/skiff/kubelet"
    public var logDir: String = "/var/log/pods"
    public var runtimeRoot: String = "/run/skiff/kubelet-runtime"
    public var imageDirs: [String] = []
    public var cniConfDir: String = "/etc/cni/net.d"
    public var cniBinDirs: [String] = ["/usr/lib/cni", "/opt/cni/bin"]
    public var podCIDR: String = "10.244.0.0/24"
    public var maxPods: Int = 110
    public var clusterDomain: String = "cluster.local"
    public var clusterDNS: [String] = []
    public var nodeIPs: [String] = []
    public var podManifestPath: String?
    /// A URL serving static pod manifests (one pod or several YAML documents).
    public var manifestURL: String?
    /// Seconds between scans of podManifestPath and manifestURL.
    public var staticPodPollSeconds: Double = 1
    public var heartbeatSeconds: Double = 10
    /// Seconds between level-triggered resyncs of every pod.
    public var resyncSeconds: Double = 10
    public var cgroupRoot: String = "/kubepods"
    /// Disable the CNI network (pods get only loopback); for tests of the runtime path.
    public var networkEnabled = true
    /// The kubelet's HTTP endpoints: the main port (logs, exec, stats), the read-only port
    /// (0 disables it) and the address both listen on.
    public var port: Int = 10250
    public var readOnlyPort: Int = 10255
    public var address: String = "0.0.0.0"
    /// Seconds between the stats collector's housekeeping passes.
    public var housekeepingInterval: Double = 10
    /// A container log file is rotated once it exceeds this many bytes; this many files
    /// (current + rotated) are kept per container.
    public var containerLogMaxSize: Int64 = 10 * 1024 * 1024
    public var containerLogMaxFiles: Int = 5

    public init(nodeName: String) { self.nodeName = nodeName }
}
