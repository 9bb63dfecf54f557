import Glibc
import Synchronization

/// Compiling a 300-rule profile with libseccomp costs about 10 ms of CPU, more than the rest
/// of a container start. Compiled programs are kept per process (keyed by the profile) and,
/// for the CLI where every start is a new process, on disk under the state root, keyed by a
/// digest of the profile's content.
enum SeccompCache {
    private static let memory = Mutex<[OCISpec.Seccomp: [UInt8]]>([:])

    static func program(_ s: OCISpec.Seccomp, cacheDir: String? = nil) throws -> [UInt8] {
        if let hit = memory.withLock({ $0[s] }) { return hit }
        var file: String?
        if let dir = cacheDir {
            let f = dir + "/" + digest(s) + ".bpf"
            file = f
            if let bytes = FileIO.read(f), !bytes.isEmpty, bytes.count % 8 == 0 {
                memory.withLock { $0[s] = bytes }
                return bytes
            }
        }
        let prog = try SeccompCompiler.compile(s)
        memory.withLock { $0[s] = prog }
        if let f = file, let dir = cacheDir {
            // Best effort: a failed cache write only costs the next start a compile.
            _ = mkdir(dir, 0o700)
            try? FileIO.writeAtomic(f, prog, mode: 0o600)
        }
        return prog
    }

    /// FNV-1a 64 over an unambiguous rendering of the profile (lengths prefix every string),
    /// with a format tag so a change in how Skiff compiles invalidates old entries. Pure.
    static func digest(_ s: OCISpec.Seccomp) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ str: String) {
            for b in "\(str.utf8.count):".utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            for b in str.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        }
        func add(_ n: UInt64) { add(String(n)) }
        add("skiff-seccomp-v1")
        add(s.defaultAction); add(UInt64(s.defaultErrnoRet ?? 0xffff_ffff))
        for a in s.architectures ?? [] { add(a) }
        add("|")
        for f in s.flags ?? [] { add(f) }
        for r in s.syscalls ?? [] {
            add("rule"); add(r.action); add(UInt64(r.errnoRet ?? 0xffff_ffff))
            for n in r.names { add(n) }
            for a in r.args ?? [] { add(UInt64(a.index)); add(a.value); add(a.valueTwo ?? 0); add(a.op) }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
