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

    /// Every page of a list (`pageSize` objects each, at one resourceVersion), in order.
    public func listAll<T: KubeObject>(_ type: T.Type, namespace: String? = nil, _ params: ListParams = ListParams(),
                                       pageSize: Int = 500) async throws -> List<T> {
        var pages: [Int: List<T>] = [:]
        let count = try await listPages(type, namespace: namespace, params, pageSize: pageSize) { index, page, _ in
            pages[index] = page
        }
        guard var out = pages[0] else { throw ClientError.decoding("List<\(T.self)>: no first page") }
        for k in 1..<max(count, 1) {
            guard let page = pages[k] else { continue }
            out.items += page.items
            out.metadata.continue = page.metadata.continue
        }
        return out
    }

    /// A list read page by page: the next page is asked for as soon as a page's bytes are in
    /// (only its continue token is read), pages are parsed and decoded concurrently, and each
    /// goes to `onPage` with its index as soon as it is decoded — not necessarily in order, and
    /// only after every page has been fetched. `counting` is asked about each object of a page
    /// (its JSON, before decoding); `onPage` gets how many it said yes to, and `onFetched` the
    /// total over all pages before the first `onPage`. Both run in the caller's isolation.
    /// Returns the number of pages.
    @discardableResult
    public func listPages<T: KubeObject>(_ type: T.Type, namespace: String? = nil, _ params: ListParams = ListParams(),
                                         pageSize: Int = 500,
                                         isolation: isolated (any Actor)? = #isolation,
                                         counting: (@Sendable (UnsafeBufferPointer<UInt8>) -> Bool)? = nil,
                                         onFetched: (Int) async -> Void = { _ in },
                                         onPage: (_ index: Int, _ page: List<T>, _ counted: Int) async throws -> Void) async throws -> Int {
        var p = params
        p.limit = pageSize
        let base = ResourcePaths.path(T.resourceInfo, namespace: namespace)
        return try await withThrowingTaskGroup(of: (Int, List<T>).self) { group in
            var counts: [Int] = []
            while true {
                let data = try await send(.GET, base + ResourcePaths.query(p.queryItems(watch: false)))
                let index = counts.count
                // Counting splits the page into its items; the decoding reuses the split.
                let items = counting == nil ? nil : Self.itemRanges(of: data)
                counts.append(counting.map { Self.count(items ?? [], in: data, $0) } ?? 0)
                group.addTask {
                    do { return (index, try await Self.decodePage(data, items: items, as: T.self)) } catch {
                        throw ClientError.decoding("List<\(T.self)>: \(error)")
                    }
                }
                guard let token = JSONScan.string(at: ["metadata", "continue"], in: data), !token.isEmpty else { break }
                p.continueToken = token
            }
            await onFetched(counts.reduce(0, +))
            for try await (index, page) in group { try await onPage(index, page, counts[index]) }
            return counts.count
        }
    }

    /// A list page decoded item by item, letting other waiting work run every few items: a
    /// page of 500 pods is 20-30 ms of CPU, and the request for the next page (or another
    /// list's) should not wait for a thread behind all of it. A page the scanner cannot split
    /// is decoded whole, which reports what is wrong with it.
    /// `items`: the byte ranges of the page's items when already known.
    static func decodePage<T: KubeObject>(_ data: Data, items known: [Range<Int>]? = nil, as type: T.Type) async throws -> List<T> {
        let parts = data.withUnsafeBytes { raw -> (metadata: Data?, items: [Data])? in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let items = known ?? JSONScan.elements(at: ["items"], in: bytes) else { return nil }
            let metadata = JSONScan.range(of: ["metadata"], in: bytes).map { Data(UnsafeBufferPointer(rebasing: bytes[$0])) }
            return (metadata, items.map { Data(UnsafeBufferPointer(rebasing: bytes[$0])) })
        }
        guard let parts else { return try JSONValue(from: data).decode(List<T>.self) }
        var list = List<T>(metadata: try parts.metadata.map { try JSONValue(from: $0).decode(ListMeta.self) } ?? ListMeta())
        list.items.reserveCapacity(parts.items.count)
        for (i, item) in parts.items.enumerated() {
            if i % 25 == 24 { await Task.yield() }
            do {
                list.items.append(try JSONValue(from: item).decode(T.self))
            } catch let e as DecodeError {
                throw DecodeError(field: "items[\(i)]" + (e.field.isEmpty ? "" : "." + e.field), detail: e.detail)
            } catch {
                throw DecodeError(field: "items[\(i)]", detail: "\(error)")
            }
        }
        return list
    }

    /// The byte ranges of a list page's items; nil when the page cannot be split.
    static func itemRanges(of page: Data) -> [Range<Int>]? {
        page.withUnsafeBytes { JSONScan.elements(at: ["items"], in: $0.bindMemory(to: UInt8.self)) }
    }

    /// How many of a page's `items` `predicate` holds for (each item's JSON as it is).
    static func count(_ items: [Range<Int>], in page: Data, _ predicate: (UnsafeBufferPointer<UInt8>) -> Bool) -> Int {
        page.withUnsafeBytes { raw -> Int in
            let bytes = raw.bindMemory(to: UInt8.self)
            return items.reduce(0) { $0 + (predicate(UnsafeBufferPointer(rebasing: bytes[$1])) ? 1 : 0) }
        }
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
    ///
    /// `skip`, when given, sees each event's type and raw object before anything is parsed;
    /// an event it returns true for is not decoded and arrives as a `.bookmark` carrying only
    /// the object's resourceVersion (so a resumed watch still starts after it). For callers
    /// that already know what such an event says; parsing and decoding are most of a watch's
    /// cost.
    public func watch<T: KubeObject>(_ type: T.Type, namespace: String? = nil, _ params: ListParams = ListParams(),
                                     skip: (@Sendable (WatchEvent<T>.EventType, RawWatchObject) -> Bool)? = nil) -> AsyncThrowingStream<WatchEvent<T>, Error> {
        let path = ResourcePaths.path(T.resourceInfo, namespace: namespace) + ResourcePaths.query(params.queryItems(watch: true))
        // One decoded stub per watch; each bookmark is a copy with its resourceVersion.
        let stub: T? = Self.bookmark(nil)
        return lines(path) { line, cont in
            if let skip, let t = JSONScan.string(at: ["type"], in: line).flatMap(WatchEvent<T>.EventType.init(rawValue:)),
               t != .error, t != .bookmark {
                let raw = RawWatchObject(line: line)
                if skip(t, raw) {
                    if var obj = stub {
                        obj.metadata.resourceVersion = raw.string("metadata", "resourceVersion")
                        cont.yield(WatchEvent(type: .bookmark, object: obj))
                    }
                    return
                }
            }
            let (t, object) = try Self.event(line, T.self)
            if t == .bookmark {
                if var obj = stub {
                    obj.metadata.resourceVersion = object["metadata"]?["resourceVersion"]?.stringValue
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

    /// A watch stream of events left as their raw lines, for callers that read a few fields
    /// of many events (nothing is parsed beyond the fields asked for). Errors end the stream
    /// as in `watch`.
    public func watchRaw<T: KubeObject>(_ type: T.Type, namespace: String? = nil,
                                        _ params: ListParams = ListParams()) -> AsyncThrowingStream<(type: WatchEvent<T>.EventType, object: RawWatchObject), Error> {
        let path = ResourcePaths.path(T.resourceInfo, namespace: namespace) + ResourcePaths.query(params.queryItems(watch: true))
        return lines(path) { line, cont in
            guard let t = JSONScan.string(at: ["type"], in: line).flatMap(WatchEvent<T>.EventType.init(rawValue:)), t != .error else {
                _ = try Self.event(line, T.self)  // throws the error event's status, or says what is wrong
                return
            }
            cont.yield((type: t, object: RawWatchObject(line: line)))
        }
    }

    /// Runs a watch request and hands each line of the response to `emit`.
    func lines<E: Sendable>(_ path: String,
                            _ emit: @escaping @Sendable (Data, AsyncThrowingStream<E, Error>.Continuation) throws -> Void) -> AsyncThrowingStream<E, Error> {
        let http = self.http
        let config = self.config
        let (stream, cont) = AsyncThrowingStream<E, Error>.makeStream()
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
                    for line in chunk.withUnsafeReadableBytes({ splitter.push($0) }) {
                        try emit(line, cont)
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

    /// One watch line's type and object; an `ERROR` event becomes a thrown `ClientError.status`.
    static func event<T: KubeObject>(_ line: Data, _ type: T.Type) throws -> (WatchEvent<T>.EventType, JSONValue) {
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
        return (t, object)
    }

    /// A minimal object carrying only a resourceVersion (what a bookmark says).
    static func bookmark<T: KubeObject>(_ resourceVersion: String?) -> T? {
        var meta = ObjectMeta()
        meta.resourceVersion = resourceVersion
        let stub: JSONValue = ["apiVersion": .string(T.resourceInfo.apiVersion), "kind": .string(T.resourceInfo.kind),
                               "metadata": (try? JSONValue(encoding: meta)) ?? .object([:])]
        return try? stub.decode(T.self)
    }
}

/// Splits a byte stream into newline-terminated lines.
struct LineSplitter {
    /// The start of a line whose end has not arrived yet.
    var pending = Data()

    mutating func push<C: Collection>(_ bytes: C) -> [Data] where C.Element == UInt8 {
        Array(bytes).withUnsafeBytes { push($0) }
    }

    /// Lines found with memchr; whole lines inside the chunk are copied once, straight out of
    /// it, and only an unfinished tail is kept.
    mutating func push(_ chunk: UnsafeRawBufferPointer) -> [Data] {
        var lines: [Data] = []
        guard let base = chunk.baseAddress, chunk.count > 0 else { return lines }
        var from = 0
        while from < chunk.count, let p = memchr(base + from, 0x0A, chunk.count - from) {
            let nl = base.distance(to: UnsafeRawPointer(p))
            if pending.isEmpty {
                if nl > from { lines.append(Data(bytes: base + from, count: nl - from)) }
            } else {
                pending.append(base.assumingMemoryBound(to: UInt8.self) + from, count: nl - from)
                lines.append(pending)
                pending = Data()
            }
            from = nl + 1
        }
        if from < chunk.count { pending.append(base.assumingMemoryBound(to: UInt8.self) + from, count: chunk.count - from) }
        return lines
    }
}

/// The object of one watch event, still as the line's bytes: fields are read by scanning.
public struct RawWatchObject: Sendable {
    public let line: Data

    /// The string at `path` under the event's object (e.g. "metadata", "name").
    public func string(_ path: String...) -> String? {
        JSONScan.string(at: ["object"] + path, in: line)
    }
}
