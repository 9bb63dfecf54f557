/// One OCI device cgroup rule: allow or deny `access` to devices of `type` with the given
/// major/minor numbers (nil = any).
public struct CgroupDeviceRule: Sendable, Equatable {
    public enum DeviceType: String, Sendable, Equatable {
        case all = "a", char = "c", block = "b"
    }

    public var allow: Bool
    public var type: DeviceType
    public var major: Int64?
    public var minor: Int64?
    /// A non-empty subset of "rwm" (read, write, mknod).
    public var access: String

    public init(allow: Bool, type: DeviceType = .all, major: Int64? = nil, minor: Int64? = nil, access: String = "rwm") {
        self.allow = allow; self.type = type; self.major = major; self.minor = minor; self.access = access
    }

    /// The device nodes every container gets (containerd's and runc's defaults): null, zero,
    /// full, tty, random, urandom, /dev/console, ptmx and /dev/pts/*, after denying everything.
    public static let containerDefaults: [CgroupDeviceRule] = [
        CgroupDeviceRule(allow: false),
        CgroupDeviceRule(allow: true, type: .char, major: 1, minor: 3),
        CgroupDeviceRule(allow: true, type: .char, major: 1, minor: 5),
        CgroupDeviceRule(allow: true, type: .char, major: 1, minor: 7),
        CgroupDeviceRule(allow: true, type: .char, major: 5, minor: 0),
        CgroupDeviceRule(allow: true, type: .char, major: 1, minor: 8),
        CgroupDeviceRule(allow: true, type: .char, major: 1, minor: 9),
        CgroupDeviceRule(allow: true, type: .char, major: 5, minor: 1),
        CgroupDeviceRule(allow: true, type: .char, major: 5, minor: 2),
        CgroupDeviceRule(allow: true, type: .char, major: 136),
    ]

    func validate(index: Int) throws {
        let field = "devices[\(index)]"
        if access.isEmpty || !access.allSatisfy({ "rwm".contains($0) }) {
            throw CgroupError.invalidArgument(field: field + ".access", value: access, expected: "a non-empty subset of \"rwm\"")
        }
        for (name, v) in [("major", major), ("minor", minor)] {
            if let v, v < -1 || v > Int64(UInt32.max) {
                throw CgroupError.invalidArgument(field: field + "." + name, value: "\(v)", expected: "a device number, or -1/nil for any")
            }
        }
    }

    /// The v1 devices.allow / devices.deny line, e.g. "c 1:3 rwm" ("a" means every device).
    var v1Line: String {
        if type == .all { return "a *:* " + normalizedAccess }
        func n(_ v: Int64?) -> String { v.map { $0 < 0 ? "*" : "\($0)" } ?? "*" }
        return "\(type.rawValue) \(n(major)):\(n(minor)) \(normalizedAccess)"
    }

    var normalizedAccess: String {
        String("rwm".filter { access.contains($0) })
    }
}
