/// Kubernetes' cgroup conventions (the cgroupfs driver layout and the resource conversions the
/// kubelet applies), kept pure so the kubelet and runtime agree on them.
public enum KubeCgroups {
    public static let minShares: UInt64 = 2
    public static let maxShares: UInt64 = 262_144
    public static let sharesPerCPU: UInt64 = 1024
    public static let quotaPeriod: UInt64 = 100_000
    public static let minQuota: Int64 = 1000

    public enum QOSClass: String, Sendable, Equatable {
        case guaranteed = "Guaranteed", burstable = "Burstable", bestEffort = "BestEffort"
    }

    /// Root of all pod cgroups.
    public static let podsRoot = "/kubepods"

    /// Parent of a pod's cgroup: Guaranteed pods sit directly under kubepods.
    public static func qosParent(_ qos: QOSClass) -> String {
        switch qos {
        case .guaranteed: return podsRoot
        case .burstable: return podsRoot + "/burstable"
        case .bestEffort: return podsRoot + "/besteffort"
        }
    }

    /// "/kubepods/burstable/pod<uid>".
    public static func podPath(qos: QOSClass, uid: String) throws -> String {
        guard !uid.isEmpty, !uid.contains("/"), uid != ".", uid != ".." else {
            throw CgroupError.invalidArgument(field: "pod uid", value: uid, expected: "a non-empty uid without \"/\"")
        }
        return qosParent(qos) + "/pod" + uid
    }

    /// Container cgroup under its pod.
    public static func containerPath(podPath: String, containerID: String) throws -> String {
        guard !containerID.isEmpty, !containerID.contains("/"), containerID != ".", containerID != ".." else {
            throw CgroupError.invalidArgument(field: "container id", value: containerID, expected: "a non-empty id without \"/\"")
        }
        return podPath + "/" + containerID
    }

    /// CPU request in millicores → cpu.shares, clamped to the kernel's range.
    public static func milliCPUToShares(_ milli: Int64) -> UInt64 {
        if milli <= 0 { return minShares }
        let shares = UInt64(milli) * sharesPerCPU / 1000
        return min(max(shares, minShares), maxShares)
    }

    /// CPU limit in millicores → CFS quota for `period`; 0 (no limit) stays 0.
    public static func milliCPUToQuota(_ milli: Int64, period: UInt64 = quotaPeriod) -> Int64 {
        if milli <= 0 { return 0 }
        let quota = milli * Int64(period) / 1000
        return max(quota, minQuota)
    }

    /// v1 cpu.shares → v2 cpu.weight (1...10000), the mapping used by runc and the kubelet.
    public static func sharesToWeight(_ shares: UInt64) -> UInt64 {
        if shares == 0 { return 0 }
        let s = min(max(shares, minShares), maxShares)
        return 1 + ((s - 2) * 9999) / 262_142
    }
}
