import Testing
@testable import SkiffCgroups

/// Kubernetes conversions and layout, and the kernel file parsers.
struct ConversionTests {
    @Test func milliCPUToShares() {
        #expect(KubeCgroups.milliCPUToShares(0) == 2)
        #expect(KubeCgroups.milliCPUToShares(1) == 2)
        #expect(KubeCgroups.milliCPUToShares(100) == 102)
        #expect(KubeCgroups.milliCPUToShares(1000) == 1024)
        #expect(KubeCgroups.milliCPUToShares(500_000) == 262_144)
    }

    @Test func milliCPUToQuota() {
        #expect(KubeCgroups.milliCPUToQuota(0) == 0)
        #expect(KubeCgroups.milliCPUToQuota(5) == 1000)
        #expect(KubeCgroups.milliCPUToQuota(250) == 25_000)
        #expect(KubeCgroups.milliCPUToQuota(2000) == 200_000)
        #expect(KubeCgroups.milliCPUToQuota(500, period: 50_000) == 25_000)
    }

    @Test func sharesToWeight() {
        #expect(KubeCgroups.sharesToWeight(2) == 1)
        #expect(KubeCgroups.sharesToWeight(1024) == 39)
        #expect(KubeCgroups.sharesToWeight(262_144) == 10_000)
        #expect(KubeCgroups.sharesToWeight(0) == 0)
    }

    @Test func qosLayout() throws {
        #expect(KubeCgroups.qosParent(.guaranteed) == "/kubepods")
        #expect(KubeCgroups.qosParent(.burstable) == "/kubepods/burstable")
        #expect(KubeCgroups.qosParent(.bestEffort) == "/kubepods/besteffort")
        #expect(try KubeCgroups.podPath(qos: .burstable, uid: "1234-ab") == "/kubepods/burstable/pod1234-ab")
        #expect(try KubeCgroups.containerPath(podPath: "/kubepods/pod1", containerID: "abc") == "/kubepods/pod1/abc")
        #expect(throws: CgroupError.invalidArgument(field: "pod uid", value: "a/b", expected: "a non-empty uid without \"/\"")) {
            try KubeCgroups.podPath(qos: .guaranteed, uid: "a/b")
        }
    }

    @Test func fileFormats() throws {
        #expect(CgroupFileFormat.flatKeyed("a 1\nb 2\nbad\nc x\n") == ["a": 1, "b": 2])
        #expect(try CgroupFileFormat.limit("max\n", path: "p") == nil)
        #expect(try CgroupFileFormat.limit("9223372036854771712\n", path: "p") == nil)
        #expect(try CgroupFileFormat.limit("1048576\n", path: "p") == 1_048_576)
        #expect(throws: CgroupError.malformed(path: "p", detail: "expected a number or \"max\", got \"x\"")) {
            try CgroupFileFormat.limit("x", path: "p")
        }
        #expect(try CgroupFileFormat.pids("1\n22\n\n", path: "p") == [1, 22])
        #expect(throws: CgroupError.self) { try CgroupFileFormat.pids("1\nz\n", path: "p") }
    }
}
