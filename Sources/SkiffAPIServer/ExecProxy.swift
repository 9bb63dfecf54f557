import Foundation
import HTTPTypes
import HummingbirdCore
import HummingbirdWebSocket
import HummingbirdWSClient
import Logging
import NIOCore
import SkiffAPI

/// `pods/NAME/exec` over websocket: the API server accepts the client's upgrade, opens the
/// same protocol to the pod's kubelet (`/exec/NS/POD/CONTAINER`) and relays messages both ways
/// until the kubelet closes after the exit status.
enum ExecProxy {
    static let protocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]

    /// The exec path's namespace and pod, or nil for any other path. Pure.
    static func execPath(_ path: String) -> (namespace: String, pod: String)? {
        let p = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard p.count == 7, p[0] == "api", p[1] == "v1", p[2] == "namespaces", p[4] == "pods", p[6] == "exec" else { return nil }
        return (p[3].removingPercentEncoding ?? p[3], p[5].removingPercentEncoding ?? p[5])
    }

    /// The raw query's pairs in order (command repeats). Pure.
    static func pairs(_ query: String?) -> [(String, String)] {
        (query ?? "").split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String { let t = s.replacingOccurrences(of: "+", with: " "); return t.removingPercentEncoding ?? t }
            return (dec(kv[0]), kv.count > 1 ? dec(kv[1]) : "")
        }
    }

    /// ws://NODE:PORT/exec/NS/POD/CONTAINER?command=...&stdin=...: pure, from the objects.
    static func kubeletURL(pod: Pod, node: Node?, query: [(String, String)]) throws -> String {
        let base = try NodeProxyTarget.kubeletBase(pod: pod, node: node)
        let container = try NodeProxyTarget.containerName(pod, query.last { $0.0 == "container" }?.1)
        let keep = Set(["command", "stdin", "stdout", "stderr", "tty", "input", "output", "error"])
        let q = query.filter { keep.contains($0.0) }.map { "\($0.0)=\(NodeProxyTarget.escape($0.1))" }
        guard query.contains(where: { $0.0 == "command" }) else {
            throw APIError.badRequest("you must specify at least one command for the container")
        }
        let ns = pod.metadata.namespace ?? "default", name = pod.metadata.name ?? ""
        return "ws" + base.dropFirst(4) + "/exec/\(NodeProxyTarget.escape(ns))/\(NodeProxyTarget.escape(name))/\(NodeProxyTarget.escape(container))?" + q.joined(separator: "&")
    }

    static func negotiate(_ header: String?) -> String? {
        let offered = (header ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return protocols.first { offered.contains($0) }
    }

    /// The server builder of the API listener: exec upgrades relayed, everything else HTTP.
    static func serverBuilder(handler: APIHandler, logger: Logger) -> HTTPServerBuilder {
        .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 1 << 20))) { head, _, _ in
            let raw = head.path ?? ""
            let parts = raw.split(separator: "?", maxSplits: 1)
            guard let first = parts.first, let (ns, name) = execPath(String(first)),
                  let proto = negotiate(head.headerFields[HTTPField.Name("Sec-WebSocket-Protocol")!]),
                  let url = try? await handler.execURL(namespace: ns, pod: name, query: pairs(parts.count > 1 ? String(parts[1]) : nil))
            else { return .dontUpgrade }
            var headers = HTTPFields()
            headers[HTTPField.Name("Sec-WebSocket-Protocol")!] = proto
            return .upgrade(headers) { inbound, outbound, _ in
                var cfg = WebSocketClientConfiguration()
                cfg.additionalHeaders[HTTPField.Name("Sec-WebSocket-Protocol")!] = proto
                cfg.maxFrameSize = 1 << 20
                do {
                    try await WebSocketClient.connect(url: url, configuration: cfg, logger: logger) { nodeIn, nodeOut, _ in
                        let up = Task {
                            for try await msg in inbound.messages(maxSize: 1 << 20) {
                                switch msg {
                                case .binary(let b): try await nodeOut.write(.binary(b))
                                case .text(let t): try await nodeOut.write(.text(t))
                                }
                            }
                            try await nodeOut.close(.normalClosure, reason: nil)
                        }
                        defer { up.cancel() }
                        for try await msg in nodeIn.messages(maxSize: 1 << 20) {
                            switch msg {
                            case .binary(let b): try await outbound.write(.binary(b))
                            case .text(let t): try await outbound.write(.text(t))
                            }
                        }
                    }
                } catch {
                    logger.warning("exec relay to \(url): \(error)")
                    let st = JSONValue.object(["metadata": .object([:]), "status": "Failure", "reason": "InternalError",
                                               "message": .string("error dialing the node's kubelet: \(error)")])
                    try? await outbound.write(.binary(ByteBuffer(bytes: [3] + Array(st.encoded()))))
                }
            }
        }
    }
}

extension APIHandler {
    /// The kubelet URL for an exec in a pod (errors as API errors: unknown pod, no node...).
    func execURL(namespace: String, pod name: String, query: [(String, String)]) async throws -> String {
        guard let ph = catalog.handler(group: "", version: "v1", plural: "pods") else { throw APIError.pathNotFound("pods") }
        let pod = try await registry.get(ph, namespace: namespace, name: name).decode(Pod.self)
        var node: Node?
        if let nodeName = pod.spec.nodeName, let nh = catalog.handler(group: "", version: "v1", plural: "nodes") {
            node = try? await registry.get(nh, namespace: nil, name: nodeName).decode(Node.self)
        }
        return try ExecProxy.kubeletURL(pod: pod, node: node, query: query)
    }
}
