import Foundation

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

/// Execs plugins as child processes (posix_spawn through Foundation's Process; no Swift code
/// runs in a forked child). `prefix` is prepended to the argv, e.g.
/// `["/usr/bin/nsenter", "--net=/run/netns/host1", "--"]`.
public struct ProcessPluginRunner: CNIPluginRunner {
    public var prefix: [String]

    public init(prefix: [String] = []) { self.prefix = prefix }

    public func run(plugin path: String, environment: [String: String], stdin: Data) async throws -> PluginOutput {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<PluginOutput, Error>) in
            DispatchQueue.global().async {
                do { cont.resume(returning: try runBlocking(plugin: path, environment: environment, stdin: stdin)) }
                catch { cont.resume(throwing: error) }
            }
        }
    }

    private func runBlocking(plugin path: String, environment: [String: String], stdin: Data) throws -> PluginOutput {
        let argv = prefix + [path]
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: argv[0])
        proc.arguments = Array(argv.dropFirst())
        proc.environment = environment
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        proc.standardInput = inPipe
        proc.standardOutput = outPipe
        proc.standardError = errPipe
        do { try proc.run() } catch {
            throw CNIError.exec("exec \(argv.joined(separator: " ")): \(error)")
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        inPipe.fileHandleForWriting.write(stdin)
        try? inPipe.fileHandleForWriting.close()
        let outData = outPipe.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        proc.waitUntilExit()
        return PluginOutput(exitCode: proc.terminationStatus, stdout: outData, stderr: errData)
    }
}
