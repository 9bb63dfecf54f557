import FoundationEssentials

/// Reads and checks a bundle's config.json. Decoding failures are turned into the JSON path of
/// the bad field and what was expected there, instead of Swift's DecodingError dump.
public enum SpecLoader {
    /// Specs already decoded and validated in this process, by file, with the exact bytes they
    /// came from. Decoding a default config (its seccomp profile has ~300 rules) is most of the
    /// CPU time of a create; a process that starts many containers from the same bundle file
    /// pays it once. The file is still read every time and a hit needs identical bytes, so an
    /// edited config.json is decoded afresh.
    private static let decoded = DecodedFileCache<OCISpec>(limit: 64)

    public static func load(bundle: String) throws -> OCISpec {
        let path = bundle.hasSuffix("/") ? bundle + "config.json" : bundle + "/config.json"
        guard let data = FileIO.read(path) else {
            throw RuntimeError.invalidArgument("cannot read \(path): \(errnoName(FileIO.lastErrno))")
        }
        if let spec = decoded.value(path: path, bytes: data) { return spec }
        let spec = try decode(data)
        decoded.remember(path: path, bytes: data, spec)
        return spec
    }

    public static func decode(_ data: [UInt8]) throws -> OCISpec {
        let spec: OCISpec
        do {
            spec = try JSONDecoder().decode(OCISpec.self, from: Data(data))
        } catch let e as DecodingError {
            throw describe(e)
        } catch {
            throw RuntimeError.invalidSpec(field: "(document)", message: "not valid JSON")
        }
        try SpecValidation.validate(spec)
        return spec
    }

    static func pathString(_ path: [any CodingKey]) -> String {
        var s = ""
        for key in path {
            if let i = key.intValue { s += "[\(i)]" } else { s += s.isEmpty ? key.stringValue : "." + key.stringValue }
        }
        return s.isEmpty ? "(document)" : s
    }

    static func describe(_ e: DecodingError) -> RuntimeError {
        switch e {
        case .typeMismatch(let type, let ctx):
            return .invalidSpec(field: pathString(ctx.codingPath), message: "expected \(typeName(type))")
        case .valueNotFound(let type, let ctx):
            return .invalidSpec(field: pathString(ctx.codingPath), message: "expected \(typeName(type)), found null")
        case .keyNotFound(let key, let ctx):
            return .invalidSpec(field: pathString(ctx.codingPath + [key]), message: "required field is missing")
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty { return .invalidSpec(field: "(document)", message: "not valid JSON") }
            return .invalidSpec(field: pathString(ctx.codingPath), message: "invalid value")
        @unknown default:
            return .invalidSpec(field: "(document)", message: "cannot be decoded")
        }
    }

    static func typeName(_ t: Any.Type) -> String {
        switch t {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is UInt32.Type, is UInt64.Type, is UInt16.Type: return "a non-negative integer"
        case is [String].Type: return "an array of strings"
        default:
            let n = String(describing: t)
            if n.hasPrefix("Array") { return "an array" }
            if n.hasPrefix("Dictionary") { return "an object" }
            return "an object (\(n))"
        }
    }
}

/// Checks beyond the JSON shape: values Skiff can act on and that make sense together.
public enum SpecValidation {
    static let namespaceTypes: [String: Int32] = [
        "pid": 0x2000_0000, "network": 0x4000_0000, "mount": 0x0002_0000, "ipc": 0x0800_0000,
        "uts": 0x0400_0000, "cgroup": 0x0200_0000,
    ]

    public static func validate(_ spec: OCISpec) throws {
        guard spec.ociVersion.hasPrefix("1.") else {
            throw RuntimeError.invalidSpec(field: "ociVersion", message: "expected a 1.x version, got \"\(spec.ociVersion)\"")
        }
        guard let root = spec.root, !root.path.isEmpty else {
            throw RuntimeError.invalidSpec(field: "root.path", message: "required field is missing")
        }
        for (name, list) in spec.hooks?.all ?? [] where !(list ?? []).isEmpty {
            throw RuntimeError.invalidSpec(field: "hooks.\(name)", message: "hooks are not supported; expected none")
        }
        if let p = spec.process {
            guard let args = p.args, !args.isEmpty, !args[0].isEmpty else {
                throw RuntimeError.invalidSpec(field: "process.args", message: "expected at least one argument")
            }
            guard p.cwd.hasPrefix("/") else {
                throw RuntimeError.invalidSpec(field: "process.cwd", message: "expected an absolute path, got \"\(p.cwd)\"")
            }
            if p.terminal == true {
                throw RuntimeError.invalidSpec(field: "process.terminal", message: "terminals are not supported; expected false")
            }
            for (i, e) in (p.env ?? []).enumerated() where !e.contains("=") {
                throw RuntimeError.invalidSpec(field: "process.env[\(i)]", message: "expected NAME=value, got \"\(e)\"")
            }
            for (i, r) in (p.rlimits ?? []).enumerated() {
                guard Rlimits.resource(r.type) != nil else {
                    throw RuntimeError.invalidSpec(field: "process.rlimits[\(i)].type", message: "unknown rlimit \"\(r.type)\"")
                }
                if r.soft > r.hard {
                    throw RuntimeError.invalidSpec(field: "process.rlimits[\(i)].soft", message: "expected at most hard (\(r.hard))")
                }
            }
            if let score = p.oomScoreAdj, score < -1000 || score > 1000 {
                throw RuntimeError.invalidSpec(field: "process.oomScoreAdj", message: "expected -1000...1000, got \(score)")
            }
        }
        for (i, m) in (spec.mounts ?? []).enumerated() {
            guard m.destination.hasPrefix("/") else {
                throw RuntimeError.invalidSpec(field: "mounts[\(i)].destination", message: "expected an absolute path, got \"\(m.destination)\"")
            }
            _ = try MountOptions.parse(m.options ?? [], field: "mounts[\(i)].options")
        }
        guard let linux = spec.linux else { return }
        var seen = Set<String>()
        for (i, ns) in (linux.namespaces ?? []).enumerated() {
            if ns.type == "user" {
                throw RuntimeError.invalidSpec(field: "linux.namespaces[\(i)].type", message: "user namespaces are not supported")
            }
            guard namespaceTypes[ns.type] != nil else {
                throw RuntimeError.invalidSpec(field: "linux.namespaces[\(i)].type",
                    message: "expected one of pid, network, mount, ipc, uts, cgroup; got \"\(ns.type)\"")
            }
            guard seen.insert(ns.type).inserted else {
                throw RuntimeError.invalidSpec(field: "linux.namespaces[\(i)].type", message: "\"\(ns.type)\" is listed twice")
            }
            if let path = ns.path {
                guard path.hasPrefix("/") else {
                    throw RuntimeError.invalidSpec(field: "linux.namespaces[\(i)].path", message: "expected an absolute path")
                }
            }
        }
        if let prop = linux.rootfsPropagation, MountOptions.propagation[prop] == nil {
            throw RuntimeError.invalidSpec(field: "linux.rootfsPropagation", message: "unknown propagation \"\(prop)\"")
        }
        for (i, d) in (linux.devices ?? []).enumerated() {
            guard ["c", "b", "u", "p"].contains(d.type) else {
                throw RuntimeError.invalidSpec(field: "linux.devices[\(i)].type", message: "expected c, b, u or p")
            }
            guard d.path.hasPrefix("/dev/") else {
                throw RuntimeError.invalidSpec(field: "linux.devices[\(i)].path", message: "expected a path under /dev")
            }
        }
        if let uid = linux.uidMappings, !uid.isEmpty {
            throw RuntimeError.invalidSpec(field: "linux.uidMappings", message: "user namespaces are not supported; expected none")
        }
        for (key, _) in linux.sysctl ?? [:] where !Sysctls.isNamespaced(key) {
            throw RuntimeError.invalidSpec(field: "linux.sysctl.\(key)", message: "not a namespaced sysctl (kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*, net.*)")
        }
    }
}

/// Which sysctls may be set per container: those the kernel scopes to the ipc, uts or
/// network namespace (Kubernetes' "safe + namespaced" rule).
public enum Sysctls {
    public static func isNamespaced(_ key: String) -> Bool {
        if key.hasPrefix("net.") || key.hasPrefix("fs.mqueue.") { return true }
        if ["kernel.shmmax", "kernel.shmall", "kernel.shmmni", "kernel.shm_rmid_forced", "kernel.msgmax",
            "kernel.msgmnb", "kernel.msgmni", "kernel.sem", "kernel.hostname", "kernel.domainname"].contains(key) { return true }
        return false
    }

    /// "net.ipv4.ip_forward" -> "net/ipv4/ip_forward" (below /proc/sys).
    public static func procPath(_ key: String) -> String {
        String(key.map { $0 == "." ? "/" : $0 })
    }
}
