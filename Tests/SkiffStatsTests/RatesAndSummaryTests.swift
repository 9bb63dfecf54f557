import Foundation
import SkiffCgroups
import Testing
@testable import SkiffStats

struct RatesAndSummaryTests {
    func sample(_ t: Double, cpu: UInt64, ws: UInt64 = 0, limit: UInt64? = nil) -> CgroupSample {
        var s = CgroupStats()
        s.cpu.usageTotalNanos = cpu
        s.memory.usageBytes = ws + 100
        s.memory.workingSetBytes = ws
        s.memory.limitBytes = limit
        s.pids.processes = 2
        return CgroupSample(time: t, stats: s)
    }

    @Test func historyKeepsAFewAndGivesARate() {
        var h = SampleHistory(capacity: 2)
        h.append(sample(10, cpu: 0))
        #expect(h.usageNanoCores == nil)
        h.append(sample(12, cpu: 2_000_000_000))
        #expect(h.usageNanoCores == 1_000_000_000)
        h.append(sample(14, cpu: 3_000_000_000))
        #expect(h.samples.count == 2)
        #expect(h.usageNanoCores == 500_000_000)
        // A recreated cgroup (counter went backwards) gives no rate rather than garbage.
        h.append(sample(16, cpu: 10))
        #expect(h.usageNanoCores == nil)
    }

    func snapshot() -> StatsSnapshot {
        var podH = SampleHistory(), cH = SampleHistory()
        podH.append(sample(100, cpu: 1_000_000_000, ws: 50 << 20))
        podH.append(sample(110, cpu: 6_000_000_000, ws: 60 << 20))
        cH.append(sample(100, cpu: 900_000_000, ws: 40 << 20, limit: 128 << 20))
        cH.append(sample(110, cpu: 5_900_000_000, ws: 55 << 20, limit: 128 << 20))
        let c = ContainerTarget(name: "burn", id: "ctr-u1-burn-0", cgroupPath: "/kubepods/besteffort/podu1/ctr-u1-burn-0",
                                image: "busybox", startTime: 90, rootfsDir: "/x/upper", logDir: "/x/logs")
        var rootfs = FsUsage(); rootfs.usedBytes = 4096; rootfs.inodesUsed = 2
        var vol = FsUsage(); vol.usedBytes = 1 << 20; vol.inodesUsed = 1; vol.capacityBytes = 1 << 30; vol.availableBytes = 1 << 29
        let t = PodTarget(name: "web", namespace: "default", uid: "u1", startTime: 80, cgroupPath: "/kubepods/besteffort/podu1",
                          pausePid: 42, containers: [c], volumes: [VolumeTarget(name: "data", path: "/x/vol")])
        var pod = PodRecord(target: t, history: podH, containers: [ContainerRecord(target: c, history: cH, rootfs: rootfs, logs: FsUsage())])
        pod.interfaces = [InterfaceStats(name: "lo", rxBytes: 5), InterfaceStats(name: "eth0", rxBytes: 1000, rxPackets: 10, txBytes: 2000)]
        pod.networkTime = 110
        pod.volumes = [(name: "data", usage: vol)]
        pod.processCount = 2
        var node = NodeRecord()
        node.time = 110; node.startTime = 1; node.cpuUsageNanos = 77; node.usageNanoCores = 1234
        node.memoryTotal = 8 << 30; node.memoryWorkingSet = 2 << 30; node.maxPID = 4_194_304; node.curProc = 300
        return StatsSnapshot(time: 110, node: node, pods: [pod])
    }

    @Test func summaryHasTheKubeletFieldNames() throws {
        let s = SummaryBuilder.summary(snapshot(), nodeName: "n1")
        let data = try JSONEncoder().encode(s)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let node = try #require(json["node"] as? [String: Any])
        #expect(node["nodeName"] as? String == "n1")
        let ncpu = try #require(node["cpu"] as? [String: Any])
        #expect(ncpu["usageNanoCores"] as? Int == 1234)
        let nmem = try #require(node["memory"] as? [String: Any])
        #expect(nmem["availableBytes"] as? Int == 6 << 30)
        let rl = try #require(node["rlimit"] as? [String: Any])
        #expect(rl["maxpid"] as? Int == 4_194_304)
        #expect(rl["curproc"] as? Int == 300)
        let pods = try #require(json["pods"] as? [[String: Any]])
        let pod = pods[0]
        #expect((pod["podRef"] as? [String: Any])?["uid"] as? String == "u1")
        #expect((pod["cpu"] as? [String: Any])?["usageNanoCores"] as? Int == 500_000_000)
        #expect((pod["process_stats"] as? [String: Any])?["process_count"] as? Int == 2)
        let net = try #require(pod["network"] as? [String: Any])
        #expect(net["name"] as? String == "eth0")
        #expect(net["rxBytes"] as? Int == 1000)
        #expect((net["interfaces"] as? [[String: Any]])?.count == 1)
        let vol = try #require((pod["volume"] as? [[String: Any]])?.first)
        #expect(vol["name"] as? String == "data")
        #expect(vol["usedBytes"] as? Int == 1 << 20)
        let eph = try #require(pod["ephemeral-storage"] as? [String: Any])
        #expect(eph["usedBytes"] as? Int == (1 << 20) + 4096)
        let c = try #require((pod["containers"] as? [[String: Any]])?.first)
        #expect(c["name"] as? String == "burn")
        let cmem = try #require(c["memory"] as? [String: Any])
        #expect(cmem["workingSetBytes"] as? Int == 55 << 20)
        #expect(cmem["availableBytes"] as? Int == (128 - 55) << 20)
        #expect((c["rootfs"] as? [String: Any])?["usedBytes"] as? Int == 4096)
        #expect(c["startTime"] as? String == "1970-01-01T00:01:30Z")
    }

    @Test func cadvisorAndResourceMetrics() {
        let m = MachineInfo(timestamp: "", cpuVendorID: "", numCores: 2, numPhysicalCores: 2, numSockets: 1, cpuFrequencyKHz: 0,
                            memoryCapacity: 8 << 30, swapCapacity: 0, hugepages: [], machineID: "", systemUUID: "", bootID: "",
                            kernelVersion: "", filesystems: [], networkDevices: [], topology: [])
        let text = CadvisorMetrics.render(snapshot(), machine: m)
        #expect(text.contains("# TYPE container_cpu_usage_seconds_total counter\n"))
        #expect(text.contains("container_cpu_usage_seconds_total{container=\"burn\",id=\"/kubepods/besteffort/podu1/ctr-u1-burn-0\",image=\"busybox\",name=\"ctr-u1-burn-0\",namespace=\"default\",pod=\"web\"} 5.9\n"))
        #expect(text.contains("container_memory_working_set_bytes{container=\"\",id=\"/kubepods/besteffort/podu1\""))
        #expect(text.contains("container_spec_memory_limit_bytes{container=\"burn\""))
        #expect(text.contains("machine_cpu_cores 2\n"))
        #expect(text.contains("machine_memory_bytes 8589934592\n"))
        #expect(text.contains("container_network_receive_bytes_total{container=\"\",id=\"/kubepods/besteffort/podu1\",image=\"\",interface=\"eth0\",name=\"\",namespace=\"default\",pod=\"web\"} 1000\n"))
        #expect(!text.contains("interface=\"lo\""))
        #expect(text.contains("container_fs_usage_bytes{container=\"burn\""))
        // Each family declared once.
        #expect(text.components(separatedBy: "# TYPE container_memory_rss ").count == 2)

        let r = ResourceMetrics.render(snapshot())
        #expect(r.contains("node_cpu_usage_seconds_total 0.000000077\n") || r.contains("node_cpu_usage_seconds_total 7.7e-08\n"))
        #expect(r.contains("pod_memory_working_set_bytes{namespace=\"default\",pod=\"web\"} 62914560\n"))
        #expect(r.contains("container_cpu_usage_seconds_total{container=\"burn\",namespace=\"default\",pod=\"web\"} 5.9\n"))
        #expect(r.contains("scrape_error 0\n"))
    }

    @Test func prometheusEscapingAndRegistry() {
        var p = PrometheusText()
        p.family("x", type: "gauge", help: "a\\b")
        p.sample("x", [("l", "q\"uo\\te\nnl")], 1.5)
        #expect(p.text == "# HELP x a\\\\b\n# TYPE x gauge\nx{l=\"q\\\"uo\\\\te\\nnl\"} 1.5\n")

        let reg = MetricsRegistry()
        reg.register("kubelet_running_pods", kind: .gauge, help: "Number of pods.")
        reg.register("d", kind: .histogram, help: "h", labels: ["op"], buckets: [0.1, 1])
        reg.set("kubelet_running_pods", 3)
        reg.observe("d", labels: ["sync"], 0.05)
        reg.observe("d", labels: ["sync"], 0.5)
        reg.observe("d", labels: ["sync"], 5)
        let out = reg.render()
        #expect(out.contains("kubelet_running_pods 3\n"))
        #expect(out.contains("d_bucket{op=\"sync\",le=\"0.1\"} 1\n"))
        #expect(out.contains("d_bucket{op=\"sync\",le=\"1\"} 2\n"))
        #expect(out.contains("d_bucket{op=\"sync\",le=\"+Inf\"} 3\n"))
        #expect(out.contains("d_sum{op=\"sync\"} 5.55\n"))
        #expect(out.contains("d_count{op=\"sync\"} 3\n"))
    }
}
