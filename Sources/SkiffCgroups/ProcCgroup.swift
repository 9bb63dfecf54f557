/// Which cgroup a process is in, from /proc/<pid>/cgroup ("id:controllers:path" lines). The
/// stats collector and a restarted agent use it to find the cgroup of a process they did not
/// create.
public struct ProcCgroup: Sendable, Equatable {
    /// v1: controller (or `name=<n>`) → path.
    public var v1: [String: String] = [:]
    /// v2: the "0::<path>" entry.
    public var unified: String?

    public init(v1: [String: String] = [:], unified: String? = nil) {
        self.v1 = v1; self.unified = unified
    }

    public static func parse(_ text: String) -> ProcCgroup {
        var out = ProcCgroup()
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let path = String(parts[2])
            if parts[0] == "0" && parts[1].isEmpty {
                out.unified = path
            } else {
                for c in parts[1].split(separator: ",") { out.v1[String(c)] = path }
            }
        }
        return out
    }

    /// The path to hand to `Cgroups.manager(path:)` for this host's version: the memory
    /// hierarchy's on v1 (the one limits and OOM accounting live in), the unified one on v2.
    public func path(for version: CgroupVersion) -> String? {
        switch version {
        case .v1: return v1["memory"] ?? v1["pids"] ?? v1["cpu"] ?? v1.values.sorted().first
        case .v2: return unified
        }
    }
}

extension Cgroups {
    /// The cgroup path of a running process on this host, relative to the hierarchy roots.
    public static func path(ofPid pid: Int32, root: String = "/sys/fs/cgroup") throws -> String {
        let file = "/proc/\(pid)/cgroup"
        let parsed = ProcCgroup.parse(try LinuxCgroupFS().read(file))
        guard let p = parsed.path(for: try detect(root: root)) else {
            throw CgroupError.malformed(path: file, detail: "no entry for this host's cgroup hierarchy")
        }
        return p
    }
}
