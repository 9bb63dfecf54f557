import Glibc
@testable import SkiffRuntime
import Testing

/// The on-disk cache of compiled seccomp programs must never hand one profile's filter to
/// another profile, whatever the file under its name holds.
@Suite struct SeccompCacheTests {
    static let allowAll = OCISpec.Seccomp(defaultAction: "SCMP_ACT_ALLOW", architectures: ["SCMP_ARCH_X86_64"], syscalls: [])

    @Test func entryRoundTripsOnlyForItsOwnProfile() {
        let a = DefaultSeccomp.profile()
        let prog: [UInt8] = Array(0..<64)
        let e = SeccompCache.entry(a, program: prog)
        #expect(SeccompCache.program(fromEntry: e, for: a) == prog)
        #expect(SeccompCache.program(fromEntry: e, for: Self.allowAll) == nil)
        #expect(SeccompCache.program(fromEntry: Array(e.dropLast(3)), for: a) == nil, "not whole instructions")
        #expect(SeccompCache.program(fromEntry: Array(e.prefix(20)), for: a) == nil, "truncated")
        #expect(SeccompCache.program(fromEntry: [], for: a) == nil)
    }

    @Test func renderingTellsApartProfilesThatShareTokens() {
        let one = OCISpec.Seccomp(defaultAction: "SCMP_ACT_ERRNO", syscalls: [
            .init(names: ["read", "write"], action: "SCMP_ACT_ALLOW"),
        ])
        let two = OCISpec.Seccomp(defaultAction: "SCMP_ACT_ERRNO", syscalls: [
            .init(names: ["read"], action: "SCMP_ACT_ALLOW"), .init(names: ["write"], action: "SCMP_ACT_ALLOW"),
        ])
        #expect(SeccompCache.canonical(one) != SeccompCache.canonical(two))
        var noErrno = one, maxErrno = one
        noErrno.syscalls?[0].errnoRet = nil
        maxErrno.syscalls?[0].errnoRet = UInt32.max
        #expect(SeccompCache.canonical(noErrno) != SeccompCache.canonical(maxErrno))
        #expect(SeccompCache.canonical(one) == SeccompCache.canonical(one))
    }

    @Test func aForeignFileUnderTheProfilesNameIsNotUsed() throws {
        var tmpl = Array("/tmp/skiff-seccomp-cache-XXXXXX".utf8CString)
        guard let d = mkdtemp(&tmpl) else { Issue.record("mkdtemp: \(errno)"); return }
        let dir = String(cString: d)
        defer { FileIO.removeTree(dir) }
        // A profile no other test compiles, so the in-process cache cannot answer first.
        var mine = DefaultSeccomp.profile()
        mine.defaultErrnoRet = 77
        let foreign = try SeccompCompiler.compile(Self.allowAll)
        try FileIO.writeAtomic(dir + "/" + SeccompCache.digest(mine) + ".bpf", SeccompCache.entry(Self.allowAll, program: foreign))
        let got = try SeccompCache.program(mine, cacheDir: dir)
        #expect(got == (try SeccompCompiler.compile(mine)))
        #expect(got != foreign)
        // The compiled program replaced the foreign entry and is read back for this profile.
        let onDisk = FileIO.read(dir + "/" + SeccompCache.digest(mine) + ".bpf") ?? []
        #expect(SeccompCache.program(fromEntry: onDisk, for: mine) == got)
    }
}
