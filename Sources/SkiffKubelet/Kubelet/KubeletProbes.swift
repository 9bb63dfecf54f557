import Foundation
import SkiffAPI

extension Kubelet {
    /// Starts the probe loops of a running container that has probes and none running yet.
    func ensureProbes(_ pod: Pod, _ c: Container, _ r: RuntimeContainer, sandbox: SandboxState) {
        for (kind, probe) in [("startup", c.startupProbe), ("liveness", c.livenessProbe), ("readiness", c.readinessProbe)] {
            guard let probe else { continue }
            let key = r.id + "/" + kind
            guard probeTasks[key] == nil else { continue }
            probeTasks[key] = Task { [self] in await self.probeLoop(pod, c, r, kind: kind, probe: probe, sandbox: sandbox) }
        }
    }

    func stopProbes(_ containerID: String) {
        for kind in ["startup", "liveness", "readiness"] {
            let key = containerID + "/" + kind
            probeTasks[key]?.cancel()
            probeTasks[key] = nil
        }
    }

    func setProbeResult(_ key: String, _ r: ProbeTracker.Result) { probeResults[key] = r }

    func probeLoop(_ pod: Pod, _ c: Container, _ r: RuntimeContainer, kind: String, probe: Probe, sandbox: SandboxState) async {
        let uid = pod.metadata.uid ?? ""
        var tracker = ProbeTracker(initialDelay: Double(probe.initialDelaySeconds ?? 0), period: Double(probe.periodSeconds ?? 10),
                                   successThreshold: Int(probe.successThreshold ?? 1), failureThreshold: Int(probe.failureThreshold ?? 3),
                                   initialResult: kind == "liveness" ? .success : .failure)
        setProbeResult(r.id + "/" + kind, tracker.result)
        try? await Task.sleep(nanoseconds: UInt64(tracker.initialDelay * 1e9))
        while !Task.isCancelled {
            if kind != "startup", c.startupProbe != nil, probeResults[r.id + "/startup"] != .success {
                try? await Task.sleep(nanoseconds: 200_000_000)
                continue
            }
            let outcome = await runProbe(probe, container: c, id: r.id, sandbox: sandbox)
            let changed = tracker.record(outcome)
            metrics.inc(KubeletMetrics.proberProbeTotal, labels: [kind.capitalized, outcome == .success ? "successful" : "failed",
                                                          c.name, pod.metadata.name ?? "", pod.metadata.namespace ?? "default"])
            if case .failure(let msg) = outcome {
                recorder.post(pod, type: "Warning", reason: "Unhealthy", message: "\(kind.capitalized) probe failed: \(msg)",
                              fieldPath: "spec.containers{\(c.name)}")
            }
            if changed {
                setProbeResult(r.id + "/" + kind, tracker.result)
                if let p = pods[uid] { await workers?.update(uid, p) }
                if kind == "liveness" || kind == "startup", tracker.result == .failure {
                    recorder.post(pod, reason: "Killing", message: "Container \(c.name) failed \(kind) probe, will be restarted",
                                  fieldPath: "spec.containers{\(c.name)}")
                    let grace = Double(probe.terminationGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30)
                    await podRuntime.stopContainer(id: r.id, grace: grace)
                    if let p = pods[uid] { await workers?.update(uid, p) }
                    return
                }
                if kind == "startup", tracker.result == .success { return }
            }
            try? await Task.sleep(nanoseconds: UInt64(tracker.period * 1e9))
        }
    }

    func runProbe(_ probe: Probe, container c: Container, id: String, sandbox: SandboxState) async -> ProbeOutcome {
        let timeout = Double(probe.timeoutSeconds ?? 1)
        func port(_ p: IntOrString) -> Int? {
            if let i = p.intValue { return Int(i) }
            let name = p.stringValue ?? ""
            return (c.ports ?? []).first { $0.name == name }.map { Int($0.containerPort) }
        }
        let netns = sandbox.pausePid > 0 && !(sandbox.podIPs.isEmpty && config.networkEnabled) ? "/proc/\(sandbox.pausePid)/ns/net" : nil
        let host = sandbox.podIPs.first ?? "127.0.0.1"
        if let e = probe.exec {
            let (code, out) = await podRuntime.execSync(id: id, command: e.command ?? [], timeout: timeout)
            return code == 0 ? .success : .failure("command \(e.command ?? []) exited with \(code): \(out.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        if let h = probe.httpGet {
            guard let p = port(h.port) else { return .failure("port \(h.port) not found in the container's ports") }
            return await NetworkProbes.http(netnsPath: netns, scheme: h.scheme ?? "HTTP", host: h.host ?? host, port: p,
                                            path: h.path ?? "/", headers: (h.httpHeaders ?? []).map { ($0.name, $0.value) }, timeout: timeout)
        }
        if let t = probe.tcpSocket {
            guard let p = port(t.port) else { return .failure("port \(t.port) not found in the container's ports") }
            return await NetworkProbes.tcp(netnsPath: netns, host: t.host ?? host, port: p, timeout: timeout)
        }
        return .failure("probe has no handler (exec, httpGet or tcpSocket)")
    }
}
