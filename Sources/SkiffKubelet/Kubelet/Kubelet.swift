import Foundation
import Logging
import SkiffAPI
import SkiffClient
import SkiffRuntime
import SkiffStats
#if canImport(Glibc)
import Glibc
#endif

/// The node agent: watches the pods bound to its node and makes them real — a level-triggered
/// sync per pod (one worker each) that reconciles what the API wants with what the runtime
/// holds, probes containers, and writes pod status and events back through the API.
public actor Kubelet {
    public nonisolated let config: KubeletConfig
    let client: SkiffClient?
    public let podRuntime: PodRuntime
    let recorder: EventRecorder
    let logger = Logger(label: "skiff.kubelet")
    let facts: NodeFacts

    var workers: PodWorkers<String, Pod>?
    var pods: [String: Pod] = [:]
    var backoff = RestartBackoff()
    var accountedExits = Set<String>()
    var lastErrors: [String: PodRuntimeError] = [:]
    var sentStatus: [String: PodStatus] = [:]
    var startTimes: [String: Time] = [:]
    var volumesReady = Set<String>()
    var probeResults: [String: ProbeTracker.Result] = [:]
    var probeTasks: [String: Task<Void, Never>] = [:]
    var terminating = Set<String>()
    var services: Informer<Service>?
    var podInformer: Informer<Pod>?
    var backgroundTasks: [Task<Void, Never>] = []
    /// Static pods from --pod-manifest-path, by UID.
    var staticPods: [String: Pod] = [:]
    /// The last good fetch of --manifest-url (kept while the URL cannot be read).
    var urlPods: [Pod] = []
    var manifestClient: SkiffClient?
    var nodeUID: String?
    /// What each pod's last sync found (sandbox and container records), for the stats
    /// collector and the HTTP endpoints without another read of the runtime's state.
    var observed: [String: (sandbox: SandboxState, containers: [RuntimeContainer])] = [:]
    var startRecorded = Set<String>()
    /// The kubelet's own metrics (`/metrics`).
    public nonisolated let metrics = KubeletMetrics.makeRegistry()

    public init(config: KubeletConfig, client: SkiffClient?, runtime: Runtime, cni: CNINetwork?) {
        self.config = config
        self.client = client
        self.facts = NodeFactsReader.read(rootDir: "/")
        let images = ImageStore(directories: config.imageDirs)
        self.podRuntime = PodRuntime(runtime: runtime, rootDir: config.rootDir, logDir: config.logDir, images: images,
                                     cni: cni, cgroupRoot: config.cgroupRoot, logMaxBytes: config.containerLogMaxSize,
                                     logMaxFiles: config.containerLogMaxFiles)
        self.recorder = EventRecorder(client: client, host: config.nodeName)
    }

    // MARK: running

    /// Registers the node, starts the heartbeat, the pod watch and the periodic resync.
    public func start() async throws {
        try FileManager.default.createDirectory(atPath: config.rootDir, withIntermediateDirectories: true)
        let w = PodWorkers<String, Pod> { [self] _, pod in
            let started = ContinuousClock.now
            await self.syncPod(pod)
            self.metrics.observe(KubeletMetrics.podWorkerDuration, labels: ["sync"], (ContinuousClock.now - started).inSeconds)
        }
        workers = w
        if let url = config.manifestURL { manifestClient = SkiffClient(config: ClientConfig(server: url)) }
        if config.podManifestPath != nil || config.manifestURL != nil { await scanStaticPods() }
        if let client {
            let nodeCfg = NodeConfig(nodeName: config.nodeName, podCIDR: config.podCIDR, maxPods: config.maxPods,
                                     internalIPs: config.nodeIPs, kubeletPort: Int32(config.port))
            let agent = NodeAgent(config: nodeCfg, client: client, images: podRuntime.images, rootDir: config.rootDir,
                                  heartbeat: .milliseconds(Int64(config.heartbeatSeconds * 1000)))
            nodeUID = try await agent.register().metadata.uid
            backgroundTasks.append(Task { await agent.run() })

            let svc = Informer<Service>(client: client)
            await svc.start()
            services = svc
            let inf = Informer<Pod>(client: client, params: ListParams(fieldSelector: "spec.nodeName=\(config.nodeName)"))
            await inf.addHandler(InformerHandler<Pod>(
                onAdd: { [self] p in await self.podChanged(p) },
                onUpdate: { [self] _, p in await self.podChanged(p) },
                onDelete: { [self] p in await self.podRemoved(p) }))
            await inf.start()
            podInformer = inf
            _ = await svc.waitForSync()
            if await inf.waitForSync() {
                await cleanupOrphans(known: Set(await inf.list().compactMap { $0.metadata.uid }).union(staticPods.keys))
            }
        }
        if config.podManifestPath != nil || config.manifestURL != nil {
            let poll = config.staticPodPollSeconds
            backgroundTasks.append(Task { [self] in
                while !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: UInt64(poll * 1e9))
                    await self.scanStaticPods()
                }
            })
        }
        let period = config.resyncSeconds
        backgroundTasks.append(Task { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(period * 1e9))
                await self.resyncAll()
            }
        })
        logger.info("kubelet \(config.nodeName) running (root \(config.rootDir))")
    }

    public func stop() async {
        backgroundTasks.forEach { $0.cancel() }
        probeTasks.values.forEach { $0.cancel() }
        await podInformer?.stop()
        await services?.stop()
        await manifestClient?.shutdown()
    }

    /// Reads the manifest directory and URL: new manifests become pods, removed or edited ones
    /// end theirs.
    func scanStaticPods() async {
        var found: [Pod] = []
        if let dir = config.podManifestPath {
            let result = StaticPodSource.load(dir: dir, nodeName: config.nodeName)
            for e in result.errors { logger.warning("static pod manifest skipped: \(e)") }
            found += result.pods
        }
        if let client = manifestClient, let url = config.manifestURL {
            do {
                let data = try await client.send(.GET, "", accept: "application/yaml, application/json, */*")
                urlPods = try StaticPodSource.pods(fromURLManifest: data, nodeName: config.nodeName)
            } catch let e as ClientError where e.code == 404 {
                urlPods = []
            } catch {
                logger.warning("manifest URL \(url) not read (keeping its last pods): \(error)")
            }
            found += urlPods
        }
        let now = Dictionary(found.compactMap { p in p.metadata.uid.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
        for (uid, pod) in now where staticPods[uid] == nil {
            logger.info("static pod \(pod.metadata.namespace ?? "default")/\(pod.metadata.name ?? "") from \(pod.metadata.annotations?[StaticPodSource.sourceAnnotation] ?? "")")
            staticPods[uid] = pod
            pods[uid] = pod
            Task { await workers?.update(uid, pod) }
        }
        for (uid, pod) in staticPods where now[uid] == nil {
            staticPods[uid] = nil
            var gone = pods[uid] ?? pod
            gone.metadata.deletionTimestamp = Time.now()
            gone.metadata.deletionGracePeriodSeconds = gone.spec.terminationGracePeriodSeconds ?? 30
            pods[uid] = gone
            Task { await workers?.update(uid, gone) }
        }
    }

    func podChanged(_ pod: Pod) {
        // Mirror pods only show static pods in the API; the static pod itself is synced. A
        // deleted mirror goes at once (the next status write makes a fresh one).
        if StaticPodSource.isMirror(pod) {
            if pod.metadata.deletionTimestamp != nil, let client, let name = pod.metadata.name {
                Task {
                    try? await client.delete(Pod.self, namespace: pod.metadata.namespace ?? "default", name: name,
                                             options: DeleteOptions(gracePeriodSeconds: 0, preconditions: Preconditions(uid: pod.metadata.uid)))
                }
            }
            return
        }
        guard let uid = pod.metadata.uid else { return }
        pods[uid] = pod
        Task { await workers?.update(uid, pod) }
    }

    func podRemoved(_ pod: Pod) {
        guard let uid = pod.metadata.uid, !StaticPodSource.isMirror(pod) else { return }
        // Deleted from the API without passing through us (force delete): tear it down.
        var gone = pods[uid] ?? pod
        if gone.metadata.deletionTimestamp == nil { gone.metadata.deletionTimestamp = Time.now() }
        gone.metadata.deletionGracePeriodSeconds = 0
        pods[uid] = gone
        Task { await workers?.update(uid, gone) }
    }

    func resyncAll() async {
        for (uid, pod) in pods { await workers?.update(uid, pod) }
    }

    func resync(_ uid: String, after seconds: Double) {
        Task { [self] in
            try? await Task.sleep(nanoseconds: UInt64(max(seconds, 0.01) * 1e9))
            if let pod = await self.pods[uid] { await self.workers?.update(uid, pod) }
        }
    }

    /// Pods the runtime holds that the API no longer knows (deleted while the kubelet was down).
    func cleanupOrphans(known: Set<String>) async {
        var orphanUIDs = Set<String>()
        for st in podRuntime.runtime.list() {
            if let uid = st.annotations?["io.kubernetes.pod.uid"], !known.contains(uid) { orphanUIDs.insert(uid) }
        }
        for uid in orphanUIDs {
            logger.info("removing pod \(uid): no longer in the API")
            var p = Pod()
            p.metadata.uid = uid
            await podRuntime.removePod(pod: p)
            try? VolumeManager(podDir: podRuntime.podDir(uid)).tearDown()
            try? FileManager.default.removeItem(atPath: podRuntime.podDir(uid))
        }
    }

    // MARK: sync

    func syncPod(_ pod: Pod) async {
        guard let uid = pod.metadata.uid else { return }
        if pod.metadata.deletionTimestamp != nil {
            await terminate(pod)
            return
        }
        if Pod.isTerminal(phase: sentStatus[uid]?.phase ?? pod.status.phase) {
            // Finished pods keep their status; their processes and network are released.
            observed[uid] = nil
            if await podRuntime.sandbox(uid: uid)?.running == true {
                await stopAll(pod, grace: 0)
                await podRuntime.removePod(pod: pod)
            }
            return
        }
        do {
            try await ensureVolumes(pod)
        } catch {
            recorder.post(pod, type: "Warning", reason: "FailedMount", message: "\(error)")
            await writeStatus(pod, sandbox: nil, waitingReason: ("ContainerCreating", "\(error)"))
            resync(uid, after: 5)
            return
        }
        var sandbox = await podRuntime.sandbox(uid: uid)
        if sandbox == nil || sandbox?.running == false {
            if sandbox != nil {
                recorder.post(pod, reason: "SandboxChanged", message: "Pod sandbox changed, it will be killed and re-created.")
                await stopAll(pod, grace: 0)
            }
            do {
                sandbox = try await podRuntime.startSandbox(pod: pod, dns: try dnsSettings(pod), clusterDomain: config.clusterDomain,
                                                            hostIPs: config.nodeIPs)
            } catch {
                recorder.post(pod, type: "Warning", reason: "FailedCreatePodSandBox", message: "\(error)")
                await writeStatus(pod, sandbox: nil, waitingReason: ("ContainerCreating", "\(error)"))
                resync(uid, after: 5)
                return
            }
        }
        guard let sb = sandbox else { return }
        if startTimes[uid] == nil { startTimes[uid] = pod.status.startTime ?? Time.now() }
        let now = Date().timeIntervalSince1970
        var records = await podRuntime.containers(uid: uid)
        accountExits(uid: uid, records)

        // Init containers, one after another.
        var initsDone = true
        for c in pod.spec.initContainers ?? [] {
            let latest = records.last { $0.name == c.name }
            if let l = latest, l.status == "stopped", l.exitCode == 0 { continue }
            initsDone = false
            if let l = latest {
                if l.status != "stopped" { break }
                guard ContainerDecisions.shouldRestart(policy: pod.spec.restartPolicy == "Always" ? "OnFailure" : pod.spec.restartPolicy,
                                                       exitCode: l.exitCode ?? 1) else { break }
                let key = "\(uid)/\(c.name)"
                if backoff.isBackingOff(key, now: now) {
                    resync(uid, after: (backoff.entry(key)?.notBefore ?? now) - now)
                    break
                }
                await start(pod, c, restart: l.restartCount + 1, sandbox: sb)
            } else {
                await start(pod, c, restart: 0, sandbox: sb)
            }
            break
        }

        if initsDone {
            for c in pod.spec.containers {
                let latest = records.last { $0.name == c.name }
                guard let l = latest else {
                    await start(pod, c, restart: 0, sandbox: sb)
                    continue
                }
                if l.status == "running" || l.status == "created" {
                    ensureProbes(pod, c, l, sandbox: sb)
                    continue
                }
                if l.status == "stopped" {
                    stopProbes(l.id)
                    guard ContainerDecisions.shouldRestart(policy: pod.spec.restartPolicy, exitCode: l.exitCode ?? 1) else { continue }
                    let key = "\(uid)/\(c.name)"
                    if backoff.isBackingOff(key, now: now) {
                        resync(uid, after: (backoff.entry(key)?.notBefore ?? now) - now + 0.05)
                        continue
                    }
                    await start(pod, c, restart: l.restartCount + 1, sandbox: sb)
                }
            }
        }
        records = await podRuntime.containers(uid: uid)
        await pruneOld(records)
        observed[uid] = (sb, records)
        recordStart(pod, records)
        await writeStatus(pod, sandbox: sb, waitingReason: nil)
    }

    /// Records each container exit once in the CrashLoopBackOff tracker.
    func accountExits(uid: String, _ records: [RuntimeContainer]) {
        for r in records where r.status == "stopped" && !accountedExits.contains(r.id) {
            accountedExits.insert(r.id)
            let started = r.startedAt ?? Date().timeIntervalSince1970
            _ = backoff.containerExited("\(uid)/\(r.name)", startedAt: started, exitedAt: r.finishedAt ?? started)
        }
    }

    /// Keeps the current and the previous instance of each container (for `logs --previous`).
    func pruneOld(_ records: [RuntimeContainer]) async {
        let byName = Dictionary(grouping: records, by: \.name)
        for (_, list) in byName where list.count > 2 {
            for old in list.dropLast(2) { await podRuntime.removeContainer(id: old.id) }
        }
    }

    func start(_ pod: Pod, _ c: Container, restart: Int, sandbox: SandboxState) async {
        let uid = pod.metadata.uid ?? ""
        let key = "\(uid)/\(c.name)"
        do {
            let (env, mounts) = try await containerInputs(pod, c, sandbox: sandbox)
            let image = c.image ?? ""
            if restart == 0 {
                recorder.post(pod, reason: "Pulled", message: "Container image \"\(image)\" already present on machine",
                              fieldPath: "spec.containers{\(c.name)}")
            }
            _ = try await podRuntime.startContainer(pod: pod, container: c, restartCount: restart, sandbox: sandbox, env: env,
                                                    mounts: mounts, machineMemory: Int64(facts.memoryBytes))
            lastErrors[key] = nil
            recorder.post(pod, reason: "Created", message: "Created container: \(c.name)", fieldPath: "spec.containers{\(c.name)}")
            recorder.post(pod, reason: "Started", message: "Started container \(c.name)", fieldPath: "spec.containers{\(c.name)}")
            resync(uid, after: 0.05)
        } catch let e as PodRuntimeError {
            lastErrors[key] = e
            let reason = e.reason == "ErrImagePull" ? "Failed" : "Failed"
            recorder.post(pod, type: "Warning", reason: reason, message: "Error: \(e.message)", fieldPath: "spec.containers{\(c.name)}")
            resync(uid, after: 5)
        } catch {
            lastErrors[key] = PodRuntimeError(reason: "CreateContainerConfigError", message: "\(error)")
            recorder.post(pod, type: "Warning", reason: "Failed", message: "Error: \(error)", fieldPath: "spec.containers{\(c.name)}")
            resync(uid, after: 5)
        }
    }

    func containerInputs(_ pod: Pod, _ c: Container, sandbox: SandboxState) async throws -> ([(String, String)], [ContainerMount]) {
        var p = pod
        p.status.podIP = sandbox.podIPs.first
        p.status.podIPs = sandbox.podIPs.map { PodIP(ip: $0) }
        let resolver = try await resolver(for: p)
        let ns = pod.metadata.namespace ?? "default"
        var links: [ServiceLink] = []
        if let services {
            let svcs = await services.list(namespace: ns) + (ns == "default" ? [] : await services.list(namespace: "default"))
            links = svcs.map { s in
                ServiceLink(name: s.metadata.name ?? "", namespace: s.metadata.namespace ?? "default", clusterIP: s.spec.clusterIP ?? "",
                            ports: (s.spec.ports ?? []).map { ServiceLink.Port(name: $0.name, port: Int($0.port), proto: $0.protocol ?? "TCP") })
            }
        }
        let svcEnv = ServiceEnvironment.variables(for: links, podNamespace: ns, enableServiceLinks: pod.spec.enableServiceLinks ?? true)
        let env: [(String, String)]
        do { env = try resolver.environment(for: c, serviceEnv: svcEnv) } catch {
            throw PodRuntimeError(reason: "CreateContainerConfigError", message: "\(error)")
        }
        let vm = VolumeManager(podDir: podRuntime.podDir(pod.metadata.uid ?? ""))
        let volumes = try vm.setUp(pod: p, resolver: resolver)
        return (env, try vm.mounts(for: c, volumes: volumes))
    }

    func resolver(for pod: Pod) async throws -> EnvironmentResolver {
        let refs = EnvironmentResolver.references(pod.spec)
        let ns = pod.metadata.namespace ?? "default"
        var cms: [String: ConfigMap] = [:], secs: [String: Secret] = [:]
        if let client {
            for n in refs.configMaps { if let cm = try? await client.get(ConfigMap.self, namespace: ns, name: n) { cms[n] = cm } }
            for n in refs.secrets { if let s = try? await client.get(Secret.self, namespace: ns, name: n) { secs[n] = s } }
        }
        let node = NodeContext(nodeName: config.nodeName, hostIPs: config.nodeIPs, allocatableMilliCPU: Int64(facts.cpus) * 1000,
                               allocatableMemory: Int64(facts.memoryBytes), allocatableEphemeralStorage: Int64(facts.ephemeralStorageBytes))
        return EnvironmentResolver(pod: pod, node: node, configMaps: cms, secrets: secs)
    }

    func ensureVolumes(_ pod: Pod) async throws {
        let uid = pod.metadata.uid ?? ""
        guard !volumesReady.contains(uid) else { return }
        let vm = VolumeManager(podDir: podRuntime.podDir(uid))
        _ = try vm.setUp(pod: pod, resolver: try await resolver(for: pod))
        volumesReady.insert(uid)
    }

    func dnsSettings(_ pod: Pod) throws -> PodNetworkFiles.DNSSettings {
        let hostText = (try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8)) ?? ""
        var podCfg: PodNetworkFiles.DNSSettings?
        if let d = pod.spec.dnsConfig {
            podCfg = PodNetworkFiles.DNSSettings(nameservers: d.nameservers ?? [], searches: d.searches ?? [],
                                                 options: (d.options ?? []).map { o in o.value.map { "\(o.name ?? ""):\($0)" } ?? (o.name ?? "") })
        }
        return try PodNetworkFiles.dns(policy: pod.spec.dnsPolicy, hostNetwork: pod.spec.hostNetwork == true,
                                       namespace: pod.metadata.namespace ?? "default", clusterDomain: config.clusterDomain,
                                       clusterDNS: config.clusterDNS, host: PodNetworkFiles.parseResolvConf(hostText), podConfig: podCfg)
    }

    // MARK: termination

    func stopAll(_ pod: Pod, grace: Double) async {
        let uid = pod.metadata.uid ?? ""
        let running = await podRuntime.containers(uid: uid).filter { $0.status != "stopped" }
        await withTaskGroup(of: Void.self) { g in
            for r in running {
                stopProbes(r.id)
                g.addTask { await self.podRuntime.stopContainer(id: r.id, grace: grace) }
            }
        }
    }

    /// Graceful termination: preStop hooks, SIGTERM, the grace period, SIGKILL; then the sandbox,
    /// network, cgroups and volumes go, and the pod is removed from the API (grace 0).
    func terminate(_ pod: Pod) async {
        let uid = pod.metadata.uid ?? ""
        guard !terminating.contains(uid) else { return }
        terminating.insert(uid)
        defer { terminating.remove(uid) }
        let grace = Double(pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30)
        let records = await podRuntime.containers(uid: uid).filter { $0.status != "stopped" }
        let deadline = Date().addingTimeInterval(grace)
        for r in records {
            guard let c = pod.spec.containers.first(where: { $0.name == r.name }) else { continue }
            recorder.post(pod, reason: "Killing", message: "Stopping container \(c.name)", fieldPath: "spec.containers{\(c.name)}")
            if let cmd = c.lifecycle?.preStop?.exec?.command, !cmd.isEmpty, grace > 0 {
                let (code, out) = await podRuntime.execSync(id: r.id, command: cmd, timeout: max(deadline.timeIntervalSinceNow, 0.1))
                if code != 0 {
                    recorder.post(pod, type: "Warning", reason: "FailedPreStopHook",
                                  message: "PreStopHook failed: command '\(cmd.joined(separator: " "))' exited with \(code): \(out)")
                }
            }
        }
        await stopAll(pod, grace: max(deadline.timeIntervalSinceNow, 0))
        observed[uid] = nil
        await podRuntime.removePod(pod: pod)
        do { try VolumeManager(podDir: podRuntime.podDir(uid)).tearDown() } catch {
            logger.warning("volume teardown of \(uid): \(error)")
        }
        try? FileManager.default.removeItem(atPath: podRuntime.podDir(uid))
        if let client, StaticPodSource.isStatic(pod) {
            await deleteMirror(of: pod, client: client)
        } else if let client, let name = pod.metadata.name {
            do {
                try await client.delete(Pod.self, namespace: pod.metadata.namespace ?? "default", name: name,
                                        options: DeleteOptions(gracePeriodSeconds: 0, preconditions: Preconditions(uid: uid)))
            } catch let e as ClientError where e.code == 404 || e.code == 409 {
            } catch {
                logger.warning("finishing deletion of \(name): \(error)")
            }
        }
        pods[uid] = nil
        sentStatus[uid] = nil
        startTimes[uid] = nil
        observed[uid] = nil
        startRecorded.remove(uid)
        volumesReady.remove(uid)
        logger.info("pod \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? "") terminated")
    }
}
