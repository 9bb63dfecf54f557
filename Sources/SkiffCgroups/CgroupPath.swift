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

    static func join(_ mount: String, _ path: String) -> String {
        mount == "/" ? path : mount + path
    }
}

/// Directory removal shared by the drivers: children first, retrying EBUSY while exiting
/// processes are still being released by the kernel.
enum CgroupRemoval {
    static func removeTree(_ dir: String, fs: any CgroupFS, retryFor nanos: UInt64 = 2_000_000_000) throws {
        guard fs.exists(dir) else { return }
        for child in (try? fs.listDirectories(dir)) ?? [] {
            try removeTree(dir + "/" + child, fs: fs, retryFor: nanos)
        }
        let deadline = Clock.now + nanos
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
                    throw CgroupError.system(operation: "rmdir", path: dir, errno: EBUSY,
                                             hint: "processes or child cgroups still present")
                }
                throw e
            }
        }
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
