import CSkiffRuntime
import Glibc

/// Compiles `linux.seccomp` into a classic BPF program with libseccomp in the parent; the
/// child only hands the finished bytes to seccomp(2).
public enum SeccompCompiler {
    // libseccomp's action encodings (its SCMP_ACT_* macros are not importable).
    static let actKillProcess: UInt32 = 0x8000_0000, actKillThread: UInt32 = 0
    static let actTrap: UInt32 = 0x0003_0000, actAllow: UInt32 = 0x7fff_0000, actLog: UInt32 = 0x7ffc_0000
    static func actErrno(_ e: UInt32) -> UInt32 { 0x0005_0000 | (e & 0xffff) }
    static func actTrace(_ e: UInt32) -> UInt32 { 0x7ff0_0000 | (e & 0xffff) }

    /// Pure: OCI action name (+ errno) to the libseccomp action value.
    public static func action(_ name: String, errno e: UInt32?, defaultErrno: UInt32, field: String) throws -> UInt32 {
        switch name {
        case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD": return actKillThread
        case "SCMP_ACT_KILL_PROCESS": return actKillProcess
        case "SCMP_ACT_TRAP": return actTrap
        case "SCMP_ACT_ERRNO": return actErrno(e ?? defaultErrno)
        case "SCMP_ACT_TRACE": return actTrace(e ?? defaultErrno)
        case "SCMP_ACT_ALLOW": return actAllow
        case "SCMP_ACT_LOG": return actLog
        default:
            throw RuntimeError.invalidSpec(field: field, message: "unknown seccomp action \"\(name)\"")
        }
    }

    /// `linux.seccomp.flags` to seccomp(2) filter flags. Pure.
    public static func filterFlags(_ names: [String]?) throws -> UInt32 {
        var f: UInt32 = 0
        for (i, n) in (names ?? []).enumerated() {
            switch n {
            case "SECCOMP_FILTER_FLAG_TSYNC": f |= 1
            case "SECCOMP_FILTER_FLAG_LOG": f |= 2
            case "SECCOMP_FILTER_FLAG_SPEC_ALLOW": f |= 4
            default:
                throw RuntimeError.invalidSpec(field: "linux.seccomp.flags[\(i)]",
                    message: "expected SECCOMP_FILTER_FLAG_TSYNC, _LOG or _SPEC_ALLOW; got \"\(n)\"")
            }
        }
        return f
    }

    public static func compare(_ op: String, field: String) throws -> scmp_compare {
        switch op {
        case "SCMP_CMP_NE": return SCMP_CMP_NE
        case "SCMP_CMP_LT": return SCMP_CMP_LT
        case "SCMP_CMP_LE": return SCMP_CMP_LE
        case "SCMP_CMP_EQ": return SCMP_CMP_EQ
        case "SCMP_CMP_GE": return SCMP_CMP_GE
        case "SCMP_CMP_GT": return SCMP_CMP_GT
        case "SCMP_CMP_MASKED_EQ": return SCMP_CMP_MASKED_EQ
        default: throw RuntimeError.invalidSpec(field: field, message: "unknown comparison \"\(op)\"")
        }
    }

    static func arch(_ name: String) -> UInt32? {
        let map: [String: String] = [
            "SCMP_ARCH_X86": "x86", "SCMP_ARCH_X86_64": "x86_64", "SCMP_ARCH_X32": "x32",
            "SCMP_ARCH_ARM": "arm", "SCMP_ARCH_AARCH64": "aarch64",
        ]
        guard let n = map[name] else { return nil }
        let a = seccomp_arch_resolve_name(n)
        return a == 0 ? nil : a
    }

    /// Returns the BPF program as raw `struct sock_filter` bytes (8 bytes per instruction).
    public static func compile(_ s: OCISpec.Seccomp) throws -> [UInt8] {
        let defErrno = s.defaultErrnoRet ?? UInt32(EPERM)
        let def = try action(s.defaultAction, errno: s.defaultErrnoRet, defaultErrno: defErrno, field: "linux.seccomp.defaultAction")
        guard let ctx = seccomp_init(def) else {
            throw RuntimeError.system(call: "seccomp_init", errno: EINVAL)
        }
        defer { seccomp_release(ctx) }
        // Mismatching architectures are killed rather than allowed through.
        _ = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, actKillProcess)
        // A binary tree over the syscall numbers instead of one comparison per rule in a row:
        // the same decisions, but the kernel checks and pre-evaluates a 300-rule filter for
        // every syscall number when it is loaded, which takes ~0.9 ms for the linear program
        // and ~0.3 ms for the tree (and each syscall of the container walks a few nodes, not
        // hundreds). libseccomp before 2.5 lacks the option and keeps the linear form.
        _ = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2)
        for (i, a) in (s.architectures ?? []).enumerated() {
            guard let value = arch(a) else {
                // Architectures this libseccomp does not know are skipped, as runc does.
                _ = i; continue
            }
            let r = seccomp_arch_add(ctx, value)
            if r < 0 && r != -EEXIST { throw RuntimeError.system(call: "seccomp_arch_add \(a)", errno: -r) }
        }
        for (i, rule) in (s.syscalls ?? []).enumerated() {
            let field = "linux.seccomp.syscalls[\(i)]"
            let act = try action(rule.action, errno: rule.errnoRet, defaultErrno: defErrno, field: field + ".action")
            if act == def { continue }
            var cmps: [scmp_arg_cmp] = []
            for (j, a) in (rule.args ?? []).enumerated() {
                guard a.index < 6 else { throw RuntimeError.invalidSpec(field: "\(field).args[\(j)].index", message: "expected 0...5") }
                cmps.append(scmp_arg_cmp(arg: a.index, op: try compare(a.op, field: "\(field).args[\(j)].op"),
                                         datum_a: a.value, datum_b: a.valueTwo ?? 0))
            }
            for name in rule.names {
                let nr = seccomp_syscall_resolve_name(name)
                if nr == __NR_SCMP_ERROR { continue } // unknown on this kernel/arch: nothing to filter
                let r = cmps.withUnsafeBufferPointer { buf in
                    seccomp_rule_add_array(ctx, act, nr, UInt32(buf.count), buf.baseAddress)
                }
                if r < 0 {
                    throw RuntimeError.invalidSpec(field: field, message: "libseccomp rejected the rule for \(name): \(errnoName(-r))")
                }
            }
        }
        let fd = skiff_memfd("skiff-seccomp")
        if fd < 0 { throw RuntimeError.system(call: "memfd_create", errno: errno) }
        defer { close(fd) }
        let r = seccomp_export_bpf(ctx, fd)
        if r < 0 { throw RuntimeError.system(call: "seccomp_export_bpf", errno: -r) }
        let size = lseek(fd, 0, SEEK_END)
        lseek(fd, 0, SEEK_SET)
        let total = Int(size)
        var out = [UInt8](repeating: 0, count: total)
        var off = 0
        while off < total {
            let n = out.withUnsafeMutableBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return pread(fd, base + off, total - off, off_t(off))
            }
            if n <= 0 { throw RuntimeError.system(call: "read seccomp program", errno: errno) }
            off += n
        }
        return out
    }
}
