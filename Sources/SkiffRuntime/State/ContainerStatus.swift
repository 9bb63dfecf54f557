/// OCI container status.
public enum ContainerStatus: String, Codable, Sendable, Equatable {
    case creating, created, running, stopped
}

/// How a container's init ended, as the monitor recorded it.
public struct ExitInfo: Equatable, Sendable {
    /// Exit code; 128+signal when killed by a signal (shell convention, as `run` passes on).
    public var exitCode: Int32
    public var signal: Int32
    public var finishedAt: String
    /// A failure after start (execve, setuid ...) reported by the child, else nil.
    public var error: String?
    /// "OOMKilled", "Error", "Completed" or "ContainerCannotRun".
    public var reason: String

    public init(exitCode: Int32, signal: Int32, finishedAt: String, error: String?, reason: String) {
        self.exitCode = exitCode; self.signal = signal; self.finishedAt = finishedAt; self.error = error; self.reason = reason
    }

    /// Parses the monitor's `exit` file ("key=value" lines; `oomKilled=1` when the container's
    /// cgroup counted an OOM kill as the init died). Pure.
    public static func parse(_ text: String) -> ExitInfo? {
        var code: Int32?, sig: Int32 = 0, at = "", err: String?, oomKilled = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let k = line[..<eq], v = String(line[line.index(after: eq)...])
            switch k {
            case "exitCode": code = Int32(v)
            case "signal": sig = Int32(v) ?? 0
            case "finishedAt": at = v
            case "error": err = v.isEmpty ? nil : v
            case "oomKilled": oomKilled = v == "1"
            default: break
            }
        }
        guard let code else { return nil }
        return ExitInfo(exitCode: code, signal: sig, finishedAt: at, error: err,
                        reason: reason(code: code, signal: sig, error: err, oomKilled: oomKilled))
    }

    /// Kubernetes-style termination reason. Pure.
    public static func reason(code: Int32, signal: Int32, error: String?, oomKilled: Bool) -> String {
        if oomKilled && signal == 9 { return "OOMKilled" }
        if error != nil { return "ContainerCannotRun" }
        return code == 0 ? "Completed" : "Error"
    }
}

/// Decides a container's status from what is on disk and in /proc. Never from kill(pid, 0):
/// a monitor orphaned to a PID 1 that does not reap stays a zombie, and pids get reused.
public enum StatusDecision {
    /// - procState: the init's /proc state letter, nil when the pid is gone or its start time
    ///   differs from the one recorded at create (a reused pid).
    public static func decide(hasExitFile: Bool, procState: Character?, execFifoExists: Bool) -> ContainerStatus {
        if hasExitFile { return .stopped }
        guard let s = procState, s != "Z", s != "X", s != "x" else { return .stopped }
        return execFifoExists ? .created : .running
    }
}
