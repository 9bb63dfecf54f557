/// Resource limits a container's cgroup carries, independent of the cgroup version.
/// Field meanings follow the OCI runtime spec's `linux.resources`.
public struct CgroupResources: Sendable, Equatable {
    public var cpuShares: UInt64?
    public var cpuQuota: Int64?
    public var cpuPeriod: UInt64?
    public var cpusetCpus: String?
    public var cpusetMems: String?
    /// Bytes; -1 means unlimited.
    public var memoryLimit: Int64?
    public var memoryReservation: Int64?
    /// memory+swap bytes, as in the OCI spec; -1 means unlimited.
    public var memorySwap: Int64?
    /// -1 or 0 means unlimited (OCI).
    public var pidsLimit: Int64?
    /// Device access rules in order, later rules overriding earlier ones (OCI
    /// `linux.resources.devices`); nil leaves the device controller alone.
    public var devices: [CgroupDeviceRule]?
    /// Huge page size as the kernel names it ("2MB", "1GB") → limit in bytes (OCI
    /// `linux.resources.hugepageLimits`, Kubernetes `hugepages-2Mi`).
    public var hugepageLimits: [String: UInt64]?

    public init(cpuShares: UInt64? = nil, cpuQuota: Int64? = nil, cpuPeriod: UInt64? = nil,
                cpusetCpus: String? = nil, cpusetMems: String? = nil, memoryLimit: Int64? = nil,
                memoryReservation: Int64? = nil, memorySwap: Int64? = nil, pidsLimit: Int64? = nil,
                devices: [CgroupDeviceRule]? = nil, hugepageLimits: [String: UInt64]? = nil) {
        self.cpuShares = cpuShares; self.cpuQuota = cpuQuota; self.cpuPeriod = cpuPeriod
        self.cpusetCpus = cpusetCpus; self.cpusetMems = cpusetMems; self.memoryLimit = memoryLimit
        self.memoryReservation = memoryReservation; self.memorySwap = memorySwap; self.pidsLimit = pidsLimit
        self.devices = devices
        self.hugepageLimits = hugepageLimits
    }
}

/// Which kernel interface a manager drives: per-controller hierarchies (v1) or the unified one (v2).
public enum CgroupVersion: String, Sendable, Equatable {
    case v1, v2
}

/// One container's (or pod's) cgroup, the same operations on either cgroup version so the
/// runtime and kubelet never branch on the host's layout.
public protocol CgroupManager: Sendable {
    var version: CgroupVersion { get }
    /// Path relative to each hierarchy root, e.g. "/skiff/<id>".
    var path: String { get }
    /// Creates the cgroup (and missing ancestors) in every hierarchy; idempotent.
    func create() throws
    /// Moves a process (all its threads) into the cgroup.
    func addProcess(_ pid: Int32) throws
    /// Writes the limits that are set in `resources`; unset fields leave the kernel value alone.
    func apply(_ resources: CgroupResources) throws
    /// Process ids currently in the cgroup.
    func processes() throws -> [Int32]
    /// How many times the kernel OOM killer killed a process in this cgroup.
    func oomKillCount() throws -> UInt64
    /// The file whose `oom_kill N` line is that count (v1 memory.oom_control, v2
    /// memory.events), for a reader that is not Swift (the container monitor); nil without a
    /// memory controller.
    func oomEventsFile() -> String?
    func stats() throws -> CgroupStats
    func freeze() throws
    func thaw() throws
    /// Sends `signal` to every process in the cgroup and its child cgroups (SIGKILL without a
    /// fork race: v2 cgroup.kill, or signalled while frozen).
    func killAll(signal: Int32) throws
    /// Removes the cgroup (and any child cgroups) from every hierarchy; a missing cgroup is fine.
    func destroy() throws
    /// "<hierarchy>/<path>/cgroup.procs" for each hierarchy, so a C child or parent can join
    /// without Swift.
    func procsFiles() -> [String]
}
