import FoundationEssentials
import Glibc
@testable import SkiffRuntime
import Testing

/// A private state root and bundle per test, over the busybox image built by
/// hack/mkrootfs.sh. The image is mounted read-only into containers; writable places are
/// tmpfs or an overlay. Everything is removed in `cleanup()`, which tests call from defer.
final class Fixture {
    static let repo: String = {
        var p = #filePath
        for _ in 0..<3 { if let i = p.lastIndex(of: "/") { p = String(p[..<i]) } }
        return p
    }()
    static var image: String { repo + "/rootfs/busybox" }

    let dir: String
    let root: String
    let bundle: String
    let runtime: Runtime
    private var ids: [String] = []

    init(cgroups: (any RuntimeCgroupProvider)? = Runtime.defaultCgroups()) throws {
        // Checked before anything is made, so a failing init leaves nothing behind.
        guard access(Fixture.image + "/bin/busybox", X_OK) == 0 else {
            throw RuntimeError.invalidArgument("\(Fixture.image) missing: run bash hack/mkrootfs.sh")
        }
        var tmpl = Array("/tmp/skiff-rt-test-XXXXXX".utf8CString)
        guard let d = mkdtemp(&tmpl) else { throw RuntimeError.system(call: "mkdtemp", errno: errno) }
        dir = String(cString: d)
        root = dir + "/state"
        bundle = dir + "/bundle"
        mkdir(bundle, 0o755)
        runtime = Runtime(root: root, cgroups: cgroups)
    }

    /// The default spec over the read-only image with a tmpfs /tmp, running `args`.
    func spec(_ args: [String]) -> OCISpec {
        var s = DefaultSpec.make(args: args, rootfs: Fixture.image)
        s.root?.readonly = true
        s.mounts?.append(.init(destination: "/tmp", type: "tmpfs", source: "tmpfs", options: ["nosuid", "nodev", "mode=1777"]))
        return s
    }

    func write(_ spec: OCISpec) throws {
        let data = try JSONEncoder().encode(spec)
        try FileIO.writeAtomic(bundle + "/config.json", Array(data))
    }

    func create(_ id: String, _ spec: OCISpec, options: Runtime.CreateOptions = .init()) throws -> ContainerState {
        try write(spec)
        ids.append(id)
        return try runtime.create(id: id, bundle: bundle, options: options)
    }

    /// create + start + wait; returns the exit and the container's CRI log text.
    func runToExit(_ id: String, _ spec: OCISpec, options: Runtime.CreateOptions = .init()) throws -> (ExitInfo, String) {
        _ = try create(id, spec, options: options)
        try runtime.start(id: id)
        let e = try runtime.wait(id: id)
        let log = FileIO.readString(StateDir(root: root, id: id).defaultLog) ?? ""
        try runtime.delete(id: id)
        return (e, log)
    }

    /// The text of a CRI log without timestamps and tags, one entry per line.
    static func messages(_ log: String) -> [String] {
        log.split(separator: "\n").map { line in
            let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            return parts.count == 4 ? String(parts[3]) : ""
        }
    }

    func cleanup() {
        for id in ids { try? runtime.delete(id: id, force: true) }
        FileIO.removeTree(dir)
        Self.removeEmptyParentCgroups()
    }

    /// Containers' cgroups go with `delete`; the parents the tests put them under (`/skiff`,
    /// the runtime's default, and `/skiff-test`) are removed once empty. rmdir of a parent that
    /// another running test still uses fails with EBUSY and changes nothing.
    static func removeEmptyParentCgroups() {
        for hierarchy in FileIO.listDir("/sys/fs/cgroup") {
            for parent in ["skiff-test", "skiff"] { _ = rmdir("/sys/fs/cgroup/\(hierarchy)/\(parent)") }
        }
    }
}
