/// One eBPF instruction (struct bpf_insn): opcode, dst/src registers in one byte (dst in the
/// low nibble), a 16-bit jump offset and a 32-bit immediate.
public struct BPFInstruction: Sendable, Equatable {
    public var code: UInt8
    public var dst: UInt8
    public var src: UInt8
    public var off: Int16
    public var imm: Int32

    /// The 8 bytes the kernel reads.
    var bytes: [UInt8] {
        let o = UInt16(bitPattern: off), i = UInt32(bitPattern: imm)
        return [code, (src << 4) | (dst & 0x0f), UInt8(o & 0xff), UInt8(o >> 8),
                UInt8(i & 0xff), UInt8((i >> 8) & 0xff), UInt8((i >> 16) & 0xff), UInt8(i >> 24)]
    }

    static func loadContext32(dst: UInt8, offset: Int16) -> BPFInstruction { .init(code: 0x61, dst: dst, src: 1, off: offset, imm: 0) }
    static func and32(dst: UInt8, _ imm: Int32) -> BPFInstruction { .init(code: 0x54, dst: dst, src: 0, off: 0, imm: imm) }
    static func rsh32(dst: UInt8, _ imm: Int32) -> BPFInstruction { .init(code: 0x74, dst: dst, src: 0, off: 0, imm: imm) }
    static func mov32(dst: UInt8, src: UInt8) -> BPFInstruction { .init(code: 0xbc, dst: dst, src: src, off: 0, imm: 0) }
    static func mov64(dst: UInt8, _ imm: Int32) -> BPFInstruction { .init(code: 0xb7, dst: dst, src: 0, off: 0, imm: imm) }
    static func jumpIfNotEqual(dst: UInt8, _ imm: Int32, skip: Int16) -> BPFInstruction { .init(code: 0x55, dst: dst, src: 0, off: skip, imm: imm) }
    static let exit = BPFInstruction(code: 0x95, dst: 0, src: 0, off: 0, imm: 0)
}

/// Builds the cgroup v2 device filter (a BPF_PROG_TYPE_CGROUP_DEVICE program) for OCI device
/// rules. v2 has no devices.allow file: the kernel asks this program about every device
/// open/mknod, passing `access << 16 | type`, major and minor; it returns 1 to allow.
/// Pure, so its decisions are unit-tested by running the program in a small interpreter.
public enum DeviceFilterProgram {
    /// Kernel constants: BPF_DEVCG_DEV_BLOCK/CHAR and BPF_DEVCG_ACC_MKNOD/READ/WRITE.
    static func typeCode(_ t: CgroupDeviceRule.DeviceType) -> Int32? {
        switch t { case .all: return nil; case .block: return 1; case .char: return 2 }
    }

    static func accessMask(_ access: String) -> Int32 {
        (access.contains("m") ? 1 : 0) | (access.contains("r") ? 2 : 0) | (access.contains("w") ? 4 : 0)
    }

    /// Later rules override earlier ones, so blocks are emitted last rule first and the first
    /// match decides. With no match the answer is "allow", as on v1 where a cgroup inherits the
    /// root's allow-all until a rule says otherwise (rule lists start with a deny-all).
    public static func build(_ rules: [CgroupDeviceRule]) -> [BPFInstruction] {
        var p: [BPFInstruction] = [
            .loadContext32(dst: 2, offset: 0), .and32(dst: 2, 0xffff),  // r2 = type
            .loadContext32(dst: 3, offset: 0), .rsh32(dst: 3, 16),      // r3 = access
            .loadContext32(dst: 4, offset: 4),                          // r4 = major
            .loadContext32(dst: 5, offset: 8),                          // r5 = minor
        ]
        for rule in rules.reversed() {
            var block: [BPFInstruction] = []
            var jumps: [Int] = []
            if let t = typeCode(rule.type) {
                jumps.append(block.count); block.append(.jumpIfNotEqual(dst: 2, t, skip: 0))
            }
            let mask = accessMask(rule.access)
            if mask != 7 {
                // Matches only when every requested access bit is within the rule's.
                block.append(.mov32(dst: 0, src: 3))
                block.append(.and32(dst: 0, ~mask))
                jumps.append(block.count); block.append(.jumpIfNotEqual(dst: 0, 0, skip: 0))
            }
            if let major = rule.major, major >= 0 {
                jumps.append(block.count); block.append(.jumpIfNotEqual(dst: 4, Int32(truncatingIfNeeded: major), skip: 0))
            }
            if let minor = rule.minor, minor >= 0 {
                jumps.append(block.count); block.append(.jumpIfNotEqual(dst: 5, Int32(truncatingIfNeeded: minor), skip: 0))
            }
            block.append(.mov64(dst: 0, rule.allow ? 1 : 0))
            block.append(.exit)
            for j in jumps { block[j].off = Int16(block.count - j - 1) }
            p += block
            if jumps.isEmpty { return p }  // unconditional: earlier rules are unreachable
        }
        p.append(.mov64(dst: 0, 1))
        p.append(.exit)
        return p
    }
}
