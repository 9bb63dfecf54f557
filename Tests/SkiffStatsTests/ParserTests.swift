import Testing
@testable import SkiffStats

struct ParserTests {
    static let netDev = """
    Inter-|   Receive                                                |  Transmit
     face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
        lo:    1200      12    0    0    0     0          0         0     1200      12    0    0    0     0       0          0
      eth0: 5130512    3870    1    2    0     0          0         0   271002    2702    3    4    0     0       0          0
    """

    @Test func netDevParsesEveryInterface() {
        let ifs = ProcParsers.netDev(Self.netDev)
        #expect(ifs.count == 2)
        #expect(ifs[0].name == "lo")
        #expect(ifs[1] == InterfaceStats(name: "eth0", rxBytes: 5_130_512, rxPackets: 3870, rxErrors: 1, rxDropped: 2,
                                         txBytes: 271_002, txPackets: 2702, txErrors: 3, txDropped: 4))
    }

    @Test func netDevToleratesNoSpaceAfterColon() {
        let ifs = ProcParsers.netDev("  eth0:123 1 0 0 0 0 0 0 456 2 0 0 0 0 0 0\n")
        #expect(ifs.first?.rxBytes == 123)
        #expect(ifs.first?.txBytes == 456)
    }

    @Test func countersPickWantedKeys() {
        let text = "cache 1\nrss 2\ntotal_rss 8192\nweird\nbad x\ntotal_cache 4096\n"
        #expect(ProcParsers.counters(text, ["total_rss", "rss", "total_cache", "missing", "bad"]) == [8192, 2, 4096, nil, nil])
        #expect(ProcParsers.counters("", ["a"]) == [nil])
        #expect(ProcParsers.counters("a 5", ["a"]) == [5])
    }

    @Test func singleNumbers() {
        #expect(ProcParsers.number("123\n") == 123)
        #expect(ProcParsers.number(" 7 ") == 7)
        #expect(ProcParsers.number("max\n") == nil)
        #expect(ProcParsers.number("") == nil)
        #expect(ProcParsers.number("12x") == nil)
    }

    @Test func loadavgTaskCount() {
        #expect(ProcParsers.loadavgTasks("0.10 0.20 0.30 2/345 6789\n") == 345)
        #expect(ProcParsers.loadavgTasks("garbage") == nil)
    }

    @Test func meminfoInBytes() {
        let m = ProcParsers.meminfo("MemTotal:       16384 kB\nMemFree:  1024 kB\nHugePages_Total:       4\n")
        #expect(m["MemTotal"] == 16384 * 1024)
        #expect(m["MemFree"] == 1024 * 1024)
        #expect(m["HugePages_Total"] == 4)
    }

    @Test func procStatBusyTime() throws {
        let text = "cpu  100 20 30 1000 50 5 5 10 0 0\ncpu0 50 10 15 500 25 2 3 5 0 0\nbtime 1700000000\n"
        let c = try #require(ProcParsers.cpuBusyNanos(text, ticksPerSecond: 100))
        // user+nice+system+irq+softirq+steal = 100+20+30+5+5+10 = 170 ticks of 10 ms
        #expect(c.total == 1_700_000_000)
        #expect(c.user == 1_200_000_000)
        #expect(c.system == 300_000_000)
    }

    static let cpuinfo = """
    processor\t: 0
    vendor_id\t: GenuineIntel
    cpu MHz\t\t: 2793.438
    physical id\t: 0
    core id\t\t: 0

    processor\t: 1
    vendor_id\t: GenuineIntel
    physical id\t: 0
    core id\t\t: 0

    processor\t: 2
    physical id\t: 1
    core id\t\t: 3

    """

    @Test func cpuinfoCountsCoresAndSockets() {
        let c = ProcParsers.cpuinfo(Self.cpuinfo)
        #expect(c.logicalCores == 3)
        #expect(c.physicalCores == 2)
        #expect(c.sockets == 2)
        #expect(c.vendorID == "GenuineIntel")
        #expect(c.mhz > 2793 && c.mhz < 2794)
    }

    @Test func cpuListsAndCacheSizes() {
        #expect(ProcParsers.cpuList("0-3,8,10-11\n") == [0, 1, 2, 3, 8, 10, 11])
        #expect(ProcParsers.cpuList("") == [])
        #expect(ProcParsers.cacheSize("32K\n") == 32 * 1024)
        #expect(ProcParsers.cacheSize("48M") == 48 * 1024 * 1024)
        #expect(ProcParsers.cacheSize("512") == 512)
    }

    @Test func mountsUnescapeSpaces() {
        let m = ProcParsers.mounts("/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /mnt/my\\040disk xfs rw 0 0\n")
        #expect(m.count == 2)
        #expect(m[1].mountPoint == "/mnt/my disk")
        #expect(m[1].type == "xfs")
    }

    @Test func rfc3339() {
        #expect(RFC3339.format(0) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.format(1_700_000_000) == "2023-11-14T22:13:20Z")
        #expect(RFC3339.format(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(RFC3339.format(1.5, fractional: true) == "1970-01-01T00:00:01.500000000Z")
    }

    @Test func topologyPutsSharedCachesOnTheNode() {
        let l1 = (level: 1, type: "Data", size: UInt64(32 * 1024), shared: [0, 1])
        let l3 = (level: 3, type: "Unified", size: UInt64(48 * 1024 * 1024), shared: [0, 1, 2, 3])
        let cpus = (0..<4).map { i in
            CPUTopologyEntry(cpu: i, socket: 0, core: i / 2, numaNode: 0,
                             caches: [(level: 1, type: "Data", size: l1.size, shared: i < 2 ? [0, 1] : [2, 3]), l3])
        }
        let nodes = TopologyBuilder.build(cpus, nodeMemory: [0: 1 << 30], hugepages: [])
        #expect(nodes.count == 1)
        #expect(nodes[0].memory == 1 << 30)
        #expect(nodes[0].cores.map(\.threadIDs) == [[0, 1], [2, 3]])
        #expect(nodes[0].cores[0].caches.map(\.level) == [1])
        #expect(nodes[0].caches.map(\.level) == [3])
    }
}
