/// The kubelet's Summary API (`/stats/summary`, stats/v1alpha1) with its JSON field names.
public enum SummaryAPI {
    public struct Summary: Codable, Sendable, Equatable {
        public var node: NodeStats
        public var pods: [PodStats]
    }

    public struct NodeStats: Codable, Sendable, Equatable {
        public var nodeName: String
        public var systemContainers: [ContainerStats]?
        public var startTime: String
        public var cpu: CPUStats?
        public var memory: MemoryStats?
        public var network: NetworkStats?
        public var fs: FsStats?
        public var runtime: RuntimeStats?
        public var rlimit: RlimitStats?
    }

    public struct RuntimeStats: Codable, Sendable, Equatable {
        public var imageFs: FsStats?
        public var containerFs: FsStats?
    }

    public struct RlimitStats: Codable, Sendable, Equatable {
        public var time: String
        public var maxpid: Int64?
        public var curproc: Int64?
    }

    public struct PodReference: Codable, Sendable, Equatable {
        public var name: String
        public var namespace: String
        public var uid: String
    }

    public struct PodStats: Codable, Sendable, Equatable {
        public var podRef: PodReference
        public var startTime: String
        public var containers: [ContainerStats]
        public var cpu: CPUStats?
        public var memory: MemoryStats?
        public var network: NetworkStats?
        public var volume: [VolumeStats]?
        public var ephemeralStorage: FsStats?
        public var processStats: ProcessStats?

        enum CodingKeys: String, CodingKey {
            case podRef, startTime, containers, cpu, memory, network, volume
            case ephemeralStorage = "ephemeral-storage"
            case processStats = "process_stats"
        }
    }

    public struct ProcessStats: Codable, Sendable, Equatable {
        public var processCount: UInt64?
        enum CodingKeys: String, CodingKey { case processCount = "process_count" }
    }

    public struct ContainerStats: Codable, Sendable, Equatable {
        public var name: String
        public var startTime: String
        public var cpu: CPUStats?
        public var memory: MemoryStats?
        public var rootfs: FsStats?
        public var logs: FsStats?
    }

    public struct CPUStats: Codable, Sendable, Equatable {
        public var time: String
        public var usageNanoCores: UInt64?
        public var usageCoreNanoSeconds: UInt64?
    }

    public struct MemoryStats: Codable, Sendable, Equatable {
        public var time: String
        public var availableBytes: UInt64?
        public var usageBytes: UInt64?
        public var workingSetBytes: UInt64?
        public var rssBytes: UInt64?
        public var pageFaults: UInt64?
        public var majorPageFaults: UInt64?
    }

    public struct InterfaceStats: Codable, Sendable, Equatable {
        public var name: String
        public var rxBytes: UInt64?
        public var rxErrors: UInt64?
        public var txBytes: UInt64?
        public var txErrors: UInt64?
    }

    /// The default interface's counters inline, and every interface in `interfaces`.
    public struct NetworkStats: Codable, Sendable, Equatable {
        public var time: String
        public var name: String?
        public var rxBytes: UInt64?
        public var rxErrors: UInt64?
        public var txBytes: UInt64?
        public var txErrors: UInt64?
        public var interfaces: [InterfaceStats]?
    }

    public struct FsStats: Codable, Sendable, Equatable {
        public var time: String
        public var availableBytes: UInt64?
        public var capacityBytes: UInt64?
        public var usedBytes: UInt64?
        public var inodesFree: UInt64?
        public var inodes: UInt64?
        public var inodesUsed: UInt64?
    }

    public struct VolumeStats: Codable, Sendable, Equatable {
        public var time: String
        public var availableBytes: UInt64?
        public var capacityBytes: UInt64?
        public var usedBytes: UInt64?
        public var inodesFree: UInt64?
        public var inodes: UInt64?
        public var inodesUsed: UInt64?
        public var name: String
    }
}
