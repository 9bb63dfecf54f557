import CSkiffRuntime
import Glibc

extension Runtime {
    /// `wait` for async callers such as the kubelet's pod workers: the blocking `wait` would
    /// hold one of the few threads of Swift's cooperative pool for the container's whole life,
    /// so this one sleeps between looks at the monitor's exit file and reaps the monitor
    /// without blocking when it is this process's child. Cancelling the task ends the wait
    /// with `CancellationError`; the container keeps running.
    public func waitUntilExit(id: String, maxPollInterval: Duration = .milliseconds(50)) async throws -> ExitInfo {
        try StateDir.validate(id: id)
        let sd = dir(id)
        let rec = try sd.load()
        var delay: Duration = .microseconds(500)
        while true {
            if let shim = rec.shimPid, shim != getpid() {
                var st: Int32 = 0
                if waitpid(shim, &st, WNOHANG) == shim { MonitorPipes.remove(shim: shim) }
            }
            if let e = exitInfo(rec, sd) { return e }
            if status(rec, sd) == .stopped, let shim = rec.shimPid {
                let ps = skiff_proc_state(shim)
                if ps == 0 || ps == 90 /* Z */ {
                    // The monitor is gone without an exit file (it was killed): say so.
                    if let e = exitInfo(rec, sd) { return e }
                    return ExitInfo(exitCode: 255, signal: 0, finishedAt: Timestamp.now(),
                                    error: "monitor exited without a status", reason: "Error")
                }
            }
            try await Task.sleep(for: delay)
            delay = min(delay * 2, maxPollInterval)
        }
    }
}
