import Glibc
import Synchronization
@testable import SkiffCgroups

/// An in-memory cgroupfs that behaves like the kernel for the files the drivers use: creating
/// a directory creates its interface files, writes are validated the way the kernel does
/// (EBUSY for a memory limit below usage, ENOSPC for joining an empty cpuset, the v2 "no
/// internal processes" rule...), and rmdir fails with EBUSY while processes or children remain.
final class FakeCgroupFS: CgroupFS {
    enum Hierarchy: Sendable {
        case v1(controllers: [String])
        case v2(available: [String])
    }

    struct State {
        var mounts: [String: Hierarchy] = [:]
        var dirs: Set<String> = []
        var files: [String: String] = [:]
        var failures: [String: Int32] = [:]
        var writes: [(String, String)] = []
        /// v2 controllers the "kernel" refuses to enable (as cpu is refused while realtime
        /// tasks exist).
        var refusedControllers: Set<String> = []
    }

    let swapAccounting: Bool
    let state = Mutex(State())
    static let v1Unlimited = "9223372036854771712"

    init(mounts: [String: Hierarchy], swapAccounting: Bool = true) {
        self.swapAccounting = swapAccounting
        state.withLock { s in
            s.mounts = mounts
            for (mount, h) in mounts {
                s.dirs.insert(mount)
                for (name, value) in Self.interfaceFiles(h, isRoot: true, parentSubtree: [], swap: swapAccounting) {
                    s.files[mount + "/" + name] = value
                }
            }
        }
    }

    /// The standard hybrid v1 layout of the build machines under `root`.
    static func v1Host(root: String = "/fake", coMountCpu: Bool = false, swapAccounting: Bool = true) -> FakeCgroupFS {
        var m: [String: Hierarchy] = [:]
        if coMountCpu {
            m[root + "/cpu,cpuacct"] = .v1(controllers: ["cpu", "cpuacct"])
        } else {
            m[root + "/cpu"] = .v1(controllers: ["cpu"])
            m[root + "/cpuacct"] = .v1(controllers: ["cpuacct"])
        }
        for c in ["cpuset", "memory", "pids", "freezer", "devices"] { m[root + "/" + c] = .v1(controllers: [c]) }
        return FakeCgroupFS(mounts: m, swapAccounting: swapAccounting)
    }

    static func v1Hierarchies(root: String = "/fake", coMountCpu: Bool = false) -> [String: String] {
        var h: [String: String] = [:]
        for c in ["cpuset", "memory", "pids", "freezer", "devices"] { h[c] = root + "/" + c }
        h["cpu"] = root + (coMountCpu ? "/cpu,cpuacct" : "/cpu")
        h["cpuacct"] = root + (coMountCpu ? "/cpu,cpuacct" : "/cpuacct")
        return h
    }

    // MARK: test helpers

    func contents(_ path: String) -> String? { state.withLock { $0.files[path] } }
    func set(_ path: String, _ value: String) { state.withLock { $0.files[path] = value } }
    func refuse(_ controller: String) { state.withLock { _ = $0.refusedControllers.insert(controller) } }
    func failNextWrite(_ path: String, errno: Int32) { state.withLock { $0.failures[path] = errno } }
    func writes() -> [(String, String)] { state.withLock { $0.writes } }
    func isDirectory(_ path: String) -> Bool { state.withLock { $0.dirs.contains(path) } }
    func allDirectories() -> Set<String> { state.withLock { $0.dirs } }

    // MARK: CgroupFS

    func read(_ path: String) throws -> String {
        try state.withLock { s in
            if let v = s.files[path] { return v.isEmpty ? "" : v + "\n" }
            throw CgroupError.system(operation: "open", path: path, errno: s.dirs.contains(path) ? EISDIR : ENOENT, hint: nil)
        }
    }

    func exists(_ path: String) -> Bool {
        state.withLock { $0.files[path] != nil || $0.dirs.contains(path) }
    }

    func listDirectories(_ path: String) throws -> [String] {
        try state.withLock { s in
            guard s.dirs.contains(path) else { throw CgroupError.system(operation: "opendir", path: path, errno: ENOENT, hint: nil) }
            return s.dirs.filter { Self.parent($0) == path }.map { String($0.dropFirst(path.count + 1)) }.sorted()
        }
    }

    func mkdir(_ path: String) throws {
        try state.withLock { s in
            if s.dirs.contains(path) { return }
            let parent = Self.parent(path)
            guard s.dirs.contains(parent), let mount = Self.mount(of: path, in: s) else {
                throw CgroupError.system(operation: "mkdir", path: path, errno: ENOENT, hint: nil)
            }
            s.dirs.insert(path)
            let subtree = Self.words(s.files[parent + "/cgroup.subtree_control"] ?? "")
            for (name, value) in Self.interfaceFiles(s.mounts[mount]!, isRoot: false, parentSubtree: subtree, swap: swapAccounting) {
                s.files[path + "/" + name] = value
            }
        }
    }

    func rmdir(_ path: String) throws {
        try state.withLock { s in
            guard s.dirs.contains(path) else { throw CgroupError.system(operation: "rmdir", path: path, errno: ENOENT, hint: nil) }
            let busy = s.mounts[path] != nil
                || !(s.files[path + "/cgroup.procs"] ?? "").isEmpty
                || s.dirs.contains { Self.parent($0) == path }
            if busy { throw CgroupError.system(operation: "rmdir", path: path, errno: EBUSY, hint: nil) }
            s.dirs.remove(path)
            for k in s.files.keys where Self.parent(k) == path { s.files[k] = nil }
        }
    }

    func write(_ path: String, _ value: String) throws {
        try state.withLock { s in
            s.writes.append((path, value))
            func fail(_ e: Int32) -> CgroupError { CgroupError.system(operation: "write", path: path, errno: e, hint: nil) }
            if let e = s.failures.removeValue(forKey: path) { throw fail(e) }
            guard s.files[path] != nil else { throw fail(s.dirs.contains(path) ? EISDIR : ENOENT) }
            let dir = Self.parent(path)
            let name = String(path.dropFirst(dir.count + 1))
            let v = value.trimmingWhitespace()
            guard let mount = Self.mount(of: path, in: s), let h = s.mounts[mount] else { throw fail(ENODEV) }
            let isV2: Bool
            if case .v2 = h { isV2 = true } else { isV2 = false }
            func int(_ t: String) throws -> Int64 { guard let n = Int64(t) else { throw fail(EINVAL) }; return n }
            func limit(_ t: String) throws { if t != "max" { guard let n = Int64(t), n >= 0 else { throw fail(EINVAL) } } }

            switch name {
            case "cgroup.procs":
                let pid = try int(v)
                guard pid > 0 else { throw fail(EINVAL) }
                if !isV2, case let .v1(ctrls) = h, ctrls.contains("cpuset"),
                   (s.files[dir + "/cpuset.cpus"] ?? "").isEmpty || (s.files[dir + "/cpuset.mems"] ?? "").isEmpty {
                    throw fail(ENOSPC)
                }
                if isV2 && dir != mount && !(s.files[dir + "/cgroup.subtree_control"] ?? "").isEmpty { throw fail(EBUSY) }
                for k in s.files.keys where k.hasSuffix("/cgroup.procs") && Self.mount(of: k, in: s) == mount {
                    let rest = Self.words(s.files[k] ?? "", separator: "\n").filter { $0 != "\(pid)" }
                    s.files[k] = rest.joined(separator: "\n")
                }
                let cur = s.files[path] ?? ""
                s.files[path] = cur.isEmpty ? "\(pid)" : cur + "\n\(pid)"
                return
            case "cgroup.subtree_control":
                var enabled = Self.words(s.files[path] ?? "")
                let available = Self.words(s.files[dir + "/cgroup.controllers"] ?? "")
                if dir != mount && !(s.files[dir + "/cgroup.procs"] ?? "").isEmpty { throw fail(EBUSY) }
                for tok in Self.words(v) {
                    let c = String(tok.dropFirst())
                    guard tok.hasPrefix("+") || tok.hasPrefix("-") else { throw fail(EINVAL) }
                    guard available.contains(c) else { throw fail(ENOENT) }
                    if tok.hasPrefix("+") && s.refusedControllers.contains(c) { throw fail(EINVAL) }
                    if tok.hasPrefix("+") { if !enabled.contains(c) { enabled.append(c) } } else { enabled.removeAll { $0 == c } }
                }
                s.files[path] = enabled.joined(separator: " ")
                return
            case "memory.limit_in_bytes":
                let n = try int(v)
                guard n >= -1 else { throw fail(EINVAL) }
                let usage = Int64(s.files[dir + "/memory.usage_in_bytes"] ?? "0") ?? 0
                if n != -1 && n < usage { throw fail(EBUSY) }
                if let sw = s.files[dir + "/memory.memsw.limit_in_bytes"], let swn = Int64(sw), n == -1 ? swn != Int64(Self.v1Unlimited)! : n > swn {
                    throw fail(EINVAL)
                }
                s.files[path] = n == -1 ? Self.v1Unlimited : "\(n)"
                return
            case "memory.memsw.limit_in_bytes", "memory.soft_limit_in_bytes":
                let n = try int(v)
                guard n >= -1 else { throw fail(EINVAL) }
                if name == "memory.memsw.limit_in_bytes", n != -1,
                   let mem = Int64(s.files[dir + "/memory.limit_in_bytes"] ?? ""), n < mem { throw fail(EINVAL) }
                s.files[path] = n == -1 ? Self.v1Unlimited : "\(n)"
                return
            case "cpu.shares", "cpu.cfs_period_us", "memory.low":
                if name == "memory.low" { try limit(v) } else { guard try int(v) > 0 else { throw fail(EINVAL) } }
            case "cpu.cfs_quota_us":
                let n = try int(v)
                guard n == -1 || n >= 1000 else { throw fail(EINVAL) }
            case "freezer.state":
                guard v == "FROZEN" || v == "THAWED" else { throw fail(EINVAL) }
            case "cpu.weight":
                guard let n = Int64(v), (1...10000).contains(n) else { throw fail(ERANGE) }
            case "cpu.max":
                let parts = Self.words(v)
                guard (1...2).contains(parts.count) else { throw fail(EINVAL) }
                try limit(parts[0])
                let period = parts.count == 2 ? parts[1] : (Self.words(s.files[path] ?? "max 100000").last ?? "100000")
                guard Int64(period) != nil else { throw fail(EINVAL) }
                s.files[path] = parts[0] + " " + period
                return
            case "memory.max", "memory.swap.max", "pids.max":
                try limit(v)
            case "cgroup.freeze":
                guard v == "0" || v == "1" else { throw fail(EINVAL) }
                s.files[dir + "/cgroup.events"] = "populated \((s.files[dir + "/cgroup.procs"] ?? "").isEmpty ? 0 : 1)\nfrozen \(v)"
            case "cgroup.kill":
                guard v == "1" else { throw fail(EINVAL) }
                s.files[dir + "/cgroup.procs"] = ""
                return
            case "devices.allow", "devices.deny":
                let list = dir + "/devices.list"
                guard let kind = v.first, "abc".contains(kind) else { throw fail(EINVAL) }
                let allow = name == "devices.allow"
                if kind == "a" {
                    s.files[list] = allow ? "a *:* rwm" : ""
                } else {
                    var lines = Self.words(s.files[list] ?? "", separator: "\n").filter { $0 != v }
                    if allow && !lines.contains("a *:* rwm") { lines.append(v) }
                    s.files[list] = lines.joined(separator: "\n")
                }
                return
            case "cpuset.cpus", "cpuset.mems":
                break
            default:
                break
            }
            s.files[path] = v
        }
    }

    // MARK: layout

    static func parent(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/") else { return "" }
        return i == path.startIndex ? "/" : String(path[..<i])
    }

    static func words(_ s: String, separator: Character = " ") -> [String] {
        s.split(separator: separator).map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    static func mount(of path: String, in s: State) -> String? {
        s.mounts.keys.filter { path == $0 || path.hasPrefix($0 + "/") }.max { $0.count < $1.count }
    }

    static func interfaceFiles(_ h: Hierarchy, isRoot: Bool, parentSubtree: [String], swap: Bool) -> [String: String] {
        var f: [String: String] = ["cgroup.procs": ""]
        switch h {
        case let .v1(controllers):
            f["tasks"] = ""
            f["notify_on_release"] = "0"
            for c in controllers {
                switch c {
                case "cpu":
                    f["cpu.shares"] = "1024"; f["cpu.cfs_quota_us"] = "-1"; f["cpu.cfs_period_us"] = "100000"
                    f["cpu.stat"] = "nr_periods 0\nnr_throttled 0\nthrottled_time 0"
                case "cpuacct":
                    f["cpuacct.usage"] = "0"; f["cpuacct.usage_user"] = "0"; f["cpuacct.usage_sys"] = "0"
                    f["cpuacct.stat"] = "user 0\nsystem 0"
                case "cpuset":
                    f["cpuset.cpus"] = isRoot ? "0-1" : ""; f["cpuset.mems"] = isRoot ? "0" : ""
                case "memory":
                    f["memory.limit_in_bytes"] = v1Unlimited; f["memory.soft_limit_in_bytes"] = v1Unlimited
                    if swap { f["memory.memsw.limit_in_bytes"] = v1Unlimited }
                    f["memory.usage_in_bytes"] = "0"; f["memory.failcnt"] = "0"
                    f["memory.oom_control"] = "oom_kill_disable 0\nunder_oom 0\noom_kill 0"
                    f["memory.stat"] = "cache 0\nrss 0"
                case "pids":
                    if !isRoot { f["pids.max"] = "max" }
                    f["pids.current"] = "0"
                case "freezer":
                    if !isRoot { f["freezer.state"] = "THAWED" }
                case "devices":
                    f["devices.allow"] = ""; f["devices.deny"] = ""; f["devices.list"] = "a *:* rwm"
                default:
                    break
                }
            }
        case let .v2(available):
            f["cgroup.controllers"] = (isRoot ? available : parentSubtree).joined(separator: " ")
            f["cgroup.subtree_control"] = ""
            f["cpu.stat"] = "usage_usec 0\nuser_usec 0\nsystem_usec 0"
            if !isRoot {
                f["cgroup.freeze"] = "0"; f["cgroup.events"] = "populated 0\nfrozen 0"; f["cgroup.kill"] = ""
                for c in parentSubtree {
                    switch c {
                    case "cpu":
                        f["cpu.weight"] = "100"; f["cpu.max"] = "max 100000"
                        f["cpu.stat"] = "usage_usec 0\nuser_usec 0\nsystem_usec 0\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0"
                    case "memory":
                        f["memory.max"] = "max"; f["memory.low"] = "0"; f["memory.current"] = "0"
                        f["memory.events"] = "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0"; f["memory.stat"] = "anon 0\nfile 0"
                        if swap { f["memory.swap.max"] = "max"; f["memory.swap.current"] = "0" }
                    case "pids":
                        f["pids.max"] = "max"; f["pids.current"] = "0"
                    case "cpuset":
                        f["cpuset.cpus"] = ""; f["cpuset.mems"] = ""
                    default:
                        break
                    }
                }
            }
        }
        return f
    }
}
