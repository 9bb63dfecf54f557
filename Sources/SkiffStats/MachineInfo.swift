/// cAdvisor's MachineInfo (`/spec`, `/api/v1.3/machine`) with its JSON field names.
public struct MachineInfo: Codable, Sendable, Equatable {
    public struct HugePage: Codable, Sendable, Equatable {
        public var pageSize: UInt64
        public var numPages: UInt64
        enum CodingKeys: String, CodingKey { case pageSize = "page_size", numPages = "num_pages" }
    }
    public struct FsInfo: Codable, Sendable, Equatable {
        public var device: String
        public var mountpoint: String
        public var capacity: UInt64
        public var type: String
        public var inodes: UInt64
        public var hasInodes: Bool
        enum CodingKeys: String, CodingKey { case device, mountpoint, capacity, type, inodes, hasInodes = "has_inodes" }
    }
    public struct NetInfo: Codable, Sendable, Equatable {
        public var name: String
        public var macAddress: String
        public var speed: Int64
        public var mtu: Int64
        enum CodingKeys: String, CodingKey { case name, macAddress = "mac_address", speed, mtu }
    }
    public struct Cache: Codable, Sendable, Equatable {
        public var id: Int
        public var size: UInt64
        public var type: String
        public var level: Int
    }
    public struct Core: Codable, Sendable, Equatable {
        public var coreID: Int
        public var threadIDs: [Int]
        public var caches: [Cache]
        public var socketID: Int
        enum CodingKeys: String, CodingKey { case coreID = "core_id", threadIDs = "thread_ids", caches, socketID = "socket_id" }
    }
    public struct Node: Codable, Sendable, Equatable {
        public var nodeID: Int
        public var memory: UInt64
        public var hugepages: [HugePage]
        public var cores: [Core]
        public var caches: [Cache]
        enum CodingKeys: String, CodingKey { case nodeID = "node_id", memory, hugepages, cores, caches }
    }

    public var timestamp: String
    public var cpuVendorID: String
    public var numCores: Int
    public var numPhysicalCores: Int
    public var numSockets: Int
    public var cpuFrequencyKHz: UInt64
    public var memoryCapacity: UInt64
    public var swapCapacity: UInt64
    public var hugepages: [HugePage]
    public var machineID: String
    public var systemUUID: String
    public var bootID: String
    public var kernelVersion: String
    public var filesystems: [FsInfo]
    public var networkDevices: [NetInfo]
    public var topology: [Node]
    public var cloudProvider = "Unknown"
    public var instanceType = "Unknown"
    public var instanceID = "None"

    enum CodingKeys: String, CodingKey {
        case timestamp, cpuVendorID = "CPUVendorID", numCores = "num_cores", numPhysicalCores = "num_physical_cores"
        case numSockets = "num_sockets", cpuFrequencyKHz = "cpu_frequency_khz", memoryCapacity = "memory_capacity"
        case swapCapacity = "swap_capacity", hugepages, machineID = "machine_id", systemUUID = "system_uuid", bootID = "boot_id"
        case kernelVersion = "kernel_version", filesystems, networkDevices = "network_devices", topology
        case cloudProvider = "cloud_provider", instanceType = "instance_type", instanceID = "instance_id"
    }
}

/// One logical CPU as sysfs describes it.
public struct CPUTopologyEntry: Sendable, Equatable {
    public var cpu: Int
    public var socket: Int
    public var core: Int
    public var numaNode: Int
    /// (level, type, size, shared cpu list) of each cache index.
    public var caches: [(level: Int, type: String, size: UInt64, shared: [Int])]

    public init(cpu: Int, socket: Int, core: Int, numaNode: Int, caches: [(level: Int, type: String, size: UInt64, shared: [Int])]) {
        self.cpu = cpu; self.socket = socket; self.core = core; self.numaNode = numaNode; self.caches = caches
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.cpu == b.cpu && a.socket == b.socket && a.core == b.core && a.numaNode == b.numaNode
            && a.caches.map(\.level) == b.caches.map(\.level) && a.caches.map(\.size) == b.caches.map(\.size)
    }
}

/// Groups logical CPUs into NUMA nodes and cores with their caches, the shape cAdvisor
/// reports: caches shared by one core's threads sit on the core, wider ones (L3) on the node.
/// Pure.
public enum TopologyBuilder {
    public static func build(_ cpus: [CPUTopologyEntry], nodeMemory: [Int: UInt64], hugepages: [MachineInfo.HugePage]) -> [MachineInfo.Node] {
        let byNode = Dictionary(grouping: cpus, by: \.numaNode)
        return byNode.keys.sorted().map { nodeID in
            let list = byNode[nodeID] ?? []
            let byCore = Dictionary(grouping: list, by: { "\($0.socket)/\($0.core)" })
            var nodeCaches: [MachineInfo.Cache] = []
            var seenNodeCache = Set<String>()
            let cores: [MachineInfo.Core] = byCore.values.map { threads in
                let sorted = threads.sorted { $0.cpu < $1.cpu }
                let first = sorted[0]
                let threadIDs = sorted.map(\.cpu)
                var coreCaches: [MachineInfo.Cache] = []
                for c in first.caches {
                    if Set(c.shared).isSubset(of: Set(threadIDs)) {
                        coreCaches.append(.init(id: first.core, size: c.size, type: c.type, level: c.level))
                    } else {
                        let key = "\(c.level)/\(c.type)/\(c.shared)"
                        if !seenNodeCache.contains(key) {
                            seenNodeCache.insert(key)
                            nodeCaches.append(.init(id: first.socket, size: c.size, type: c.type, level: c.level))
                        }
                    }
                }
                return MachineInfo.Core(coreID: first.core, threadIDs: threadIDs, caches: coreCaches, socketID: first.socket)
            }.sorted { ($0.socketID, $0.coreID) < ($1.socketID, $1.coreID) }
            return MachineInfo.Node(nodeID: nodeID, memory: nodeMemory[nodeID] ?? 0, hugepages: hugepages, cores: cores, caches: nodeCaches)
        }
    }
}
