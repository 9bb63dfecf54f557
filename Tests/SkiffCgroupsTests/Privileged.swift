import Foundation
import Testing
@testable import SkiffCgroups

/// Privileged tests run for real as root; elsewhere they skip with a message, unless
/// SKIFF_PRIVILEGED_TESTS=1 says they must run (CI), where missing root is a failure.
enum Privileged {
    static let isRoot = getuid() == 0
    static let required = ProcessInfo.processInfo.environment["SKIFF_PRIVILEGED_TESTS"] == "1"
    /// Whether a privileged test body should run at all.
    static let enabled = isRoot || required
    static let skipMessage: Comment = "needs root to create real cgroups (set SKIFF_PRIVILEGED_TESTS=1 to make this a failure)"

    /// The host's hierarchies, only when they are v1 (this suite drives the real v1 driver).
    static func v1Host() throws -> CgroupHierarchies? {
        let h = try Cgroups.hierarchies()
        return h.version == .v1 ? h : nil
    }

    static func uniquePath(_ prefix: String = "skiff-test") -> String {
        "/\(prefix)-\(getpid())-\(UInt32.random(in: 0..<0xffff_ffff))"
    }

    /// Starts a child process; the caller kills it by pid in a defer.
    static func spawn(_ argv: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Starts `sh -c script` whose first command is `read _`, so the caller can move it into
    /// a cgroup before the interesting part runs; `release` lets it continue.
    static func spawnGated(_ script: String) throws -> (process: Process, stdin: Pipe, stdout: Pipe, stderr: Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "read _; " + script]
        let i = Pipe(), o = Pipe(), e = Pipe()
        p.standardInput = i
        p.standardOutput = o
        p.standardError = e
        try p.run()
        return (p, i, o, e)
    }

    static func release(_ stdin: Pipe) {
        stdin.fileHandleForWriting.write(Data("go\n".utf8))
        try? stdin.fileHandleForWriting.close()
    }

    static func stop(_ p: Process) {
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
    }

    static func readFile(_ path: String) throws -> String {
        try LinuxCgroupFS().read(path).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

@Test func privilegedRequirementIsMet() {
    if Privileged.required {
        #expect(Privileged.isRoot, "SKIFF_PRIVILEGED_TESTS=1 but not root: real cgroup tests cannot run")
    } else if !Privileged.isRoot {
        print("SkiffCgroupsTests: not root: real cgroup tests skipped")
    }
}
