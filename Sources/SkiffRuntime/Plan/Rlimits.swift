import Glibc

/// OCI rlimit names and the capping rule: the host's root may lack CAP_SYS_RESOURCE, so a
/// container cannot get more than the host's hard limit; asking for more is an error that
/// names the field instead of a late EPERM from setrlimit in the child.
public enum Rlimits {
    static let table: [String: Int32] = [
        "RLIMIT_CPU": 0, "RLIMIT_FSIZE": 1, "RLIMIT_DATA": 2, "RLIMIT_STACK": 3, "RLIMIT_CORE": 4,
        "RLIMIT_RSS": 5, "RLIMIT_NPROC": 6, "RLIMIT_NOFILE": 7, "RLIMIT_MEMLOCK": 8, "RLIMIT_AS": 9,
        "RLIMIT_LOCKS": 10, "RLIMIT_SIGPENDING": 11, "RLIMIT_MSGQUEUE": 12, "RLIMIT_NICE": 13,
        "RLIMIT_RTPRIO": 14, "RLIMIT_RTTIME": 15,
    ]

    public static func resource(_ name: String) -> Int32? { table[name] }

    public static let infinity: UInt64 = UInt64.max

    /// The host's hard limit for `resource` (what this process may raise to).
    public static func hostHard(_ resource: Int32) -> UInt64 {
        var r = rlimit()
        guard getrlimit(__rlimit_resource_t(UInt32(resource)), &r) == 0 else { return infinity }
        return UInt64(r.rlim_max)
    }

    /// Pure decision: the (soft, hard) to apply, or an error when the spec exceeds `hostHard`
    /// and this process cannot raise limits.
    public static func resolve(_ r: OCISpec.Rlimit, index: Int, hostHard: UInt64, canRaise: Bool) throws -> (UInt64, UInt64) {
        if r.hard <= hostHard || canRaise { return (r.soft, r.hard) }
        throw RuntimeError.invalidSpec(field: "process.rlimits[\(index)].hard",
            message: "\(r.type) hard limit \(r.hard) exceeds the host's hard limit \(hostHard) and raising it needs CAP_SYS_RESOURCE")
    }
}
