import SkiffAPI
import SkiffCgroups
import SkiffRuntime

/// What a container of a pod needs from the pod's sandbox.
public struct SandboxRef: Sendable, Equatable {
    /// The pause process (host pid); its namespaces are joined by path.
    public var pausePid: Int32
    public var hostNetwork: Bool
    /// Per-pod files bind-mounted into every container.
    public var hostsFile: String
    public var resolvConf: String
    public var hostnameFile: String
    public var podCgroup: String

    public init(pausePid: Int32, hostNetwork: Bool, hostsFile: String, resolvConf: String, hostnameFile: String, podCgroup: String) {
        self.pausePid = pausePid; self.hostNetwork = hostNetwork; self.hostsFile = hostsFile
        self.resolvConf = resolvConf; self.hostnameFile = hostnameFile; self.podCgroup = podCgroup
    }
}

/// Turns a pod's container into an OCI runtime spec, as containerd's CRI plugin does for a
/// Kubernetes container: the sandbox's namespaces joined, volumes and the pod's /etc files
/// bind-mounted, security context mapped to user, capabilities, seccomp and no_new_privs,
/// resources to cgroup limits. Pure.
public enum ContainerSpecBuilder {
    /// All capabilities a privileged container gets.
    public static let allCapabilities = [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ]

    /// Kubernetes' command/args rules against the image's default command (local images have no
    /// entrypoint, only a default command).
    public static func argv(command: [String]?, args: [String]?, imageDefault: [String]) -> [String] {
        if let c = command, !c.isEmpty { return c + (args ?? []) }
        if let a = args, !a.isEmpty { return a }
        return imageDefault
    }

    /// The pod's hostname: spec.hostname, else the pod name, cut to 63 characters.
    public static func hostname(_ pod: Pod) -> String {
        let h = pod.spec.hostname.flatMap { $0.isEmpty ? nil : $0 } ?? pod.metadata.name ?? "pod"
        var cut = String(h.prefix(63))
        while cut.hasSuffix("-") || cut.hasSuffix(".") { cut.removeLast() }
        return cut
    }

    /// The pause container.
    public static func sandbox(pod: Pod, pauseRootfs: String, podCgroup: String) -> OCISpec {
        var s = DefaultSpec.make(args: ["/pause"], rootfs: pauseRootfs)
        s.root?.readonly = true
        s.hostname = hostname(pod)
        s.process?.env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        s.process?.oomScoreAdj = -998
        var ns = ["pid", "ipc", "uts", "mount", "cgroup"]
        if pod.spec.hostNetwork != true { ns.append("network") }
        s.linux?.namespaces = ns.map { OCISpec.Namespace(type: $0) }
        s.linux?.cgroupsPath = podCgroup + "/sandbox"
        s.linux?.resources = OCISpec.Resources(cpu: OCISpec.CPU(shares: 2))
        s.linux?.sysctl = sysctls(pod)
        // The sandbox needs no mounts beyond /proc and /dev.
        s.mounts = s.mounts?.filter { ["/proc", "/dev"].contains($0.destination) }
        s.annotations = annotations(pod, container: nil, restartCount: 0)
        return s
    }

    static func sysctls(_ pod: Pod) -> [String: String]? {
        guard let list = pod.spec.securityContext?.sysctls, !list.isEmpty else { return nil }
        var out: [String: String] = [:]
        for s in list { out[s.name] = s.value }
        return out
    }

    static func annotations(_ pod: Pod, container: String?, restartCount: Int) -> [String: String] {
        var a = [
            "io.kubernetes.pod.name": pod.metadata.name ?? "",
            "io.kubernetes.pod.namespace": pod.metadata.namespace ?? "default",
            "io.kubernetes.pod.uid": pod.metadata.uid ?? "",
            "io.kubernetes.cri.container-type": container == nil ? "sandbox" : "container",
        ]
        if let c = container {
            a["io.kubernetes.container.name"] = c
            a["io.kubernetes.container.restartCount"] = String(restartCount)
        }
        return a
    }

    public struct Inputs: Sendable {
        public var pod: Pod
        public var container: Container
        public var restartCount: Int
        public var sandbox: SandboxRef
        public var env: [(String, String)]
        public var mounts: [ContainerMount]
        public var imageDefaultCommand: [String]
        public var terminationLogPath: String
        public var containerID: String
        public var machineMemory: Int64
        /// Unset seccompProfile means RuntimeDefault on this node (like the kubelet's --seccomp-default).
        public var seccompDefault: Bool

        public init(pod: Pod, container: Container, restartCount: Int, sandbox: SandboxRef, env: [(String, String)],
                    mounts: [ContainerMount], imageDefaultCommand: [String], terminationLogPath: String, containerID: String,
                    machineMemory: Int64, seccompDefault: Bool = true) {
            self.pod = pod; self.container = container; self.restartCount = restartCount; self.sandbox = sandbox
            self.env = env; self.mounts = mounts; self.imageDefaultCommand = imageDefaultCommand
            self.terminationLogPath = terminationLogPath; self.containerID = containerID
            self.machineMemory = machineMemory; self.seccompDefault = seccompDefault
        }
    }

    /// An app or init container. Throws ContainerConfigError for settings that cannot run.
    public static func container(_ i: Inputs) throws -> OCISpec {
        let c = i.container
        let podSC = i.pod.spec.securityContext
        let sc = c.securityContext
        let privileged = sc?.privileged ?? false
        let args = argv(command: c.command, args: c.args, imageDefault: i.imageDefaultCommand)
        var s = DefaultSpec.make(args: args, rootfs: "rootfs")
        s.hostname = nil

        // Identity.
        let uid = sc?.runAsUser ?? podSC?.runAsUser ?? 0
        let gid = sc?.runAsGroup ?? podSC?.runAsGroup ?? 0
        if (sc?.runAsNonRoot ?? podSC?.runAsNonRoot) == true && uid == 0 {
            throw ContainerConfigError("container has runAsNonRoot and image will run as root (pod: \"\(i.pod.metadata.name ?? "")_\(i.pod.metadata.namespace ?? "default")(\(i.pod.metadata.uid ?? ""))\", container: \(c.name))")
        }
        guard uid >= 0, uid <= Int64(UInt32.max), gid >= 0, gid <= Int64(UInt32.max) else {
            throw ContainerConfigError("runAsUser/runAsGroup out of range")
        }
        var groups = (podSC?.supplementalGroups ?? []).compactMap { UInt32(exactly: $0) }
        if let fs = podSC?.fsGroup, let g = UInt32(exactly: fs), !groups.contains(g) { groups.append(g) }
        s.process?.user = OCISpec.User(uid: UInt32(uid), gid: UInt32(gid), additionalGids: groups.isEmpty ? nil : groups)
        s.process?.cwd = c.workingDir.flatMap { $0.isEmpty ? nil : $0 } ?? "/"
        var env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=\(hostname(i.pod))"]
        for (k, v) in i.env {
            env.removeAll { $0.hasPrefix(k + "=") }
            env.append("\(k)=\(v)")
        }
        s.process?.env = env
        s.process?.terminal = c.tty ?? false

        // Privileges.
        if privileged {
            s.process?.capabilities = OCISpec.Capabilities(bounding: allCapabilities, effective: allCapabilities, inheritable: nil,
                                                           permitted: allCapabilities, ambient: nil)
            s.linux?.maskedPaths = []
            s.linux?.readonlyPaths = []
            s.mounts = s.mounts?.map { m in
                var m = m
                if m.destination == "/sys" || m.destination == "/sys/fs/cgroup" { m.options = m.options?.filter { $0 != "ro" } }
                return m
            }
        } else {
            var caps = Set(Capabilities.containerdDefaults)
            let add = (sc?.capabilities?.add ?? []).map(capName)
            let drop = (sc?.capabilities?.drop ?? []).map(capName)
            if drop.contains("CAP_ALL") { caps = [] }
            for d in drop { caps.remove(d) }
            if add.contains("CAP_ALL") { caps = Set(allCapabilities) }
            for a in add where a != "CAP_ALL" { caps.insert(a) }
            let list = caps.sorted()
            // Non-root processes get the bounding set only; root gets them effective as well.
            s.process?.capabilities = OCISpec.Capabilities(bounding: list, effective: uid == 0 ? list : [], inheritable: nil,
                                                           permitted: uid == 0 ? list : [], ambient: nil)
        }
        s.process?.noNewPrivileges = !privileged && sc?.allowPrivilegeEscalation == false
        let profile = sc?.seccompProfile ?? podSC?.seccompProfile
        switch profile?.type {
        case "Unconfined": s.linux?.seccomp = nil
        case "RuntimeDefault": break
        case "Localhost": throw ContainerConfigError("seccompProfile Localhost is not supported by this node")
        default: if privileged || !i.seccompDefault { s.linux?.seccomp = nil }
        }
        if privileged && profile?.type != "RuntimeDefault" { s.linux?.seccomp = nil }
        s.root?.readonly = sc?.readOnlyRootFilesystem ?? false

        // Namespaces: the sandbox's net, ipc and uts; pid shared with shareProcessNamespace.
        let p = i.sandbox.pausePid
        var ns: [OCISpec.Namespace] = [OCISpec.Namespace(type: "mount"), OCISpec.Namespace(type: "cgroup"),
                                       OCISpec.Namespace(type: "ipc", path: "/proc/\(p)/ns/ipc"),
                                       OCISpec.Namespace(type: "uts", path: "/proc/\(p)/ns/uts")]
        if !i.sandbox.hostNetwork { ns.append(OCISpec.Namespace(type: "network", path: "/proc/\(p)/ns/net")) }
        ns.append(i.pod.spec.shareProcessNamespace == true ? OCISpec.Namespace(type: "pid", path: "/proc/\(p)/ns/pid")
                                                           : OCISpec.Namespace(type: "pid"))
        s.linux?.namespaces = ns

        // Mounts: the pod's /etc files, the termination log, then volumes.
        var mounts = s.mounts ?? []
        func bind(_ src: String, _ dst: String, ro: Bool, propagation: String = "rprivate") -> OCISpec.Mount {
            OCISpec.Mount(destination: dst, type: "bind", source: src, options: ["rbind", propagation] + (ro ? ["ro"] : ["rw"]))
        }
        let declared = Set(i.mounts.map(\.destination))
        if !declared.contains("/etc/hosts") { mounts.append(bind(i.sandbox.hostsFile, "/etc/hosts", ro: false)) }
        if !declared.contains("/etc/resolv.conf") { mounts.append(bind(i.sandbox.resolvConf, "/etc/resolv.conf", ro: false)) }
        if !declared.contains("/etc/hostname") { mounts.append(bind(i.sandbox.hostnameFile, "/etc/hostname", ro: false)) }
        let termPath = c.terminationMessagePath.flatMap { $0.isEmpty ? nil : $0 } ?? "/dev/termination-log"
        mounts.append(bind(i.terminationLogPath, termPath, ro: false))
        for m in i.mounts { mounts.append(bind(m.source, m.destination, ro: m.readOnly, propagation: m.propagation)) }
        s.mounts = mounts

        // Resources.
        let qos = PodResources.qosClass(i.pod.spec)
        let r = PodResources.containerCgroup(c)
        var res = s.linux?.resources ?? OCISpec.Resources()
        res.cpu = OCISpec.CPU(shares: r.cpuShares, quota: r.cpuQuota, period: r.cpuPeriod)
        if r.memoryLimit != nil { res.memory = OCISpec.Memory(limit: r.memoryLimit, swap: r.memorySwap) }
        s.linux?.resources = res
        s.linux?.cgroupsPath = i.sandbox.podCgroup + "/" + i.containerID
        s.process?.oomScoreAdj = PodResources.oomScoreAdj(c, qos: qos, machineMemory: i.machineMemory)
        s.annotations = annotations(i.pod, container: c.name, restartCount: i.restartCount)
        return s
    }

    /// `NET_ADMIN` → `CAP_NET_ADMIN`; `ALL` stays recognisable as `CAP_ALL`.
    static func capName(_ n: String) -> String {
        let u = n.uppercased()
        return u.hasPrefix("CAP_") ? u : "CAP_" + u
    }
}
