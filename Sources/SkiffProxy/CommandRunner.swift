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
/// Each run blocks a thread of its own, never a dispatch or cooperative-pool thread: a few
/// concurrent runs must not starve the global queue other components (CNI) rely on.
public struct ProcessRunner: CommandRunner {
    public init() {}

    public func run(_ program: String, _ args: [String], stdin: String?) async throws -> CommandResult {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<CommandResult, Error>) in
            let t = Thread {
                do { cont.resume(returning: try Self.runBlocking(program, args, stdin: stdin)) } catch { cont.resume(throwing: error) }
            }
            t.start()
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
        let box = OutputBox()
        let done = DispatchSemaphore(value: 0)
        let readers = [
            Thread { box.setErr(errPipe.fileHandleForReading.readDataToEndOfFile()); done.signal() },
            Thread { box.setOut(outPipe.fileHandleForReading.readDataToEndOfFile()); done.signal() },
        ]
        for r in readers { r.start() }
        if let stdin { try? inPipe.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        done.wait()
        done.wait()
        proc.waitUntilExit()
        return CommandResult(status: proc.terminationStatus, stdout: String(decoding: box.out, as: UTF8.self),
                             stderr: String(decoding: box.err, as: UTF8.self))
    }

    final class OutputBox: @unchecked Sendable {
        private let lock = NSLock()
        private var o = Data(), e = Data()
        func setOut(_ d: Data) { lock.withLock { o = d } }
        func setErr(_ d: Data) { lock.withLock { e = d } }
        var out: Data { lock.withLock { o } }
        var err: Data { lock.withLock { e } }
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
