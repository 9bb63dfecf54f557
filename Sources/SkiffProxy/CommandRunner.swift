import Foundation

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

/// Runs programs with Foundation's Process (posix_spawn; no Swift code runs in the child).
/// The blocking wait happens on a dispatch thread, never on the cooperative pool.
public struct ProcessRunner: CommandRunner {
    public init() {}

    public func run(_ program: String, _ args: [String], stdin: String?) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<CommandResult, Error>) in
            DispatchQueue.global().async {
                do { cont.resume(returning: try Self.runBlocking(program, args, stdin: stdin)) } catch { cont.resume(throwing: error) }
            }
        }
    }

    static func runBlocking(_ program: String, _ args: [String], stdin: String?) throws -> CommandResult {
        let proc = Process()
        proc.executableURL = URL(fileURLWithPath: Self.resolve(program))
        proc.arguments = args
        let inPipe = Pipe(), outPipe = Pipe(), errPipe = Pipe()
        proc.standardInput = inPipe
        proc.standardOutput = outPipe
        proc.standardError = errPipe
        do { try proc.run() } catch { throw CommandError("exec \(program): \(error)") }
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        nonisolated(unsafe) var outData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = errPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            outData = outPipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let stdin { inPipe.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        group.wait()
        proc.waitUntilExit()
        return CommandResult(status: proc.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Finds a program in the usual system directories (daemons may run with a bare PATH).
    static func resolve(_ program: String) -> String {
        if program.hasPrefix("/") { return program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
            let p = dir + "/" + program
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return "/usr/sbin/" + program
    }
}
