import CSkiffRuntime
import Glibc

/// Pseudo-terminals for processes run with a tty (`kubectl exec -it`, `process.terminal`).
public enum Terminal {
    /// A new terminal from the devpts instance at `ptsDir`: (master, slave), both
    /// close-on-exec. Use a container's own instance (`/proc/PID/root/dev/pts`) so the process
    /// sees `/dev/pts/N` like any terminal there.
    public static func open(ptsDir: String) throws -> (master: Int32, slave: Int32) {
        var m: Int32 = -1, s: Int32 = -1
        let r = skiff_open_pty(ptsDir, &m, &s)
        if r < 0 { throw RuntimeError.system(call: "open pty in \(ptsDir)", errno: -r) }
        return (m, s)
    }

    /// Sets the terminal's window size (the process gets SIGWINCH).
    public static func resize(_ fd: Int32, rows: UInt16, columns: UInt16) {
        _ = skiff_set_winsize(fd, rows, columns)
    }
}
