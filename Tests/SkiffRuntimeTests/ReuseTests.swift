import FoundationEssentials
import Glibc
@testable import SkiffRuntime
import Testing

/// What a process keeps between containers (decoded specs and state records) must never hide
/// a change on disk, and replacing a state file must leave exactly the new one.
@Suite struct ReuseTests {
    func tempDir() throws -> String {
        var tmpl = Array("/tmp/skiff-reuse-XXXXXX".utf8CString)
        guard let d = mkdtemp(&tmpl) else { throw RuntimeError.system(call: "mkdtemp", errno: errno) }
        return String(cString: d)
    }

    @Test func anEditedConfigIsDecodedAgain() throws {
        let dir = try tempDir(); defer { FileIO.removeTree(dir) }
        var spec = DefaultSpec.make(args: ["one"], rootfs: "rootfs")
        try FileIO.writeAtomic(dir + "/config.json", Array(try JSONEncoder().encode(spec)))
        #expect(try SpecLoader.load(bundle: dir).process?.args == ["one"])
        #expect(try SpecLoader.load(bundle: dir).process?.args == ["one"])
        spec.process?.args = ["two"]
        try FileIO.writeAtomic(dir + "/config.json", Array(try JSONEncoder().encode(spec)))
        #expect(try SpecLoader.load(bundle: dir).process?.args == ["two"])
        try FileIO.writeAtomic(dir + "/config.json", Array("{".utf8))
        #expect(throws: RuntimeError.self) { try SpecLoader.load(bundle: dir) }
    }

    @Test func aRecordRewrittenElsewhereIsReadAgain() throws {
        let dir = try tempDir(); defer { FileIO.removeTree(dir) }
        let sd = StateDir(root: dir, id: "c")
        mkdir(sd.dir, 0o711)
        var rec = ContainerRecord(ociVersion: "1.0.2", id: "c", bundle: "/b", rootfs: "/r", pid: 0, pidStartTime: -1,
                                  shimPid: nil, created: "2026-01-01T00:00:00.000000000Z", cgroupPath: nil, logPath: nil,
                                  overlayMount: nil, annotations: nil, specPath: nil)
        try sd.save(rec)
        #expect(try sd.load().pid == 0)
        // Another process writes the file: the bytes differ, so this one decodes them.
        rec.pid = 42
        try FileIO.writeAtomic(sd.stateFile, Array(try JSONEncoder().encode(rec)))
        #expect(try sd.load().pid == 42)
        sd.forget()
        #expect(try sd.load().pid == 42)
    }

    @Test func replacingAFileLeavesOnlyTheNewOne() throws {
        let dir = try tempDir(); defer { FileIO.removeTree(dir) }
        let path = dir + "/state.json"
        try FileIO.writeAtomic(path, Array("one".utf8))
        try FileIO.writeAtomic(path, Array("two".utf8))
        try FileIO.writeAtomic(path, Array("three".utf8), mode: 0o600)
        #expect(FileIO.readString(path) == "three")
        #expect(FileIO.listDir(dir) == ["state.json"])
    }
}
