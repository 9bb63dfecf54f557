import Foundation
import Logging
import SkiffAPI
import SkiffCgroups
import SkiffRuntime
#if canImport(Glibc)
import Glibc
#endif

/// A pod's sandbox as the node knows it.
public struct SandboxState: Sendable, Equatable {
    public var id: String
    public var pausePid: Int32
    public var podIPs: [String]
    public var running: Bool
}

/// One container of a pod as the runtime reports it.
public struct RuntimeContainer: Sendable, Equatable {
    public var id: String
    public var name: String
    public var restartCount: Int
    public var status: String        // creating, created, running, stopped
    public var pid: Int32
    public var createdAt: String
    public var startedAt: Double?
    public var finishedAt: Double?
    public var exitCode: Int32?
    /// Completed, Error, OOMKilled...
    public var exitReason: String?
    public var logPath: String?
    /// What the container wrote to its terminationMessagePath (at most 4 KiB).
    public var terminationMessage: String?
}

public struct PodRuntimeError: Error, CustomStringConvertible {
    public var reason: String   // the container Waiting reason (CreateContainerError, ...)
    public var message: String
    public var description: String { "\(reason): \(message)" }
}

/// The node's side of the CRI: sandboxes (pause + CNI + pod cgroup + per-pod /etc files) and
/// containers (overlay root, OCI spec, log file) made with the Skiff runtime library. All state
/// is on disk (the runtime's state dirs and their annotations), so a restarted kubelet finds
/// its pods again.
public actor PodRuntime {
    private var rootListing: (mtime: Double, takenAt: Double, ids: [String])?
    public let runtime: Runtime
    public let rootDir: String
    public let logDir: String
    public let images: ImageStore
    public let cni: CNINetwork?
    public let cgroupRoot: String
    /// The lowest oom_score_adj this process may hand out: lowering a score needs
    /// CAP_SYS_RESOURCE, which some hosts withhold even from root; then our own score is the floor.
    public let oomScoreFloor: Int
    let logger = Logger(label: "skiff.kubelet.runtime")

    /// Container log files rotate past this size (0: never).
    public let logMaxBytes: Int64
    public let logMaxFiles: Int

    public init(runtime: Runtime, rootDir: String, logDir: String, images: ImageStore, cni: CNINetwork?, cgroupRoot: String = "/kubepods",
                logMaxBytes: Int64 = 0, logMaxFiles: Int = 0) {
        self.runtime = runtime; self.rootDir = rootDir; self.logDir = logDir; self.images = images; self.cni = cni
        self.logMaxBytes = logMaxBytes
        self.logMaxFiles = logMaxFiles
        self.cgroupRoot = cgroupRoot
        self.oomScoreFloor = Self.readOOMScoreFloor()
    }

    static func readOOMScoreFloor() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
           let mask = UInt64(line.dropFirst("CapEff:".count).trimmingCharacters(in: .whitespaces), radix: 16),
           mask & (1 << 24) != 0 {
            return -1000
        }
        let own = (try? String(contentsOfFile: "/proc/self/oom_score_adj", encoding: .utf8))
        return Int(own?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }

    func clampOOM(_ spec: inout OCISpec) {
        if let adj = spec.process?.oomScoreAdj, adj < oomScoreFloor { spec.process?.oomScoreAdj = oomScoreFloor }
    }

    public nonisolated func podDir(_ uid: String) -> String { "\(rootDir)/pods/\(uid)" }
    nonisolated func sandboxID(_ uid: String) -> String { "pod-\(uid)" }
    nonisolated func containerID(_ uid: String, _ name: String, _ restart: Int) -> String { "ctr-\(uid)-\(name)-\(restart)" }

    public nonisolated func podCgroup(_ pod: Pod) -> String {
        PodResources.podCgroupPath(uid: pod.metadata.uid ?? "", qos: PodResources.qosClass(pod.spec), root: cgroupRoot)
    }

    // MARK: sandbox

    /// The pod's sandbox if one exists (running or not).
    public func sandbox(uid: String) -> SandboxState? {
        guard let st = try? runtime.state(id: sandboxID(uid)) else { return nil }
        let ips = (try? String(contentsOfFile: podDir(uid) + "/pod-ips", encoding: .utf8))?
            .split(separator: "\n").map(String.init) ?? []
        return SandboxState(id: st.id, pausePid: st.pid, podIPs: ips, running: st.status == .running)
    }

    /// Creates the sandbox: pod cgroup, pause process with fresh namespaces, the pod's network
    /// through CNI, and /etc/hosts, /etc/resolv.conf and /etc/hostname for its containers.
    public func startSandbox(pod: Pod, dns: PodNetworkFiles.DNSSettings, clusterDomain: String, hostIPs: [String]) async throws -> SandboxState {
        let uid = pod.metadata.uid ?? ""
        let dir = podDir(uid)
        try FileManager.default.createDirectory(atPath: dir + "/containers", withIntermediateDirectories: true)
        let pause: LocalImage
        do { pause = try images.resolve("pause") } catch {
            throw PodRuntimeError(reason: "CreatePodSandboxError", message: "pause image: \(error)")
        }
        // Pod cgroup with the pod-level limits.
        let cgPath = podCgroup(pod)
        do {
            let cg = try Cgroups.manager(path: cgPath)
            try cg.create()
            try cg.apply(PodResources.podCgroup(pod.spec))
        } catch {
            throw PodRuntimeError(reason: "CreatePodSandboxError", message: "pod cgroup \(cgPath): \(error)")
        }
        let id = sandboxID(uid)
        if let old = try? runtime.state(id: id) {
            logger.info("replacing dead sandbox \(id) (status \(old.status))")
            try? runtime.delete(id: id, force: true)
        }
        var spec = ContainerSpecBuilder.sandbox(pod: pod, pauseRootfs: pause.rootfs, podCgroup: cgPath)
        clampOOM(&spec)
        let state: SkiffRuntime.ContainerState
        do {
            state = try runtime.create(id: id, bundle: dir, options: .init(logPath: dir + "/sandbox.log", spec: spec))
            try runtime.start(id: id)
        } catch {
            try? runtime.delete(id: id, force: true)
            throw PodRuntimeError(reason: "CreatePodSandboxError", message: "\(error)")
        }
        var ips: [String] = []
        if pod.spec.hostNetwork == true {
            ips = hostIPs
        } else if let cni {
            let a = attachment(pod, pausePid: state.pid)
            do {
                ips = try await cni.add(a).podIPs
            } catch {
                try? runtime.delete(id: id, force: true)
                throw PodRuntimeError(reason: "CreatePodSandboxError", message: "failed to set up sandbox network: \(error)")
            }
        }
        try ips.joined(separator: "\n").write(toFile: dir + "/pod-ips", atomically: true, encoding: .utf8)
        let hostname = ContainerSpecBuilder.hostname(pod)
        let hosts = PodNetworkFiles.hosts(podIPs: ips, hostname: hostname, subdomain: pod.spec.subdomain,
                                          namespace: pod.metadata.namespace ?? "default", clusterDomain: clusterDomain,
                                          hostAliases: (pod.spec.hostAliases ?? []).map { (ip: $0.ip ?? "", hostnames: $0.hostnames ?? []) })
        try hosts.write(toFile: dir + "/etc-hosts", atomically: true, encoding: .utf8)
        try PodNetworkFiles.resolvConf(dns).write(toFile: dir + "/resolv.conf", atomically: true, encoding: .utf8)
        try (hostname + "\n").write(toFile: dir + "/hostname", atomically: true, encoding: .utf8)
        logger.info("sandbox \(id) up: pause pid \(state.pid), ips \(ips)")
        return SandboxState(id: id, pausePid: state.pid, podIPs: ips, running: true)
    }

    func attachment(_ pod: Pod, pausePid: Int32) -> CNIAttachment {
        var ports: [CNIPortMapping] = []
        for c in pod.spec.containers {
            for p in c.ports ?? [] {
                if let hp = p.hostPort, hp > 0 {
                    ports.append(CNIPortMapping(hostPort: Int(hp), containerPort: Int(p.containerPort), proto: p.protocol ?? "TCP", hostIP: p.hostIP))
                }
            }
        }
        return CNIAttachment(containerID: sandboxID(pod.metadata.uid ?? ""), netnsPath: pausePid > 0 ? "/proc/\(pausePid)/ns/net" : "",
                             podNamespace: pod.metadata.namespace ?? "default", podName: pod.metadata.name ?? "", portMappings: ports)
    }

    /// Tears the whole pod down: containers, network, pause, volumes' mounts stay with the
    /// volume manager; the pod cgroup and directory go. Idempotent, also after a crash.
    public func removePod(pod: Pod) async {
        let uid = pod.metadata.uid ?? ""
        for c in containers(uid: uid) {
            try? runtime.delete(id: c.id, force: true)
        }
        let sb = sandbox(uid: uid)
        if let cni, pod.spec.hostNetwork != true {
            let a = attachment(pod, pausePid: (sb?.running ?? false) ? (sb?.pausePid ?? 0) : 0)
            do { try await cni.del(a) } catch { logger.warning("CNI DEL for \(uid): \(error)") }
        }
        if sb != nil { try? runtime.delete(id: sandboxID(uid), force: true) }
        if let cg = try? Cgroups.manager(path: podCgroup(pod)) {
            try? cg.killAll(signal: SIGKILL)
            do { try cg.destroy() } catch { logger.warning("removing pod cgroup: \(error)") }
        }
        // Container overlays were unmounted by delete; remove what is left of the pod's dir.
        try? FileManager.default.removeItem(atPath: podDir(uid) + "/containers")
        for f in ["etc-hosts", "resolv.conf", "hostname", "pod-ips", "sandbox.log"] {
            try? FileManager.default.removeItem(atPath: podDir(uid) + "/" + f)
        }
        try? FileManager.default.removeItem(atPath: podLogDir(pod))
    }

    // MARK: containers

    nonisolated func podLogDir(_ pod: Pod) -> String {
        "\(logDir)/\(pod.metadata.namespace ?? "default")_\(pod.metadata.name ?? "")_\(pod.metadata.uid ?? "")"
    }

    public nonisolated func logPath(_ pod: Pod, container: String, restart: Int) -> String {
        "\(podLogDir(pod))/\(container)/\(restart).log"
    }

    /// The runtime root's entries, listed again only when the directory changed: a resync of
    /// every pod then reads the directory once, not once per pod. The directory's mtime comes
    /// from a coarse clock, so a listing is trusted only when taken well after that mtime (a
    /// change in the same tick would otherwise go unseen).
    func runtimeIDs() -> [String] {
        var sb = stat()
        guard stat(runtime.root, &sb) == 0 else { return [] }
        let mtime = Double(sb.st_mtim.tv_sec) + Double(sb.st_mtim.tv_nsec) / 1e9
        if let cached = rootListing, cached.mtime == mtime, cached.takenAt > mtime + 0.05 { return cached.ids }
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let ids = (try? FileManager.default.contentsOfDirectory(atPath: runtime.root)) ?? []
        rootListing = (mtime, Double(now.tv_sec) + Double(now.tv_nsec) / 1e9, ids)
        return ids
    }

    /// Every container of the pod the runtime holds (all restarts), newest restart last.
    public func containers(uid: String) -> [RuntimeContainer] {
        // Only this pod's state dirs (ids are ctr-<uid>-<name>-<n>): a resync of every pod stays
        // linear in the number of containers instead of reading the whole runtime each time.
        let prefix = "ctr-\(uid)-"
        let ids = runtimeIDs().filter { $0.hasPrefix(prefix) }
        return ids.compactMap { try? runtime.state(id: $0) }.compactMap { st -> RuntimeContainer? in
            let a = st.annotations ?? [:]
            guard a["io.kubernetes.pod.uid"] == uid, a["io.kubernetes.cri.container-type"] == "container",
                  let name = a["io.kubernetes.container.name"] else { return nil }
            var finished: Double?
            if st.status == .stopped {
                var sb = stat()
                if stat(StateDir(root: runtime.root, id: st.id).exitFile, &sb) == 0 {
                    finished = Double(sb.st_mtim.tv_sec) + Double(sb.st_mtim.tv_nsec) / 1e9
                }
            }
            return RuntimeContainer(id: st.id, name: name, restartCount: Int(a["io.kubernetes.container.restartCount"] ?? "0") ?? 0,
                                    status: st.status.rawValue, pid: st.pid, createdAt: st.created,
                                    startedAt: CRILogLine.parseTime(Substring(st.created)), finishedAt: finished,
                                    exitCode: st.exitCode, exitReason: st.exitReason, logPath: nil,
                                    terminationMessage: st.status == .stopped ? terminationMessage(uid, name, a) : nil)
        }.sorted { ($0.name, $0.restartCount) < ($1.name, $1.restartCount) }
    }

    nonisolated func terminationMessage(_ uid: String, _ name: String, _ a: [String: String]) -> String? {
        let path = "\(podDir(uid))/containers/\(name)/\(a["io.kubernetes.container.restartCount"] ?? "0")/termination-log"
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { return nil }
        return String(decoding: data.prefix(4096), as: UTF8.self)
    }

    /// Creates and starts one container in the sandbox. Returns its runtime id.
    public func startContainer(pod: Pod, container: Container, restartCount: Int, sandbox: SandboxState,
                               env: [(String, String)], mounts: [ContainerMount], machineMemory: Int64) throws -> String {
        let uid = pod.metadata.uid ?? ""
        let image: LocalImage
        do { image = try images.resolve(container.image ?? "") } catch {
            throw PodRuntimeError(reason: "ErrImagePull", message: "\(error)")
        }
        let id = containerID(uid, container.name, restartCount)
        let cdir = "\(podDir(uid))/containers/\(container.name)/\(restartCount)"
        try? runtime.delete(id: id, force: true)
        try? FileManager.default.removeItem(atPath: cdir)
        try FileManager.default.createDirectory(atPath: cdir, withIntermediateDirectories: true)
        let termLog = cdir + "/termination-log"
        FileManager.default.createFile(atPath: termLog, contents: nil)
        let log = logPath(pod, container: container.name, restart: restartCount)
        try FileManager.default.createDirectory(atPath: (log as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let dir = podDir(uid)
        let ref = SandboxRef(pausePid: sandbox.pausePid, hostNetwork: pod.spec.hostNetwork == true, hostsFile: dir + "/etc-hosts",
                             resolvConf: dir + "/resolv.conf", hostnameFile: dir + "/hostname", podCgroup: podCgroup(pod))
        let inputs = ContainerSpecBuilder.Inputs(pod: pod, container: container, restartCount: restartCount, sandbox: ref, env: env,
                                                 mounts: mounts, imageDefaultCommand: image.defaultCommand, terminationLogPath: termLog,
                                                 containerID: id, machineMemory: machineMemory)
        var spec: OCISpec
        do { spec = try ContainerSpecBuilder.container(inputs) } catch {
            throw PodRuntimeError(reason: "CreateContainerConfigError", message: "\(error)")
        }
        clampOOM(&spec)
        spec.annotations?["io.kubernetes.image"] = image.reference
        spec.annotations?["io.kubernetes.image.id"] = image.imageID
        let overlay = OverlayRoot(lowerDirs: [image.rootfs], containerDir: cdir)
        do {
            try runtime.create(id: id, bundle: cdir, options: .init(logPath: log, spec: spec, overlay: overlay, logMaxBytes: logMaxBytes, logMaxFiles: logMaxFiles))
        } catch {
            throw PodRuntimeError(reason: "CreateContainerError", message: "\(error)")
        }
        do { try runtime.start(id: id) } catch {
            try? runtime.delete(id: id, force: true)
            throw PodRuntimeError(reason: "RunContainerError", message: "\(error)")
        }
        logger.info("started container \(container.name) of \(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "") as \(id)")
        return id
    }

    /// SIGTERM (or the image's stop signal), then SIGKILL to everything in the container's
    /// cgroup once `grace` seconds have passed.
    public func stopContainer(id: String, grace: Double) async {
        guard let st = try? runtime.state(id: id), st.status == .running || st.status == .created else { return }
        try? runtime.kill(id: id, signal: SIGTERM)
        let deadline = Date().addingTimeInterval(max(grace, 0))
        while Date() < deadline {
            if let s = try? runtime.state(id: id), s.status == .stopped { return }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
        try? runtime.kill(id: id, signal: SIGKILL, all: true)
        for _ in 0..<100 {
            if let s = try? runtime.state(id: id), s.status == .stopped { return }
            try? await Task.sleep(nanoseconds: 20_000_000)
        }
    }

    public func removeContainer(id: String) {
        try? runtime.delete(id: id, force: true)
    }

    /// Runs a command in a container (exec probes, preStop hooks) and returns its exit code
    /// and combined output, killing it after `timeout` seconds.
    public func execSync(id: String, command: [String], timeout: Double) async -> (code: Int32, output: String) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return (126, "pipe: \(String(cString: strerror(errno)))") }
        let devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { if devnull >= 0 { close(devnull) } }
        var proc = OCISpec.Process(user: OCISpec.User(uid: 0, gid: 0), args: command, cwd: "/")
        if let st = try? runtime.state(id: id), let spec = try? SpecLoader.load(bundle: st.bundle), let p = spec.process {
            proc.user = p.user; proc.env = p.env; proc.capabilities = p.capabilities; proc.noNewPrivileges = p.noNewPrivileges
            proc.cwd = p.cwd
        }
        let pid: Int32
        do {
            pid = try runtime.exec(id: id, process: proc, stdio: Runtime.Stdio(stdin: devnull, stdout: fds[1], stderr: fds[1]))
        } catch {
            close(fds[0]); close(fds[1])
            return (126, "\(error)")
        }
        close(fds[1])
        let readFD = fds[0]
        let rt = runtime
        return await withCheckedContinuation { cont in
            DispatchQueue.global().async {
                let killer = DispatchWorkItem { _ = kill(pid, SIGKILL) }
                DispatchQueue.global().asyncAfter(deadline: .now() + max(timeout, 0.1), execute: killer)
                var out = [UInt8]()
                var buf = [UInt8](repeating: 0, count: 4096)
                while true {
                    let n = read(readFD, &buf, buf.count)
                    if n <= 0 { break }
                    if out.count < 64 * 1024 { out.append(contentsOf: buf[0..<n]) }
                }
                close(readFD)
                let code = rt.waitProcess(pid)
                killer.cancel()
                cont.resume(returning: (code, String(decoding: out, as: UTF8.self)))
            }
        }
    }
}
