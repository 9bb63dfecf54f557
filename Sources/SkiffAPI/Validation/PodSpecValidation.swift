/// Kubernetes' `ValidatePodSpec` and the container, volume and probe checks under it, with the
/// same field paths and messages. Shared by pods and the pod templates of controllers.
public enum PodSpecValidation {
    static let restartPolicies = ["Always", "OnFailure", "Never"]
    static let dnsPolicies = ["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"]
    static let protocols = ["SCTP", "TCP", "UDP"]
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let terminationMessagePolicies = ["File", "FallbackToLogsOnError"]
    static let tolerationOperators = ["Equal", "Exists"]
    static let taintEffects = ["NoExecute", "NoSchedule", "PreferNoSchedule"]
    static let hostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"]
    static let envFieldPaths = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid",
                                "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"]
    static let volumeFieldPaths = ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"]

    public static func validate(_ spec: PodSpec, path: FieldPath = FieldPath("spec")) -> [FieldError] {
        var errs: [FieldError] = []
        let (volumeNames, volErrs) = validateVolumes(spec.volumes ?? [], path: path.child("volumes"))
        errs += volErrs
        var names = Set<String>()
        let hostNetwork = spec.hostNetwork ?? false
        for (i, c) in (spec.initContainers ?? []).enumerated() {
            errs += validateContainer(c, path: path.child("initContainers").index(i), volumes: volumeNames, names: &names, hostNetwork: hostNetwork, isInit: true)
        }
        if spec.containers.isEmpty {
            errs.append(.required(path.child("containers").string))
        }
        for (i, c) in spec.containers.enumerated() {
            errs += validateContainer(c, path: path.child("containers").index(i), volumes: volumeNames, names: &names, hostNetwork: hostNetwork, isInit: false)
        }
        errs += validateHostPortConflicts(spec, path: path.child("containers"))
        if let rp = spec.restartPolicy {
            if rp.isEmpty { errs.append(.required(path.child("restartPolicy").string)) }
            else if !restartPolicies.contains(rp) { errs.append(.notSupported(path.child("restartPolicy").string, rp, restartPolicies)) }
        }
        if let dp = spec.dnsPolicy, !dp.isEmpty {
            if !dnsPolicies.contains(dp) { errs.append(.notSupported(path.child("dnsPolicy").string, dp, dnsPolicies)) }
            if dp == "None", (spec.dnsConfig?.nameservers ?? []).isEmpty {
                errs.append(.required(path.child("dnsConfig").child("nameservers").string, "must provide at least one DNS nameserver when DNSPolicy is None"))
            }
        }
        if let cfg = spec.dnsConfig {
            let p = path.child("dnsConfig")
            if (cfg.nameservers ?? []).count > 3 {
                errs.append(.invalid(p.child("nameservers").string, raw: "[" + (cfg.nameservers ?? []).joined(separator: " ") + "]", "must not have more than 3 nameservers"))
            }
            for (i, ns) in (cfg.nameservers ?? []).enumerated() where !NameValidation.isIP(ns) {
                errs.append(.invalid(p.child("nameservers").index(i).string, ns, "must be valid IP address"))
            }
            if (cfg.searches ?? []).count > 32 {
                errs.append(.invalid(p.child("searches").string, raw: "[" + (cfg.searches ?? []).joined(separator: " ") + "]", "must not have more than 32 search paths"))
            }
            for (i, o) in (cfg.options ?? []).enumerated() where (o.name ?? "").isEmpty {
                errs.append(.required(p.child("options").index(i).string, "Option.Name must not be empty"))
            }
        }
        if let ads = spec.activeDeadlineSeconds, ads <= 0 {
            errs.append(.invalid(path.child("activeDeadlineSeconds").string, int: ads, "must be between 1 and 2147483647, inclusive"))
        }
        errs += ObjectMetaValidation.validateLabels(spec.nodeSelector, path: path.child("nodeSelector"))
        if let sa = spec.serviceAccountName, !sa.isEmpty {
            for msg in NameValidation.dns1123Subdomain(sa) { errs.append(.invalid(path.child("serviceAccountName").string, sa, msg)) }
        }
        if let n = spec.nodeName, !n.isEmpty {
            for msg in NameValidation.dns1123Subdomain(n) { errs.append(.invalid(path.child("nodeName").string, n, msg)) }
        }
        if let h = spec.hostname, !h.isEmpty {
            for msg in NameValidation.dns1123Label(h) { errs.append(.invalid(path.child("hostname").string, h, msg)) }
        }
        if let s = spec.subdomain, !s.isEmpty {
            for msg in NameValidation.dns1123Label(s) { errs.append(.invalid(path.child("subdomain").string, s, msg)) }
        }
        for (i, t) in (spec.tolerations ?? []).enumerated() {
            errs += validateToleration(t, path: path.child("tolerations").index(i))
        }
        for (i, a) in (spec.hostAliases ?? []).enumerated() where !NameValidation.isIP(a.ip) {
            errs.append(.invalid(path.child("hostAliases").index(i).child("ip").string, a.ip, "must be valid IP address"))
        }
        if let sc = spec.securityContext {
            let p = path.child("securityContext")
            for (label, v) in [("runAsUser", sc.runAsUser), ("runAsGroup", sc.runAsGroup), ("fsGroup", sc.fsGroup)] {
                if let v, v < 0 || v > 2147483647 {
                    errs.append(.invalid(p.child(label).string, int: v, "must be between 0 and 2147483647, inclusive"))
                }
            }
        }
        if let t = spec.terminationGracePeriodSeconds, t < 0 {
            // Kubernetes turns negative grace periods into 1 on create; keep the message for updates.
            _ = t
        }
        return errs
    }

    static func validateToleration(_ t: Toleration, path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        let key = t.key ?? ""
        if !key.isEmpty {
            for msg in NameValidation.qualifiedName(key) { errs.append(.invalid(path.child("key").string, key, msg)) }
        }
        let op = t.operator ?? ""
        if key.isEmpty && op != "Exists" {
            errs.append(.invalid(path.child("operator").string, op, "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
        }
        if let ts = t.tolerationSeconds, ts != 0, t.effect != "NoExecute" {
            errs.append(.invalid(path.child("effect").string, t.effect ?? "", "effect must be 'NoExecute' when `tolerationSeconds` is set"))
        }
        switch op {
        case "", "Equal":
            for msg in NameValidation.labelValue(t.value ?? "") { errs.append(.invalid(path.child("value").string, t.value ?? "", msg)) }
        case "Exists":
            if !(t.value ?? "").isEmpty {
                errs.append(.invalid(path.child("operator").string, t.value ?? "", "value must be empty when `operator` is 'Exists'"))
            }
        default:
            errs.append(.notSupported(path.child("operator").string, op, tolerationOperators))
        }
        if let e = t.effect, !e.isEmpty, !taintEffects.contains(e) {
            errs.append(.notSupported(path.child("effect").string, e, taintEffects))
        }
        return errs
    }

    static func validateVolumes(_ volumes: [Volume], path: FieldPath) -> (Set<String>, [FieldError]) {
        var errs: [FieldError] = []
        var names = Set<String>()
        for (i, v) in volumes.enumerated() {
            let p = path.index(i)
            if v.name.isEmpty {
                errs.append(.required(p.child("name").string))
            } else {
                for msg in NameValidation.dns1123Label(v.name) { errs.append(.invalid(p.child("name").string, v.name, msg)) }
                if names.contains(v.name) { errs.append(.duplicate(p.child("name").string, v.name)) }
                names.insert(v.name)
            }
            var count = 0
            if let h = v.hostPath {
                count += 1
                if h.path.isEmpty { errs.append(.required(p.child("hostPath").child("path").string)) }
                if let t = h.type, !hostPathTypes.contains(t) { errs.append(.notSupported(p.child("hostPath").child("type").string, t, hostPathTypes)) }
            }
            if let e = v.emptyDir {
                count += 1
                if let m = e.medium, !["", "Memory", "HugePages"].contains(m) && !m.hasPrefix("HugePages-") {
                    errs.append(.notSupported(p.child("emptyDir").child("medium").string, m, ["", "Memory", "HugePages"]))
                }
                if let s = e.sizeLimit, s.nanos < 0 {
                    errs.append(.invalid(p.child("emptyDir").child("sizeLimit").string, s.canonical, "must be greater than or equal to 0"))
                }
            }
            if let s = v.secret {
                count += 1
                if (s.secretName ?? "").isEmpty { errs.append(.required(p.child("secret").child("secretName").string)) }
                errs += validateMode(s.defaultMode, p.child("secret").child("defaultMode"))
                errs += validateKeyToPaths(s.items, p.child("secret").child("items"))
            }
            if let c = v.configMap {
                count += 1
                if (c.name ?? "").isEmpty { errs.append(.required(p.child("configMap").child("name").string)) }
                errs += validateMode(c.defaultMode, p.child("configMap").child("defaultMode"))
                errs += validateKeyToPaths(c.items, p.child("configMap").child("items"))
            }
            if let d = v.downwardAPI {
                count += 1
                errs += validateMode(d.defaultMode, p.child("downwardAPI").child("defaultMode"))
                errs += validateDownwardAPIFiles(d.items ?? [], p.child("downwardAPI").child("items"))
            }
            if let pr = v.projected {
                count += 1
                errs += validateMode(pr.defaultMode, p.child("projected").child("defaultMode"))
                for (j, src) in (pr.sources ?? []).enumerated() {
                    let sp = p.child("projected").child("sources").index(j)
                    let n = [src.secret != nil, src.configMap != nil, src.downwardAPI != nil, src.serviceAccountToken != nil].filter { $0 }.count
                    if n == 0 { errs.append(.required(sp.string, "must specify exactly 1 of: secret, configMap, downwardAPI, serviceAccountToken")) }
                    if n > 1 { errs.append(.forbidden(sp.string, "may not specify more than 1 volume type per source")) }
                    errs += validateKeyToPaths(src.secret?.items, sp.child("secret").child("items"))
                    errs += validateKeyToPaths(src.configMap?.items, sp.child("configMap").child("items"))
                    errs += validateDownwardAPIFiles(src.downwardAPI?.items ?? [], sp.child("downwardAPI").child("items"))
                    if let t = src.serviceAccountToken {
                        if t.path.isEmpty { errs.append(.required(sp.child("serviceAccountToken").child("path").string)) }
                        if let e = t.expirationSeconds, e < 600 {
                            errs.append(.invalid(sp.child("serviceAccountToken").child("expirationSeconds").string, int: e, "may not specify a duration less than 10 minutes"))
                        }
                    }
                }
            }
            if let pvc = v.persistentVolumeClaim {
                count += 1
                if pvc.claimName.isEmpty { errs.append(.required(p.child("persistentVolumeClaim").child("claimName").string)) }
            }
            if let nfs = v.nfs {
                count += 1
                if nfs.server.isEmpty { errs.append(.required(p.child("nfs").child("server").string)) }
                if nfs.path.isEmpty { errs.append(.required(p.child("nfs").child("path").string)) }
                else if !nfs.path.hasPrefix("/") { errs.append(.invalid(p.child("nfs").child("path").string, nfs.path, "must be an absolute path")) }
            }
            if count == 0 {
                errs.append(.required(p.string, "must specify a volume type"))
            } else if count > 1 {
                errs.append(.forbidden(p.string, "may not specify more than 1 volume type"))
            }
        }
        return (names, errs)
    }

    static func validateMode(_ mode: Int32?, _ path: FieldPath) -> [FieldError] {
        guard let mode else { return [] }
        if mode < 0 || mode > 0o777 {
            return [.invalid(path.string, int: Int64(mode), "must be a number between 0 and 0777 (octal), both inclusive")]
        }
        return []
    }

    static func validateLocalPath(_ p: String, _ path: FieldPath) -> [FieldError] {
        if p.isEmpty { return [.required(path.string)] }
        var errs: [FieldError] = []
        if p.hasPrefix("/") { errs.append(.invalid(path.string, p, "must be a relative path")) }
        if p.split(separator: "/").contains("..") { errs.append(.invalid(path.string, p, "must not contain '..'")) }
        return errs
    }

    static func validateKeyToPaths(_ items: [KeyToPath]?, _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, it) in (items ?? []).enumerated() {
            let p = path.index(i)
            if it.key.isEmpty { errs.append(.required(p.child("key").string)) }
            errs += validateLocalPath(it.path, p.child("path"))
            errs += validateMode(it.mode, p.child("mode"))
        }
        return errs
    }

    static func validateDownwardAPIFiles(_ items: [DownwardAPIVolumeFile], _ path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, f) in items.enumerated() {
            let p = path.index(i)
            errs += validateLocalPath(f.path, p.child("path"))
            errs += validateMode(f.mode, p.child("mode"))
            if let fr = f.fieldRef {
                errs += validateFieldRef(fr, p.child("fieldRef"), supported: volumeFieldPaths)
                if f.resourceFieldRef != nil {
                    errs.append(.invalid(p.string, raw: "\"\"", "fieldRef and resourceFieldRef can not be specified simultaneously"))
                }
            } else if f.resourceFieldRef == nil {
                errs.append(.required(p.string, "one of fieldRef and resourceFieldRef is required"))
            }
        }
        return errs
    }

    static func validateFieldRef(_ fr: ObjectFieldSelector, _ path: FieldPath, supported: [String]) -> [FieldError] {
        var errs: [FieldError] = []
        if (fr.apiVersion ?? "").isEmpty {
            errs.append(.required(path.child("apiVersion").string))
        }
        if fr.fieldPath.isEmpty {
            errs.append(.required(path.child("fieldPath").string))
            return errs
        }
        // metadata.labels['key'] and metadata.annotations['key'] select one entry.
        for prefix in ["metadata.labels['", "metadata.annotations['"] where fr.fieldPath.hasPrefix(prefix) && fr.fieldPath.hasSuffix("']") {
            let key = String(fr.fieldPath.dropFirst(prefix.count).dropLast(2))
            for msg in NameValidation.qualifiedName(prefix.hasPrefix("metadata.annotations") ? key.lowercased() : key) {
                errs.append(.invalid(path.child("fieldPath").string, key, msg))
            }
            return errs
        }
        if !supported.contains(fr.fieldPath) {
            errs.append(.notSupported(path.child("fieldPath").string, fr.fieldPath, supported))
        }
        return errs
    }

    static func validateContainer(_ c: Container, path: FieldPath, volumes: Set<String>, names: inout Set<String>, hostNetwork: Bool, isInit: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        if c.name.isEmpty {
            errs.append(.required(path.child("name").string))
        } else {
            for msg in NameValidation.dns1123Label(c.name) { errs.append(.invalid(path.child("name").string, c.name, msg)) }
            if names.contains(c.name) { errs.append(.duplicate(path.child("name").string, c.name)) }
            names.insert(c.name)
        }
        let image = c.image ?? ""
        if image.isEmpty {
            errs.append(.required(path.child("image").string))
        } else if image != image.trimmingSpaces() {
            errs.append(.invalid(path.child("image").string, image, "must not have leading or trailing whitespace"))
        }
        if let pp = c.imagePullPolicy, !pullPolicies.contains(pp) {
            errs.append(pp.isEmpty ? .required(path.child("imagePullPolicy").string) : .notSupported(path.child("imagePullPolicy").string, pp, pullPolicies))
        }
        if let tmp = c.terminationMessagePolicy, !terminationMessagePolicies.contains(tmp) {
            errs.append(tmp.isEmpty ? .required(path.child("terminationMessagePolicy").string) : .notSupported(path.child("terminationMessagePolicy").string, tmp, terminationMessagePolicies))
        }
        if let rp = c.restartPolicy {
            if !isInit {
                errs.append(.forbidden(path.child("restartPolicy").string, "may not be set for non-init containers"))
            } else if rp != "Always" {
                errs.append(.notSupported(path.child("restartPolicy").string, rp, ["Always"]))
            }
        }
        errs += validatePorts(c.ports ?? [], path: path.child("ports"), hostNetwork: hostNetwork)
        errs += validateEnv(c.env ?? [], path: path.child("env"))
        for (i, ef) in (c.envFrom ?? []).enumerated() {
            let p = path.child("envFrom").index(i)
            if let prefix = ef.prefix, !prefix.isEmpty {
                for msg in NameValidation.envVarName(prefix) { errs.append(.invalid(p.child("prefix").string, prefix, msg)) }
            }
            let n = (ef.configMapRef != nil ? 1 : 0) + (ef.secretRef != nil ? 1 : 0)
            if n == 0 { errs.append(.invalid(p.string, raw: "\"\"", "must specify one of: `configMapRef` or `secretRef`")) }
            if n > 1 { errs.append(.invalid(p.string, raw: "\"\"", "may not have more than one field specified at a time")) }
            if let r = ef.configMapRef, (r.name ?? "").isEmpty { errs.append(.required(p.child("configMapRef").child("name").string)) }
            if let r = ef.secretRef, (r.name ?? "").isEmpty { errs.append(.required(p.child("secretRef").child("name").string)) }
        }
        errs += validateResources(c.resources, path: path.child("resources"))
        errs += validateVolumeMounts(c.volumeMounts ?? [], path: path.child("volumeMounts"), volumes: volumes)
        if isInit && c.restartPolicy != "Always" {
            for (label, probe) in [("livenessProbe", c.livenessProbe), ("readinessProbe", c.readinessProbe), ("startupProbe", c.startupProbe)] where probe != nil {
                errs.append(.forbidden(path.child(label).string, "may not be set for init containers without restartPolicy=Always"))
            }
        } else {
            if let p = c.livenessProbe { errs += validateProbe(p, path: path.child("livenessProbe"), mustHaveSuccessOne: true) }
            if let p = c.readinessProbe { errs += validateProbe(p, path: path.child("readinessProbe"), mustHaveSuccessOne: false) }
            if let p = c.startupProbe { errs += validateProbe(p, path: path.child("startupProbe"), mustHaveSuccessOne: true) }
        }
        if let lc = c.lifecycle {
            if let h = lc.postStart { errs += validateHandler(h, path: path.child("lifecycle").child("postStart")) }
            if let h = lc.preStop { errs += validateHandler(h, path: path.child("lifecycle").child("preStop")) }
        }
        if let sc = c.securityContext {
            let p = path.child("securityContext")
            for (label, v) in [("runAsUser", sc.runAsUser), ("runAsGroup", sc.runAsGroup)] {
                if let v, v < 0 || v > 2147483647 {
                    errs.append(.invalid(p.child(label).string, int: v, "must be between 0 and 2147483647, inclusive"))
                }
            }
            if sc.privileged == true, sc.allowPrivilegeEscalation == false {
                errs.append(.invalid(p.string, raw: "\"\"", "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))
            }
        }
        if c.stdinOnce == true && c.stdin != true {
            errs.append(.invalid(path.child("stdinOnce").string, raw: "true", "stdinOnce requires stdin to be true"))
        }
        return errs
    }

    static func validatePorts(_ ports: [ContainerPort], path: FieldPath, hostNetwork: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        var names = Set<String>()
        for (i, port) in ports.enumerated() {
            let p = path.index(i)
            if let name = port.name, !name.isEmpty {
                for msg in NameValidation.ianaServiceName(name) { errs.append(.invalid(p.child("name").string, name, msg)) }
                if names.contains(name) { errs.append(.duplicate(p.child("name").string, name)) }
                names.insert(name)
            }
            if port.containerPort == 0 {
                errs.append(.required(p.child("containerPort").string))
            } else {
                for msg in NameValidation.portNumber(Int64(port.containerPort)) {
                    errs.append(.invalid(p.child("containerPort").string, int: Int64(port.containerPort), msg))
                }
            }
            if let hp = port.hostPort, hp != 0 {
                for msg in NameValidation.portNumber(Int64(hp)) { errs.append(.invalid(p.child("hostPort").string, int: Int64(hp), msg)) }
                if hostNetwork && hp != port.containerPort {
                    errs.append(.invalid(p.child("containerPort").string, int: Int64(port.containerPort), "must match `hostPort` when `hostNetwork` is true"))
                }
            }
            let proto = port.protocol ?? ""
            if proto.isEmpty {
                errs.append(.required(p.child("protocol").string))
            } else if !protocols.contains(proto) {
                errs.append(.notSupported(p.child("protocol").string, proto, protocols))
            }
            if let ip = port.hostIP, !ip.isEmpty, !NameValidation.isIP(ip) {
                errs.append(.invalid(p.child("hostIP").string, ip, "must be a valid IP address"))
            }
        }
        return errs
    }

    /// Two containers may not bind the same host port and protocol.
    static func validateHostPortConflicts(_ spec: PodSpec, path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var seen = Set<String>()
        for (ci, c) in spec.containers.enumerated() {
            for (pi, p) in (c.ports ?? []).enumerated() {
                guard let hp = p.hostPort, hp != 0 else { continue }
                let key = "\(p.hostIP ?? "")/\(hp)/\(p.protocol ?? "TCP")"
                if seen.contains(key) {
                    errs.append(.duplicate(path.index(ci).child("ports").index(pi).child("hostPort").string, key))
                }
                seen.insert(key)
            }
        }
        return errs
    }

    static func validateEnv(_ env: [EnvVar], path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, e) in env.enumerated() {
            let p = path.index(i)
            if e.name.isEmpty {
                errs.append(.required(p.child("name").string))
            } else {
                for msg in NameValidation.envVarName(e.name) { errs.append(.invalid(p.child("name").string, e.name, msg)) }
            }
            guard let vf = e.valueFrom else { continue }
            let vp = p.child("valueFrom")
            var n = 0
            if let fr = vf.fieldRef { n += 1; errs += validateFieldRef(fr, vp.child("fieldRef"), supported: envFieldPaths) }
            if let rr = vf.resourceFieldRef {
                n += 1
                if rr.resource.isEmpty { errs.append(.required(vp.child("resourceFieldRef").child("resource").string)) }
            }
            if let k = vf.configMapKeyRef {
                n += 1
                if (k.name ?? "").isEmpty { errs.append(.required(vp.child("configMapKeyRef").child("name").string)) }
                if k.key.isEmpty { errs.append(.required(vp.child("configMapKeyRef").child("key").string)) }
                else { for msg in NameValidation.configMapKey(k.key) { errs.append(.invalid(vp.child("configMapKeyRef").child("key").string, k.key, msg)) } }
            }
            if let k = vf.secretKeyRef {
                n += 1
                if (k.name ?? "").isEmpty { errs.append(.required(vp.child("secretKeyRef").child("name").string)) }
                if k.key.isEmpty { errs.append(.required(vp.child("secretKeyRef").child("key").string)) }
                else { for msg in NameValidation.configMapKey(k.key) { errs.append(.invalid(vp.child("secretKeyRef").child("key").string, k.key, msg)) } }
            }
            if n == 0 {
                errs.append(.invalid(vp.string, raw: "\"\"", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"))
            } else if n > 1 {
                errs.append(.invalid(vp.string, raw: "\"\"", "may not have more than one field specified at a time"))
            }
            if let v = e.value, !v.isEmpty {
                errs.append(.invalid(vp.string, raw: "\"\"", "may not be specified when `value` is not empty"))
            }
        }
        return errs
    }

    static let standardResources: Set<String> = ["cpu", "memory", "ephemeral-storage", "storage", "pods"]

    /// A resource name is a standard one, `hugepages-<size>`, or a domain-prefixed name.
    static func validateResourceName(_ name: String, path: FieldPath) -> [FieldError] {
        if standardResources.contains(name) || name.hasPrefix("hugepages-") { return [] }
        var errs: [FieldError] = []
        for msg in NameValidation.qualifiedName(name) { errs.append(.invalid(path.string, name, msg)) }
        if errs.isEmpty && !name.contains("/") {
            errs.append(.invalid(path.string, name, "must be a standard resource type or fully qualified"))
        }
        return errs
    }

    static func validateResources(_ r: ResourceRequirements?, path: FieldPath) -> [FieldError] {
        guard let r else { return [] }
        var errs: [FieldError] = []
        let limits = r.limits ?? [:]
        let requests = r.requests ?? [:]
        for k in limits.keys.sorted() {
            let p = path.child("limits").key(k)
            errs += validateResourceName(k, path: p)
            if let q = limits[k], q.nanos < 0 { errs.append(.invalid(p.string, q.canonical, "must be greater than or equal to 0")) }
        }
        for k in requests.keys.sorted() {
            let p = path.child("requests").key(k)
            errs += validateResourceName(k, path: p)
            guard let q = requests[k] else { continue }
            if q.nanos < 0 { errs.append(.invalid(p.string, q.canonical, "must be greater than or equal to 0")) }
            if let l = limits[k], q > l {
                errs.append(.invalid(p.string, q.canonical, "must be less than or equal to \(k) limit of \(l.canonical)"))
            }
        }
        return errs
    }

    static func validateVolumeMounts(_ mounts: [VolumeMount], path: FieldPath, volumes: Set<String>) -> [FieldError] {
        var errs: [FieldError] = []
        var paths = Set<String>()
        for (i, m) in mounts.enumerated() {
            let p = path.index(i)
            if m.name.isEmpty {
                errs.append(.required(p.child("name").string))
            } else if !volumes.contains(m.name) {
                errs.append(.notFound(p.child("name").string, m.name))
            }
            if m.mountPath.isEmpty {
                errs.append(.required(p.child("mountPath").string))
            } else if paths.contains(m.mountPath) {
                errs.append(.invalid(p.child("mountPath").string, m.mountPath, "must be unique"))
            }
            paths.insert(m.mountPath)
            if let sp = m.subPath, !sp.isEmpty {
                if sp.hasPrefix("/") { errs.append(.invalid(p.child("subPath").string, sp, "must be a relative path")) }
                if sp.split(separator: "/").contains("..") { errs.append(.invalid(p.child("subPath").string, sp, "must not contain '..'")) }
            }
            if let mp = m.mountPropagation, !["None", "HostToContainer", "Bidirectional"].contains(mp) {
                errs.append(.notSupported(p.child("mountPropagation").string, mp, ["Bidirectional", "HostToContainer", "None"]))
            }
        }
        return errs
    }

    static func validateHandler(_ h: LifecycleHandler, path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        var n = 0
        if let e = h.exec { n += 1; if (e.command ?? []).isEmpty { errs.append(.required(path.child("exec").child("command").string)) } }
        if let g = h.httpGet { n += 1; errs += validateHTTPGet(g, path: path.child("httpGet")) }
        if let t = h.tcpSocket { n += 1; errs += validatePortNumOrName(t.port, path: path.child("tcpSocket").child("port")) }
        if let s = h.sleep { n += 1; if s.seconds < 0 { errs.append(.invalid(path.child("sleep").child("seconds").string, int: s.seconds, "must be greater than or equal to 0")) } }
        if n == 0 { errs.append(.required(path.string, "must specify a handler type")) }
        if n > 1 { errs.append(.forbidden(path.string, "may not specify more than 1 handler type")) }
        return errs
    }

    static func validateHTTPGet(_ g: HTTPGetAction, path: FieldPath) -> [FieldError] {
        var errs: [FieldError] = []
        if (g.path ?? "").isEmpty { errs.append(.required(path.child("path").string)) }
        errs += validatePortNumOrName(g.port, path: path.child("port"))
        if let s = g.scheme, !["HTTP", "HTTPS"].contains(s) {
            errs.append(.notSupported(path.child("scheme").string, s, ["HTTP", "HTTPS"]))
        }
        return errs
    }

    static func validatePortNumOrName(_ port: IntOrString, path: FieldPath) -> [FieldError] {
        switch port {
        case .int(let n):
            return NameValidation.portNumber(Int64(n)).map { .invalid(path.string, int: Int64(n), $0) }
        case .string(let s):
            if s.isEmpty { return [.required(path.string)] }
            return NameValidation.ianaServiceName(s).map { .invalid(path.string, s, $0) }
        }
    }

    static func validateProbe(_ p: Probe, path: FieldPath, mustHaveSuccessOne: Bool) -> [FieldError] {
        var errs: [FieldError] = []
        var n = 0
        if let e = p.exec { n += 1; if (e.command ?? []).isEmpty { errs.append(.required(path.child("exec").child("command").string)) } }
        if let g = p.httpGet { n += 1; errs += validateHTTPGet(g, path: path.child("httpGet")) }
        if let t = p.tcpSocket { n += 1; errs += validatePortNumOrName(t.port, path: path.child("tcpSocket").child("port")) }
        if let g = p.grpc { n += 1; errs += NameValidation.portNumber(Int64(g.port)).map { .invalid(path.child("grpc").child("port").string, int: Int64(g.port), $0) } }
        if n == 0 { errs.append(.required(path.string, "must specify a handler type")) }
        if n > 1 { errs.append(.forbidden(path.string, "may not specify more than 1 handler type")) }
        for (label, v) in [("initialDelaySeconds", p.initialDelaySeconds), ("timeoutSeconds", p.timeoutSeconds), ("periodSeconds", p.periodSeconds),
                           ("successThreshold", p.successThreshold), ("failureThreshold", p.failureThreshold)] {
            if let v, v < 0 { errs.append(.invalid(path.child(label).string, int: Int64(v), "must be greater than or equal to 0")) }
        }
        if mustHaveSuccessOne, let s = p.successThreshold, s != 1 {
            errs.append(.invalid(path.child("successThreshold").string, int: Int64(s), "must be 1"))
        }
        if let t = p.terminationGracePeriodSeconds, t <= 0 {
            errs.append(.invalid(path.child("terminationGracePeriodSeconds").string, int: t, "must be greater than 0"))
        }
        return errs
    }

    /// Go's `%v` of a map, as Kubernetes prints labels in messages: `map[string]string{"a":"b"}`.
    public static func goMap(_ m: [String: String]) -> String {
        "map[string]string{" + m.keys.sorted().map { "\(FieldError.quote($0)):\(FieldError.quote(m[$0] ?? ""))" }.joined(separator: ", ") + "}"
    }
}
