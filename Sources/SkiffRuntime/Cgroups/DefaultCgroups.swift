import SkiffCgroups

/// A SkiffCgroups manager seen through the runtime's small `RuntimeCgroup` protocol, so the
/// runtime's decisions stay independent of the driver (v1 per-controller or v2 unified).
struct ManagedCgroup: RuntimeCgroup {
    let manager: any CgroupManager

    var path: String { manager.path }
    var isUnified: Bool { manager.version == .v2 }
    func create() throws { try manager.create() }
    func apply(_ resources: CgroupResources) throws { try manager.apply(resources) }
    func procsFiles() -> [String] { manager.procsFiles() }
    func oomKillCount() throws -> UInt64 { try manager.oomKillCount() }
    func killAll(signal: Int32) throws { try manager.killAll(signal: signal) }
    func processes() throws -> [Int32] { try manager.processes() }
    func destroy() throws { try manager.destroy() }
}

/// The host's cgroup hierarchies under `root`, probed by SkiffCgroups (v1 or v2) per call so
/// a runtime value stays cheap to make on the CLI's hot path.
public struct HostCgroups: RuntimeCgroupProvider {
    public let root: String
    public init(root: String = "/sys/fs/cgroup") { self.root = root }

    public func manager(path: String) throws -> any RuntimeCgroup {
        ManagedCgroup(manager: try Cgroups.manager(path: path, root: root))
    }
}

extension Runtime {
    /// The host's cgroup driver: every container gets a cgroup (`linux.cgroupsPath`, default
    /// /skiff/<id>) with its `linux.resources` applied.
    public static func defaultCgroups() -> (any RuntimeCgroupProvider)? { HostCgroups() }
}
