import AsyncHTTPClient
import Foundation
import SkiffAPI

/// The resource Metrics API (`metrics.k8s.io/v1beta1` nodes and pods) that `kubectl top`
/// reads, built from each node's kubelet Summary API (`/stats/summary`). Pure: documents from
/// a summary; fetching is done by `MetricsAPIServer`.
public enum MetricsAPI {
    public static let group = "metrics.k8s.io"
    public static let version = "v1beta1"
    static var apiVersion: String { "\(group)/\(version)" }

    public static func groupEntry() -> JSONValue {
        Discovery.groupEntry(group, versions: [version])
    }

    public static func groupDocument() -> JSONValue {
        groupEntry().setting(["kind"], to: "APIGroup").setting(["apiVersion"], to: "v1")
    }

    public static func resourceList() -> JSONValue {
        .object([
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(apiVersion),
            "resources": [
                .object(["name": "nodes", "singularName": "", "namespaced": false, "kind": "NodeMetrics", "verbs": ["get", "list"]]),
                .object(["name": "pods", "singularName": "", "namespaced": true, "kind": "PodMetrics", "verbs": ["get", "list"]]),
            ],
        ])
    }

    /// Quantities as Kubernetes writes them: nanocores ("12345n") and kibibytes ("1024Ki").
    static func cpu(_ nanoCores: Int64) -> JSONValue { .string("\(max(nanoCores, 0))n") }
    static func memory(_ bytes: Int64) -> JSONValue { .string("\(max(bytes, 0) / 1024)Ki") }

    static func usage(_ stats: JSONValue?) -> JSONValue {
        .object(["cpu": cpu(stats?["cpu"]?["usageNanoCores"]?.intValue ?? 0),
                 "memory": memory(stats?["memory"]?["workingSetBytes"]?.intValue ?? 0)])
    }

    static func timestamp(_ stats: JSONValue?) -> JSONValue {
        stats?["cpu"]?["time"] ?? .string(Time.now().rfc3339)
    }

    public static func nodeMetrics(name: String, labels: [String: String], summary: JSONValue) -> JSONValue {
        let node = summary["node"]
        return .object([
            "kind": "NodeMetrics", "apiVersion": .string(apiVersion),
            "metadata": .object(["name": .string(name), "creationTimestamp": .string(Time.now().rfc3339),
                                 "labels": .object(labels.mapValues { .string($0) })]),
            "timestamp": timestamp(node), "window": "10s", "usage": usage(node),
        ])
    }

    /// One PodMetrics per pod of the summary, keyed by namespace/name.
    public static func podMetrics(summary: JSONValue) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for p in summary["pods"]?.arrayValue ?? [] {
            guard let name = p["podRef"]?["name"]?.stringValue, let ns = p["podRef"]?["namespace"]?.stringValue else { continue }
            let containers: [JSONValue] = (p["containers"]?.arrayValue ?? []).map { c in
                .object(["name": c["name"] ?? "", "usage": usage(c)])
            }
            out["\(ns)/\(name)"] = .object([
                "kind": "PodMetrics", "apiVersion": .string(apiVersion),
                "metadata": .object(["name": .string(name), "namespace": .string(ns), "creationTimestamp": .string(Time.now().rfc3339)]),
                "timestamp": timestamp(p), "window": "10s", "containers": .array(containers),
            ])
        }
        return out
    }

    public static func list(kind: String, items: [JSONValue]) -> JSONValue {
        .object(["kind": .string(kind), "apiVersion": .string(apiVersion), "metadata": .object([:]), "items": .array(items)])
    }
}

extension APIHandler {
    /// `GET /apis/metrics.k8s.io/v1beta1/[namespaces/NS/]{nodes,pods}[/NAME]`.
    func metrics(_ req: APIRequest, _ rp: ResourcePath) async throws -> APIResponse {
        guard req.method == "GET" else { throw APIError.methodNotAllowed("the metrics API is read-only") }
        guard rp.version == MetricsAPI.version, rp.subresource == nil, rp.plural == "nodes" || rp.plural == "pods" else {
            throw APIError.pathNotFound(req.path)
        }
        guard let nodesH = catalog.handler(group: "", version: "v1", plural: "nodes"),
              let podsH = catalog.handler(group: "", version: "v1", plural: "pods") else { throw APIError.pathNotFound(req.path) }
        let options = try ListOptions.parse(req.query)
        var nodeOptions = ListOptions()
        if rp.plural == "nodes" { nodeOptions.labelSelector = options.labelSelector }
        let nodes = try await registry.list(nodesH, namespace: nil, options: nodeOptions).items.compactMap { try? $0.decode(Node.self) }
            .filter { rp.plural != "nodes" || rp.name == nil || $0.metadata.name == rp.name }
        // Every node's summary, concurrently and with a short timeout each.
        let summaries = await withTaskGroup(of: (Node, JSONValue?).self) { g in
            for n in nodes {
                g.addTask {
                    var fake = Pod()
                    fake.spec.nodeName = n.metadata.name
                    guard let base = try? NodeProxyTarget.kubeletBase(pod: fake, node: n) else { return (n, nil) }
                    return (n, try? await self.nodeProxy.fetchJSON(base + "/stats/summary", timeoutSeconds: 5))
                }
            }
            var out: [(Node, JSONValue?)] = []
            for await r in g { out.append(r) }
            return out.sorted { ($0.0.metadata.name ?? "") < ($1.0.metadata.name ?? "") }
        }
        if rp.plural == "nodes" {
            let items = summaries.compactMap { n, s in s.map { MetricsAPI.nodeMetrics(name: n.metadata.name ?? "", labels: n.metadata.labels ?? [:], summary: $0) } }
            if let name = rp.name {
                guard let item = items.first else {
                    throw APIError(.failure(code: 404, reason: "NotFound", message: "nodemetrics.metrics.k8s.io \"\(name)\" not found"))
                }
                return .json(200, item)
            }
            return .json(200, MetricsAPI.list(kind: "NodeMetricsList", items: items))
        }
        var byKey: [String: JSONValue] = [:]
        for (_, s) in summaries { if let s { byKey.merge(MetricsAPI.podMetrics(summary: s)) { a, _ in a } } }
        var podOptions = ListOptions()
        podOptions.labelSelector = options.labelSelector
        let pods = try await registry.list(podsH, namespace: rp.namespace, options: podOptions).items
        var items: [JSONValue] = []
        for p in pods {
            guard let name = p["metadata"]?["name"]?.stringValue, let ns = p["metadata"]?["namespace"]?.stringValue else { continue }
            if let want = rp.name, want != name { continue }
            if var m = byKey["\(ns)/\(name)"] {
                if let labels = p["metadata"]?["labels"] { m = m.setting(["metadata", "labels"], to: labels) }
                items.append(m)
            }
        }
        if let name = rp.name {
            guard let item = items.first else {
                throw APIError(.failure(code: 404, reason: "NotFound", message: "podmetrics.metrics.k8s.io \"\(rp.namespace ?? "default")/\(name)\" not found"))
            }
            return .json(200, item)
        }
        return .json(200, MetricsAPI.list(kind: "PodMetricsList", items: items))
    }
}

extension NodeProxy {
    func fetchJSON(_ url: String, timeoutSeconds: Int64) async throws -> JSONValue {
        var req = HTTPClientRequest(url: url)
        req.method = .GET
        let resp = try await client.execute(req, timeout: .seconds(timeoutSeconds))
        guard resp.status.code == 200 else { throw APIError.internalError("\(url): \(resp.status.code)") }
        let body = try await resp.body.collect(upTo: 64 << 20)
        return try JSONValue(from: Data(body.readableBytesView))
    }
}
