/// `/metrics/cadvisor`: cAdvisor's metric names and labels (id, name, image, pod, namespace,
/// container) for every pod and container cgroup, plus the machine metrics. Pure.
public enum CadvisorMetrics {
    public static func render(_ s: StatsSnapshot, machine: MachineInfo) -> String {
        var p = PrometheusText()
        p.family("machine_cpu_cores", type: "gauge", help: "Number of logical CPU cores.")
        p.sample("machine_cpu_cores", [], UInt64(machine.numCores))
        p.family("machine_cpu_physical_cores", type: "gauge", help: "Number of physical CPU cores.")
        p.sample("machine_cpu_physical_cores", [], UInt64(machine.numPhysicalCores))
        p.family("machine_cpu_sockets", type: "gauge", help: "Number of CPU sockets.")
        p.sample("machine_cpu_sockets", [], UInt64(machine.numSockets))
        p.family("machine_memory_bytes", type: "gauge", help: "Amount of memory installed on the machine.")
        p.sample("machine_memory_bytes", [], machine.memoryCapacity)

        // Every cgroup the node knows: the pod's own, then its containers'.
        struct Row { var labels: [(String, String)]; var h: SampleHistory; var start: Double; var c: ContainerRecord? }
        var rows: [Row] = []
        for pod in s.pods {
            let podLabels: [(String, String)] = [("container", ""), ("id", pod.target.cgroupPath), ("image", ""), ("name", ""),
                                                 ("namespace", pod.target.namespace), ("pod", pod.target.name)]
            rows.append(Row(labels: podLabels, h: pod.history, start: pod.target.startTime ?? 0, c: nil))
            for c in pod.containers {
                let l: [(String, String)] = [("container", c.target.name), ("id", c.target.cgroupPath), ("image", c.target.image),
                                             ("name", c.target.id), ("namespace", pod.target.namespace), ("pod", pod.target.name)]
                rows.append(Row(labels: l, h: c.history, start: c.target.startTime, c: c))
            }
        }
        func each(_ name: String, _ type: String, _ help: String, _ value: (Row, CgroupSample) -> Double?) {
            p.family(name, type: type, help: help)
            for r in rows {
                guard let l = r.h.latest, let v = value(r, l) else { continue }
                p.sample(name, r.labels, v)
            }
        }
        each("container_cpu_usage_seconds_total", "counter", "Cumulative cpu time consumed in seconds.") { r, l in
            Double(l.stats.cpu.usageTotalNanos) / 1e9
        }
        // cAdvisor labels this one with cpu="total"; added after the common labels.
        each("container_cpu_user_seconds_total", "counter", "Cumulative user cpu time consumed in seconds.") { _, l in Double(l.stats.cpu.usageUserNanos) / 1e9 }
        each("container_cpu_system_seconds_total", "counter", "Cumulative system cpu time consumed in seconds.") { _, l in Double(l.stats.cpu.usageSystemNanos) / 1e9 }
        each("container_cpu_cfs_periods_total", "counter", "Number of elapsed enforcement period intervals.") { _, l in Double(l.stats.cpu.periods) }
        each("container_cpu_cfs_throttled_periods_total", "counter", "Number of throttled period intervals.") { _, l in Double(l.stats.cpu.throttledPeriods) }
        each("container_cpu_cfs_throttled_seconds_total", "counter", "Total time duration the container has been throttled.") { _, l in Double(l.stats.cpu.throttledTimeNanos) / 1e9 }
        each("container_memory_usage_bytes", "gauge", "Current memory usage in bytes, including all memory regardless of when it was accessed.") { _, l in Double(l.stats.memory.usageBytes) }
        each("container_memory_working_set_bytes", "gauge", "Current working set in bytes.") { _, l in Double(l.stats.memory.workingSetBytes) }
        each("container_memory_rss", "gauge", "Size of RSS in bytes.") { _, l in Double(l.stats.memory.rssBytes) }
        each("container_memory_cache", "gauge", "Number of bytes of page cache memory.") { _, l in Double(l.stats.memory.cacheBytes) }
        each("container_memory_swap", "gauge", "Container swap usage in bytes.") { _, l in Double(l.stats.memory.swapBytes) }
        each("container_memory_mapped_file", "gauge", "Size of memory mapped files in bytes.") { _, l in Double(l.stats.memory.mappedFileBytes) }
        each("container_memory_max_usage_bytes", "gauge", "Maximum memory usage recorded in bytes.") { _, l in Double(l.stats.memory.maxUsageBytes) }
        each("container_memory_failcnt", "counter", "Number of memory usage hits limits.") { _, l in Double(l.stats.memory.failcnt) }
        each("container_oom_events_total", "counter", "Count of out of memory events observed for the container.") { _, l in Double(l.stats.oomKills) }
        each("container_spec_memory_limit_bytes", "gauge", "Memory limit for the container.") { _, l in Double(l.stats.memory.limitBytes ?? 0) }
        each("container_processes", "gauge", "Number of processes running inside the container.") { _, l in Double(l.stats.pids.processes) }
        each("container_threads", "gauge", "Number of threads running inside the container.") { _, l in Double(l.stats.pids.current) }
        each("container_threads_max", "gauge", "Maximum number of threads allowed inside the container, 0 for unlimited.") { _, l in Double(l.stats.pids.limit ?? 0) }
        each("container_start_time_seconds", "gauge", "Start time of the container since unix epoch in seconds.") { r, _ in r.start }
        each("container_fs_usage_bytes", "gauge", "Number of bytes that are consumed by the container on this filesystem.") { r, _ in
            guard let c = r.c, let fs = c.rootfs else { return nil }
            return Double(fs.usedBytes)
        }
        each("container_fs_inodes_total", "gauge", "Number of Inodes.") { r, _ in
            guard let c = r.c, let fs = c.rootfs else { return nil }
            return Double(fs.inodesUsed)
        }
        each("container_fs_reads_bytes_total", "counter", "Cumulative count of bytes read.") { _, l in Double(l.stats.io.readBytes) }
        each("container_fs_writes_bytes_total", "counter", "Cumulative count of bytes written.") { _, l in Double(l.stats.io.writeBytes) }

        // Network: per pod (the pause's namespace), per interface.
        let net: [(String, String, KeyPath<InterfaceStats, UInt64>)] = [
            ("container_network_receive_bytes_total", "Cumulative count of bytes received.", \InterfaceStats.rxBytes),
            ("container_network_receive_packets_total", "Cumulative count of packets received.", \InterfaceStats.rxPackets),
            ("container_network_receive_errors_total", "Cumulative count of errors encountered while receiving.", \InterfaceStats.rxErrors),
            ("container_network_receive_packets_dropped_total", "Cumulative count of packets dropped while receiving.", \InterfaceStats.rxDropped),
            ("container_network_transmit_bytes_total", "Cumulative count of bytes transmitted.", \InterfaceStats.txBytes),
            ("container_network_transmit_packets_total", "Cumulative count of packets transmitted.", \InterfaceStats.txPackets),
            ("container_network_transmit_errors_total", "Cumulative count of errors encountered while transmitting.", \InterfaceStats.txErrors),
            ("container_network_transmit_packets_dropped_total", "Cumulative count of packets dropped while transmitting.", \InterfaceStats.txDropped),
        ]
        for (name, help, value) in net {
            p.family(name, type: "counter", help: help)
            for pod in s.pods {
                for i in pod.interfaces where i.name != "lo" {
                    p.sample(name, [("container", ""), ("id", pod.target.cgroupPath), ("image", ""), ("interface", i.name), ("name", ""),
                                    ("namespace", pod.target.namespace), ("pod", pod.target.name)], Double(i[keyPath: value]))
                }
            }
        }
        return p.text
    }
}

/// `/metrics/resource`: what the Metrics API and metrics-server read. Pure.
public enum ResourceMetrics {
    public static func render(_ s: StatsSnapshot) -> String {
        var p = PrometheusText()
        p.family("node_cpu_usage_seconds_total", type: "counter", help: "Cumulative cpu time consumed by the node in core-seconds")
        p.sample("node_cpu_usage_seconds_total", [], Double(s.node.cpuUsageNanos) / 1e9)
        p.family("node_memory_working_set_bytes", type: "gauge", help: "Current working set of the node in bytes")
        p.sample("node_memory_working_set_bytes", [], s.node.memoryWorkingSet)
        p.family("pod_cpu_usage_seconds_total", type: "counter", help: "Cumulative cpu time consumed by the pod in core-seconds")
        for pod in s.pods { if let l = pod.history.latest { p.sample("pod_cpu_usage_seconds_total", podLabels(pod), Double(l.stats.cpu.usageTotalNanos) / 1e9) } }
        p.family("pod_memory_working_set_bytes", type: "gauge", help: "Current working set of the pod in bytes")
        for pod in s.pods { if let l = pod.history.latest { p.sample("pod_memory_working_set_bytes", podLabels(pod), l.stats.memory.workingSetBytes) } }
        p.family("container_cpu_usage_seconds_total", type: "counter", help: "Cumulative cpu time consumed by the container in core-seconds")
        for pod in s.pods {
            for c in pod.containers {
                if let l = c.history.latest { p.sample("container_cpu_usage_seconds_total", containerLabels(pod, c), Double(l.stats.cpu.usageTotalNanos) / 1e9) }
            }
        }
        p.family("container_memory_working_set_bytes", type: "gauge", help: "Current working set of the container in bytes")
        for pod in s.pods {
            for c in pod.containers {
                if let l = c.history.latest { p.sample("container_memory_working_set_bytes", containerLabels(pod, c), l.stats.memory.workingSetBytes) }
            }
        }
        p.family("container_start_time_seconds", type: "gauge", help: "Start time of the container since unix epoch in seconds")
        for pod in s.pods {
            for c in pod.containers { p.sample("container_start_time_seconds", containerLabels(pod, c), c.target.startTime) }
        }
        p.family("scrape_error", type: "gauge", help: "1 if there was an error while getting container metrics, 0 otherwise")
        p.sample("scrape_error", [], Double(0))
        return p.text
    }

    static func podLabels(_ p: PodRecord) -> [(String, String)] { [("namespace", p.target.namespace), ("pod", p.target.name)] }
    static func containerLabels(_ p: PodRecord, _ c: ContainerRecord) -> [(String, String)] {
        [("container", c.target.name), ("namespace", p.target.namespace), ("pod", p.target.name)]
    }
}
