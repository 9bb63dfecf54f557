/// Kubernetes 1.32's defaulting of a PodSpec (`SetDefaults_PodSpec`, `_Container`, `_Probe`,
/// `_Volume`, ...). Shared by pods and by the pod templates of controllers.
public enum PodSpecDefaults {
    public static let defaultTerminationGracePeriodSeconds: Int64 = 30
    public static let defaultVolumeMode: Int32 = 0o644

    public static func apply(_ spec: inout PodSpec) {
        if spec.dnsPolicy == nil || spec.dnsPolicy == "" { spec.dnsPolicy = "ClusterFirst" }
        if spec.restartPolicy == nil || spec.restartPolicy == "" { spec.restartPolicy = "Always" }
        if spec.terminationGracePeriodSeconds == nil { spec.terminationGracePeriodSeconds = defaultTerminationGracePeriodSeconds }
        if spec.securityContext == nil { spec.securityContext = PodSecurityContext() }
        if spec.schedulerName == nil || spec.schedulerName == "" { spec.schedulerName = "default-scheduler" }
        if spec.enableServiceLinks == nil { spec.enableServiceLinks = true }
        let hostNetwork = spec.hostNetwork ?? false
        for i in spec.containers.indices { apply(&spec.containers[i], hostNetwork: hostNetwork) }
        if var inits = spec.initContainers {
            for i in inits.indices { apply(&inits[i], hostNetwork: hostNetwork) }
            spec.initContainers = inits
        }
        if var vols = spec.volumes {
            for i in vols.indices { apply(&vols[i]) }
            spec.volumes = vols
        }
    }

    /// `Always` for `:latest` or an untagged image, else `IfNotPresent` (digests count as tags).
    public static func imagePullPolicy(for image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        let tag = lastComponent[lastComponent.index(after: colon)...]
        return tag == "latest" ? "Always" : "IfNotPresent"
    }

    public static func apply(_ c: inout Container, hostNetwork: Bool) {
        if c.imagePullPolicy == nil || c.imagePullPolicy == "" {
            c.imagePullPolicy = imagePullPolicy(for: c.image ?? "")
        }
        if c.terminationMessagePath == nil || c.terminationMessagePath == "" { c.terminationMessagePath = "/dev/termination-log" }
        if c.terminationMessagePolicy == nil || c.terminationMessagePolicy == "" { c.terminationMessagePolicy = "File" }
        if var ports = c.ports {
            for i in ports.indices {
                if ports[i].protocol == nil || ports[i].protocol == "" { ports[i].protocol = "TCP" }
                if hostNetwork && (ports[i].hostPort ?? 0) == 0 { ports[i].hostPort = ports[i].containerPort }
            }
            c.ports = ports
        }
        // Requests default to limits for every resource that has a limit but no request.
        var res = c.resources ?? ResourceRequirements()
        if let limits = res.limits, !limits.isEmpty {
            var requests = res.requests ?? [:]
            for (k, v) in limits where requests[k] == nil { requests[k] = v }
            res.requests = requests
        }
        c.resources = res
        if var env = c.env {
            for i in env.indices {
                if env[i].valueFrom?.fieldRef != nil, (env[i].valueFrom?.fieldRef?.apiVersion ?? "").isEmpty {
                    env[i].valueFrom?.fieldRef?.apiVersion = "v1"
                }
            }
            c.env = env
        }
        for keyPath in [\Container.livenessProbe, \Container.readinessProbe, \Container.startupProbe] {
            if var p = c[keyPath: keyPath] {
                apply(&p)
                c[keyPath: keyPath] = p
            }
        }
        if var lc = c.lifecycle {
            if var h = lc.postStart?.httpGet { apply(&h); lc.postStart?.httpGet = h }
            if var h = lc.preStop?.httpGet { apply(&h); lc.preStop?.httpGet = h }
            c.lifecycle = lc
        }
    }

    public static func apply(_ p: inout Probe) {
        if p.timeoutSeconds == nil || p.timeoutSeconds == 0 { p.timeoutSeconds = 1 }
        if p.periodSeconds == nil || p.periodSeconds == 0 { p.periodSeconds = 10 }
        if p.successThreshold == nil || p.successThreshold == 0 { p.successThreshold = 1 }
        if p.failureThreshold == nil || p.failureThreshold == 0 { p.failureThreshold = 3 }
        if var h = p.httpGet { apply(&h); p.httpGet = h }
    }

    public static func apply(_ h: inout HTTPGetAction) {
        if h.path == nil || h.path == "" { h.path = "/" }
        if h.scheme == nil || h.scheme == "" { h.scheme = "HTTP" }
    }

    public static func apply(_ v: inout Volume) {
        let hasSource = v.hostPath != nil || v.emptyDir != nil || v.secret != nil || v.configMap != nil
            || v.downwardAPI != nil || v.projected != nil || v.persistentVolumeClaim != nil || v.nfs != nil
        if !hasSource { v.emptyDir = EmptyDirVolumeSource() }
        if v.hostPath != nil, v.hostPath?.type == nil { v.hostPath?.type = "" }
        if v.secret != nil, v.secret?.defaultMode == nil { v.secret?.defaultMode = defaultVolumeMode }
        if v.configMap != nil, v.configMap?.defaultMode == nil { v.configMap?.defaultMode = defaultVolumeMode }
        if v.downwardAPI != nil {
            if v.downwardAPI?.defaultMode == nil { v.downwardAPI?.defaultMode = defaultVolumeMode }
            if var items = v.downwardAPI?.items {
                for i in items.indices where items[i].fieldRef != nil && (items[i].fieldRef?.apiVersion ?? "").isEmpty {
                    items[i].fieldRef?.apiVersion = "v1"
                }
                v.downwardAPI?.items = items
            }
        }
        if v.projected != nil, v.projected?.defaultMode == nil { v.projected?.defaultMode = defaultVolumeMode }
        if var sources = v.projected?.sources {
            for i in sources.indices {
                if sources[i].serviceAccountToken != nil, sources[i].serviceAccountToken?.expirationSeconds == nil {
                    sources[i].serviceAccountToken?.expirationSeconds = 3600
                }
                if var items = sources[i].downwardAPI?.items {
                    for j in items.indices where items[j].fieldRef != nil && (items[j].fieldRef?.apiVersion ?? "").isEmpty {
                        items[j].fieldRef?.apiVersion = "v1"
                    }
                    sources[i].downwardAPI?.items = items
                }
            }
            v.projected?.sources = sources
        }
    }

    /// Kubernetes' QoS class: Guaranteed when every container limits cpu and memory with equal
    /// requests, BestEffort when nothing is requested or limited, else Burstable.
    public static func qosClass(_ spec: PodSpec) -> String {
        let all = spec.containers + (spec.initContainers ?? [])
        var anySet = false
        var guaranteed = true
        for c in all {
            let req = c.resources?.requests ?? [:]
            let lim = c.resources?.limits ?? [:]
            for name in ["cpu", "memory"] {
                if let r = req[name], !r.isZero { anySet = true }
                if let l = lim[name], !l.isZero { anySet = true }
                guard let l = lim[name], !l.isZero else { guaranteed = false; continue }
                if let r = req[name], r != l { guaranteed = false }
            }
        }
        if !anySet { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
