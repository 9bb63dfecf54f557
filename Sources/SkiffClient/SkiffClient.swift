import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import SkiffAPI

/// A REST client for the Kubernetes API with typed calls for any `KubeObject`, used by every
/// Skiff component (components talk to each other only through the API).
public final class SkiffClient: Sendable {
    public let config: ClientConfig
    let http: HTTPClient
    let logger = Logger(label: "skiff.client")

    public init(config: ClientConfig) {
        self.config = config
        var c = HTTPClient.Configuration()
        // No read timeout: watches are legitimately idle.
        c.timeout = .init(connect: .seconds(5), read: nil)
        c.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: config.maxConnections)
        c.decompression = .disabled
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: c)
    }

    /// Closes connections; call once when done.
    public func shutdown() async {
        try? await http.shutdown()
    }

    // MARK: raw requests

    /// One request with a whole JSON body in and out. Error statuses become `ClientError.status`.
    public func send(_ method: HTTPMethod, _ path: String, body: Data? = nil,
                     contentType: String = "application/json", accept: String = "application/json") async throws -> Data {
        var req = HTTPClientRequest(url: config.server + path)
        req.method = method
        req.headers.add(name: "Accept", value: accept)
        req.headers.add(name: "User-Agent", value: config.userAgent)
        if let t = config.bearerToken { req.headers.add(name: "Authorization", value: "Bearer \(t)") }
        if let body {
            req.headers.add(name: "Content-Type", value: contentType)
            req.body = .bytes(ByteBuffer(bytes: body))
        }
        let resp: HTTPClientResponse
        do {
            resp = try await http.execute(req, timeout: .nanoseconds(Int64(config.requestTimeout.components.seconds) * 1_000_000_000))
        } catch {
            throw ClientError.transport("\(method) \(path): \(error)")
        }
        let buf: ByteBuffer
        do { buf = try await resp.body.collect(upTo: 256 * 1024 * 1024) } catch {
            throw ClientError.transport("\(method) \(path): reading the response failed: \(error)")
        }
        let data = Data(buf.readableBytesView)
        guard (200..<300).contains(Int(resp.status.code)) else {
            throw Self.statusError(code: Int(resp.status.code), data)
        }
        return data
    }

    static func statusError(code: Int, _ data: Data) -> ClientError {
        if let s = try? KubeJSON.decode(Status.self, from: data), s.kind == "Status" || s.code != nil {
            return .status(code: code, s)
        }
        let text = String(decoding: data.prefix(512), as: UTF8.self)
        return .status(code: code, .failure(code: Int32(code), reason: "Unknown", message: text))
    }

    func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do { return try KubeJSON.decode(T.self, from: data) } catch {
            throw ClientError.decoding("\(T.self): \(error)")
        }
    }

    // MARK: typed calls

    public func get<T: KubeObject>(_ type: T.Type, namespace: String? = nil, name: String) async throws -> T {
        try decode(T.self, try await send(.GET, ResourcePaths.path(T.resourceInfo, namespace: namespace, name: name)))
    }

    public func list<T: KubeObject>(_ type: T.Type, namespace: String? = nil, _ params: ListParams = ListParams()) async throws -> List<T> {
        let path = ResourcePaths.path(T.resourceInfo, namespace: namespace) + ResourcePaths.query(params.queryItems(watch: false))
        return try decode(List<T>.self, try await send(.GET, path))
    }

    /// Every page of a list, following continue tokens.
    public func listAll<T: KubeObject>(_ type: T.Type, namespace: String? = nil, _ params: ListParams = ListParams(),
                                       pageSize: Int = 500) async throws -> List<T> {
        var p = params
        p.limit = pageSize
        var out = try await list(T.self, namespace: namespace, p)
        while let token = out.metadata.continue, !token.isEmpty {
            p.continueToken = token
            let page = try await list(T.self, namespace: namespace, p)
            out.items += page.items
            out.metadata.continue = page.metadata.continue
        }
        return out
    }

    public func create<T: KubeObject>(_ object: T, namespace: String? = nil) async throws -> T {
        let ns = namespace ?? object.metadata.namespace
        let body = try KubeJSON.encode(object)
        return try decode(T.self, try await send(.POST, ResourcePaths.path(T.resourceInfo, namespace: ns), body: body))
    }

    /// Replaces the object; its `metadata.resourceVersion` makes the write conditional
    /// (`ClientError.isConflict` when someone else wrote first).
    public func update<T: KubeObject>(_ object: T) async throws -> T {
        try await put(object, subresource: nil)
    }

    /// Writes only the status (the status subresource).
    public func updateStatus<T: KubeObject>(_ object: T) async throws -> T {
        try await put(object, subresource: "status")
    }

    func put<T: KubeObject>(_ object: T, subresource: String?) async throws -> T {
        guard let name = object.metadata.name, !name.isEmpty else { throw ClientError.config("metadata.name is required to update") }
        let path = ResourcePaths.path(T.resourceInfo, namespace: object.metadata.namespace, name: name, subresource: subresource)
        return try decode(T.self, try await send(.PUT, path, body: try KubeJSON.encode(object)))
    }

    public enum PatchKind: String, Sendable {
        case merge = "application/merge-patch+json"
        case json = "application/json-patch+json"
        case strategic = "application/strategic-merge-patch+json"
    }

    public func patch<T: KubeObject>(_ type: T.Type, namespace: String? = nil, name: String, patch: JSONValue,
                                     kind: PatchKind = .merge, subresource: String? = nil) async throws -> T {
        let path = ResourcePaths.path(T.resourceInfo, namespace: namespace, name: name, subresource: subresource)
        return try decode(T.self, try await send(.PATCH, path, body: patch.encoded(), contentType: kind.rawValue))
    }

    public func delete<T: KubeObject>(_ type: T.Type, namespace: String? = nil, name: String,
                                      options: DeleteOptions? = nil) async throws {
        let path = ResourcePaths.path(T.resourceInfo, namespace: namespace, name: name)
        _ = try await send(.DELETE, path, body: try options.map { try KubeJSON.encode($0) })
    }

    /// Binds a pod to a node (what the scheduler does); a pod already bound is a conflict.
    public func bind(namespace: String, pod: String, node: String) async throws {
        let body: JSONValue = ["apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(pod)],
                               "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)]]
        _ = try await send(.POST, ResourcePaths.path(Pod.resourceInfo, namespace: namespace, name: pod, subresource: "binding"), body: body.encoded())
    }

    // MARK: watch

    /// A watch stream of typed events. An `ERROR` event carrying a `Status` ends the stream with
    /// `ClientError.status` (410 `isGone` when the resourceVersion is too old: relist).
    public func watch<T: KubeObject>(_ type: T.Type, namespace: String? = nil, _ params: ListParams = ListParams()) -> AsyncThrowingStream<WatchEvent<T>, Error> {
        let path = ResourcePaths.path(T.resourceInfo, namespace: namespace) + ResourcePaths.query(params.queryItems(watch: true))
        let http = self.http
        let config = self.config
        let (stream, cont) = AsyncThrowingStream<WatchEvent<T>, Error>.makeStream()
        let task = Task {
            var req = HTTPClientRequest(url: config.server + path)
            req.headers.add(name: "Accept", value: "application/json")
            req.headers.add(name: "User-Agent", value: config.userAgent)
            if let t = config.bearerToken { req.headers.add(name: "Authorization", value: "Bearer \(t)") }
            do {
                let resp = try await http.execute(req, deadline: .distantFuture)
                guard resp.status.code == 200 else {
                    let buf = try await resp.body.collect(upTo: 1 << 20)
                    throw Self.statusError(code: Int(resp.status.code), Data(buf.readableBytesView))
                }
                var splitter = LineSplitter()
                for try await chunk in resp.body {
                    for line in splitter.push(chunk.readableBytesView) {
                        try Self.emit(line, T.self, cont)
                    }
                }
                cont.finish()
            } catch {
                if let e = error as? ClientError { cont.finish(throwing: e) } else if Task.isCancelled { cont.finish() } else {
                    cont.finish(throwing: ClientError.transport("watch \(path): \(error)"))
                }
            }
        }
        cont.onTermination = { _ in task.cancel() }
        return stream
    }

    static func emit<T: KubeObject>(_ line: Data, _ type: T.Type, _ cont: AsyncThrowingStream<WatchEvent<T>, Error>.Continuation) throws {
        let json: JSONValue
        do { json = try JSONValue(from: line) } catch { throw ClientError.decoding("watch line: \(error)") }
        guard let typeName = json["type"]?.stringValue, let t = WatchEvent<T>.EventType(rawValue: typeName) else {
            throw ClientError.decoding("watch event without a known type")
        }
        let object = json["object"] ?? .null
        if t == .error {
            let status = (try? object.decode(Status.self)) ?? .failure(code: 500, reason: "Unknown", message: object.jsonString)
            throw ClientError.status(code: Int(status.code ?? 500), status)
        }
        if t == .bookmark {
            // Bookmarks carry only metadata.resourceVersion; fill a minimal object.
            var meta = ObjectMeta()
            meta.resourceVersion = object["metadata"]?["resourceVersion"]?.stringValue
            let stub: JSONValue = ["apiVersion": .string(T.resourceInfo.apiVersion), "kind": .string(T.resourceInfo.kind),
                                   "metadata": (try? JSONValue(encoding: meta)) ?? .object([:])]
            if let obj = try? stub.decode(T.self) {
                cont.yield(WatchEvent(type: .bookmark, object: obj))
            }
            return
        }
        do {
            cont.yield(WatchEvent(type: t, object: try object.decode(T.self)))
        } catch {
            throw ClientError.decoding("watch \(T.resourceInfo.kind): \(error)")
        }
    }
}

/// Splits a byte stream into newline-terminated lines.
struct LineSplitter {
    var pending = Data()

    mutating func push<C: Collection>(_ bytes: C) -> [Data] where C.Element == UInt8 {
        pending.append(contentsOf: bytes)
        var lines: [Data] = []
        while let nl = pending.firstIndex(of: 0x0A) {
            let line = pending[pending.startIndex..<nl]
            if !line.isEmpty { lines.append(Data(line)) }
            pending.removeSubrange(pending.startIndex...nl)
        }
        return lines
    }
}
