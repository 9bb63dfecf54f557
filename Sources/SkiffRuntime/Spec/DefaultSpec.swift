/// The config.json `skiff runtime spec` writes: what containerd gives a Kubernetes pod's
/// container (DESIGN.md "The runtime"), with the RuntimeDefault seccomp profile.
public enum DefaultSpec {
    public static let maskedPaths = [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ]
    public static let readonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]

    public static func make(args: [String] = ["sh"], rootfs: String = "rootfs") -> OCISpec {
        let caps = Capabilities.containerdDefaults
        var process = OCISpec.Process(
            terminal: false, user: OCISpec.User(uid: 0, gid: 0), args: args,
            env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=skiff"],
            cwd: "/",
            capabilities: OCISpec.Capabilities(bounding: caps, effective: caps, inheritable: nil, permitted: caps, ambient: nil),
            rlimits: [OCISpec.Rlimit(type: "RLIMIT_NOFILE", hard: 1024, soft: 1024)],
            noNewPrivileges: true)
        process.oomScoreAdj = nil
        var linux = OCISpec.Linux()
        linux.namespaces = ["pid", "ipc", "uts", "mount", "network", "cgroup"].map { OCISpec.Namespace(type: $0) }
        linux.maskedPaths = maskedPaths
        linux.readonlyPaths = readonlyPaths
        linux.resources = OCISpec.Resources(devices: [OCISpec.DeviceRule(allow: false, access: "rwm")])
        linux.seccomp = DefaultSeccomp.profile()
        return OCISpec(
            ociVersion: "1.0.2", process: process, root: OCISpec.Root(path: rootfs, readonly: false), hostname: "skiff",
            mounts: [
                .init(destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]),
                .init(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
                .init(destination: "/dev/pts", type: "devpts", source: "devpts",
                      options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
                .init(destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
                .init(destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"]),
                .init(destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", "ro"]),
                .init(destination: "/sys/fs/cgroup", type: "cgroup", source: "cgroup", options: ["nosuid", "noexec", "nodev", "relatime", "ro"]),
            ],
            linux: linux)
    }
}
