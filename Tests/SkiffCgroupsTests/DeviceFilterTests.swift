import Glibc
import Synchronization
import Testing
@testable import SkiffCgroups

/// Runs the subset of eBPF the device filter uses, so its decisions are checked without root.
struct DeviceFilterInterpreter {
    enum Failure: Error { case unknownOpcode(UInt8), fellOffTheEnd, tooManySteps }

    /// The kernel's request: BPF_DEVCG_DEV_* type, BPF_DEVCG_ACC_* bits, major, minor.
    static func run(_ p: [BPFInstruction], type: UInt32, access: UInt32, major: UInt32, minor: UInt32) throws -> UInt64 {
        var r = [UInt64](repeating: 0, count: 11)
        let ctx: [Int16: UInt32] = [0: access << 16 | type, 4: major, 8: minor]
        var pc = 0, steps = 0
        while pc < p.count {
            steps += 1
            if steps > 10_000 { throw Failure.tooManySteps }
            let i = p[pc]
            let d = Int(i.dst), s = Int(i.src)
            let imm32 = UInt32(bitPattern: i.imm)
            switch i.code {
            case 0x61: r[d] = UInt64(ctx[i.off] ?? 0)
            case 0x54: r[d] = UInt64(UInt32(truncatingIfNeeded: r[d]) & imm32)
            case 0x74: r[d] = UInt64(UInt32(truncatingIfNeeded: r[d]) >> imm32)
            case 0xbc: r[d] = UInt64(UInt32(truncatingIfNeeded: r[s]))
            case 0xb7: r[d] = UInt64(bitPattern: Int64(i.imm))
            case 0x55: if r[d] != UInt64(bitPattern: Int64(i.imm)) { pc += Int(i.off) }
            case 0x95: return r[0]
            default: throw Failure.unknownOpcode(i.code)
            }
            pc += 1
        }
        throw Failure.fellOffTheEnd
    }
}

/// Records device filter programs instead of loading them.
final class RecordingDeviceFilter: CgroupDeviceFilter {
    let attached = Mutex<[(String, [BPFInstruction])]>([])
    func attach(_ program: [BPFInstruction], cgroupDirectory: String) throws {
        attached.withLock { $0.append((cgroupDirectory, program)) }
    }
}

struct DeviceFilterTests {
    static let char: UInt32 = 2, block: UInt32 = 1
    static let m: UInt32 = 1, r: UInt32 = 2, w: UInt32 = 4

    func allowed(_ p: [BPFInstruction], _ type: UInt32, _ access: UInt32, _ major: UInt32, _ minor: UInt32) throws -> Bool {
        try DeviceFilterInterpreter.run(p, type: type, access: access, major: major, minor: minor) == 1
    }

    @Test func containerDefaultsAllowOnlyTheStandardNodes() throws {
        let p = DeviceFilterProgram.build(CgroupDeviceRule.containerDefaults)
        #expect(try allowed(p, Self.char, Self.r | Self.w, 1, 3))      // /dev/null
        #expect(try allowed(p, Self.char, Self.r, 1, 9))               // /dev/urandom
        #expect(try allowed(p, Self.char, Self.r | Self.w, 136, 4))    // /dev/pts/4
        #expect(try allowed(p, Self.char, Self.m, 5, 2))               // mknod ptmx
        #expect(try !allowed(p, Self.char, Self.r, 1, 1))              // /dev/mem
        #expect(try !allowed(p, Self.block, Self.r, 8, 0))             // /dev/sda
        #expect(try !allowed(p, Self.block, Self.r, 1, 3))             // block 1:3 is not char 1:3
        #expect(try !allowed(p, Self.char, Self.r, 10, 200))           // /dev/net/tun
    }

    @Test func laterRulesOverrideAndAccessIsASubsetCheck() throws {
        let rules = [
            CgroupDeviceRule(allow: false),
            CgroupDeviceRule(allow: true, type: .char, major: 10, minor: nil, access: "r"),
            CgroupDeviceRule(allow: false, type: .char, major: 10, minor: 200, access: "rwm"),
        ]
        let p = DeviceFilterProgram.build(rules)
        #expect(try allowed(p, Self.char, Self.r, 10, 1))
        #expect(try !allowed(p, Self.char, Self.r | Self.w, 10, 1))  // write not granted
        #expect(try !allowed(p, Self.char, Self.r, 10, 200))         // later deny wins
        // Without a deny-all the default stays allow, as a v1 child inherits the root's rules.
        let open = DeviceFilterProgram.build([CgroupDeviceRule(allow: false, type: .block, access: "w")])
        #expect(try allowed(open, Self.char, Self.w, 4, 1))
        #expect(try !allowed(open, Self.block, Self.w, 8, 0))
        #expect(try allowed(open, Self.block, Self.r, 8, 0))
    }

    @Test func unconditionalRuleEndsTheProgram() {
        let p = DeviceFilterProgram.build([CgroupDeviceRule(allow: true, type: .char, major: 1, minor: 3), CgroupDeviceRule(allow: true)])
        // Prologue (6) + mov + exit: the earlier rule is unreachable and not emitted.
        #expect(p.count == 8)
        #expect(p.last == .exit)
        #expect(BPFInstruction.jumpIfNotEqual(dst: 4, 7, skip: 3).bytes == [0x55, 0x04, 3, 0, 7, 0, 0, 0])
        #expect(BPFInstruction.loadContext32(dst: 2, offset: 4).bytes == [0x61, 0x12, 4, 0, 0, 0, 0, 0])
    }

    @Test func v1WritesRulesInOrder() throws {
        let fs = FakeCgroupFS.v1Host()
        let m = try CgroupV1Manager(path: "/c", hierarchies: FakeCgroupFS.v1Hierarchies(), fs: fs)
        try m.create()
        try m.apply(CgroupResources(devices: CgroupDeviceRule.containerDefaults))
        let writes = fs.writes().filter { $0.0.contains("/devices.") }
        #expect(writes.first?.0 == "/fake/devices/c/devices.deny" && writes.first?.1 == "a *:* rwm")
        #expect(writes.count == CgroupDeviceRule.containerDefaults.count)
        let list = fs.contents("/fake/devices/c/devices.list") ?? ""
        #expect(list.contains("c 1:3 rwm") && list.contains("c 136:* rwm") && !list.contains("a *:*"))
    }

    @Test func v2AttachesTheProgramToTheCgroup() throws {
        let fs = FakeCgroupFS(mounts: ["/fake2": .v2(available: ["memory"])])
        let filter = RecordingDeviceFilter()
        let m = try CgroupV2Manager(path: "/c", mount: "/fake2", fs: fs, deviceFilter: filter)
        try m.create()
        try m.apply(CgroupResources(devices: CgroupDeviceRule.containerDefaults))
        let got = filter.attached.withLock { $0 }
        #expect(got.count == 1 && got.first?.0 == "/fake2/c")
        #expect(got.first?.1 == DeviceFilterProgram.build(CgroupDeviceRule.containerDefaults))
        try m.apply(CgroupResources(devices: []))
        #expect(filter.attached.withLock { $0.count } == 1)
    }

    @Test func badRulesNameTheField() throws {
        let fs = FakeCgroupFS.v1Host()
        let m = try CgroupV1Manager(path: "/c", hierarchies: FakeCgroupFS.v1Hierarchies(), fs: fs)
        #expect(throws: CgroupError.invalidArgument(field: "devices[1].access", value: "rx", expected: "a non-empty subset of \"rwm\"")) {
            try m.apply(CgroupResources(devices: [CgroupDeviceRule(allow: false), CgroupDeviceRule(allow: true, access: "rx")]))
        }
        #expect(throws: CgroupError.self) {
            try m.apply(CgroupResources(devices: [CgroupDeviceRule(allow: true, type: .char, major: -7)]))
        }
    }
}
