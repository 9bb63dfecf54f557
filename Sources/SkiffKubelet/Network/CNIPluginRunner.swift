import Foundation
import SkiffSubprocess

/// What running one plugin binary produced.
public struct PluginOutput: Sendable {
    public var exitCode: Int32
    public var stdout: Data
    public var stderr: Data
}

/// Runs a CNI plugin binary. The real runner execs it; tests may wrap it (e.g. to run plugins
/// inside a simulated host's network namespace with `ip netns exec`).
public protocol CNIPluginRunner: Sendable {
    func run(plugin path: String, environment: [String: String], stdin: Data) async throws -> PluginOutput
}

/// Execs plugins as child processes (posix_spawn: no Swift code runs in the child). `prefix` is prepended to the argv, e.g.
/// `["/usr/bin/nsenter", "--net=/run/netns/host1", "--"]`.
public struct ProcessPluginRunner: CNIPluginRunner {
    public var prefix: [String]

    public init(prefix: [String] = []) { self.prefix = prefix }

    /// Runs on a thread of its own: a burst of pods blocks neither the concurrency pool nor
    /// Dispatch's worker threads.
    public func run(plugin path: String, environment: [String: String], stdin: Data) async throws -> PluginOutput {
        let r: SubprocessOutput
        do { r = try await Subprocess.runDetached(prefix + [path], environment: environment, stdin: [UInt8](stdin)) }
        catch { throw CNIError.exec("\(error)") }
        return PluginOutput(exitCode: r.status, stdout: Data(r.stdout), stderr: Data(r.stderr))
    }
}
