/// Turns a housekeeping snapshot into the Summary API document. Pure.
public enum SummaryBuilder {
    public static func summary(_ s: StatsSnapshot, nodeName: String) -> SummaryAPI.Summary {
        SummaryAPI.Summary(node: node(s, nodeName: nodeName), pods: s.pods.map { pod($0, node: s.node) })
    }

    static func t(_ time: Double) -> String { RFC3339.format(time) }

    public static func node(_ s: StatsSnapshot, nodeName: String) -> SummaryAPI.NodeStats {
        let n = s.node
        let time = t(n.time)
        let ws = n.memoryWorkingSet
        return SummaryAPI.NodeStats(
            nodeName: nodeName, systemContainers: [], startTime: t(n.startTime),
            cpu: .init(time: time, usageNanoCores: n.usageNanoCores, usageCoreNanoSeconds: n.cpuUsageNanos),
            memory: .init(time: time, availableBytes: n.memoryTotal > ws ? n.memoryTotal - ws : 0, usageBytes: n.memoryUsage,
                          workingSetBytes: ws, rssBytes: n.memoryRSS, pageFaults: n.pageFaults, majorPageFaults: n.majorPageFaults),
            network: network(n.interfaces.filter { $0.name != "lo" }, time: n.time),
            fs: fs(n.rootFs, time: n.time, withUsage: true),
            runtime: .init(imageFs: fs(n.imageFs, time: n.time, withUsage: true), containerFs: fs(n.imageFs, time: n.time, withUsage: true)),
            rlimit: .init(time: time, maxpid: Int64(n.maxPID), curproc: Int64(n.curProc)))
    }

    public static func pod(_ p: PodRecord, node: NodeRecord) -> SummaryAPI.PodStats {
        let time = p.history.latest?.time ?? node.time
        var ephemeral = FsUsage()
        ephemeral.capacityBytes = node.rootFs.capacityBytes
        ephemeral.availableBytes = node.rootFs.availableBytes
        ephemeral.inodes = node.rootFs.inodes
        ephemeral.inodesFree = node.rootFs.inodesFree
        for c in p.containers {
            ephemeral.usedBytes += (c.rootfs?.usedBytes ?? 0) + (c.logs?.usedBytes ?? 0)
            ephemeral.inodesUsed += (c.rootfs?.inodesUsed ?? 0) + (c.logs?.inodesUsed ?? 0)
        }
        for v in p.volumes {
            ephemeral.usedBytes += v.usage.usedBytes
            ephemeral.inodesUsed += v.usage.inodesUsed
        }
        return SummaryAPI.PodStats(
            podRef: .init(name: p.target.name, namespace: p.target.namespace, uid: p.target.uid),
            startTime: t(p.target.startTime ?? time),
            containers: p.containers.map { container($0, node: node) },
            cpu: cpu(p.history),
            memory: memory(p.history),
            network: p.target.pausePid > 0 ? network(p.interfaces.filter { $0.name != "lo" }, time: p.networkTime) : nil,
            volume: p.volumes.map { v in
                let f = v.usage
                return SummaryAPI.VolumeStats(time: t(time), availableBytes: f.availableBytes, capacityBytes: f.capacityBytes,
                                              usedBytes: f.usedBytes, inodesFree: f.inodesFree, inodes: f.inodes,
                                              inodesUsed: f.inodesUsed, name: v.name)
            },
            ephemeralStorage: fs(ephemeral, time: time, withUsage: true),
            processStats: .init(processCount: p.processCount))
    }

    public static func container(_ c: ContainerRecord, node: NodeRecord) -> SummaryAPI.ContainerStats {
        let time = c.history.latest?.time ?? node.time
        return SummaryAPI.ContainerStats(
            name: c.target.name, startTime: t(c.target.startTime), cpu: cpu(c.history), memory: memory(c.history),
            rootfs: c.rootfs.map { fs($0, time: time, withUsage: true) }, logs: c.logs.map { fs($0, time: time, withUsage: true) })
    }

    static func cpu(_ h: SampleHistory) -> SummaryAPI.CPUStats? {
        guard let l = h.latest else { return nil }
        return .init(time: t(l.time), usageNanoCores: h.usageNanoCores ?? 0, usageCoreNanoSeconds: l.stats.cpu.usageTotalNanos)
    }

    static func memory(_ h: SampleHistory) -> SummaryAPI.MemoryStats? {
        guard let l = h.latest else { return nil }
        let m = l.stats.memory
        var available: UInt64?
        if let limit = m.limitBytes { available = limit > m.workingSetBytes ? limit - m.workingSetBytes : 0 }
        return .init(time: t(l.time), availableBytes: available, usageBytes: m.usageBytes, workingSetBytes: m.workingSetBytes,
                     rssBytes: m.rssBytes, pageFaults: m.pgfault, majorPageFaults: m.pgmajfault)
    }

    static func network(_ ifs: [InterfaceStats], time: Double) -> SummaryAPI.NetworkStats? {
        guard time > 0 else { return nil }
        let list = ifs.map { SummaryAPI.InterfaceStats(name: $0.name, rxBytes: $0.rxBytes, rxErrors: $0.rxErrors, txBytes: $0.txBytes, txErrors: $0.txErrors) }
        let def = list.first { $0.name == "eth0" } ?? list.first
        return .init(time: t(time), name: def?.name, rxBytes: def?.rxBytes, rxErrors: def?.rxErrors, txBytes: def?.txBytes,
                     txErrors: def?.txErrors, interfaces: list)
    }

    static func fs(_ f: FsUsage, time: Double, withUsage: Bool) -> SummaryAPI.FsStats {
        .init(time: t(time), availableBytes: f.capacityBytes > 0 ? f.availableBytes : nil, capacityBytes: f.capacityBytes > 0 ? f.capacityBytes : nil,
              usedBytes: f.usedBytes, inodesFree: f.inodes > 0 ? f.inodesFree : nil, inodes: f.inodes > 0 ? f.inodes : nil,
              inodesUsed: f.inodesUsed)
    }
}
