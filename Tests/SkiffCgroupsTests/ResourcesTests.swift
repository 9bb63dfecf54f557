import Testing
@testable import SkiffCgroups

@Test func resourcesDefaultToUnset() {
    let r = CgroupResources()
    #expect(r.memoryLimit == nil && r.pidsLimit == nil && r.cpuQuota == nil)
}
