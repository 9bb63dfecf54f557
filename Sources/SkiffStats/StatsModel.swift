import SkiffCgroups

/// Counters of one network interface, as /proc/<pid>/net/dev has them.
public struct InterfaceStats: Sendable, Equatable {
    public var name: String
    public var rxBytes: UInt64, rxPackets: UInt64, rxErrors: UInt64, rxDropped: UInt64
    public var txBytes: UInt64, txPackets: UInt64, txErrors: UInt64, txDropped: UInt64

    public init(name: String, rxBytes: UInt64 = 0, rxPackets: UInt64 = 0, rxErrors: UInt64 = 0, rxDropped: UInt64 = 0,
                txBytes: UInt64 = 0, txPackets: UInt64 = 0, txErrors: UInt64 = 0, txDropped: UInt64 = 0) {
        self.name = name
        self.rxBytes = rxBytes; self.rxPackets = rxPackets; self.rxErrors = rxErrors; self.rxDropped = rxDropped
        self.txBytes = txBytes; self.txPackets = txPackets; self.txErrors = txErrors; self.txDropped = txDropped
    }
}

/// Space and inodes a directory tree uses (du), and the capacity of the file system it is on.
public struct FsUsage: Sendable, Equatable {
    public var usedBytes: UInt64 = 0
    public var inodesUsed: UInt64 = 0
    public var capacityBytes: UInt64 = 0
    public var availableBytes: UInt64 = 0
    public var inodes: UInt64 = 0
    public var inodesFree: UInt64 = 0
    public init() {}
}

/// What the kubelet tells the collector about the pods it runs: where their cgroups, network
/// namespaces, writable layers, logs and volumes are.
public struct PodTarget: Sendable, Equatable {
    public var name: String
    public var namespace: String
    public var uid: String
    /// Seconds since the epoch.
    public var startTime: Double?
    /// Relative to each hierarchy root, e.g. "/kubepods/besteffort/pod<uid>".
    public var cgroupPath: String
    /// The pause process, whose /proc/<pid>/net/dev shows the pod's interfaces (0: none or
    /// host network).
    public var pausePid: Int32
    public var containers: [ContainerTarget]
    public var volumes: [VolumeTarget]

    public init(name: String, namespace: String, uid: String, startTime: Double?, cgroupPath: String, pausePid: Int32,
                containers: [ContainerTarget], volumes: [VolumeTarget]) {
        self.name = name; self.namespace = namespace; self.uid = uid; self.startTime = startTime
        self.cgroupPath = cgroupPath; self.pausePid = pausePid; self.containers = containers; self.volumes = volumes
    }
}

public struct ContainerTarget: Sendable, Equatable {
    public var name: String
    /// The runtime's id (also the last element of its cgroup path).
    public var id: String
    public var cgroupPath: String
    public var image: String
    public var startTime: Double
    /// The overlay upper dir (the writable layer).
    public var rootfsDir: String?
    /// The directory of this container's log files.
    public var logDir: String?

    public init(name: String, id: String, cgroupPath: String, image: String, startTime: Double, rootfsDir: String?, logDir: String?) {
        self.name = name; self.id = id; self.cgroupPath = cgroupPath; self.image = image; self.startTime = startTime
        self.rootfsDir = rootfsDir; self.logDir = logDir
    }
}

public struct VolumeTarget: Sendable, Equatable {
    public var name: String
    public var path: String
    public init(name: String, path: String) { self.name = name; self.path = path }
}

/// One reading of a cgroup at a time (seconds since the epoch).
public struct CgroupSample: Sendable, Equatable {
    public var time: Double
    public var stats: CgroupStats
    public init(time: Double, stats: CgroupStats) { self.time = time; self.stats = stats }
}

/// The last readings of one cgroup, newest last; two are enough for rates.
public struct SampleHistory: Sendable, Equatable {
    public private(set) var samples: [CgroupSample] = []
    public let capacity: Int

    public init(capacity: Int = 3) { self.capacity = max(2, capacity) }

    public mutating func append(_ s: CgroupSample) {
        samples.append(s)
        if samples.count > capacity { samples.removeFirst(samples.count - capacity) }
    }

    public var latest: CgroupSample? { samples.last }

    /// CPU use in nanocores (core-nanoseconds per second) between the last two readings; nil
    /// with fewer than two or a counter that went backwards (a recreated cgroup).
    public var usageNanoCores: UInt64? {
        guard samples.count >= 2 else { return nil }
        return Rates.nanoCores(previous: samples[samples.count - 2], current: samples[samples.count - 1])
    }
}

public enum Rates {
    public static func nanoCores(previous: CgroupSample, current: CgroupSample) -> UInt64? {
        nanoCores(prevUsage: previous.stats.cpu.usageTotalNanos, prevTime: previous.time,
                  usage: current.stats.cpu.usageTotalNanos, time: current.time)
    }

    public static func nanoCores(prevUsage: UInt64, prevTime: Double, usage: UInt64, time: Double) -> UInt64? {
        let dt = time - prevTime
        guard dt > 0, usage >= prevUsage else { return nil }
        return UInt64(Double(usage - prevUsage) / dt)
    }
}

/// Stats of one container at the last housekeeping.
public struct ContainerRecord: Sendable, Equatable {
    public var target: ContainerTarget
    public var history: SampleHistory
    public var rootfs: FsUsage?
    public var logs: FsUsage?
}

public struct PodRecord: Sendable, Equatable {
    public var target: PodTarget
    public var history: SampleHistory
    public var containers: [ContainerRecord]
    public var networkTime: Double = 0
    public var interfaces: [InterfaceStats] = []
    public var volumes: [(name: String, usage: FsUsage)] = []
    public var processCount: UInt64 = 0

    public static func == (a: PodRecord, b: PodRecord) -> Bool {
        a.target == b.target && a.history == b.history && a.containers == b.containers && a.interfaces == b.interfaces
            && a.volumes.map(\.name) == b.volumes.map(\.name) && a.volumes.map(\.usage) == b.volumes.map(\.usage)
    }
}

/// Node-wide readings.
public struct NodeRecord: Sendable, Equatable {
    public var time: Double = 0
    public var startTime: Double = 0
    public var cpuUsageNanos: UInt64 = 0
    public var cpuUserNanos: UInt64 = 0
    public var cpuSystemNanos: UInt64 = 0
    public var usageNanoCores: UInt64?
    public var memoryTotal: UInt64 = 0
    public var memoryAvailable: UInt64 = 0
    public var memoryUsage: UInt64 = 0
    public var memoryWorkingSet: UInt64 = 0
    public var memoryRSS: UInt64 = 0
    public var pageFaults: UInt64 = 0
    public var majorPageFaults: UInt64 = 0
    public var interfaces: [InterfaceStats] = []
    public var rootFs = FsUsage()
    public var imageFs = FsUsage()
    public var maxPID: UInt64 = 0
    public var curProc: UInt64 = 0
    public init() {}
}

/// Everything one housekeeping pass read.
public struct StatsSnapshot: Sendable, Equatable {
    public var time: Double
    public var node: NodeRecord
    public var pods: [PodRecord]
    public init(time: Double, node: NodeRecord, pods: [PodRecord]) { self.time = time; self.node = node; self.pods = pods }
}
