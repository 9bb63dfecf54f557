import Glibc
import Synchronization

/// Compiling a 300-rule profile with libseccomp costs about 10 ms of CPU, more than the rest
/// of a container start. Compiled programs are kept per process (keyed by the profile) and,
/// for the CLI where every start is a new process, on disk under the state root, named by a
/// digest of the profile's content. A 64-bit digest can collide (and a profile can be chosen
/// to collide with another), so each file also holds the full rendering of its profile and a
/// hit is only taken when that matches exactly: a filter is never used for another profile.
enum SeccompCache {
    private static let memory = Mutex<[OCISpec.Seccomp: [UInt8]]>([:])

    static func program(_ s: OCISpec.Seccomp, cacheDir: String? = nil) throws -> [UInt8] {
        if let hit = memory.withLock({ $0[s] }) { return hit }
        var file: String?
        if let dir = cacheDir {
            let f = dir + "/" + digest(s) + ".bpf"
            file = f
            if let bytes = FileIO.read(f), let prog = program(fromEntry: bytes, for: s) {
                memory.withLock { $0[s] = prog }
                return prog
            }
        }
        let prog = try SeccompCompiler.compile(s)
        memory.withLock { $0[s] = prog }
        if let f = file, let dir = cacheDir {
            // Best effort: a failed cache write only costs the next start a compile.
            _ = mkdir(dir, 0o700)
            try? FileIO.writeAtomic(f, entry(s, program: prog), mode: 0o600)
        }
        return prog
    }

    /// A cache file: the rendering's length (8 bytes, little endian), the rendering, then the
    /// BPF program. Pure.
    static func entry(_ s: OCISpec.Seccomp, program: [UInt8]) -> [UInt8] {
        let key = canonical(s)
        var out: [UInt8] = []
        out.reserveCapacity(8 + key.count + program.count)
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: UInt64(key.count) >> (8 * UInt64(i)))) }
        return out + key + program
    }

    /// The program of a cache file, or nil unless the file was written for exactly this
    /// profile and holds a whole number of BPF instructions. Pure.
    static func program(fromEntry bytes: [UInt8], for s: OCISpec.Seccomp) -> [UInt8]? {
        guard bytes.count > 8 else { return nil }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        let key = canonical(s)
        guard n == UInt64(key.count), bytes.count > 8 + key.count, bytes[8..<(8 + key.count)].elementsEqual(key) else { return nil }
        let prog = Array(bytes[(8 + key.count)...])
        return prog.count % 8 == 0 ? prog : nil
    }

    /// FNV-1a 64 over the profile's rendering: a file name, not a proof of identity. Pure.
    static func digest(_ s: OCISpec.Seccomp) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in canonical(s) { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// An unambiguous rendering of the profile (a length prefixes every string), with a format
    /// tag so a change in how Skiff compiles invalidates old entries. Pure.
    static func canonical(_ s: OCISpec.Seccomp) -> [UInt8] {
        var out: [UInt8] = []
        func add(_ str: String) {
            out += Array("\(str.utf8.count):".utf8)
            out += Array(str.utf8)
        }
        func add(_ n: UInt64) { add(String(n)) }
        add("skiff-seccomp-v3")
        // Every list is preceded by its count; an absent errno is 2^32, which no UInt32 is.
        let absent: UInt64 = 1 << 32
        add(s.defaultAction); add(s.defaultErrnoRet.map { UInt64($0) } ?? absent)
        add(UInt64(s.architectures?.count ?? 0)); for a in s.architectures ?? [] { add(a) }
        add(UInt64(s.flags?.count ?? 0)); for f in s.flags ?? [] { add(f) }
        add(UInt64(s.syscalls?.count ?? 0))
        for r in s.syscalls ?? [] {
            add(r.action); add(r.errnoRet.map { UInt64($0) } ?? absent)
            add(UInt64(r.names.count)); for n in r.names { add(n) }
            add(UInt64(r.args?.count ?? 0))
            for a in r.args ?? [] { add(UInt64(a.index)); add(a.value); add(a.valueTwo ?? 0); add(a.op) }
        }
        return out
    }
}
