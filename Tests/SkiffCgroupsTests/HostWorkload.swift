import Foundation
import Testing
@testable import SkiffCgroups

/// Real workloads for the privileged tests: a `/bin/sh` that joins a cgroup through the
/// manager's `procsFiles()` (the same files a C child writes before `execve`) and then execs
/// the command, so everything it allocates or forks is charged to the cgroup from the start.
final class HostWorkload {
    let process: Process
    private let out = Pipe()
    private let err = Pipe()

    /// Starts `/bin/sh -c 'join; exec <command>'`. The caller stops it with `stop()` in a defer.
    init(joining manager: any CgroupManager, exec command: String) throws {
        let join = manager.procsFiles().map { "echo $$ > '\($0)'" }.joined(separator: "; ")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "set -e; \(join); exec \(command)"]
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// Blocks until the workload prints one line (its "ready" signal) or closes stdout.
    func readLine() -> String {
        var bytes: [UInt8] = []
        let fd = out.fileHandleForReading.fileDescriptor
        var c: UInt8 = 0
        while Foundation.read(fd, &c, 1) == 1 {
            if c == UInt8(ascii: "\n") { break }
            bytes.append(c)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Lines already written and waiting in the pipe, without blocking for more.
    func availableLines() -> [String] {
        let fd = out.fileHandleForReading.fileDescriptor
        var lines: [String] = []
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&pfd, 1, 0) == 1, pfd.revents & Int16(POLLIN) != 0 {
            lines.append(readLine())
        }
        return lines
    }

    /// Waits for exit and returns stderr, for assertions on why the workload failed.
    func wait() -> String {
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }

    var killedBySIGKILL: Bool {
        process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// Kills the workload by its pid (only this process, which the test started) and reaps it.
    func stop() {
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    /// The interpreter the memory workloads use; CI installs python3 with install-deps.sh.
    static func python() throws -> String {
        for p in ["/usr/bin/python3", "/usr/local/bin/python3"] where access(p, X_OK) == 0 { return p }
        throw CgroupError.unavailable("python3 is needed for the memory workloads (apt-get install python3)")
    }
}

/// A unique scratch cgroup `/skiff-test-<pid>-<random>/c` on the real host, removed with all
/// its processes and children when the test ends, also when it fails.
struct ScratchCgroup {
    let top: any CgroupManager
    let manager: any CgroupManager
    let hierarchies: CgroupHierarchies

    init(_ hierarchies: CgroupHierarchies) throws {
        self.hierarchies = hierarchies
        let path = Privileged.uniquePath()
        top = try Cgroups.manager(path: path)
        manager = try Cgroups.manager(path: path + "/c")
        try manager.create()
    }

    /// The cgroup directory of `controller`'s hierarchy.
    func dir(_ controller: String) -> String {
        (hierarchies.v1[controller] ?? "/nonexistent-\(controller)") + manager.path
    }

    func read(_ controller: String, _ file: String) throws -> String {
        try LinuxCgroupFS().read(dir(controller) + "/" + file).trimmingWhitespace()
    }

    /// Kills whatever is left inside (only the test's own workloads can be there) and removes
    /// the whole subtree from every hierarchy.
    func cleanUp() {
        try? manager.killAll(signal: SIGKILL)
        try? top.destroy()
    }

    /// Polls `condition` for up to two seconds; the kernel releases exiting tasks asynchronously.
    static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<200 {
            if try condition() { return true }
            usleep(10_000)
        }
        return try condition()
    }
}
