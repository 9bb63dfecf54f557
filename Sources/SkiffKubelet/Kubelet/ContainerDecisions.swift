import SkiffAPI

/// Pure decisions of the pod sync: whether an exited container restarts, and the status the
/// API shows for it.
public enum ContainerDecisions {
    /// restartPolicy Always restarts every exit, OnFailure only non-zero ones, Never none.
    public static func shouldRestart(policy: String?, exitCode: Int32) -> Bool {
        switch policy ?? "Always" {
        case "Never": return false
        case "OnFailure": return exitCode != 0
        default: return true
        }
    }

    /// The terminated reason the API shows.
    public static func terminatedReason(exitCode: Int32, runtimeReason: String?) -> String {
        if runtimeReason == "OOMKilled" { return "OOMKilled" }
        return exitCode == 0 ? "Completed" : "Error"
    }

    static func time(_ seconds: Double?) -> Time? {
        seconds.map { Time(secondsSinceEpoch: Int64($0)) }
    }

    public static func terminated(_ c: RuntimeContainer) -> ContainerStateTerminated {
        let code = c.exitCode ?? 255
        var t = ContainerStateTerminated(exitCode: code)
        t.reason = terminatedReason(exitCode: code, runtimeReason: c.exitReason)
        if code > 128, c.exitReason != "OOMKilled" { t.signal = code - 128 }
        t.startedAt = time(c.startedAt)
        t.finishedAt = time(c.finishedAt ?? c.startedAt)
        t.containerID = "skiff://" + c.id
        t.message = c.terminationMessage
        return t
    }
}
