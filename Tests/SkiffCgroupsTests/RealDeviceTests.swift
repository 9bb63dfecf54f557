import Foundation
import Testing
@testable import SkiffCgroups

/// Device rules enforced by the kernel: a process in the cgroup may open /dev/null but not
/// /dev/zero once the rules deny everything else.
@Suite(.serialized, .enabled(if: Privileged.enabled, Privileged.skipMessage))
struct RealDeviceTests {
    static let rules = [
        CgroupDeviceRule(allow: false),
        CgroupDeviceRule(allow: true, type: .char, major: 1, minor: 3),
    ]
    static let probe = "if head -c 1 /dev/zero >/dev/null 2>&1; then echo zero-open; else echo zero-denied; fi; echo x > /dev/null && echo null-open"

    /// Runs the probe script inside `m` and returns its stdout.
    func probe(in m: any CgroupManager) throws -> String {
        let (p, stdin, out, _) = try Privileged.spawnGated(Self.probe)
        defer { Privileged.stop(p) }
        try m.addProcess(p.processIdentifier)
        Privileged.release(stdin)
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return text
    }

    @Test func v1DevicesControllerEnforcesRules() throws {
        guard let h = try Privileged.v1Host(), h.v1["devices"] != nil else { print("no v1 devices controller: skipped"); return }
        let top = Privileged.uniquePath()
        let topManager = try Cgroups.manager(path: top)
        defer { try? topManager.destroy() }
        let m = try Cgroups.manager(path: top + "/c")
        try m.create()
        try m.apply(CgroupResources(devices: Self.rules))
        #expect(try Privileged.readFile(h.v1["devices", default: "?"] + top + "/c/devices.list") == "c 1:3 rwm")
        let out = try probe(in: m)
        #expect(out.contains("zero-denied") && out.contains("null-open"), "probe said: \(out)")
    }

    @Test func v2DeviceFilterIsLoadedAndEnforced() throws {
        let mounts = CgroupMountTable.parse(try LinuxCgroupFS().read("/proc/self/mounts"))
        guard let mount = mounts.first(where: { $0.fsType == "cgroup2" })?.mountPoint else { print("no cgroup2 mount: skipped"); return }
        let top = Privileged.uniquePath()
        let topManager = try CgroupV2Manager(path: top, mount: mount)
        defer { try? topManager.destroy() }
        let m = try CgroupV2Manager(path: top + "/c", mount: mount)
        try m.create()
        #expect(try probe(in: m).contains("zero-open"))
        try m.apply(CgroupResources(devices: Self.rules))
        let out = try probe(in: m)
        #expect(out.contains("zero-denied") && out.contains("null-open"), "probe said: \(out)")
        // A second apply replaces the program rather than stacking another one.
        try m.apply(CgroupResources(devices: [CgroupDeviceRule(allow: true)]))
        #expect(try probe(in: m).contains("zero-open"))
    }
}
