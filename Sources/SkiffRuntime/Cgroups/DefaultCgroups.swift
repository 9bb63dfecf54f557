import SkiffCgroups

/// SkiffCgroups' managers (v1 or v2, probed from the host) as the runtime's cgroups.
public struct HostCgroups: RuntimeCgroupProvider {
    public let root: String
    /// Also makes cgroup migrations cheap on this host (see CgroupMigrationTuning).
    public init(root: String = "/sys/fs/cgroup") {
        self.root = root
        CgroupMigrationTuning.ensureFavoured()
    }

    public func manager(path: String) throws -> any RuntimeCgroup {
        CgroupAdapter(inner: try Cgroups.manager(path: path, root: root))
    }
}

struct CgroupAdapter: RuntimeCgroup {
    let inner: any CgroupManager
    var path: String { inner.path }
    var isUnified: Bool { inner.version == .v2 }
    func create() throws { try inner.create() }
    func apply(_ resources: CgroupResources) throws { try inner.apply(resources) }
    func procsFiles() -> [String] { inner.procsFiles() }
    var oomEventsFile: String? { inner.oomEventsFile() }
    func killAll(signal: Int32) throws { try inner.killAll(signal: signal) }
    func processes() throws -> [Int32] { try inner.processes() }
    func destroy() throws { try inner.destroy() }
}

extension Runtime {
    /// The host's cgroups when a cgroup filesystem is mounted; nil otherwise (containers then
    /// run without a cgroup and specs with `linux.resources` are refused).
    public static func defaultCgroups() -> (any RuntimeCgroupProvider)? {
        (try? Cgroups.detect()) == nil ? nil : HostCgroups()
    }
}
