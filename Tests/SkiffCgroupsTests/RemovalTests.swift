import Glibc
import Synchronization
import Testing
@testable import SkiffCgroups

/// destroy() shares one EBUSY wait across hierarchies and nesting levels, so a cgroup that
/// still holds a live process fails after one wait instead of one per directory.
struct RemovalTests {
    @Test func pastTheDeadlineEachDirectoryIsTriedOnce() throws {
        let fs = CountingFS(FakeCgroupFS.v1Host())
        let hierarchies = FakeCgroupFS.v1Hierarchies()
        let m = try CgroupV1Manager(path: "/skiff/c1", hierarchies: hierarchies, fs: fs)
        let nested = try CgroupV1Manager(path: "/skiff/c1/nested", hierarchies: hierarchies, fs: fs)
        try nested.create()
        try m.addProcess(4242)

        for mount in Set(hierarchies.values) {
            do {
                try CgroupRemoval.removeTree(mount + "/skiff/c1", fs: fs, deadline: 0)
                Issue.record("\(mount)/skiff/c1 holds a process but was removed")
            } catch let e as CgroupError {
                #expect(e.errno == EBUSY)
                #expect(e.description == "rmdir \(mount)/skiff/c1: EBUSY (processes or child cgroups still present)")
            }
            // The empty child goes at once; the busy parent is not retried past the deadline.
            #expect(fs.rmdirs(mount + "/skiff/c1/nested") == 1)
            #expect(!fs.exists(mount + "/skiff/c1/nested"))
            #expect(fs.rmdirs(mount + "/skiff/c1") == 1)
        }
    }

    @Test func destroyRemovesEveryHierarchyOnceTheProcessLeft() throws {
        let base = FakeCgroupFS.v1Host()
        let fs = CountingFS(base)
        let hierarchies = FakeCgroupFS.v1Hierarchies()
        let top = try CgroupV1Manager(path: "/skiff", hierarchies: hierarchies, fs: fs)
        let m = try CgroupV1Manager(path: "/skiff/c1", hierarchies: hierarchies, fs: fs)
        try m.create()
        try m.addProcess(4242)
        // The process exits: the kernel empties cgroup.procs in every hierarchy.
        for mount in Set(hierarchies.values) { base.set(mount + "/skiff/c1/cgroup.procs", "") }
        try top.destroy()
        for mount in Set(hierarchies.values) {
            #expect(!fs.exists(mount + "/skiff"))
            #expect(fs.rmdirs(mount + "/skiff/c1") == 1)
        }
    }
}
