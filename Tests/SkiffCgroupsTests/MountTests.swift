import Testing
@testable import SkiffCgroups

/// Host probing from mount tables.
struct MountTests {
    static let hybrid = """
    sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
    tmpfs /sys/fs/cgroup tmpfs rw,relatime,mode=755 0 0
    cgroup /sys/fs/cgroup/cpu cgroup rw,relatime,cpu 0 0
    cgroup /sys/fs/cgroup/cpuacct cgroup rw,relatime,cpuacct 0 0
    cgroup /sys/fs/cgroup/cpuset cgroup rw,relatime,cpuset 0 0
    cgroup /sys/fs/cgroup/memory cgroup rw,relatime,memory 0 0
    cgroup /sys/fs/cgroup/pids cgroup rw,relatime,pids 0 0
    cgroup /sys/fs/cgroup/systemd cgroup rw,relatime,name=systemd 0 0
    cgroup2 /sys/fs/cgroup/unified cgroup2 rw,relatime 0 0
    """

    func none(_: String) -> [String] { [] }

    @Test func hybridHostWithEmptyUnifiedIsV1() throws {
        let h = try CgroupMountTable.resolve(mounts: CgroupMountTable.parse(Self.hybrid), root: "/sys/fs/cgroup", controllersOf: none)
        #expect(h.version == .v1)
        #expect(h.v1["memory"] == "/sys/fs/cgroup/memory")
        #expect(h.v1["name=systemd"] == "/sys/fs/cgroup/systemd")
        #expect(h.unified == nil)
        #expect(h.v1MountPoints.count == 6)
    }

    @Test func coMountedControllers() throws {
        let text = "cgroup /sys/fs/cgroup/cpu,cpuacct cgroup rw,nosuid,cpu,cpuacct 0 0\ncgroup /sys/fs/cgroup/net_cls,net_prio cgroup rw,net_cls,net_prio 0 0\n"
        let h = try CgroupMountTable.resolve(mounts: CgroupMountTable.parse(text), root: "/sys/fs/cgroup/", controllersOf: none)
        #expect(h.v1["cpu"] == "/sys/fs/cgroup/cpu,cpuacct" && h.v1["cpuacct"] == "/sys/fs/cgroup/cpu,cpuacct")
        #expect(h.v1["net_prio"] == "/sys/fs/cgroup/net_cls,net_prio")
        #expect(h.v1MountPoints == ["/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup/net_cls,net_prio"])
    }

    @Test func unifiedAtRootIsV2() throws {
        let text = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate 0 0\n"
        let h = try CgroupMountTable.resolve(mounts: CgroupMountTable.parse(text), root: "/sys/fs/cgroup", controllersOf: none)
        #expect(h == CgroupHierarchies(version: .v2, unified: "/sys/fs/cgroup"))
    }

    @Test func populatedUnifiedBelowRootIsV2WhenNoV1Controllers() throws {
        let text = "cgroup /sys/fs/cgroup/systemd cgroup rw,name=systemd 0 0\ncgroup2 /sys/fs/cgroup/unified cgroup2 rw 0 0\n"
        let h = try CgroupMountTable.resolve(mounts: CgroupMountTable.parse(text), root: "/sys/fs/cgroup") { _ in ["memory", "pids"] }
        #expect(h.version == .v2 && h.unified == "/sys/fs/cgroup/unified")
        #expect(throws: CgroupError.self) {
            try CgroupMountTable.resolve(mounts: CgroupMountTable.parse(text), root: "/sys/fs/cgroup", controllersOf: none)
        }
    }

    @Test func mountsOutsideRootAreIgnoredAndEscapesDecoded() throws {
        let text = "cgroup /other/memory cgroup rw,memory 0 0\ncgroup /sys/fs/cgroup/my\\040mem cgroup rw,memory 0 0\n"
        let h = try CgroupMountTable.resolve(mounts: CgroupMountTable.parse(text), root: "/sys/fs/cgroup", controllersOf: none)
        #expect(h.v1["memory"] == "/sys/fs/cgroup/my mem")
        #expect(throws: CgroupError.self) {
            try CgroupMountTable.resolve(mounts: [], root: "/sys/fs/cgroup", controllersOf: none)
        }
    }

    @Test func thisHostIsDetected() throws {
        let h = try Cgroups.hierarchies()
        // Whatever the host runs, detection agrees with the mount table and is cached.
        #expect(try Cgroups.detect() == h.version)
        if h.version == .v1 { #expect(!h.v1.isEmpty) } else { #expect(h.unified != nil) }
    }
}

struct ProcCgroupTests {
    @Test func parsesHybridAndUnifiedEntries() {
        let text = "9:name=systemd:/\n4:memory:/skiff/a\n2:cpu,cpuacct:/skiff/a\n0::/\n"
        let p = ProcCgroup.parse(text)
        #expect(p.v1["memory"] == "/skiff/a" && p.v1["cpuacct"] == "/skiff/a" && p.v1["name=systemd"] == "/")
        #expect(p.unified == "/")
        #expect(p.path(for: .v1) == "/skiff/a")
        #expect(ProcCgroup.parse("0::/kubepods/pod1/c\n").path(for: .v2) == "/kubepods/pod1/c")
        #expect(ProcCgroup.parse("garbage\n").path(for: .v2) == nil)
    }
}
