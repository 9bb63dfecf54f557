import Foundation
import Synchronization
import Testing
@testable import SkiffCgroups

/// Containers of one pod are created and deleted from several threads at once (the kubelet
/// starts a pod's containers in parallel): the shared, initially missing pod cgroup and its
/// cpuset must come out right for every one of them on the real kernel.
@Suite(.serialized, .enabled(if: Privileged.enabled, Privileged.skipMessage))
struct HostConcurrencyTests {
    @Test func parallelContainersUnderOneNewPod() throws {
        guard let h = try Privileged.v1Host() else { print("host is not cgroup v1: skipped"); return }
        let top = try Cgroups.manager(path: Privileged.uniquePath())
        defer { try? top.destroy() }
        let pod = top.path + "/kubepods/burstable/pod1"
        let failures = Mutex<[String]>([])
        let resources = CgroupResources(cpuShares: 256, cpuQuota: 20_000, cpuPeriod: 100_000,
                                        memoryLimit: 64 << 20, pidsLimit: 16)
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            for i in 0..<15 {
                do {
                    let m = try Cgroups.manager(path: "\(pod)/c\(worker)-\(i)")
                    try m.create()
                    try m.apply(resources)
                    let cpus = try LinuxCgroupFS().read((h.v1["cpuset"] ?? "") + m.path + "/cpuset.cpus")
                    if h.v1["cpuset"] != nil && cpus.trimmingWhitespace().isEmpty {
                        failures.withLock { $0.append("\(m.path): empty cpuset.cpus") }
                    }
                    try m.destroy()
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
        }
        #expect(failures.withLock { $0 } == [])
        for mount in h.v1MountPoints {
            #expect(try LinuxCgroupFS().listDirectories(mount + pod) == [], "left children in \(mount + pod)")
        }
        try top.destroy()
        for mount in h.v1MountPoints { #expect(!LinuxCgroupFS().exists(mount + top.path)) }
    }
}
