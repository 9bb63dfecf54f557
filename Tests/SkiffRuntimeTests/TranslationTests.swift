@testable import SkiffRuntime
import Testing

@Suite struct TranslationTests {
    @Test func containerdDefaultCapabilitiesMask() throws {
        #expect(try Capabilities.mask(Capabilities.containerdDefaults, field: "x") == 0xa80425fb)
        #expect(try Capabilities.mask(["CAP_KILL", "cap_chown"], field: "x") == (1 << 5) | 1)
    }

    @Test func unknownCapabilityNamesIndex() {
        #expect(throws: RuntimeError.invalidSpec(field: "process.capabilities.effective[1]", message: "unknown capability \"CAP_FLY\"")) {
            try Capabilities.sets(.init(bounding: ["CAP_KILL"], effective: ["CAP_KILL", "CAP_FLY"], permitted: ["CAP_KILL"]))
        }
    }

    @Test func ambientMustBePermittedAndInheritable() {
        #expect(throws: RuntimeError.invalidSpec(field: "process.capabilities.ambient",
                                                 message: "every ambient capability must also be permitted and inheritable")) {
            try Capabilities.sets(.init(permitted: ["CAP_KILL"], ambient: ["CAP_KILL"]))
        }
    }

    @Test func seccompActions() throws {
        #expect(try SeccompCompiler.action("SCMP_ACT_ERRNO", errno: nil, defaultErrno: 1, field: "f") == 0x0005_0001)
        #expect(try SeccompCompiler.action("SCMP_ACT_ERRNO", errno: 38, defaultErrno: 1, field: "f") == 0x0005_0026)
        #expect(try SeccompCompiler.action("SCMP_ACT_ALLOW", errno: nil, defaultErrno: 1, field: "f") == 0x7fff_0000)
        #expect(try SeccompCompiler.action("SCMP_ACT_KILL_PROCESS", errno: nil, defaultErrno: 1, field: "f") == 0x8000_0000)
        #expect(throws: RuntimeError.invalidSpec(field: "f", message: "unknown seccomp action \"SCMP_ACT_MAYBE\"")) {
            try SeccompCompiler.action("SCMP_ACT_MAYBE", errno: nil, defaultErrno: 1, field: "f")
        }
    }

    @Test func seccompFilterFlags() throws {
        #expect(try SeccompCompiler.filterFlags(nil) == 0)
        #expect(try SeccompCompiler.filterFlags(["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW"]) == 6)
        #expect(throws: RuntimeError.invalidSpec(field: "linux.seccomp.flags[0]",
                                                 message: "expected SECCOMP_FILTER_FLAG_TSYNC, _LOG or _SPEC_ALLOW; got \"BOGUS\"")) {
            try SeccompCompiler.filterFlags(["BOGUS"])
        }
    }

    @Test func defaultProfileCompilesToBPF() throws {
        let prog = try SeccompCompiler.compile(DefaultSeccomp.profile())
        #expect(prog.count > 8 * 50)
        #expect(prog.count % 8 == 0)
    }

    @Test func defaultProfileAllowsNothingDangerous() {
        let allowed = Set(DefaultSeccomp.allowed)
        for name in DefaultSeccomp.denied { #expect(!allowed.contains(name), "\(name) must not be allowed") }
        for name in ["mount", "umount2", "unshare", "setns", "keyctl", "add_key", "request_key", "kexec_load", "init_module",
                     "finit_module", "delete_module", "bpf", "ptrace", "process_vm_readv", "process_vm_writev",
                     "perf_event_open", "reboot", "swapon"] {
            #expect(DefaultSeccomp.denied.contains(name))
        }
    }

    @Test func badSeccompRuleNamesField() {
        let s = OCISpec.Seccomp(defaultAction: "SCMP_ACT_ERRNO", syscalls: [
            .init(names: ["read"], action: "SCMP_ACT_ALLOW"),
            .init(names: ["write"], action: "SCMP_ACT_ALLOW", args: [.init(index: 0, value: 1, op: "SCMP_CMP_ALMOST")]),
        ])
        #expect(throws: RuntimeError.invalidSpec(field: "linux.seccomp.syscalls[1].args[0].op", message: "unknown comparison \"SCMP_CMP_ALMOST\"")) {
            try SeccompCompiler.compile(s)
        }
    }

    @Test func rlimitsAboveHostHardAreRefused() throws {
        let r = OCISpec.Rlimit(type: "RLIMIT_NOFILE", hard: 2_000_000, soft: 1024)
        #expect(throws: RuntimeError.self) { try Rlimits.resolve(r, index: 2, hostHard: 1_048_576, canRaise: false) }
        #expect(try Rlimits.resolve(r, index: 2, hostHard: 1_048_576, canRaise: true) == (1024, 2_000_000))
        let ok = OCISpec.Rlimit(type: "RLIMIT_NOFILE", hard: 4096, soft: 1024)
        #expect(try Rlimits.resolve(ok, index: 0, hostHard: 1_048_576, canRaise: false) == (1024, 4096))
    }

    @Test func statusDecision() {
        #expect(StatusDecision.decide(hasExitFile: true, procState: "S", execFifoExists: false) == .stopped)
        #expect(StatusDecision.decide(hasExitFile: false, procState: "Z", execFifoExists: false) == .stopped)
        #expect(StatusDecision.decide(hasExitFile: false, procState: nil, execFifoExists: true) == .stopped)
        #expect(StatusDecision.decide(hasExitFile: false, procState: "S", execFifoExists: true) == .created)
        #expect(StatusDecision.decide(hasExitFile: false, procState: "R", execFifoExists: false) == .running)
    }

    @Test func exitFileParsingAndReasons() {
        let e = ExitInfo.parse("exitCode=137\nsignal=9\nfinishedAt=2026-01-01T00:00:00.000000000Z\nerror=\noomKilled=1\n")
        #expect(e == ExitInfo(exitCode: 137, signal: 9, finishedAt: "2026-01-01T00:00:00.000000000Z", error: nil, reason: "OOMKilled"))
        #expect(ExitInfo.parse("exitCode=0\nsignal=0\n")?.reason == "Completed")
        #expect(ExitInfo.parse("exitCode=1\nsignal=0\nerror=execve /x: ENOENT\n")?.reason == "ContainerCannotRun")
        #expect(ExitInfo.parse("garbage") == nil)
        #expect(ExitInfo.parse("exitCode=137\nsignal=9\n")?.reason == "Error", "killed, but not by the OOM killer")
        #expect(ExitInfo.parse("exitCode=0\nsignal=0\noomKilled=1\n")?.reason == "Completed", "an OOM kill of another process")
    }

    @Test func waitStatusDecoding() {
        #expect(Runtime.decodeWaitStatus(42 << 8) == (42, 0))
        #expect(Runtime.decodeWaitStatus(9) == (137, 9))
        #expect(Runtime.decodeWaitStatus(15 | 0x80) == (143, 15)) // core dumped bit
    }

    @Test func containerIds() {
        #expect(throws: Never.self) { try StateDir.validate(id: "web-1_a.b") }
        #expect(throws: RuntimeError.self) { try StateDir.validate(id: "../etc") }
        #expect(throws: RuntimeError.self) { try StateDir.validate(id: "") }
    }

    @Test func overlayMountData() throws {
        let o = OverlayRoot(lowerDirs: ["/img/a", "/img/b"], containerDir: "/c/1")
        #expect(try o.mountData() == "lowerdir=/img/a:/img/b,upperdir=/c/1/upper,workdir=/c/1/work")
        #expect(throws: RuntimeError.self) { try OverlayRoot(lowerDirs: ["/a,b"], containerDir: "/c").mountData() }
        #expect(throws: RuntimeError.self) { try OverlayRoot(lowerDirs: [], containerDir: "/c").mountData() }
    }

    @Test func rfc3339() {
        var buf = [CChar](repeating: 0, count: 40)
        _ = skiffFormat(1_475_713_029, 669_794_202, &buf)
        #expect(String(cString: buf) == "2016-10-06T00:17:09.669794202Z")
    }
}
