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

    public init(cpuShares: UInt64? = nil, cpuQuota: Int64? = nil, cpuPeriod: UInt64? = nil,
                cpusetCpus: String? = nil, cpusetMems: String? = nil, memoryLimit: Int64? = nil,
                memoryReservation: Int64? = nil, memorySwap: Int64? = nil, pidsLimit: Int64? = nil) {
        self.cpuShares = cpuShares; self.cpuQuota = cpuQuota; self.cpuPeriod = cpuPeriod
        self.cpusetCpus = cpusetCpus; self.cpusetMems = cpusetMems; self.memoryLimit = memoryLimit
        self.memoryReservation = memoryReservation; self.memorySwap = memorySwap; self.pidsLimit = pidsLimit
    }
}
