import Testing
import SkiffAPI
@testable import SkiffKubelet

private func container(_ name: String, req: [String: String] = [:], lim: [String: String] = [:]) throws -> Container {
    var c = Container(name: name)
    var rr = ResourceRequirements()
    if !req.isEmpty { rr.requests = try req.mapValues { try Quantity($0) } }
    if !lim.isEmpty { rr.limits = try lim.mapValues { try Quantity($0) } }
    c.resources = rr
    return c
}

@Test func qosClassesFollowKubernetes() throws {
    var spec = PodSpec(containers: [try container("a")])
    #expect(PodResources.qosClass(spec) == .bestEffort)
    spec.containers = [try container("a", lim: ["cpu": "500m", "memory": "128Mi"])]
    #expect(PodResources.qosClass(spec) == .guaranteed)
    spec.containers.append(try container("b", req: ["cpu": "100m"]))
    #expect(PodResources.qosClass(spec) == .burstable)
    spec.containers = [try container("a", req: ["cpu": "250m", "memory": "64Mi"], lim: ["cpu": "500m", "memory": "64Mi"])]
    #expect(PodResources.qosClass(spec) == .burstable)
    #expect(PodResources.podCgroupPath(uid: "u1", qos: .burstable) == "/kubepods/burstable/podu1")
    #expect(PodResources.podCgroupPath(uid: "u1", qos: .guaranteed) == "/kubepods/podu1")
}

@Test func cgroupLimitsFromRequestsAndLimits() throws {
    let a = try container("a", req: ["cpu": "250m", "memory": "64Mi"], lim: ["cpu": "500m", "memory": "128Mi"])
    let b = try container("b", req: ["cpu": "100m"])
    let pod = PodResources.podCgroup(PodSpec(containers: [a, b]))
    #expect(pod.cpuShares == 358)            // (250+100)*1024/1000
    #expect(pod.cpuQuota == nil)             // b has no cpu limit
    #expect(pod.memoryLimit == nil)
    let only = PodResources.podCgroup(PodSpec(containers: [a]))
    #expect(only.cpuQuota == 50_000 && only.cpuPeriod == 100_000)
    #expect(only.memoryLimit == 128 << 20)
    let ca = PodResources.containerCgroup(a)
    #expect(ca.cpuShares == 256 && ca.cpuQuota == 50_000 && ca.memoryLimit == 128 << 20)
    #expect(PodResources.shares(milliCPU: 0) == 2)
    #expect(PodResources.quota(milliCPU: 1) == 1000)
    #expect(PodResources.podCgroup(PodSpec(containers: [try container("z")])).cpuShares == 2)
}

@Test func oomScoresByQOS() throws {
    let g = try container("g", lim: ["cpu": "1", "memory": "1Gi"])
    #expect(PodResources.oomScoreAdj(g, qos: .guaranteed, machineMemory: 8 << 30) == -997)
    let b = try container("b", req: ["memory": "2Gi"])
    #expect(PodResources.oomScoreAdj(b, qos: .burstable, machineMemory: 8 << 30) == 750)
    #expect(PodResources.oomScoreAdj(b, qos: .burstable, machineMemory: 1 << 30) == 2)
    #expect(PodResources.oomScoreAdj(b, qos: .bestEffort, machineMemory: 8 << 30) == 1000)
}
