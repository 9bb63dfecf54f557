import FoundationEssentials
@testable import SkiffRuntime
import Testing

@Suite struct SpecDecodingTests {
    func decode(_ json: String) throws -> OCISpec { try SpecLoader.decode(Array(json.utf8)) }

    @Test func minimalSpecDecodes() throws {
        let s = try decode(#"{"ociVersion":"1.0.2","root":{"path":"rootfs"},"process":{"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/"}}"#)
        #expect(s.process?.args == ["sh"])
        #expect(s.root?.path == "rootfs")
    }

    @Test func wrongTypeNamesTheField() {
        #expect(throws: RuntimeError.invalidSpec(field: "process.args", message: "expected an array")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"process":{"user":{"uid":0,"gid":0},"args":"sh","cwd":"/"}}"#)
        }
    }

    @Test func nestedArrayElementNamesIndex() {
        #expect(throws: RuntimeError.invalidSpec(field: "mounts[1].destination", message: "expected a string")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"mounts":[{"destination":"/a"},{"destination":3}]}"#)
        }
    }

    @Test func missingFieldIsNamed() {
        #expect(throws: RuntimeError.invalidSpec(field: "process.cwd", message: "required field is missing")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"process":{"user":{"uid":0,"gid":0},"args":["sh"]}}"#)
        }
    }

    @Test func invalidJSONIsReported() {
        #expect(throws: RuntimeError.invalidSpec(field: "(document)", message: "not valid JSON")) { try decode("{") }
    }

    @Test func validationErrors() {
        #expect(throws: RuntimeError.invalidSpec(field: "process.args", message: "expected at least one argument")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"process":{"user":{"uid":0,"gid":0},"args":[],"cwd":"/"}}"#)
        }
        #expect(throws: RuntimeError.invalidSpec(field: "ociVersion", message: "expected a 1.x version, got \"0.9\"")) {
            try decode(#"{"ociVersion":"0.9","root":{"path":"r"}}"#)
        }
        #expect(throws: RuntimeError.invalidSpec(field: "linux.namespaces[1].type",
                                                 message: "expected one of pid, network, mount, ipc, uts, cgroup; got \"time\"")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"linux":{"namespaces":[{"type":"pid"},{"type":"time"}]}}"#)
        }
        #expect(throws: RuntimeError.invalidSpec(field: "mounts[0].destination", message: "expected an absolute path, got \"proc\"")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"mounts":[{"destination":"proc","type":"proc"}]}"#)
        }
        #expect(throws: RuntimeError.invalidSpec(field: "process.rlimits[0].type", message: "unknown rlimit \"RLIMIT_BOGUS\"")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"process":{"user":{"uid":0,"gid":0},"args":["sh"],"cwd":"/","rlimits":[{"type":"RLIMIT_BOGUS","hard":1,"soft":1}]}}"#)
        }
        #expect(throws: RuntimeError.invalidSpec(field: "linux.sysctl.kernel.panic",
                                                 message: "not a namespaced sysctl (kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*, net.*)")) {
            try decode(#"{"ociVersion":"1.0.2","root":{"path":"r"},"linux":{"sysctl":{"kernel.panic":"1"}}}"#)
        }
    }

    @Test func defaultSpecRoundTripsAndValidates() throws {
        let spec = DefaultSpec.make()
        let data = try JSONEncoder().encode(spec)
        let back = try SpecLoader.decode(Array(data))
        #expect(back == spec)
        let text = String(decoding: data, as: UTF8.self)
        // Exact runtime-spec field names.
        for key in ["\"ociVersion\"", "\"noNewPrivileges\"", "\"maskedPaths\"", "\"readonlyPaths\"", "\"defaultAction\"",
                    "\"namespaces\"", "\"capabilities\"", "\"bounding\"", "\"rlimits\""] {
            #expect(text.contains(key), "missing \(key)")
        }
    }

    @Test func mountOptions() throws {
        let m = try MountOptions.parse(["nosuid", "noexec", "nodev", "ro", "rbind", "rslave", "mode=755", "size=1k"], field: "m")
        #expect(m.flags == MountOptions.MS_NOSUID | MountOptions.MS_NOEXEC | MountOptions.MS_NODEV | MountOptions.MS_RDONLY
                | MountOptions.MS_BIND | MountOptions.MS_REC)
        #expect(m.propagation == MountOptions.MS_SLAVE | MountOptions.MS_REC)
        #expect(m.data == ["mode=755", "size=1k"])
        let rw = try MountOptions.parse(["ro", "rw"], field: "m")
        #expect(rw.flags & MountOptions.MS_RDONLY == 0)
        #expect(throws: RuntimeError.invalidSpec(field: "mounts[0].options[1]", message: "empty mount option")) {
            try MountOptions.parse(["ro", ""], field: "mounts[0].options")
        }
    }

    @Test func sysctlPaths() {
        #expect(Sysctls.procPath("net.ipv4.ip_unprivileged_port_start") == "net/ipv4/ip_unprivileged_port_start")
        #expect(Sysctls.isNamespaced("kernel.shmmax"))
        #expect(!Sysctls.isNamespaced("vm.overcommit_memory"))
    }
}
