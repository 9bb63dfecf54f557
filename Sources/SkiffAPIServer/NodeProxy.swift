import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SkiffAPI

/// Where a pod's node serves its kubelet endpoints, and the kubelet URL for one of a pod's
/// subresources (`log`). Pure: it takes the pod and node objects.
public enum NodeProxyTarget {
    /// The query parameters of `pods/NAME/log` the kubelet's /containerLogs understands.
    static let logParams = ["follow", "tailLines", "limitBytes", "sinceSeconds", "sinceTime", "timestamps", "previous"]

    public static func logURL(pod: Pod, node: Node?, query: [String: String]) throws -> String {
        let name = pod.metadata.name ?? ""
        let ns = pod.metadata.namespace ?? "default"
        let container = try containerName(pod, query["container"])
        let base = try kubeletBase(pod: pod, node: node)
        var q: [String] = []
        for k in logParams { if let v = query[k] { q.append("\(k)=\(escape(v))") } }
        return "\(base)/containerLogs/\(escape(ns))/\(escape(name))/\(escape(container))" + (q.isEmpty ? "" : "?" + q.joined(separator: "&"))
    }

    /// http://INTERNAL-IP:PORT of the pod's node (daemonEndpoints.kubeletEndpoint.Port).
    public static func kubeletBase(pod: Pod, node: Node?) throws -> String {
        let name = pod.metadata.name ?? ""
        guard let nodeName = pod.spec.nodeName, !nodeName.isEmpty else {
            throw APIError.badRequest("pod \(name) does not have a host assigned")
        }
        guard let node else { throw APIError.badRequest("node \(nodeName) of pod \(name) is not registered") }
        let addresses = node.status.addresses ?? []
        guard let ip = (addresses.first { $0.type == "InternalIP" } ?? addresses.first { $0.type == "Hostname" })?.address else {
            throw APIError.badRequest("node \(nodeName) has no InternalIP address")
        }
        let port = node.status.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250
        let host = ip.contains(":") ? "[\(ip)]" : ip
        return "http://\(host):\(port)"
    }

    /// The named container, the only one, or the default-container annotation's.
    public static func containerName(_ pod: Pod, _ requested: String?) throws -> String {
        let all = (pod.spec.initContainers ?? []).map(\.name) + pod.spec.containers.map(\.name)
        let name = pod.metadata.name ?? ""
        if let requested, !requested.isEmpty {
            guard all.contains(requested) else {
                throw APIError.badRequest("container \(requested) is not valid for pod \(name)")
            }
            return requested
        }
        if pod.spec.containers.count == 1 { return pod.spec.containers[0].name }
        if let d = pod.metadata.annotations?["kubectl.kubernetes.io/default-container"], all.contains(d) { return d }
        throw APIError.badRequest("a container name must be specified for pod \(name), choose one of: [\(pod.spec.containers.map(\.name).joined(separator: " "))]")
    }

    static func escape(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}

/// Streams a kubelet response back to the API client (`kubectl logs -f` holds it open).
final class NodeProxy: Sendable {
    /// One client for the process (it lives as long as the process, so it is never shut down).
    static let sharedClient: HTTPClient = {
        var cfg = HTTPClient.Configuration()
        cfg.timeout.connect = .seconds(5)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: cfg)
    }()

    var client: HTTPClient { Self.sharedClient }

    init() {}

    func get(_ url: String) async throws -> APIResponse {
        var req = HTTPClientRequest(url: url)
        req.method = .GET
        let resp: HTTPClientResponse
        do {
            resp = try await client.execute(req, deadline: .now() + .hours(24))
        } catch {
            throw APIError(.failure(code: 502, reason: "BadGateway", message: "the node's kubelet at \(url) could not be reached: \(error)"))
        }
        let status = Int(resp.status.code)
        let contentType = resp.headers.first(name: "content-type") ?? "text/plain"
        if status != 200 {
            let body = try await resp.body.collect(upTo: 1 << 20)
            return .full(status: status, contentType: contentType, body: Data(body.readableBytesView))
        }
        let (stream, cont) = AsyncStream<Data>.makeStream()
        let pump = Task {
            do {
                for try await chunk in resp.body { cont.yield(Data(chunk.readableBytesView)) }
            } catch {}
            cont.finish()
        }
        cont.onTermination = { _ in pump.cancel() }
        return .stream(status: 200, contentType: contentType, body: stream)
    }
}
