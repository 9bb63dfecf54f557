#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Path rules shared by both drivers. A cgroup path is relative to each hierarchy root and
/// must never resolve to the root itself or escape it: destroy() removes what it names.
enum CgroupPath {
    static func validate(_ path: String) throws -> String {
        guard path.hasPrefix("/") else {
            throw CgroupError.invalidArgument(field: "path", value: path, expected: "an absolute cgroup path such as /skiff/<id>")
        }
        let parts = components(path)
        guard !parts.isEmpty else {
            throw CgroupError.invalidArgument(field: "path", value: path, expected: "a path below the hierarchy root, not the root itself")
        }
        for p in parts where p == "." || p == ".." {
            throw CgroupError.invalidArgument(field: "path", value: path, expected: "no \".\" or \"..\" components")
        }
        // Newlines would corrupt /proc/<pid>/cgroup lines; NUL cannot reach the kernel.
        if path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw CgroupError.invalidArgument(field: "path", value: path, expected: "no control characters")
        }
        return "/" + parts.joined(separator: "/")
    }

    static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init)
    }

    /// The mount point followed by each successive ancestor, ending at the cgroup itself.
    static func chain(mount: String, path: String) -> [String] {
        var out: [String] = []
        var cur = mount
        for c in components(path) {
            cur += "/" + c
            out.append(cur)
        }
        return out
    }

    /// The directory containing `dir` ("/" for a top-level one).
    static func parent(_ dir: String) -> String {
        guard let i = dir.lastIndex(of: "/") else { return dir }
        return i == dir.startIndex ? "/" : String(dir[..<i])
    }

    static func join(_ mount: String, _ path: String) -> String {
        mount == "/" ? path : mount + path
    }
}

/// Directory removal shared by the drivers: children first, retrying EBUSY while exiting
/// processes are still being released by the kernel.
enum CgroupRemoval {
    /// How long one destroy() waits in total for exiting processes to be released.
    static let busyWait: UInt64 = 2_000_000_000

    /// The deadline one destroy() shares across all its hierarchies and nested cgroups: a
    /// cgroup that still holds a live process would otherwise cost the full wait once per
    /// hierarchy and per level (18 s on a host with nine v1 hierarchies) before failing.
    static func deadline() -> UInt64 { Clock.now + busyWait }

    /// Removes `dir` and its child cgroups, waiting at most `nanos` for EBUSY to clear.
    static func removeTree(_ dir: String, fs: any CgroupFS, retryFor nanos: UInt64) throws {
        try removeTree(dir, fs: fs, deadline: Clock.now + nanos)
    }

    /// Removes `dir` and its child cgroups, retrying EBUSY until `deadline`; once it has
    /// passed, every remaining directory gets exactly one attempt.
    static func removeTree(_ dir: String, fs: any CgroupFS, deadline: UInt64) throws {
        guard fs.exists(dir) else { return }
        for child in (try? fs.listDirectories(dir)) ?? [] {
            try removeTree(dir + "/" + child, fs: fs, deadline: deadline)
        }
        var delay: UInt32 = 1000
        while true {
            do {
                try fs.rmdir(dir)
                return
            } catch let e as CgroupError {
                if e.errno == ENOENT { return }
                if e.errno == EBUSY && Clock.now < deadline {
                    usleep(delay)
                    delay = min(delay * 2, 50_000)
                    continue
                }
                if e.errno == EBUSY {
                    cgroupLog.warning("cgroup still busy after retries", metadata: ["path": "\(dir)"])
                    throw CgroupError.system(operation: "rmdir", path: dir, errno: EBUSY,
                                             hint: "processes or child cgroups still present")
                }
                throw e
            }
        }
    }
}

/// Member pids of a cgroup and all its descendants, for signalling a whole subtree (a pod
/// cgroup holds its containers' cgroups).
enum CgroupTree {
    static func processes(_ dir: String, fs: any CgroupFS) throws -> [Int32] {
        var pids = try CgroupFileFormat.pids(fs.read(dir + "/cgroup.procs"), path: dir + "/cgroup.procs")
        for child in (try? fs.listDirectories(dir)) ?? [] {
            pids += try processes(dir + "/" + child, fs: fs)
        }
        return pids
    }
}

/// Monotonic nanoseconds for short retry loops.
enum Clock {
    static var now: UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
