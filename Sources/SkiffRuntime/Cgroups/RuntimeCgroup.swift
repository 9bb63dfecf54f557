import SkiffCgroups

/// What the runtime needs from a container's cgroup. SkiffCgroups' managers provide it; unit
/// tests can use a fake. Kept small so the runtime's decisions do not depend on the driver.
public protocol RuntimeCgroup: Sendable {
    var path: String { get }
    func create() throws
    func apply(_ resources: CgroupResources) throws
    /// "<hierarchy>/<path>/cgroup.procs" per hierarchy: the child writes "0" into each.
    func procsFiles() -> [String]
    /// The file with the cgroup's OOM-kill count, which the monitor reads when the init has
    /// died (see CgroupManager.oomEventsFile).
    var oomEventsFile: String? { get }
    func killAll(signal: Int32) throws
    func processes() throws -> [Int32]
    func destroy() throws
    /// Mounts that show the container its own cgroup at /sys/fs/cgroup.
    var isUnified: Bool { get }
}

/// Makes the manager for a cgroup path.
public protocol RuntimeCgroupProvider: Sendable {
    func manager(path: String) throws -> any RuntimeCgroup
}

/// Linux resources from the spec, mapped to the driver-neutral CgroupResources. Pure.
public enum ResourceMapping {
    public static func map(_ r: OCISpec.Resources?) -> CgroupResources {
        var c = CgroupResources()
        guard let r else { return c }
        c.cpuShares = r.cpu?.shares
        c.cpuQuota = r.cpu?.quota
        c.cpuPeriod = r.cpu?.period
        c.cpusetCpus = r.cpu?.cpus
        c.cpusetMems = r.cpu?.mems
        c.memoryLimit = r.memory?.limit
        c.memoryReservation = r.memory?.reservation
        c.memorySwap = r.memory?.swap
        c.pidsLimit = r.pids?.limit
        return c
    }

    public static func isEmpty(_ c: CgroupResources) -> Bool { c == CgroupResources() }
}
