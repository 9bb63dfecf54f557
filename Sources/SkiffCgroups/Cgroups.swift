import Synchronization

// SkiffCgroups drives the kernel's cgroup interfaces for containers and pods.
//
// Layout: `Cgroups` probes the host (CgroupMounts.swift, pure) and hands out a `CgroupManager`:
// `CgroupV1Manager` (one directory per hierarchy) or `CgroupV2Manager` (unified hierarchy,
// controllers delegated top-down, devices through an eBPF filter built by
// DeviceFilterProgram). All file access goes through `CgroupFS` (LinuxCgroupFS for the host),
// signals through `CgroupSignaler`, so the drivers are tested against an in-memory cgroupfs.
// Kernel file formats and Kubernetes conventions (KubeCgroups) are pure helpers.

/// Entry point: probes the host once per root and hands out a manager of the right version.
public enum Cgroups {
    private static let cache = Mutex<[String: CgroupHierarchies]>([:])

    /// The hierarchies mounted under `root`, read from /proc/self/mounts. Cached per root:
    /// this is on the container start path and cgroup mounts do not move while Skiff runs.
    public static func hierarchies(root: String = "/sys/fs/cgroup") throws -> CgroupHierarchies {
        if let h = cache.withLock({ $0[root] }) { return h }
        let fs = LinuxCgroupFS()
        let h = try hierarchies(mountsText: fs.read("/proc/self/mounts"), root: root, fs: fs)
        cache.withLock { $0[root] = h }
        return h
    }

    /// Detection from a given mount table, reading cgroup.controllers through `fs`.
    public static func hierarchies(mountsText: String, root: String, fs: any CgroupFS) throws -> CgroupHierarchies {
        try CgroupMountTable.resolve(mounts: CgroupMountTable.parse(mountsText), root: root) { mount in
            ((try? fs.read(mount + "/cgroup.controllers")) ?? "").split(separator: " ").map { $0.trimmingCharacters() }
                .filter { !$0.isEmpty }
        }
    }

    public static func detect(root: String = "/sys/fs/cgroup") throws -> CgroupVersion {
        try hierarchies(root: root).version
    }

    /// A manager for `path` (e.g. "/skiff/<id>"); nothing is created until `create()`, so this
    /// also serves to read stats of an existing cgroup.
    public static func manager(path: String, root: String = "/sys/fs/cgroup") throws -> any CgroupManager {
        try manager(path: path, hierarchies: hierarchies(root: root), fs: LinuxCgroupFS())
    }

    public static func manager(path: String, hierarchies h: CgroupHierarchies, fs: any CgroupFS,
                               signaler: CgroupSignaler = .system,
                               deviceFilter: any CgroupDeviceFilter = LinuxDeviceFilter()) throws -> any CgroupManager {
        switch h.version {
        case .v1:
            return try CgroupV1Manager(path: path, hierarchies: h.v1, fs: fs, signaler: signaler)
        case .v2:
            guard let unified = h.unified else { throw CgroupError.unavailable("v2 detected without a unified mount point") }
            return try CgroupV2Manager(path: path, mount: unified, fs: fs, signaler: signaler, deviceFilter: deviceFilter)
        }
    }
}
