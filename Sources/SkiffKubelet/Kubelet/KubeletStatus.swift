import Foundation
import SkiffAPI
import SkiffClient

extension Kubelet {
    /// The status of one container from its newest instance (and the one before it).
    func containerStatus(_ pod: Pod, _ c: Container, records: [RuntimeContainer], isInit: Bool) -> ContainerStatus {
        let uid = pod.metadata.uid ?? ""
        let mine = records.filter { $0.name == c.name }
        let latest = mine.last
        let previous = mine.count > 1 ? mine[mine.count - 2] : nil
        var st = ContainerStatus(name: c.name, ready: false, restartCount: Int32(latest?.restartCount ?? 0),
                                 image: c.image ?? "", imageID: "")
        if let img = try? podRuntime.images.resolve(c.image ?? "") { st.imageID = img.imageID }
        guard let l = latest else {
            let err = lastErrors["\(uid)/\(c.name)"]
            let reason = err?.reason ?? (isInit ? "PodInitializing" : "ContainerCreating")
            st.state = ContainerState(waiting: ContainerStateWaiting(reason: reason, message: err?.message))
            st.started = false
            return st
        }
        st.containerID = "skiff://" + l.id
        switch l.status {
        case "running", "created":
            st.state = ContainerState(running: ContainerStateRunning(startedAt: ContainerDecisions.time(l.startedAt)))
            if let p = previous, p.status == "stopped" { st.lastState = ContainerState(terminated: ContainerDecisions.terminated(p)) }
            let startupOK = c.startupProbe == nil || probeResults[l.id + "/startup"] == .success
            st.started = startupOK
            st.ready = !isInit && startupOK && (c.readinessProbe == nil || probeResults[l.id + "/readiness"] == .success)
        default:
            let term = ContainerDecisions.terminated(l)
            let policy = isInit && pod.spec.restartPolicy == "Always" ? "OnFailure" : pod.spec.restartPolicy
            let restarts = ContainerDecisions.shouldRestart(policy: policy, exitCode: term.exitCode) && !(isInit && term.exitCode == 0)
            if restarts {
                let key = "\(uid)/\(c.name)"
                let backingOff = backoff.isBackingOff(key, now: Date().timeIntervalSince1970)
                let delay = Int(backoff.entry(key)?.delay ?? 10)
                st.state = ContainerState(waiting: ContainerStateWaiting(
                    reason: backingOff ? "CrashLoopBackOff" : "ContainerCreating",
                    message: backingOff ? "back-off \(delay)s restarting failed container=\(c.name) pod=\(pod.metadata.name ?? "")_\(pod.metadata.namespace ?? "default")(\(uid))" : nil))
                st.lastState = ContainerState(terminated: term)
                if backingOff, lastErrors["\(uid)/\(c.name)/backoff-\(l.id)"] == nil {
                    lastErrors["\(uid)/\(c.name)/backoff-\(l.id)"] = PodRuntimeError(reason: "BackOff", message: "")
                    recorder.post(pod, type: "Warning", reason: "BackOff",
                                  message: "Back-off restarting failed container \(c.name) in pod \(pod.metadata.name ?? "")_\(pod.metadata.namespace ?? "default")(\(uid))",
                                  fieldPath: "spec.containers{\(c.name)}")
                }
            } else {
                st.state = ContainerState(terminated: term)
                if let p = previous, p.status == "stopped" { st.lastState = ContainerState(terminated: ContainerDecisions.terminated(p)) }
            }
            st.started = false
        }
        return st
    }

    /// Computes the pod's status and writes it through the status subresource when it changed.
    func writeStatus(_ pod: Pod, sandbox: SandboxState?, waitingReason: (String, String)?) async {
        guard let uid = pod.metadata.uid, let client else { return }
        let records = await podRuntime.containers(uid: uid)
        var status = pod.status
        let inits = (pod.spec.initContainers ?? []).map { containerStatus(pod, $0, records: records, isInit: true) }
        var apps = pod.spec.containers.map { containerStatus(pod, $0, records: records, isInit: false) }
        if let (reason, message) = waitingReason {
            apps = apps.map { s in
                var s = s
                if s.state?.running == nil && s.state?.terminated == nil {
                    s.state = ContainerState(waiting: ContainerStateWaiting(reason: reason, message: message))
                }
                return s
            }
        }
        status.initContainerStatuses = inits.isEmpty ? nil : inits
        status.containerStatuses = apps
        let phase = PodPhase.phase(spec: pod.spec, initStatuses: inits, statuses: apps)
        status.phase = phase
        status.conditions = PodPhase.conditions(spec: pod.spec, phase: phase, initStatuses: inits, statuses: apps,
                                                old: sentStatus[uid]?.conditions ?? pod.status.conditions ?? [], now: Time.now())
        if let sb = sandbox, !sb.podIPs.isEmpty {
            status.podIP = sb.podIPs.first
            status.podIPs = sb.podIPs.map { PodIP(ip: $0) }
        }
        if let host = config.nodeIPs.first {
            status.hostIP = host
            status.hostIPs = config.nodeIPs.map { HostIP(ip: $0) }
        }
        status.startTime = startTimes[uid] ?? pod.status.startTime
        status.qosClass = PodResources.qosClass(pod.spec).rawValue
        let isStatic = StaticPodSource.isStatic(pod)
        if isStatic { await ensureMirror(of: pod, client: client) }
        if sentStatus[uid] == status { return }
        // The first try writes over the pod as the watch (or the last write) left it, saving a
        // GET on the start-up path; a conflict means it was stale, and the next tries read first.
        for attempt in 0..<4 {
            do {
                var latest: Pod
                if attempt == 0 {
                    guard !isStatic, let cached = pods[uid], cached.metadata.uid == uid, cached.metadata.resourceVersion != nil else { continue }
                    latest = cached
                } else {
                    latest = try await client.get(Pod.self, namespace: pod.metadata.namespace ?? "default", name: pod.metadata.name ?? "")
                }
                if isStatic {
                    guard latest.metadata.annotations?[StaticPodSource.mirrorAnnotation] == pod.metadata.annotations?[StaticPodSource.hashAnnotation] else { return }
                } else {
                    guard latest.metadata.uid == uid else { return }
                }
                latest.status = status
                let out = try await client.updateStatus(latest)
                sentStatus[uid] = status
                if !isStatic, pods[uid] != nil, out.metadata.deletionTimestamp == nil { pods[uid] = out }
                return
            } catch let e as ClientError where e.code == 409 && attempt < 3 {
                continue
            } catch let e as ClientError where e.code == 404 {
                return
            } catch {
                logger.warning("status update of \(pod.metadata.name ?? uid): \(error)")
                return
            }
        }
    }
}

extension Kubelet {
    /// Makes the API show a static pod: a mirror pod of the same name carrying its config hash,
    /// replaced when it belongs to an older version of the manifest (or was deleted by a user).
    func ensureMirror(of pod: Pod, client: SkiffClient) async {
        let ns = pod.metadata.namespace ?? "default", name = pod.metadata.name ?? ""
        let hash = pod.metadata.annotations?[StaticPodSource.hashAnnotation]
        do {
            let existing = try await client.get(Pod.self, namespace: ns, name: name)
            if existing.metadata.annotations?[StaticPodSource.mirrorAnnotation] == hash, existing.metadata.deletionTimestamp == nil { return }
            try? await client.delete(Pod.self, namespace: ns, name: name, options: DeleteOptions(gracePeriodSeconds: 0))
        } catch let e as ClientError where e.code == 404 {
        } catch {
            logger.warning("mirror pod \(ns)/\(name): \(error)")
            return
        }
        do {
            _ = try await client.create(StaticPodSource.mirror(of: pod, nodeUID: nodeUID), namespace: ns)
            sentStatus[pod.metadata.uid ?? ""] = nil
            logger.info("created mirror pod \(ns)/\(name)")
        } catch {
            logger.warning("creating mirror pod \(ns)/\(name): \(error)")
        }
    }

    func deleteMirror(of pod: Pod, client: SkiffClient) async {
        let ns = pod.metadata.namespace ?? "default", name = pod.metadata.name ?? ""
        guard let existing = try? await client.get(Pod.self, namespace: ns, name: name),
              existing.metadata.annotations?[StaticPodSource.mirrorAnnotation] == pod.metadata.annotations?[StaticPodSource.hashAnnotation] else { return }
        try? await client.delete(Pod.self, namespace: ns, name: name,
                                 options: DeleteOptions(gracePeriodSeconds: 0, preconditions: Preconditions(uid: existing.metadata.uid)))
    }
}
