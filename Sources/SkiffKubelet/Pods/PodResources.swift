import SkiffAPI
import SkiffCgroups

/// Kubernetes' pod QoS classes.
public enum QOSClass: String, Sendable, Equatable {
    case guaranteed = "Guaranteed", burstable = "Burstable", bestEffort = "BestEffort"
}

/// Pure resource decisions for a pod: its QoS class, its cgroup's place and limits, each
/// container's limits and OOM score, following the kubelet's rules.
public enum PodResources {
    static let cpu = "cpu", memory = "memory"

    /// A container's requests with Kubernetes' rule that an unset request defaults to its limit.
    static func requests(_ c: Container) -> [String: Quantity] {
        var r = c.resources?.requests ?? [:]
        for (k, v) in c.resources?.limits ?? [:] where r[k] == nil { r[k] = v }
        return r
    }

    public static func qosClass(_ spec: PodSpec) -> QOSClass {
        let all = spec.containers + (spec.initContainers ?? [])
        var anyRequestOrLimit = false
        var guaranteed = true
        for c in all {
            let req = requests(c)
            let lim = c.resources?.limits ?? [:]
            for k in [cpu, memory] {
                if let q = req[k], !q.isZero { anyRequestOrLimit = true }
                if let q = lim[k], !q.isZero { anyRequestOrLimit = true }
                guard let l = lim[k], !l.isZero, let q = req[k], q == l else { guaranteed = false; continue }
            }
        }
        if !anyRequestOrLimit { return .bestEffort }
        return guaranteed ? .guaranteed : .burstable
    }

    /// The pod cgroup, relative to each hierarchy root: `/kubepods/pod<uid>` for Guaranteed,
    /// `/kubepods/burstable/pod<uid>`, `/kubepods/besteffort/pod<uid>`.
    public static func podCgroupPath(uid: String, qos: QOSClass, root: String = "/kubepods") -> String {
        switch qos {
        case .guaranteed: return "\(root)/pod\(uid)"
        case .burstable: return "\(root)/burstable/pod\(uid)"
        case .bestEffort: return "\(root)/besteffort/pod\(uid)"
        }
    }

    /// milliCPU → cpu.shares as the kubelet converts it (at least 2).
    public static func shares(milliCPU: Int64) -> UInt64 {
        UInt64(max(2, milliCPU * 1024 / 1000))
    }

    /// milliCPU limit → CFS quota for `period` (at least 1 ms).
    public static func quota(milliCPU: Int64, period: UInt64 = 100_000) -> Int64 {
        max(1000, milliCPU * Int64(period) / 1000)
    }

    /// The pod-level cgroup limits: shares from the sum of cpu requests; a cpu quota and memory
    /// limit only when every container declares that limit (otherwise the pod is unbounded).
    public static func podCgroup(_ spec: PodSpec) -> CgroupResources {
        var r = CgroupResources()
        let cs = spec.containers
        let reqMilli = cs.reduce(Int64(0)) { $0 + (requests($1)[cpu]?.milliValue ?? 0) }
        r.cpuShares = qosClass(spec) == .bestEffort ? 2 : shares(milliCPU: reqMilli)
        let cpuLimits = cs.compactMap { $0.resources?.limits?[cpu]?.milliValue }
        if cpuLimits.count == cs.count, !cs.isEmpty {
            // Init containers run alone, so the pod needs the larger of the two sums.
            let initMax = (spec.initContainers ?? []).compactMap { $0.resources?.limits?[cpu]?.milliValue }.max() ?? 0
            r.cpuPeriod = 100_000
            r.cpuQuota = quota(milliCPU: max(cpuLimits.reduce(0, +), initMax))
        }
        let memLimits = cs.compactMap { $0.resources?.limits?[memory]?.value }
        if memLimits.count == cs.count, !cs.isEmpty {
            let initMax = (spec.initContainers ?? []).compactMap { $0.resources?.limits?[memory]?.value }.max() ?? 0
            r.memoryLimit = max(memLimits.reduce(0, +), initMax)
        }
        return r
    }

    /// One container's cgroup limits.
    public static func containerCgroup(_ c: Container) -> CgroupResources {
        var r = CgroupResources()
        let req = requests(c)
        r.cpuShares = shares(milliCPU: req[cpu]?.milliValue ?? 0)
        if let l = c.resources?.limits?[cpu] {
            r.cpuPeriod = 100_000
            r.cpuQuota = quota(milliCPU: l.milliValue)
        }
        if let l = c.resources?.limits?[memory] {
            r.memoryLimit = l.value
            // No swap for containers, as the kubelet configures it by default.
            r.memorySwap = l.value
        }
        return r
    }

    /// The kernel OOM score adjustment the kubelet gives a container.
    public static func oomScoreAdj(_ c: Container, qos: QOSClass, machineMemory: Int64) -> Int {
        switch qos {
        case .guaranteed: return -997
        case .bestEffort: return 1000
        case .burstable:
            let memReq = requests(c)[memory]?.value ?? 0
            guard machineMemory > 0 else { return 999 }
            let adj = 1000 - Int((1000 * memReq) / machineMemory)
            return min(max(adj, 2), 999)
        }
    }
}
