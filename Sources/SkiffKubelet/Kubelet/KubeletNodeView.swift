import Foundation
import SkiffAPI
import SkiffStats

/// What the node's HTTP endpoints and stats collector read from the kubelet: the pods it runs,
/// where their cgroups, logs and volumes are, and which runtime container backs a name. All
/// from the kubelet's memory of its last syncs, so a scrape never reads the runtime's state.
extension Kubelet: StatsTargetSource {
    public func statsTargets() async -> [PodTarget] {
        var out: [PodTarget] = []
        out.reserveCapacity(observed.count)
        for (uid, o) in observed {
            guard let pod = pods[uid], o.sandbox.running else { continue }
            let podCg = podRuntime.podCgroup(pod)
            let podDir = podRuntime.podDir(uid)
            let logBase = podRuntime.podLogDir(pod)
            let containers = o.containers.filter { $0.status == "running" }.map { r -> ContainerTarget in
                let image = (pod.spec.containers + (pod.spec.initContainers ?? [])).first { $0.name == r.name }?.image ?? ""
                return ContainerTarget(name: r.name, id: r.id, cgroupPath: podCg + "/" + r.id, image: image, startTime: r.startedAt ?? 0,
                                       rootfsDir: "\(podDir)/containers/\(r.name)/\(r.restartCount)/upper", logDir: "\(logBase)/\(r.name)")
            }
            let volumes = (pod.spec.volumes ?? []).compactMap { v -> VolumeTarget? in
                let plugin: String
                if v.emptyDir != nil { plugin = "empty-dir" }
                else if v.configMap != nil { plugin = "configmap" }
                else if v.secret != nil { plugin = "secret" }
                else if v.downwardAPI != nil { plugin = "downward-api" }
                else if v.projected != nil { plugin = "projected" }
                else { return nil }
                return VolumeTarget(name: v.name, path: "\(podDir)/volumes/kubernetes.io~\(plugin)/\(v.name)")
            }
            out.append(PodTarget(name: pod.metadata.name ?? "", namespace: pod.metadata.namespace ?? "default", uid: uid,
                                 startTime: (startTimes[uid]?.secondsSinceEpoch).map(Double.init),
                                 cgroupPath: podCg, pausePid: pod.spec.hostNetwork == true ? 0 : o.sandbox.pausePid,
                                 containers: containers, volumes: volumes))
        }
        updateRunningGauges()
        return out.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
    }

    func updateRunningGauges() {
        var running = 0, containers = 0, exited = 0
        for o in observed.values where o.sandbox.running {
            running += 1
            for c in o.containers { if c.status == "running" { containers += 1 } else if c.status == "stopped" { exited += 1 } }
        }
        metrics.set(KubeletMetrics.runningPods, Double(running))
        metrics.set(KubeletMetrics.runningContainers, labels: ["running"], Double(containers))
        metrics.set(KubeletMetrics.runningContainers, labels: ["exited"], Double(exited))
    }

    /// Records the pod's start latency once, when all its containers first run.
    func recordStart(_ pod: Pod, _ records: [RuntimeContainer]) {
        guard let uid = pod.metadata.uid, !startRecorded.contains(uid) else { return }
        let running = Set(records.filter { $0.status == "running" }.map(\.name))
        guard pod.spec.containers.allSatisfy({ running.contains($0.name) }) else { return }
        startRecorded.insert(uid)
        if let created = pod.metadata.creationTimestamp {
            metrics.observe(KubeletMetrics.podStartDuration, max(0, Date().timeIntervalSince1970 - Double(created.secondsSinceEpoch)))
        }
        updateRunningGauges()
    }

    /// The pods this kubelet runs (static pods included), with their last written status.
    public func runningPods() -> [Pod] {
        pods.values.filter { $0.metadata.deletionTimestamp == nil || observed[$0.metadata.uid ?? ""] != nil }.map { p in
            var p = p
            if let s = sentStatus[p.metadata.uid ?? ""] { p.status = s }
            return p
        }.sorted { ($0.metadata.namespace ?? "", $0.metadata.name ?? "") < ($1.metadata.namespace ?? "", $1.metadata.name ?? "") }
    }

    /// The runtime container behind `namespace/pod/container`: the latest instance, or the one
    /// before it with `previous`.
    public func locateContainer(namespace: String, pod name: String, container: String, previous: Bool) async throws -> LocatedContainer {
        guard let pod = pods.values.first(where: { ($0.metadata.namespace ?? "default") == namespace && $0.metadata.name == name }),
              let uid = pod.metadata.uid else {
            throw NodeLookupError.notFound("pod \(namespace)/\(name) is not running on this node")
        }
        let all = (pod.spec.initContainers ?? []) + pod.spec.containers
        guard all.contains(where: { $0.name == container }) else {
            throw NodeLookupError.notFound("container \(container) is not valid for pod \(name)")
        }
        let records = await podRuntime.containers(uid: uid).filter { $0.name == container }
        let chosen: RuntimeContainer?
        if previous {
            // The last terminated instance (the pod's lastState.terminated): while a crashed
            // container waits to restart that is the latest one, otherwise the one before.
            if let last = records.last, last.status == "stopped",
               ContainerDecisions.shouldRestart(policy: pod.spec.restartPolicy, exitCode: last.exitCode ?? 1) {
                chosen = last
            } else {
                chosen = records.count >= 2 ? records[records.count - 2] : nil
            }
            if chosen == nil {
                throw NodeLookupError.badRequest("previous terminated container \"\(container)\" in pod \"\(name)\" not found")
            }
        } else {
            chosen = records.last
        }
        guard let r = chosen else {
            throw NodeLookupError.badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start")
        }
        return LocatedContainer(id: r.id, running: r.status == "running",
                                logPath: podRuntime.logPath(pod, container: container, restart: r.restartCount))
    }
}

public struct LocatedContainer: Sendable, Equatable {
    public var id: String
    public var running: Bool
    public var logPath: String
}

public enum NodeLookupError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case badRequest(String)
    public var description: String {
        switch self { case .notFound(let m), .badRequest(let m): return m }
    }
}

extension Kubelet {
    /// Whether a runtime container is still running (a followed log ends when it stops).
    public func containerRunning(id: String) async -> Bool {
        (try? podRuntime.runtime.state(id: id))?.status == .running
    }

    /// The log directories of the pods this kubelet runs (for pruning rotated files).
    func podLogDirs() -> [String] {
        pods.values.map { podRuntime.podLogDir($0) }
    }
}

extension Kubelet {
    /// Removes rotated log files beyond `containerLogMaxFiles` for every pod.
    public func pruneRotatedLogs() {
        ContainerLogFiles.prune(logDirs: podLogDirs(), maxFiles: config.containerLogMaxFiles)
    }
}
