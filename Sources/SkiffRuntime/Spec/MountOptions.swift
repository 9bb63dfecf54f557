/// Translation of OCI mount option strings (the fstab vocabulary) into mount(2) flags,
/// propagation flags and the remaining fs-specific data string. Pure, unit-tested.
public struct MountOptions: Equatable, Sendable {
    public var flags: UInt = 0
    public var propagation: UInt = 0
    public var data: [String] = []
    public var bind: Bool { flags & MS_BIND != 0 }

    public static let MS_RDONLY: UInt = 1, MS_NOSUID: UInt = 2, MS_NODEV: UInt = 4, MS_NOEXEC: UInt = 8
    public static let MS_SYNCHRONOUS: UInt = 16, MS_REMOUNT: UInt = 32, MS_MANDLOCK: UInt = 64
    public static let MS_DIRSYNC: UInt = 128, MS_NOATIME: UInt = 1024, MS_NODIRATIME: UInt = 2048
    public static let MS_BIND: UInt = 4096, MS_REC: UInt = 16384, MS_RELATIME: UInt = 1 << 21
    public static let MS_STRICTATIME: UInt = 1 << 24, MS_UNBINDABLE: UInt = 1 << 17
    public static let MS_PRIVATE: UInt = 1 << 18, MS_SLAVE: UInt = 1 << 19, MS_SHARED: UInt = 1 << 20
    var MS_BIND: UInt { Self.MS_BIND }

    /// Flags that set (true) or clear (false) a bit.
    static let flagOptions: [String: (UInt, Bool)] = [
        "ro": (MS_RDONLY, true), "rw": (MS_RDONLY, false),
        "nosuid": (MS_NOSUID, true), "suid": (MS_NOSUID, false),
        "nodev": (MS_NODEV, true), "dev": (MS_NODEV, false),
        "noexec": (MS_NOEXEC, true), "exec": (MS_NOEXEC, false),
        "sync": (MS_SYNCHRONOUS, true), "async": (MS_SYNCHRONOUS, false),
        "dirsync": (MS_DIRSYNC, true), "mand": (MS_MANDLOCK, true), "nomand": (MS_MANDLOCK, false),
        "noatime": (MS_NOATIME, true), "atime": (MS_NOATIME, false),
        "nodiratime": (MS_NODIRATIME, true), "diratime": (MS_NODIRATIME, false),
        "relatime": (MS_RELATIME, true), "norelatime": (MS_RELATIME, false),
        "strictatime": (MS_STRICTATIME, true), "nostrictatime": (MS_STRICTATIME, false),
        "bind": (MS_BIND, true), "rbind": (MS_BIND | MS_REC, true),
        "defaults": (0, true),
    ]

    public static let propagation: [String: UInt] = [
        "private": MS_PRIVATE, "rprivate": MS_PRIVATE | MS_REC,
        "shared": MS_SHARED, "rshared": MS_SHARED | MS_REC,
        "slave": MS_SLAVE, "rslave": MS_SLAVE | MS_REC,
        "unbindable": MS_UNBINDABLE, "runbindable": MS_UNBINDABLE | MS_REC,
    ]

    public static func parse(_ options: [String], field: String) throws -> MountOptions {
        var m = MountOptions()
        for (i, o) in options.enumerated() {
            if let (bit, set) = flagOptions[o] {
                if set { m.flags |= bit } else { m.flags &= ~bit }
            } else if let p = propagation[o] {
                m.propagation = p
            } else if o.isEmpty {
                throw RuntimeError.invalidSpec(field: "\(field)[\(i)]", message: "empty mount option")
            } else if o.hasPrefix("idmap") || o.hasPrefix("ridmap") {
                throw RuntimeError.invalidSpec(field: "\(field)[\(i)]", message: "id-mapped mounts are not supported")
            } else {
                m.data.append(o)
            }
        }
        return m
    }
}
