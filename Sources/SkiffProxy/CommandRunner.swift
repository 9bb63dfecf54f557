import Foundation
import SkiffSubprocess

/// The result of one external command.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String = "", stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// The proxy's only way to change the host: running iptables, iptables-restore, conntrack and
/// ip. A protocol so the sync logic is tested against a recording fake.
public protocol CommandRunner: Sendable {
    func run(_ program: String, _ args: [String], stdin: String?) async throws -> CommandResult
}

public struct CommandError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// Runs programs with posix_spawn (no Swift code runs in the child), each on a thread of its
/// own, never a dispatch or cooperative-pool thread: a few concurrent runs must not starve the
/// global queue other components (CNI) rely on.
public struct ProcessRunner: CommandRunner {
    public init() {}

    public func run(_ program: String, _ args: [String], stdin: String?) async throws -> CommandResult {
        let r: SubprocessOutput
        do { r = try await Subprocess.runDetached([program] + args, stdin: Array((stdin ?? "").utf8)) }
        catch { throw CommandError("\(error)") }
        return CommandResult(status: r.status, stdout: r.stdoutText, stderr: r.stderrText)
    }
}
