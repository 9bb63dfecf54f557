import Foundation
import SkiffAPI

/// Where the API server is and how to reach it. Built by hand or from a kubeconfig.
public struct ClientConfig: Sendable, Equatable {
    /// e.g. `http://127.0.0.1:6443` (no trailing slash).
    public var server: String
    /// Bearer token, when the server asks for one (later, with TLS).
    public var bearerToken: String?
    /// Per-request timeout for everything but watches.
    public var requestTimeout: Duration = .seconds(30)
    /// Connections kept per server; every open watch holds one for its lifetime.
    public var maxConnections = 512
    /// Identifies the component in the server's logs.
    public var userAgent = "skiff-client/\(SkiffVersion.skiff)"

    public init(server: String, bearerToken: String? = nil) {
        var s = server
        while s.hasSuffix("/") { s.removeLast() }
        self.server = s
        self.bearerToken = bearerToken
    }

    /// Reads the current context's cluster server (and user token) from a kubeconfig file.
    public static func fromKubeconfig(path: String) throws -> ClientConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ClientError.config("cannot read kubeconfig \(path): \(error.localizedDescription)")
        }
        let doc: JSONValue
        do { doc = try JSONValue(yaml: text) } catch {
            throw ClientError.config("kubeconfig \(path) is not valid YAML: \(error)")
        }
        let current = doc["current-context"]?.stringValue ?? ""
        let contexts = doc["contexts"]?.arrayValue ?? []
        let ctx = contexts.first { $0["name"]?.stringValue == current } ?? contexts.first
        let clusterName = ctx?["context"]?["cluster"]?.stringValue
        let userName = ctx?["context"]?["user"]?.stringValue
        let clusters = doc["clusters"]?.arrayValue ?? []
        guard let cluster = clusters.first(where: { $0["name"]?.stringValue == clusterName }) ?? clusters.first,
              let server = cluster["cluster"]?["server"]?.stringValue, !server.isEmpty
        else {
            throw ClientError.config("kubeconfig \(path): clusters[].cluster.server is required")
        }
        let user = (doc["users"]?.arrayValue ?? []).first { $0["name"]?.stringValue == userName }
        return ClientConfig(server: server, bearerToken: user?["user"]?["token"]?.stringValue)
    }
}
