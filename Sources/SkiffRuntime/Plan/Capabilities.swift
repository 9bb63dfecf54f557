import CSkiffRuntime

/// Capability names to bit masks through libcap's `cap_from_name`, so names match the
/// kernel this runs on ("CAP_" prefix optional, case-insensitive as libcap accepts).
public enum Capabilities {
    public static func mask(_ names: [String], field: String) throws -> UInt64 {
        var m: UInt64 = 0
        for (i, name) in names.enumerated() {
            var value = cap_value_t(0)
            guard cap_from_name(name, &value) == 0, value >= 0, value < 64 else {
                throw RuntimeError.invalidSpec(field: "\(field)[\(i)]", message: "unknown capability \"\(name)\"")
            }
            m |= 1 << UInt64(value)
        }
        return m
    }

    /// containerd's 14 defaults (CapEff 00000000a80425fb).
    public static let containerdDefaults = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW",
        "CAP_SETGID", "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
        "CAP_SYS_CHROOT", "CAP_KILL", "CAP_AUDIT_WRITE",
    ]

    public struct Sets: Equatable, Sendable {
        public var effective: UInt64 = 0, permitted: UInt64 = 0, inheritable: UInt64 = 0
        public var bounding: UInt64 = 0, ambient: UInt64 = 0
    }

    public static func sets(_ c: OCISpec.Capabilities?) throws -> Sets {
        var s = Sets()
        guard let c else { return s }
        s.effective = try mask(c.effective ?? [], field: "process.capabilities.effective")
        s.permitted = try mask(c.permitted ?? [], field: "process.capabilities.permitted")
        s.inheritable = try mask(c.inheritable ?? [], field: "process.capabilities.inheritable")
        s.bounding = try mask(c.bounding ?? [], field: "process.capabilities.bounding")
        s.ambient = try mask(c.ambient ?? [], field: "process.capabilities.ambient")
        // The kernel refuses ambient bits that are not both permitted and inheritable.
        if s.ambient & ~(s.permitted & s.inheritable) != 0 {
            throw RuntimeError.invalidSpec(field: "process.capabilities.ambient",
                message: "every ambient capability must also be permitted and inheritable")
        }
        if s.effective & ~s.permitted != 0 {
            throw RuntimeError.invalidSpec(field: "process.capabilities.effective",
                message: "every effective capability must also be permitted")
        }
        return s
    }
}
