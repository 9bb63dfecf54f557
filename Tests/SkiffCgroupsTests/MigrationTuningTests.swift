import Foundation
import Testing
@testable import SkiffCgroups

/// favordynmods: the decision from mount tables, and the real remount as root.
struct MigrationTuningTests {
    func decide(_ text: String) -> CgroupMigrationTuning.Decision {
        CgroupMigrationTuning.decide(mounts: CgroupMountTable.parse(text))
    }

    @Test func hybridHostRemountsTheUnifiedMountKeepingItsFlags() {
        #expect(decide(MountTests.hybrid) == .remount(mountPoint: "/sys/fs/cgroup/unified", options: "favordynmods",
                                                      mountFlags: ["relatime"]))
    }

    @Test func cgroup2OptionsAreRepeatedSoTheRemountKeepsThem() {
        let text = "cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0\n"
        #expect(decide(text) == .remount(mountPoint: "/sys/fs/cgroup", options: "nsdelegate,memory_recursiveprot,favordynmods",
                                         mountFlags: ["nosuid", "nodev", "noexec", "relatime"]))
    }

    @Test func alreadyFavouredOrNoCgroup2LeavesTheHostAlone() {
        #expect(decide("cgroup2 /sys/fs/cgroup cgroup2 rw,nsdelegate,favordynmods 0 0\n") == .alreadyFavoured(mountPoint: "/sys/fs/cgroup"))
        #expect(decide("cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n") == .noCgroup2)
    }

    @Test(.enabled(if: Privileged.enabled, Privileged.skipMessage))
    func hostCgroup2MountEndsUpFavouringDynamicModifications() throws {
        let before = try String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)
        let cg2 = CgroupMountTable.parse(before).filter { $0.fsType == "cgroup2" }
        guard !cg2.isEmpty else { return } // a pure v1 host has nothing to remount
        CgroupMigrationTuning.ensureFavoured()
        let after = CgroupMountTable.parse(try String(contentsOfFile: "/proc/self/mounts", encoding: .utf8))
        #expect(after.contains { $0.fsType == "cgroup2" && $0.options.contains("favordynmods") })
        // Other options of the mount survive the remount.
        for m in cg2 {
            let now = try #require(after.first { $0.mountPoint == m.mountPoint })
            #expect(Set(m.options).subtracting(["favordynmods"]).isSubset(of: Set(now.options)))
        }
    }
}
