import CSkiffRuntime
import Glibc

extension Runtime {
    /// Foreground container (`skiff runtime run`): create, start, wait and delete, with the
    /// caller's stdio. This process is a child subreaper, reaps everything that lands on it
    /// and forwards SIGINT/SIGTERM/SIGHUP to the init. Returns the exit code (128+signal).
    public func run(id: String, bundle: String, options: CreateOptions = CreateOptions()) throws -> Int32 {
        _ = skiff_set_subreaper()
        let state = try prepare(id: id, bundle: bundle, options: options, detached: false) { plan, _, _ in
            var err = [CChar](repeating: 0, count: 1024)
            let pid = plan.withCPlan { skiff_spawn($0, &err, 1024) }
            if pid < 0 { throw RuntimeError.setupFailed(String(cString: err)) }
            return (pid, getpid(), nil)
        }
        let status = skiff_wait_forwarding(state.pid)
        let (code, sig) = Runtime.decodeWaitStatus(status)
        let sd = dir(id)
        let text = "exitCode=\(code)\nsignal=\(sig)\nfinishedAt=\(Timestamp.now())\nerror=\n"
        try? FileIO.writeAtomic(sd.exitFile, Array(text.utf8))
        if sig == SIGKILL, let rec = try? sd.load(), let info = exitInfo(rec, sd), info.reason == "OOMKilled" {
            logger.warning("container was OOM-killed", metadata: ["id": "\(id)"])
            FileIO.writeStderr("skiff: container \(id) was OOM-killed\n")
        }
        try delete(id: id, force: true)
        return code
    }

    /// (exit code, signal) from a wait status; exit code 128+signal when signalled. Pure.
    public static func decodeWaitStatus(_ st: Int32) -> (Int32, Int32) {
        if st < 0 { return (255, 0) }
        let sig = st & 0x7f
        if sig == 0 { return ((st >> 8) & 0xff, 0) }
        return (128 + sig, sig)
    }
}

extension FileIO {
    static func writeStderr(_ s: String) {
        var s = s
        s.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }
}
