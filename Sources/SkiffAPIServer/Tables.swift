import Foundation
import SkiffAPI

/// `kubectl get` output: meta.k8s.io/v1 `Table` responses with Kubernetes' columns per
/// resource (priority 1 columns appear with `-o wide`). Pure functions of the objects and now.
public enum Tables {
    public struct Column: Sendable {
        var name: String
        var type: String = "string"
        var format: String = ""
        var priority: Int = 0
        var description: String = ""
    }

    /// How much of each object a row carries (`includeObject`).
    public enum IncludeObject: String, Sendable { case none = "None", metadata = "Metadata", object = "Object" }

    static func c(_ name: String, _ type: String = "string", format: String = "", p: Int = 0, _ d: String = "") -> Column {
        Column(name: name, type: type, format: format, priority: p, description: d)
    }

    static let nameCol = c("Name", format: "name", "Name must be unique within a namespace.")
    static let ageCol = c("Age", "CreationTimestamp is a timestamp representing the server time when this object was created.")

    /// The columns and a row function for a resource.
    static func columns(_ info: ResourceInfo) -> ([Column], (JSONValue, Date) -> [JSONValue]) {
        switch (info.group, info.plural) {
        case ("", "pods"):
            return ([nameCol, c("Ready", "The aggregate readiness state of this pod for accepting traffic."),
                     c("Status", "The aggregate status of the containers in this pod."),
                     c("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
                     ageCol, c("IP", p: 1, "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated."),
                     c("Node", p: 1, "NodeName is a request to schedule this pod onto a specific node."),
                     c("Nominated Node", p: 1, "nominatedNodeName is set only when this pod preempts other pods on the node."),
                     c("Readiness Gates", p: 1, "If specified, all readiness gates will be evaluated for pod readiness.")], podRow)
        case ("", "nodes"):
            return ([nameCol, c("Status", "The status of the node"), c("Roles", "The roles of the node"), ageCol,
                     c("Version", "Kubelet Version reported by the node."),
                     c("Internal-IP", p: 1, "List of internal IPs for the node."), c("External-IP", p: 1, "List of external IPs for the node."),
                     c("OS-Image", p: 1, "OS Image reported by the node from /etc/os-release."),
                     c("Kernel-Version", p: 1, "Kernel Version reported by the node from 'uname -r'."),
                     c("Container-Runtime", p: 1, "Container Runtime Version reported by the node.")], nodeRow)
        case ("", "services"):
            return ([nameCol, c("Type", "The type of the service."), c("Cluster-IP", "The cluster IP of the service."),
                     c("External-IP", "The external IPs of the service."), c("Port(s)", "The ports of the service."), ageCol,
                     c("Selector", p: 1, "Route service traffic to pods with label keys and values matching this selector.")], serviceRow)
        case ("", "endpoints"):
            return ([nameCol, c("Endpoints", "Endpoints of the service"), ageCol], endpointsRow)
        case ("", "replicationcontrollers"), ("apps", "replicasets"):
            return ([nameCol, c("Desired", "integer", "Number of desired pods."), c("Current", "integer", "Number of actual replicas."),
                     c("Ready", "integer", "The number of ready replicas for this replication controller."), ageCol,
                     c("Containers", p: 1, "Names of each container in the template."), c("Images", p: 1, "Images referenced by each container in the template."),
                     c("Selector", p: 1, "Label selector for pods.")], replicasRow)
        case ("apps", "deployments"):
            return ([nameCol, c("Ready", "Number of the pod with ready state"), c("Up-to-date", "integer", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
                     c("Available", "integer", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."), ageCol,
                     c("Containers", p: 1, "Names of each container in the template."), c("Images", p: 1, "Images referenced by each container in the template."),
                     c("Selector", p: 1, "Label selector for pods.")], deploymentRow)
        case ("", "events"):
            return ([c("Last Seen", "Time when last this event was observed."), c("Type", "Type of this event."),
                     c("Reason", "Reason is why the action was taken."), c("Object", "The object this Event is about."),
                     c("Subobject", p: 1, "The subobject this Event is about."), c("Source", p: 1, "The component reporting this event."),
                     c("Message", "A human-readable description of the status of this operation."),
                     c("First Seen", p: 1, "The time at which the event was first recorded."),
                     c("Count", p: 1, "The number of times this event has occurred."),
                     c("Name", format: "name", p: 1, "Name must be unique within a namespace.")], eventRow)
        case ("", "namespaces"):
            return ([nameCol, c("Status", "The status of the namespace"), ageCol], { o, now in
                [.string(o.metadataName), .string(o.value(at: ["status", "phase"])?.stringValue ?? ""), age(o, now)]
            })
        case ("", "configmaps"):
            return ([nameCol, c("Data", "integer", "Number of data in the configmap"), ageCol], { o, now in
                [.string(o.metadataName), .int(Int64(count(o["data"]) + count(o["binaryData"]))), age(o, now)]
            })
        case ("", "secrets"):
            return ([nameCol, c("Type", "The type of the secret"), c("Data", "integer", "The number of data in the secret"), ageCol], { o, now in
                [.string(o.metadataName), .string(o["type"]?.stringValue ?? "Opaque"), .int(Int64(count(o["data"]))), age(o, now)]
            })
        case ("coordination.k8s.io", "leases"):
            return ([nameCol, c("Holder", "The holder of the lease"), ageCol], { o, now in
                [.string(o.metadataName), .string(o.value(at: ["spec", "holderIdentity"])?.stringValue ?? ""), age(o, now)]
            })
        default:
            return ([nameCol, c("Created At", format: "date", "CreationTimestamp is a timestamp representing the server time when this object was created.")], { o, _ in
                [.string(o.metadataName), o.value(at: ["metadata", "creationTimestamp"]) ?? .null]
            })
        }
    }

    /// The Table for a list of objects.
    public static func table(_ info: ResourceInfo, objects: [JSONValue], resourceVersion: String?, continueToken: String? = nil,
                             include: IncludeObject = .metadata, now: Date = Date()) -> JSONValue {
        let (cols, row) = columns(info)
        let defs: [JSONValue] = cols.map {
            .object(["name": .string($0.name), "type": .string($0.type), "format": .string($0.format),
                     "description": .string($0.description), "priority": .int(Int64($0.priority))])
        }
        let rows: [JSONValue] = objects.map { o in
            var r: [String: JSONValue] = ["cells": .array(row(o, now))]
            switch include {
            case .none: break
            case .metadata:
                r["object"] = .object(["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": o["metadata"] ?? .object([:])])
            case .object:
                r["object"] = o
            }
            return .object(r)
        }
        var meta: [String: JSONValue] = [:]
        if let rv = resourceVersion { meta["resourceVersion"] = .string(rv) }
        if let c = continueToken { meta["continue"] = .string(c) }
        return .object(["kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": .object(meta),
                        "columnDefinitions": .array(defs), "rows": .array(rows)])
    }

    // MARK: cells

    static func count(_ v: JSONValue?) -> Int {
        if case .object(let d)? = v { return d.count }
        return 0
    }

    static func age(_ o: JSONValue, _ now: Date) -> JSONValue {
        guard let s = o.value(at: ["metadata", "creationTimestamp"])?.stringValue, let t = try? Time(rfc3339: s) else { return "<unknown>" }
        return .string(humanDuration(now.timeIntervalSince(t.date)))
    }

    /// Kubernetes' short human duration: 45s, 5m10s, 3h, 2d4h, 400d, 3y20d.
    public static func humanDuration(_ interval: TimeInterval) -> String {
        let seconds = Int64(interval.rounded(.down))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        let days = hours / 24
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(days)d" : "\(days)d\(h)h"
        }
        if days < 365 * 2 { return "\(days)d" }
        let years = days / 365
        if days < 365 * 8 {
            let d = days % 365
            return d == 0 ? "\(years)y" : "\(years)y\(d)d"
        }
        return "\(years)y"
    }

    static func str(_ o: JSONValue, _ path: [String]) -> String { o.value(at: path)?.stringValue ?? "" }
    static func int(_ o: JSONValue, _ path: [String]) -> Int64 { o.value(at: path)?.intValue ?? 0 }
    static func arr(_ o: JSONValue?, _ path: [String]) -> [JSONValue] {
        if case .array(let a)? = o?.value(at: path) { return a }
        return []
    }
    static func orNone(_ s: String) -> JSONValue { .string(s.isEmpty ? "<none>" : s) }

    static func selectorString(_ v: JSONValue?) -> String {
        guard case .object(let d)? = v else { return "" }
        return d.keys.sorted().compactMap { k in d[k]?.stringValue.map { "\(k)=\($0)" } }.joined(separator: ",")
    }

    static func labelSelectorString(_ v: JSONValue?) -> String {
        guard let v else { return "" }
        var parts: [String] = []
        let ml = selectorString(v["matchLabels"])
        if !ml.isEmpty { parts.append(ml) }
        for e in arr(v, ["matchExpressions"]) {
            let key = e["key"]?.stringValue ?? ""
            let vals = arr(e, ["values"]).compactMap(\.stringValue).joined(separator: ",")
            switch e["operator"]?.stringValue ?? "" {
            case "In": parts.append("\(key) in (\(vals))")
            case "NotIn": parts.append("\(key) notin (\(vals))")
            case "Exists": parts.append(key)
            case "DoesNotExist": parts.append("!\(key)")
            default: break
            }
        }
        return parts.joined(separator: ",")
    }

    static func podRow(_ o: JSONValue, _ now: Date) -> [JSONValue] {
        let containers = arr(o, ["spec", "containers"])
        let statuses = arr(o, ["status", "containerStatuses"])
        var ready = 0
        var restarts: Int64 = 0
        var reason = str(o, ["status", "phase"])
        if !str(o, ["status", "reason"]).isEmpty { reason = str(o, ["status", "reason"]) }
        var initializing = false
        let initStatuses = arr(o, ["status", "initContainerStatuses"])
        let initCount = arr(o, ["spec", "initContainers"]).count
        for (i, s) in initStatuses.enumerated() {
            restarts += s["restartCount"]?.intValue ?? 0
            if let t = s.value(at: ["state", "terminated"]), (t["exitCode"]?.intValue ?? 0) == 0 { continue }
            if let t = s.value(at: ["state", "terminated"]) {
                let r = t["reason"]?.stringValue ?? ""
                reason = r.isEmpty ? "Init:ExitCode:\(t["exitCode"]?.intValue ?? 0)" : "Init:\(r)"
            } else if let w = s.value(at: ["state", "waiting"]), let r = w["reason"]?.stringValue, !r.isEmpty, r != "PodInitializing" {
                reason = "Init:\(r)"
            } else {
                reason = "Init:\(i)/\(initCount)"
            }
            initializing = true
            break
        }
        if !initializing {
            var hasRunning = false
            for s in statuses.reversed() {
                restarts += s["restartCount"]?.intValue ?? 0
                if let w = s.value(at: ["state", "waiting"]), let r = w["reason"]?.stringValue, !r.isEmpty {
                    reason = r
                } else if let t = s.value(at: ["state", "terminated"]) {
                    if let r = t["reason"]?.stringValue, !r.isEmpty {
                        reason = r
                    } else if let sig = t["signal"]?.intValue, sig != 0 {
                        reason = "Signal:\(sig)"
                    } else {
                        reason = "ExitCode:\(t["exitCode"]?.intValue ?? 0)"
                    }
                } else if s.value(at: ["state", "running"]) != nil && (s["ready"]?.boolValue ?? false) {
                    hasRunning = true
                    ready += 1
                }
            }
            if reason == "Completed" && hasRunning {
                reason = "Running"
            }
        }
        if o.value(at: ["metadata", "deletionTimestamp"]) != nil {
            reason = str(o, ["status", "reason"]) == "NodeLost" ? "Unknown" : "Terminating"
        }
        var ip = str(o, ["status", "podIP"])
        if ip.isEmpty { ip = "<none>" }
        let gates = arr(o, ["spec", "readinessGates"])
        var gateCell = "<none>"
        if !gates.isEmpty {
            let conds = arr(o, ["status", "conditions"])
            let trueGates = gates.filter { g in
                conds.contains { $0["type"]?.stringValue == g["conditionType"]?.stringValue && $0["status"]?.stringValue == "True" }
            }
            gateCell = "\(trueGates.count)/\(gates.count)"
        }
        return [.string(o.metadataName), .string("\(ready)/\(containers.count)"), .string(reason), .string("\(restarts)"), age(o, now),
                .string(ip), orNone(str(o, ["spec", "nodeName"])), orNone(str(o, ["status", "nominatedNodeName"])), .string(gateCell)]
    }

    static func nodeRow(_ o: JSONValue, _ now: Date) -> [JSONValue] {
        var status: [String] = []
        for cond in arr(o, ["status", "conditions"]) where cond["type"]?.stringValue == "Ready" {
            status.append(cond["status"]?.stringValue == "True" ? "Ready" : "NotReady")
        }
        if status.isEmpty { status.append("Unknown") }
        if o.value(at: ["spec", "unschedulable"])?.boolValue == true { status.append("SchedulingDisabled") }
        let roles = o.metadataLabels.keys.compactMap { k -> String? in
            if k.hasPrefix("node-role.kubernetes.io/") { return String(k.dropFirst("node-role.kubernetes.io/".count)) }
            if k == "kubernetes.io/role" { return o.metadataLabels[k] }
            return nil
        }.sorted()
        let addrs = arr(o, ["status", "addresses"])
        func addr(_ t: String) -> String { addrs.first { $0["type"]?.stringValue == t }?["address"]?.stringValue ?? "<none>" }
        return [.string(o.metadataName), .string(status.joined(separator: ",")), .string(roles.isEmpty ? "<none>" : roles.joined(separator: ",")),
                age(o, now), .string(str(o, ["status", "nodeInfo", "kubeletVersion"])), .string(addr("InternalIP")), .string(addr("ExternalIP")),
                orNone(str(o, ["status", "nodeInfo", "osImage"])), orNone(str(o, ["status", "nodeInfo", "kernelVersion"])),
                orNone(str(o, ["status", "nodeInfo", "containerRuntimeVersion"]))]
    }

    static func serviceRow(_ o: JSONValue, _ now: Date) -> [JSONValue] {
        let type = str(o, ["spec", "type"]).isEmpty ? "ClusterIP" : str(o, ["spec", "type"])
        var clusterIP = str(o, ["spec", "clusterIP"])
        if clusterIP.isEmpty { clusterIP = "<none>" }
        var external: [String] = arr(o, ["spec", "externalIPs"]).compactMap(\.stringValue)
        switch type {
        case "ExternalName": external = [str(o, ["spec", "externalName"])]
        case "LoadBalancer":
            let ing = arr(o, ["status", "loadBalancer", "ingress"]).compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
            external += ing
            if external.isEmpty { external = ["<pending>"] }
        default: break
        }
        let ports = arr(o, ["spec", "ports"]).map { p -> String in
            let port = p["port"]?.intValue ?? 0
            let proto = p["protocol"]?.stringValue ?? "TCP"
            if let np = p["nodePort"]?.intValue, np != 0 { return "\(port):\(np)/\(proto)" }
            return "\(port)/\(proto)"
        }
        return [.string(o.metadataName), .string(type), .string(clusterIP), .string(external.isEmpty ? "<none>" : external.joined(separator: ",")),
                .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")), age(o, now), orNone(selectorString(o.value(at: ["spec", "selector"])))]
    }

    static func endpointsRow(_ o: JSONValue, _ now: Date) -> [JSONValue] {
        var list: [String] = []
        for subset in arr(o, ["subsets"]) {
            let ports = arr(subset, ["ports"]).compactMap { $0["port"]?.intValue }
            for a in arr(subset, ["addresses"]) {
                let ip = a["ip"]?.stringValue ?? ""
                if ports.isEmpty { list.append(ip) } else { list += ports.map { "\(ip):\($0)" } }
            }
        }
        var cell = list.prefix(3).joined(separator: ",")
        if list.count > 3 { cell += " + \(list.count - 3) more..." }
        return [.string(o.metadataName), .string(cell.isEmpty ? "<none>" : cell), age(o, now)]
    }

    static func templateCells(_ o: JSONValue) -> (String, String) {
        let cs = arr(o, ["spec", "template", "spec", "containers"])
        return (cs.compactMap { $0["name"]?.stringValue }.joined(separator: ","), cs.compactMap { $0["image"]?.stringValue }.joined(separator: ","))
    }

    static func replicasRow(_ o: JSONValue, _ now: Date) -> [JSONValue] {
        let (names, images) = templateCells(o)
        let sel = o.value(at: ["spec", "selector", "matchLabels"]) != nil || o.value(at: ["spec", "selector", "matchExpressions"]) != nil
            ? labelSelectorString(o.value(at: ["spec", "selector"])) : selectorString(o.value(at: ["spec", "selector"]))
        return [.string(o.metadataName), .int(o.value(at: ["spec", "replicas"])?.intValue ?? 1), .int(int(o, ["status", "replicas"])),
                .int(int(o, ["status", "readyReplicas"])), age(o, now), .string(names), .string(images), orNone(sel)]
    }

    static func deploymentRow(_ o: JSONValue, _ now: Date) -> [JSONValue] {
        let (names, images) = templateCells(o)
        let desired = o.value(at: ["spec", "replicas"])?.intValue ?? 1
        return [.string(o.metadataName), .string("\(int(o, ["status", "readyReplicas"]))/\(desired)"), .int(int(o, ["status", "updatedReplicas"])),
                .int(int(o, ["status", "availableReplicas"])), age(o, now), .string(names), .string(images),
                orNone(labelSelectorString(o.value(at: ["spec", "selector"])))]
    }

    static func eventRow(_ o: JSONValue, _ now: Date) -> [JSONValue] {
        func since(_ path: [String]) -> String {
            guard let s = o.value(at: path)?.stringValue, let t = try? Time(rfc3339: s) else { return "" }
            return humanDuration(now.timeIntervalSince(t.date))
        }
        var last = since(["lastTimestamp"])
        if last.isEmpty { last = since(["eventTime"]) }
        if last.isEmpty { last = since(["metadata", "creationTimestamp"]) }
        var first = since(["firstTimestamp"])
        if first.isEmpty { first = last }
        let kind = str(o, ["involvedObject", "kind"]).lowercased()
        let object = "\(kind)/\(str(o, ["involvedObject", "name"]))"
        var source = str(o, ["source", "component"])
        if !str(o, ["source", "host"]).isEmpty { source += ", \(str(o, ["source", "host"]))" }
        if source.isEmpty { source = str(o, ["reportingComponent"]) }
        return [.string(last), .string(str(o, ["type"])), .string(str(o, ["reason"])), .string(object),
                .string(str(o, ["involvedObject", "fieldPath"])), .string(source), .string(str(o, ["message"])), .string(first),
                .int(o["count"]?.intValue ?? 1), .string(o.metadataName)]
    }
}
