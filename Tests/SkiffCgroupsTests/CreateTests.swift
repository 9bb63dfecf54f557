import Glibc
import Testing
@testable import SkiffCgroups

/// v1 create() on the container start path: the leaf first, parents only when missing, and
/// cpusets filled from the nearest non-empty ancestor.
struct CreateTests {
    let hierarchies = FakeCgroupFS.v1Hierarchies()

    @Test func existingParentsCostOneMkdirPerHierarchy() throws {
        let fs = CountingFS(FakeCgroupFS.v1Host())
        let pod = try CgroupV1Manager(path: "/kubepods/burstable/pod1", hierarchies: hierarchies, fs: fs)
        try pod.create()
        let before = fs.totalMkdirs
        let container = try CgroupV1Manager(path: "/kubepods/burstable/pod1/c1", hierarchies: hierarchies, fs: fs)
        try container.create()
        let mounts = Set(hierarchies.values)
        #expect(fs.totalMkdirs - before == mounts.count)
        for mount in mounts {
            #expect(fs.base.isDirectory(mount + "/kubepods/burstable/pod1/c1"))
            #expect(fs.mkdirs(mount + "/kubepods") == 1, "the pod's create made /kubepods once")
        }
    }

    @Test func missingParentsAreMadeTopDown() throws {
        let fs = CountingFS(FakeCgroupFS.v1Host())
        let m = try CgroupV1Manager(path: "/a/b/c", hierarchies: hierarchies, fs: fs)
        try m.create()
        try m.create()
        for mount in Set(hierarchies.values) {
            for dir in ["/a", "/a/b", "/a/b/c"] { #expect(fs.base.isDirectory(mount + dir)) }
        }
        // Every level of the cpuset hierarchy got cpus and mems, so tasks can join the leaf.
        for dir in ["/a", "/a/b", "/a/b/c"] {
            #expect(fs.base.contents("/fake/cpuset" + dir + "/cpuset.cpus") == "0-1")
            #expect(fs.base.contents("/fake/cpuset" + dir + "/cpuset.mems") == "0")
        }
        try m.addProcess(77)
    }

    @Test func anEmptyCpusetParentMadeElsewhereIsFilled() throws {
        let base = FakeCgroupFS.v1Host()
        // Another tool made /pod without copying cpus/mems (clone_children off).
        try base.mkdir("/fake/cpuset/pod")
        #expect(base.contents("/fake/cpuset/pod/cpuset.cpus") == "")
        let m = try CgroupV1Manager(path: "/pod/c1", hierarchies: ["cpuset": "/fake/cpuset"], fs: base)
        try m.create()
        #expect(base.contents("/fake/cpuset/pod/cpuset.cpus") == "0-1")
        #expect(base.contents("/fake/cpuset/pod/c1/cpuset.cpus") == "0-1")
        #expect(base.contents("/fake/cpuset/pod/c1/cpuset.mems") == "0")
        try m.addProcess(77)
    }

    @Test func aCpusetAlreadySetIsKept() throws {
        let base = FakeCgroupFS.v1Host()
        let pod = try CgroupV1Manager(path: "/pod", hierarchies: ["cpuset": "/fake/cpuset"], fs: base)
        try pod.create()
        try pod.apply(CgroupResources(cpusetCpus: "1"))
        let c = try CgroupV1Manager(path: "/pod/c1", hierarchies: ["cpuset": "/fake/cpuset"], fs: base)
        try c.create()
        #expect(base.contents("/fake/cpuset/pod/cpuset.cpus") == "1")
        #expect(base.contents("/fake/cpuset/pod/c1/cpuset.cpus") == "1")
    }

    @Test func aMissingMountIsReportedWithThePath() throws {
        let m = try CgroupV1Manager(path: "/x/y", hierarchies: ["memory": "/nowhere/memory"], fs: FakeCgroupFS.v1Host())
        #expect(throws: CgroupError.system(operation: "mkdir", path: "/nowhere/memory/x", errno: ENOENT, hint: nil)) {
            try m.create()
        }
    }
}
