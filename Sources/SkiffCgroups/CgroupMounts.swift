/// Which cgroup hierarchies a host offers and where they are mounted. Built from
/// /proc/self/mounts by pure parsing so detection is testable with any mount table.
public struct CgroupHierarchies: Sendable, Equatable {
    public let version: CgroupVersion
    /// v1: controller (or `name=<n>` for named hierarchies) → mount point. Co-mounted
    /// controllers such as `cpu,cpuacct` map to the same mount point.
    public let v1: [String: String]
    /// v2: the unified mount point.
    public let unified: String?

    public init(version: CgroupVersion, v1: [String: String] = [:], unified: String? = nil) {
        self.version = version; self.v1 = v1; self.unified = unified
    }

    /// v1 mount points without duplicates (co-mounted controllers share one), in a stable order.
    public var v1MountPoints: [String] {
        Array(Set(v1.values)).sorted()
    }
}

/// One line of /proc/self/mounts that matters for cgroups.
public struct CgroupMount: Sendable, Equatable {
    public let mountPoint: String
    public let fsType: String
    public let options: [String]
}

public enum CgroupMountTable {
    /// v1 controllers the kernel can mount; other options (rw, relatime, nsdelegate...) are
    /// generic mount flags.
    public static let knownV1Controllers: Set<String> = [
        "cpu", "cpuacct", "cpuset", "memory", "devices", "freezer", "net_cls", "net_prio",
        "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc",
    ]

    /// Parses the cgroup and cgroup2 entries of a mounts file (fstab format, octal escapes).
    public static func parse(_ text: String) -> [CgroupMount] {
        var result: [CgroupMount] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 4 else { continue }
            let type = String(fields[2])
            guard type == "cgroup" || type == "cgroup2" else { continue }
            result.append(CgroupMount(mountPoint: unescape(String(fields[1])), fsType: type,
                                      options: fields[3].split(separator: ",").map(String.init)))
        }
        return result
    }

    /// Controllers (and `name=` hierarchies) a v1 mount carries.
    public static func controllers(of mount: CgroupMount) -> [String] {
        mount.options.filter { knownV1Controllers.contains($0) || $0.hasPrefix("name=") }
    }

    /// Decides the version: cgroup2 mounted at `root` means v2; otherwise v1 controller
    /// mounts under `root` mean v1 (a hybrid host's cgroup2 at `<root>/unified` carries no
    /// controllers and is ignored); otherwise a cgroup2 mount below `root` whose
    /// `cgroup.controllers` lists something is used as v2.
    /// `controllersOf` reads a v2 mount's available controllers (I/O stays with the caller).
    public static func resolve(mounts: [CgroupMount], root: String,
                               controllersOf: (String) -> [String]) throws -> CgroupHierarchies {
        let root = normalize(root)
        func under(_ p: String) -> Bool { p == root || p.hasPrefix(root == "/" ? "/" : root + "/") }
        if let m = mounts.first(where: { $0.fsType == "cgroup2" && normalize($0.mountPoint) == root }) {
            return CgroupHierarchies(version: .v2, unified: normalize(m.mountPoint))
        }
        var v1: [String: String] = [:]
        for m in mounts where m.fsType == "cgroup" && under(normalize(m.mountPoint)) {
            for c in controllers(of: m) where v1[c] == nil { v1[c] = normalize(m.mountPoint) }
        }
        if v1.keys.contains(where: { !$0.hasPrefix("name=") }) {
            return CgroupHierarchies(version: .v1, v1: v1)
        }
        for m in mounts where m.fsType == "cgroup2" && under(normalize(m.mountPoint)) {
            if !controllersOf(normalize(m.mountPoint)).isEmpty {
                return CgroupHierarchies(version: .v2, unified: normalize(m.mountPoint))
            }
        }
        throw CgroupError.unavailable("no cgroup v1 controller or populated cgroup2 mount under \(root)")
    }

    static func normalize(_ p: String) -> String {
        var s = p
        while s.count > 1 && s.hasSuffix("/") { s.removeLast() }
        return s
    }

    /// Mount tables escape space, tab, newline and backslash as three octal digits.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out: [UInt8] = []
        let b = Array(s.utf8)
        var i = 0
        while i < b.count {
            if b[i] == UInt8(ascii: "\\"), i + 3 < b.count,
               let v = UInt8(String(decoding: b[(i + 1)...(i + 3)], as: UTF8.self), radix: 8) {
                out.append(v); i += 4
            } else {
                out.append(b[i]); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
