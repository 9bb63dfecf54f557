import Foundation
import SkiffAPI

/// A container's configuration error; the container waits with reason CreateContainerConfigError.
public struct ContainerConfigError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}

/// What the downward API and resourceFieldRef read besides the pod itself.
public struct NodeContext: Sendable, Equatable {
    public var nodeName: String
    public var hostIPs: [String]
    public var allocatableMilliCPU: Int64
    public var allocatableMemory: Int64
    public var allocatableEphemeralStorage: Int64

    public init(nodeName: String, hostIPs: [String], allocatableMilliCPU: Int64, allocatableMemory: Int64, allocatableEphemeralStorage: Int64) {
        self.nodeName = nodeName; self.hostIPs = hostIPs; self.allocatableMilliCPU = allocatableMilliCPU
        self.allocatableMemory = allocatableMemory; self.allocatableEphemeralStorage = allocatableEphemeralStorage
    }
}

/// Resolves a container's environment as the kubelet does: service links first, then envFrom
/// sources in order, then env entries (valueFrom and `$(VAR)` expansion against what came before).
/// Pure: the caller fetches the referenced ConfigMaps and Secrets first.
public struct EnvironmentResolver: Sendable {
    public var pod: Pod
    public var node: NodeContext
    public var configMaps: [String: ConfigMap]
    public var secrets: [String: Secret]

    public init(pod: Pod, node: NodeContext, configMaps: [String: ConfigMap], secrets: [String: Secret]) {
        self.pod = pod; self.node = node; self.configMaps = configMaps; self.secrets = secrets
    }

    /// Names of the ConfigMaps and Secrets a pod's containers and volumes refer to.
    public static func references(_ spec: PodSpec) -> (configMaps: Set<String>, secrets: Set<String>) {
        var cms = Set<String>(), secs = Set<String>()
        for c in spec.containers + (spec.initContainers ?? []) {
            for e in c.env ?? [] {
                if let n = e.valueFrom?.configMapKeyRef?.name { cms.insert(n) }
                if let n = e.valueFrom?.secretKeyRef?.name { secs.insert(n) }
            }
            for f in c.envFrom ?? [] {
                if let n = f.configMapRef?.name { cms.insert(n) }
                if let n = f.secretRef?.name { secs.insert(n) }
            }
        }
        for v in spec.volumes ?? [] {
            if let n = v.configMap?.name { cms.insert(n) }
            if let n = v.secret?.secretName { secs.insert(n) }
            for s in v.projected?.sources ?? [] {
                if let n = s.configMap?.name { cms.insert(n) }
                if let n = s.secret?.name { secs.insert(n) }
            }
        }
        return (cms, secs)
    }

    /// The container's environment, in order, as `NAME=value` pairs.
    public func environment(for c: Container, serviceEnv: [(String, String)]) throws -> [(String, String)] {
        var order: [String] = []
        var values: [String: String] = [:]
        func put(_ k: String, _ v: String) {
            if values[k] == nil { order.append(k) }
            values[k] = v
        }
        for (k, v) in serviceEnv { put(k, v) }
        for src in c.envFrom ?? [] {
            let prefix = src.prefix ?? ""
            if let ref = src.configMapRef {
                let name = ref.name ?? ""
                guard let cm = configMaps[name] else {
                    if ref.optional == true { continue }
                    throw ContainerConfigError("configmap \"\(name)\" not found")
                }
                for k in (cm.data ?? [:]).keys.sorted() { put(prefix + k, cm.data?[k] ?? "") }
            }
            if let ref = src.secretRef {
                let name = ref.name ?? ""
                guard let s = secrets[name] else {
                    if ref.optional == true { continue }
                    throw ContainerConfigError("secret \"\(name)\" not found")
                }
                for (k, v) in Self.secretData(s).sorted(by: { $0.key < $1.key }) { put(prefix + k, String(decoding: v, as: UTF8.self)) }
            }
        }
        for e in c.env ?? [] {
            if let from = e.valueFrom {
                guard let v = try value(from, container: c) else { continue }
                put(e.name, v)
            } else {
                put(e.name, Self.expand(e.value ?? "", values))
            }
        }
        return order.map { ($0, values[$0] ?? "") }
    }

    func value(_ from: EnvVarSource, container: Container) throws -> String? {
        if let f = from.fieldRef { return try fieldValue(f.fieldPath) }
        if let r = from.resourceFieldRef { return try resourceValue(r, container: container) }
        if let ref = from.configMapKeyRef {
            let name = ref.name ?? ""
            guard let cm = configMaps[name] else {
                if ref.optional == true { return nil }
                throw ContainerConfigError("configmap \"\(name)\" not found")
            }
            guard let v = cm.data?[ref.key] else {
                if ref.optional == true { return nil }
                throw ContainerConfigError("couldn't find key \(ref.key) in ConfigMap \(pod.metadata.namespace ?? "default")/\(name)")
            }
            return v
        }
        if let ref = from.secretKeyRef {
            let name = ref.name ?? ""
            guard let s = secrets[name] else {
                if ref.optional == true { return nil }
                throw ContainerConfigError("secret \"\(name)\" not found")
            }
            guard let v = Self.secretData(s)[ref.key] else {
                if ref.optional == true { return nil }
                throw ContainerConfigError("couldn't find key \(ref.key) in Secret \(pod.metadata.namespace ?? "default")/\(name)")
            }
            return String(decoding: v, as: UTF8.self)
        }
        return nil
    }

    /// The downward API's pod fields.
    public func fieldValue(_ path: String) throws -> String {
        let m = pod.metadata
        func mapKey(_ prefix: String, _ map: [String: String]?) -> String? {
            guard path.hasPrefix(prefix + "['"), path.hasSuffix("']") else { return nil }
            let key = String(path.dropFirst(prefix.count + 2).dropLast(2))
            return map?[key] ?? ""
        }
        if let v = mapKey("metadata.labels", m.labels) { return v }
        if let v = mapKey("metadata.annotations", m.annotations) { return v }
        switch path {
        case "metadata.name": return m.name ?? ""
        case "metadata.namespace": return m.namespace ?? "default"
        case "metadata.uid": return m.uid ?? ""
        case "metadata.labels": return Self.formatMap(m.labels)
        case "metadata.annotations": return Self.formatMap(m.annotations)
        case "spec.nodeName": return pod.spec.nodeName ?? node.nodeName
        case "spec.serviceAccountName": return pod.spec.serviceAccountName ?? "default"
        case "status.hostIP": return node.hostIPs.first ?? ""
        case "status.hostIPs": return node.hostIPs.joined(separator: ",")
        case "status.podIP": return pod.status.podIP ?? ""
        case "status.podIPs": return (pod.status.podIPs ?? []).map(\.ip).joined(separator: ",")
        default: throw ContainerConfigError("unsupported fieldPath: \(path)")
        }
    }

    /// limits.* / requests.* of a container, divided by the divisor and rounded up; a missing
    /// limit reads as the node's allocatable, as in Kubernetes.
    public func resourceValue(_ r: ResourceFieldSelector, container: Container) throws -> String {
        let target: Container
        if let name = r.containerName, !name.isEmpty {
            guard let c = (pod.spec.containers + (pod.spec.initContainers ?? [])).first(where: { $0.name == name }) else {
                throw ContainerConfigError("resourceFieldRef: container \"\(name)\" not found in pod")
            }
            target = c
        } else {
            target = container
        }
        let parts = r.resource.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "limits" || parts[0] == "requests" else {
            throw ContainerConfigError("unsupported container resource: \(r.resource)")
        }
        let kind = parts[1]
        let map = parts[0] == "limits" ? target.resources?.limits : (target.resources?.requests ?? target.resources?.limits)
        let divisor = r.divisor.flatMap { $0.isZero ? nil : $0 } ?? (try? Quantity("1")) ?? Quantity(integer: 1)
        switch kind {
        case "cpu":
            let milli = map?["cpu"]?.milliValue ?? (parts[0] == "limits" ? node.allocatableMilliCPU : 0)
            let divMilli = max(divisor.milliValue, 1)
            return String((milli + divMilli - 1) / divMilli)
        case "memory", "ephemeral-storage":
            let fallback = kind == "memory" ? node.allocatableMemory : node.allocatableEphemeralStorage
            let v = map?[kind]?.value ?? (parts[0] == "limits" ? fallback : 0)
            let d = max(divisor.value, 1)
            return String((v + d - 1) / d)
        default:
            throw ContainerConfigError("unsupported container resource: \(r.resource)")
        }
    }

    /// A Secret's data, base64-decoded, with stringData merged over it.
    public static func secretData(_ s: Secret) -> [String: Data] {
        var out: [String: Data] = [:]
        for (k, v) in s.data ?? [:] { out[k] = Data(base64Encoded: v) ?? Data() }
        for (k, v) in s.stringData ?? [:] { out[k] = Data(v.utf8) }
        return out
    }

    /// Kubernetes' `$(VAR)` expansion: defined names are replaced, `$$` yields `$`, anything else
    /// stays as written.
    public static func expand(_ s: String, _ env: [String: String]) -> String {
        guard s.contains("$") else { return s }
        let chars = Array(s)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "$", i + 1 < chars.count {
                if chars[i + 1] == "$" { out.append("$"); i += 2; continue }
                if chars[i + 1] == "(", let close = chars[(i + 2)...].firstIndex(of: ")") {
                    let name = String(chars[(i + 2)..<close])
                    if let v = env[name] { out += v } else { out += String(chars[i...close]) }
                    i = close + 1
                    continue
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    static func formatMap(_ m: [String: String]?) -> String {
        (m ?? [:]).keys.sorted().map { k in "\(k)=\"\(m?[k] ?? "")\"" }.joined(separator: "\n")
    }
}
