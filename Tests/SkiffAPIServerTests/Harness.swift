import Foundation
@testable import SkiffAPIServer
import SkiffAPI

/// An API handler over a fresh in-memory store with namespaces and widgets served.
struct Harness {
    let store = TestStore()
    let handler: APIHandler
    let registry: Registry

    init(strategies: [any ResourceStrategy.Type] = [NamespaceStrategy.self, WidgetStrategy.self]) async throws {
        let catalog = ResourceCatalog(strategies)
        let cache = WatchCache(store: store, capacity: 64)
        registry = Registry(store: store, catalog: catalog, cache: cache)
        handler = APIHandler(registry: registry, serverAddress: "127.0.0.1:0", bookmarkInterval: .milliseconds(200))
        for ns in ["default", "kube-system"] {
            _ = await call("POST", "/api/v1/namespaces", body: "{\"metadata\":{\"name\":\"\(ns)\"}}")
        }
        try await cache.start()
    }

    @discardableResult
    func call(_ method: String, _ path: String, query: [String: String] = [:], body: String = "",
              contentType: String = "application/json", accept: String = "application/json") async -> (Int, JSONValue) {
        await call(method, path, query: query, bytes: Data(body.utf8), contentType: contentType, accept: accept)
    }

    @discardableResult
    func call(_ method: String, _ path: String, query: [String: String] = [:], bytes: Data,
              contentType: String, accept: String = "application/json") async -> (Int, JSONValue) {
        let r = await handler.handle(APIRequest(method: method, path: path, query: query, accept: accept,
                                                contentType: contentType, body: bytes))
        switch r {
        case .full(let status, _, let data):
            return (status, (try? JSONValue(from: data)) ?? .null)
        case .stream(let status, _, _):
            return (status, .null)
        }
    }

    /// Opens a watch and returns its stream of decoded events.
    func watch(_ path: String, query: [String: String] = [:]) async -> AsyncStream<JSONValue> {
        var q = query
        q["watch"] = "true"
        let r = await handler.handle(APIRequest(method: "GET", path: path, query: q))
        guard case .stream(_, _, let body) = r else {
            return AsyncStream { $0.finish() }
        }
        return AsyncStream { c in
            let t = Task {
                var pending = Data()
                for await chunk in body {
                    pending.append(chunk)
                    while let nl = pending.firstIndex(of: 0x0A) {
                        let line = pending[pending.startIndex..<nl]
                        pending = Data(pending[pending.index(after: nl)...])
                        if let v = try? JSONValue(from: Data(line)) { c.yield(v) }
                    }
                }
                c.finish()
            }
            c.onTermination = { _ in t.cancel() }
        }
    }
}

/// Collects a watch stream's events in the background so tests can wait for them with a bound.
actor EventCollector {
    private(set) var events: [JSONValue] = []
    private var consumed = 0
    private var task: Task<Void, Never>?

    init(_ stream: AsyncStream<JSONValue>) {
        let t = Task { [weak self] in
            for await e in stream { await self?.add(e) }
        }
        Task { await self.setTask(t) }
    }

    private func setTask(_ t: Task<Void, Never>) { task = t }
    private func add(_ e: JSONValue) { events.append(e) }

    /// The next `n` unread events, or fewer if they do not arrive within `timeout` seconds.
    func next(_ n: Int, timeout: Double = 15) async -> [JSONValue] {
        let deadline = Date().addingTimeInterval(timeout)
        while events.count - consumed < n && Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        let end = min(events.count, consumed + n)
        let out = Array(events[consumed..<end])
        consumed = end
        return out
    }

    func stop() { task?.cancel() }
}
