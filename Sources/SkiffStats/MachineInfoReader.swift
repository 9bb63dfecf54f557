#if canImport(Glibc)
import Glibc
#endif

/// Reads the machine's description from /proc and /sys (thin: the parsing is in ProcParsers
/// and TopologyBuilder). Roots are parameters so tests can point it at fixture trees.
public struct MachineInfoReader: Sendable {
    public var procRoot = "/proc"
    public var sysRoot = "/sys"
    public var etcRoot = "/etc"

    public init(procRoot: String = "/proc", sysRoot: String = "/sys", etcRoot: String = "/etc") {
        self.procRoot = procRoot; self.sysRoot = sysRoot; self.etcRoot = etcRoot
    }

    public func read(now: Double) -> MachineInfo {
        let r = SysFileReader()
        let cpuinfo = ProcParsers.cpuinfo(r.read(procRoot + "/cpuinfo") ?? "")
        let mem = ProcParsers.meminfo(r.read(procRoot + "/meminfo") ?? "")
        let pageSizes = ((try? listDir(sysRoot + "/kernel/mm/hugepages")) ?? []).compactMap { name -> MachineInfo.HugePage? in
            // hugepages-2048kB
            guard name.hasPrefix("hugepages-"), name.hasSuffix("kB"), let kb = UInt64(name.dropFirst(10).dropLast(2)) else { return nil }
            return .init(pageSize: kb, numPages: r.number(sysRoot + "/kernel/mm/hugepages/\(name)/nr_hugepages") ?? 0)
        }.sorted { $0.pageSize < $1.pageSize }
        var uts = utsname()
        uname(&uts)
        let kernel = withUnsafeBytes(of: &uts.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }

        // Topology from sysfs, falling back to cpuinfo's ids.
        let cpuDirs = ((try? listDir(sysRoot + "/devices/system/cpu")) ?? []).compactMap { n -> Int? in
            n.hasPrefix("cpu") ? Int(n.dropFirst(3)) : nil
        }.sorted()
        var cpuToNode: [Int: Int] = [:]
        var nodeMemory: [Int: UInt64] = [:]
        for n in ((try? listDir(sysRoot + "/devices/system/node")) ?? []) where n.hasPrefix("node") {
            guard let id = Int(n.dropFirst(4)) else { continue }
            for c in ProcParsers.cpuList(r.read(sysRoot + "/devices/system/node/\(n)/cpulist") ?? "") { cpuToNode[c] = id }
            // "Node 0 MemTotal:       16384 kB"
            if let text = r.read(sysRoot + "/devices/system/node/\(n)/meminfo"),
               let line = text.split(separator: "\n").first(where: { $0.contains("MemTotal:") }),
               let kb = line.split(separator: " ").dropLast().last.flatMap({ UInt64($0) }) {
                nodeMemory[id] = kb * 1024
            }
        }
        if nodeMemory.isEmpty { nodeMemory[0] = mem["MemTotal"] ?? 0 }
        let online = Set(ProcParsers.cpuList(r.read(sysRoot + "/devices/system/cpu/online") ?? ""))
        var entries: [CPUTopologyEntry] = []
        for cpu in cpuDirs where online.isEmpty || online.contains(cpu) {
            let base = sysRoot + "/devices/system/cpu/cpu\(cpu)"
            let fromInfo = cpuinfo.processors.first { $0.id == cpu }
            let socket = r.number(base + "/topology/physical_package_id").map(Int.init) ?? fromInfo?.socket ?? 0
            let core = r.number(base + "/topology/core_id").map(Int.init) ?? fromInfo?.core ?? cpu
            var caches: [(level: Int, type: String, size: UInt64, shared: [Int])] = []
            for idx in ((try? listDir(base + "/cache")) ?? []).filter({ $0.hasPrefix("index") }).sorted() {
                let d = base + "/cache/" + idx
                caches.append((level: Int(r.number(d + "/level") ?? 0), type: r.line(d + "/type") ?? "",
                               size: ProcParsers.cacheSize(r.line(d + "/size") ?? ""),
                               shared: ProcParsers.cpuList(r.line(d + "/shared_cpu_list") ?? "\(cpu)")))
            }
            entries.append(CPUTopologyEntry(cpu: cpu, socket: socket, core: core, numaNode: cpuToNode[cpu] ?? 0, caches: caches))
        }
        if entries.isEmpty {
            entries = cpuinfo.processors.map { CPUTopologyEntry(cpu: $0.id, socket: $0.socket, core: $0.core, numaNode: 0, caches: []) }
        }
        let sockets = Set(entries.map(\.socket)).count
        let physical = Set(entries.map { "\($0.socket)/\($0.core)" }).count
        let khz = r.number(sysRoot + "/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq") ?? UInt64(cpuinfo.mhz * 1000)

        return MachineInfo(
            timestamp: RFC3339.format(now, fractional: true), cpuVendorID: cpuinfo.vendorID,
            numCores: entries.count, numPhysicalCores: physical, numSockets: sockets, cpuFrequencyKHz: khz,
            memoryCapacity: mem["MemTotal"] ?? 0, swapCapacity: mem["SwapTotal"] ?? 0, hugepages: pageSizes,
            machineID: r.line(etcRoot + "/machine-id") ?? "", systemUUID: (r.line(sysRoot + "/class/dmi/id/product_uuid") ?? "").lowercased(),
            bootID: r.line(procRoot + "/sys/kernel/random/boot_id") ?? "", kernelVersion: kernel,
            filesystems: filesystems(r), networkDevices: networkDevices(r),
            topology: TopologyBuilder.build(entries, nodeMemory: nodeMemory, hugepages: pageSizes))
    }

    /// Block-device file systems (what cAdvisor lists): device paths under /dev, each once.
    func filesystems(_ r: SysFileReader) -> [MachineInfo.FsInfo] {
        var seen = Set<String>()
        var out: [MachineInfo.FsInfo] = []
        for m in ProcParsers.mounts(r.read(procRoot + "/self/mounts") ?? "") where m.device.hasPrefix("/dev/") || m.type == "overlay" && m.mountPoint == "/" {
            guard seen.insert(m.device).inserted, let u = DiskUsage.fileSystem(m.mountPoint) else { continue }
            out.append(.init(device: m.device, mountpoint: m.mountPoint, capacity: u.capacityBytes, type: m.type, inodes: u.inodes, hasInodes: u.inodes > 0))
        }
        return out
    }

    /// Physical-looking network devices (those with a `device` link or a non-virtual driver),
    /// with MAC, speed and MTU; loopback and virtual bridges/veths are left out, as cAdvisor does.
    func networkDevices(_ r: SysFileReader) -> [MachineInfo.NetInfo] {
        let base = sysRoot + "/class/net"
        return ((try? listDir(base)) ?? []).sorted().compactMap { name in
            if name == "lo" { return nil }
            let d = base + "/" + name
            var st = stat()
            let virtual = lstat(d + "/device", &st) != 0
            if virtual && (name.hasPrefix("veth") || name.hasPrefix("cni") || name.hasPrefix("docker") || name.hasPrefix("br")) { return nil }
            let speed = Int64(r.line(d + "/speed") ?? "") ?? 0
            return .init(name: name, macAddress: r.line(d + "/address") ?? "", speed: max(speed, 0), mtu: Int64(r.line(d + "/mtu") ?? "") ?? 0)
        }
    }

    func listDir(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw SysError(path: path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let ent = readdir(dir) {
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}

struct SysError: Error { var path: String }
