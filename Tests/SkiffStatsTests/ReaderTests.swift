import Foundation
import Testing
@testable import SkiffStats

/// The thin readers against real files: a temp tree for du, this machine's /proc for the
/// machine description.
struct ReaderTests {
    @Test func diskUsageCountsFilesOnce() throws {
        let dir = NSTemporaryDirectory() + "skiff-du-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(repeating: 7, count: 100 * 1024).write(to: URL(fileURLWithPath: dir + "/sub/a"))
        try FileManager.default.linkItem(atPath: dir + "/sub/a", toPath: dir + "/b")
        let u = try #require(DiskUsage.measure(dir))
        #expect(u.inodesUsed == 3)  // dir, sub, a (b is the same inode)
        #expect(u.usedBytes >= 100 * 1024)
        #expect(u.usedBytes < 200 * 1024)
        #expect(u.capacityBytes > 0)
        #expect(DiskUsage.measure(dir + "/missing") == nil)
    }

    @Test func machineInfoMatchesThisHost() throws {
        let m = MachineInfoReader().read(now: 0)
        #expect(m.numCores == ProcessInfo.processInfo.activeProcessorCount)
        #expect(m.numPhysicalCores >= 1 && m.numPhysicalCores <= m.numCores)
        #expect(m.numSockets >= 1)
        #expect(m.memoryCapacity == ProcessInfo.processInfo.physicalMemory)
        #expect(!m.bootID.isEmpty)
        #expect(m.topology.flatMap(\.cores).flatMap(\.threadIDs).count == m.numCores)
        let json = String(decoding: try JSONEncoder().encode(m), as: UTF8.self)
        #expect(json.contains("\"num_cores\""))
        #expect(json.contains("\"memory_capacity\""))
        #expect(json.contains("\"boot_id\""))
    }

    @Test func sysFileReaderGrowsItsBuffer() throws {
        let r = SysFileReader(capacity: 16)
        let text = try #require(r.read("/proc/self/status"))
        #expect(text.contains("Pid:"))
        #expect(r.read("/nonexistent/file") == nil)
    }
}
