import Foundation
import Logging
import SkiffAPI
import SkiffStore

/// A request as the API layer sees it, independent of the HTTP library.
public struct APIRequest: Sendable {
    public var method: String
    public var path: String
    public var query: [String: String]
    public var accept: String
    public var contentType: String
    public var body: Data

    public init(method: String, path: String, query: [String: String] = [:], accept: String = "application/json",
                contentType: String = "application/json", body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.accept = accept
        self.contentType = contentType
        self.body = body
    }

    /// Splits and percent-decodes a raw query string.
    public static func parseQuery(_ raw: String?) -> [String: String] {
        guard let raw, !raw.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for pair in raw.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String {
                let plus = s.replacingOccurrences(of: "+", with: " ")
                return plus.removingPercentEncoding ?? plus
            }
            let k = dec(kv[0])
            out[k] = kv.count > 1 ? dec(kv[1]) : ""
        }
        return out
    }
}

/// A response: a whole body, or a stream of chunks for watches.
public enum APIResponse: Sendable {
    case full(status: Int, contentType: String, body: Data)
    case stream(status: Int, contentType: String, body: AsyncStream<Data>)

    public var status: Int {
        switch self {
        case .full(let s, _, _), .stream(let s, _, _): return s
        }
    }

    static func json(_ status: Int, _ value: JSONValue) -> APIResponse {
        .full(status: status, contentType: "application/json", body: value.encoded())
    }

    static func error(_ e: APIError) -> APIResponse {
        let body = (try? encodeJSON(e.status)) ?? Data("{\"kind\":\"Status\",\"status\":\"Failure\"}".utf8)
        return .full(status: e.code, contentType: "application/json", body: body)
    }
}

/// Turns API requests into registry calls and responses: routing, content negotiation
/// (JSON/YAML bodies, Table output), patches, subresources and watch streams.
public final class APIHandler: Sendable {
    public let registry: Registry
    public let catalog: ResourceCatalog
    let serverAddress: String
    let openAPI: @Sendable (String?) -> JSONValue?
    let logger = Logger(label: "skiff.apiserver")
    /// Period of BOOKMARK events for watchers that allow them.
    let bookmarkInterval: Duration
    /// Relays pods' log requests to their nodes' kubelets.
    let nodeProxy = NodeProxy()

    public init(registry: Registry, serverAddress: String, bookmarkInterval: Duration = .seconds(10),
                openAPI: @escaping @Sendable (String?) -> JSONValue? = { _ in nil }) {
        self.registry = registry
        self.catalog = registry.catalog
        self.serverAddress = serverAddress
        self.openAPI = openAPI
        self.bookmarkInterval = bookmarkInterval
    }

    public func handle(_ req: APIRequest) async -> APIResponse {
        do {
            return try await route(req)
        } catch let e as APIError {
            return .error(e)
        } catch let e as StoreError {
            return .error(APIError.fromStore(e))
        } catch {
            logger.error("request \(req.method) \(req.path) failed: \(error)")
            return .error(.internalError("\(error)"))
        }
    }

    func route(_ req: APIRequest) async throws -> APIResponse {
        let target = RequestTarget.parse(req.path)
        if case .resource(let rp) = target {
            if rp.group == MetricsAPI.group { return try await metrics(req, rp) }
            return try await resource(req, rp)
        }
        guard req.method == "GET" || req.method == "HEAD" else {
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
        switch target {
        case .version: return .json(200, Discovery.version())
        case .health: return .full(status: 200, contentType: "text/plain; charset=utf-8", body: Data("ok".utf8))
        case .coreVersions: return .json(200, Discovery.coreVersions(serverAddress: serverAddress))
        case .groupList: return .json(200, Discovery.groupList(catalog))
        case .group(MetricsAPI.group): return .json(200, MetricsAPI.groupDocument())
        case .resourceList(MetricsAPI.group, MetricsAPI.version): return .json(200, MetricsAPI.resourceList())
        case .group(let g):
            guard let doc = Discovery.group(catalog, name: g) else { throw APIError.pathNotFound(req.path) }
            return .json(200, doc)
        case .resourceList(let g, let v):
            guard let doc = Discovery.resourceList(catalog, group: g, version: v) else { throw APIError.pathNotFound(req.path) }
            return .json(200, doc)
        case .openAPIv3Root:
            guard let doc = openAPI(nil) else { throw APIError.pathNotFound(req.path) }
            return .json(200, doc)
        case .openAPIv3(let gv):
            guard let doc = openAPI(gv) else { throw APIError.pathNotFound(req.path) }
            return .json(200, doc)
        case .openAPIv2, .notFound, .resource:
            throw APIError.pathNotFound(req.path)
        }
    }

    // MARK: body decoding

    /// Parses a JSON, YAML or Kubernetes protobuf body; malformed input is a 400 and never
    /// reaches the store.
    func decodeBody(_ req: APIRequest) throws -> JSONValue {
        let ct = MediaType.base(req.contentType)
        if ct == KubernetesProtobuf.mediaType {
            do {
                return try KubernetesProtobuf.decodeObject(Array(req.body))
            } catch {
                throw APIError.badRequest("the request body could not be decoded: \(error)")
            }
        }
        guard ct.isEmpty || ct == "application/json" || ct == "application/yaml" || ct == "*/*" || ct == "text/yaml"
                || ct == "application/x-yaml" || ct == "text/plain"
        else { throw APIError(.unsupportedMediaType(req.contentType)) }
        do {
            if ct == "application/json" {
                return try JSONValue(from: req.body)
            }
            return try JSONValue.parseBody(req.body)
        } catch {
            throw APIError.badRequest("the request body could not be decoded: \(error)")
        }
    }

    func decodeOptionalBody(_ req: APIRequest) throws -> JSONValue? {
        if req.body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        return try decodeBody(req)
    }

    // MARK: resources

    func resource(_ req: APIRequest, _ rp: ResourcePath) async throws -> APIResponse {
        guard let h = catalog.handler(group: rp.group, version: rp.version, plural: rp.plural) else {
            throw APIError.pathNotFound(req.path)
        }
        let ns = h.info.namespaced ? rp.namespace : nil
        if !h.info.namespaced && rp.namespace != nil { throw APIError.pathNotFound(req.path) }
        let dryRun = req.query["dryRun"] == "All"
        let watchParam = try ListOptions.bool(req.query, "watch")
        let watch = rp.watchPath || watchParam

        guard let name = rp.name else {
            switch req.method {
            case "GET":
                var options = try ListOptions.parse(req.query)
                if watch {
                    options.watch = true
                    return try await watchResponse(h, namespace: ns, options: options, accept: req.accept, query: req.query)
                }
                return try await listResponse(h, namespace: ns, options: options, accept: req.accept, query: req.query)
            case "POST":
                let body = try decodeBody(req)
                try checkStrict(h, body, req)
                let created = try await registry.createEncoded(h, namespace: ns, body: body, dryRun: dryRun)
                return .full(status: 201, contentType: "application/json", body: created)
            case "DELETE":
                return try await deleteCollection(h, namespace: ns, req: req)
            default:
                throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
            }
        }

        if watch {
            var options = try ListOptions.parse(req.query)
            options.watch = true
            options.fieldSelector.requirements.append(.init(field: "metadata.name", value: name))
            return try await watchResponse(h, namespace: ns, options: options, accept: req.accept, query: req.query)
        }

        if let sub = rp.subresource {
            return try await subresource(req, h, namespace: ns, name: name, sub: sub, dryRun: dryRun)
        }

        switch req.method {
        case "GET":
            if !wantsTable(req.accept) {
                return .full(status: 200, contentType: "application/json", body: try await registry.getEncoded(h, namespace: ns, name: name))
            }
            let obj = try await registry.get(h, namespace: ns, name: name)
            return try objectResponse(h, obj, accept: req.accept, query: req.query)
        case "PUT":
            let body = try decodeBody(req)
            try checkStrict(h, body, req)
            return .json(200, try await registry.update(h, namespace: ns, name: name, body: body, kind: .main, dryRun: dryRun))
        case "PATCH":
            return .json(200, try await patch(req, h, namespace: ns, name: name, kind: .main, dryRun: dryRun))
        case "DELETE":
            var options = try DeleteRequest.parse(body: try decodeOptionalBody(req), query: req.query)
            options.dryRun = options.dryRun || dryRun
            let (obj, _) = try await registry.delete(h, namespace: ns, name: name, options: options)
            return .json(200, obj)
        default:
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    func patch(_ req: APIRequest, _ h: ResourceHandler, namespace: String?, name: String,
               kind: ResourceHandler.UpdateKind, dryRun: Bool) async throws -> JSONValue {
        guard let type = PatchType.from(contentType: req.contentType) else {
            throw APIError(.unsupportedMediaType(req.contentType))
        }
        let patchDoc: JSONValue
        do { patchDoc = try JSONValue.parseBody(req.body) } catch {
            // JSON patches are arrays, which parseBody's YAML path rejects; try plain JSON.
            do { patchDoc = try JSONValue(from: req.body) } catch {
                throw APIError.badRequest("the patch could not be decoded: \(error)")
            }
        }
        let info = h.info
        let objectType = h.objectType
        return try await registry.patch(h, namespace: namespace, name: name, kind: kind, dryRun: dryRun) { current in
            try Patching.apply(type, patch: patchDoc, to: current, info: info, objectType: objectType)
        }
    }

    /// `fieldValidation=Strict` rejects unknown fields (a 400 naming them, as Kubernetes does).
    func checkStrict(_ h: ResourceHandler, _ body: JSONValue, _ req: APIRequest) throws {
        guard req.query["fieldValidation"] == "Strict" else { return }
        let unknown = StrictValidation.unknownFields(h, body)
        if !unknown.isEmpty {
            let text = unknown.map { "unknown field \"\($0)\"" }.joined(separator: ", ")
            throw APIError.badRequest("strict decoding error: \(text)")
        }
    }

    // MARK: subresources

    /// The answer to every accepted binding, encoded once.
    static let bindingCreated = APIResponse.json(201, .object(["kind": "Status", "apiVersion": "v1", "metadata": .object([:]),
                                                               "status": "Success", "code": 201]))

    func subresource(_ req: APIRequest, _ h: ResourceHandler, namespace: String?, name: String, sub: String, dryRun: Bool) async throws -> APIResponse {
        let served = h.info.subresources.contains(sub)
        switch (sub, req.method) {
        case ("status", "GET") where h.hasStatus, ("finalize", "GET") where h.info.plural == "namespaces":
            return .json(200, try await registry.get(h, namespace: namespace, name: name))
        case ("status", "PUT") where h.hasStatus:
            let body = try decodeBody(req)
            return .json(200, try await registry.update(h, namespace: namespace, name: name, body: body, kind: .status, dryRun: dryRun))
        case ("status", "PATCH") where h.hasStatus:
            return .json(200, try await patch(req, h, namespace: namespace, name: name, kind: .status, dryRun: dryRun))
        case ("finalize", "PUT") where h.info.plural == "namespaces":
            let body = try decodeBody(req)
            return .json(200, try await registry.update(h, namespace: namespace, name: name, body: body, kind: .main, dryRun: dryRun))
        case ("binding", "POST") where served && h.info.plural == "pods":
            let body = try decodeBody(req)
            try await registry.bind(h, namespace: namespace, name: name, body: body)
            return Self.bindingCreated
        case ("log", "GET") where served && h.info.plural == "pods":
            let pod = try await registry.get(h, namespace: namespace, name: name).decode(Pod.self)
            var node: Node?
            if let nodeName = pod.spec.nodeName, let nh = catalog.handler(group: "", version: "v1", plural: "nodes") {
                node = try? await registry.get(nh, namespace: nil, name: nodeName).decode(Node.self)
            }
            return try await nodeProxy.get(try NodeProxyTarget.logURL(pod: pod, node: node, query: req.query))
        case ("exec", "GET") where served && h.info.plural == "pods", ("exec", "POST") where served && h.info.plural == "pods":
            // Reached only without a websocket upgrade: report what is wrong with the target first.
            _ = try await execURL(namespace: namespace ?? "default", pod: name, query: req.query.map { ($0.key, $0.value) })
            throw APIError.badRequest("exec needs a websocket upgrade with one of the protocols \(ExecProxy.protocols.joined(separator: ", "))")
        case ("scale", "GET") where served:
            let obj = try await registry.get(h, namespace: namespace, name: name)
            return .json(200, Scale.from(obj, info: h.info))
        case ("scale", "PUT") where served, ("scale", "PATCH") where served:
            let body = try req.method == "PUT" ? decodeBody(req) : JSONValue.null
            let patchType = req.method == "PATCH" ? PatchType.from(contentType: req.contentType) : nil
            if req.method == "PATCH" && patchType == nil { throw APIError(.unsupportedMediaType(req.contentType)) }
            let patchDoc: JSONValue = req.method == "PATCH" ? try parsePatchBody(req) : .null
            let info = h.info
            let updated = try await registry.patch(h, namespace: namespace, name: name, kind: .main, dryRun: dryRun) { current in
                let scale = Scale.from(current, info: info)
                let newScale: JSONValue
                if let patchType {
                    newScale = try Patching.apply(patchType, patch: patchDoc, to: scale, info: Scale.info, objectType: nil)
                } else {
                    newScale = body
                }
                return try Scale.apply(newScale, to: current, info: info)
            }
            return .json(200, Scale.from(updated, info: h.info))
        default:
            if !served && sub != "status" { throw APIError.pathNotFound(req.path) }
            throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    func parsePatchBody(_ req: APIRequest) throws -> JSONValue {
        do { return try JSONValue.parseBody(req.body) } catch {
            do { return try JSONValue(from: req.body) } catch { throw APIError.badRequest("the patch could not be decoded: \(error)") }
        }
    }

    // MARK: list, get output

    func wantsTable(_ accept: String) -> Bool {
        accept.split(separator: ",").contains { part in
            let p = part.replacingOccurrences(of: " ", with: "")
            return p.contains("as=Table") && p.contains("g=meta.k8s.io")
        }
    }

    func includeObject(_ query: [String: String]) -> Tables.IncludeObject {
        Tables.IncludeObject(rawValue: query["includeObject"] ?? "") ?? .metadata
    }

    func objectResponse(_ h: ResourceHandler, _ obj: JSONValue, accept: String, query: [String: String]) throws -> APIResponse {
        if wantsTable(accept) {
            return .json(200, Tables.table(h.info, objects: [obj], resourceVersion: obj.value(at: ["metadata", "resourceVersion"])?.stringValue,
                                           include: includeObject(query)))
        }
        return .json(200, obj)
    }

    func listResponse(_ h: ResourceHandler, namespace: String?, options: ListOptions, accept: String, query: [String: String]) async throws -> APIResponse {
        if !wantsTable(accept), let raw = try await registry.listEncoded(h, namespace: namespace, options: options) {
            // Stored bytes spliced into the list: no parse or encode per item.
            var meta: [String: JSONValue] = ["resourceVersion": .string(String(raw.revision))]
            if let c = raw.continueToken { meta["continue"] = .string(c) }
            var out = Data("{\"apiVersion\":".utf8)
            out.append(JSONValue.string(h.info.apiVersion).encoded())
            out.append(Data(",\"items\":[".utf8))
            for (i, item) in raw.items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                out.append(item)
            }
            out.append(Data("],\"kind\":".utf8))
            out.append(JSONValue.string(h.info.listKind).encoded())
            out.append(Data(",\"metadata\":".utf8))
            out.append(JSONValue.object(meta).encoded())
            out.append(UInt8(ascii: "}"))
            return .full(status: 200, contentType: "application/json", body: out)
        }
        let page = try await registry.list(h, namespace: namespace, options: options)
        if wantsTable(accept) {
            return .json(200, Tables.table(h.info, objects: page.items, resourceVersion: String(page.revision),
                                           continueToken: page.continueToken, include: includeObject(query)))
        }
        var meta: [String: JSONValue] = ["resourceVersion": .string(String(page.revision))]
        if let c = page.continueToken { meta["continue"] = .string(c) }
        return .json(200, .object(["kind": .string(h.info.listKind), "apiVersion": .string(h.info.apiVersion),
                                   "metadata": .object(meta), "items": .array(page.items)]))
    }

    func deleteCollection(_ h: ResourceHandler, namespace: String?, req: APIRequest) async throws -> APIResponse {
        let options = try ListOptions.parse(req.query)
        var del = try DeleteRequest.parse(body: try decodeOptionalBody(req), query: req.query)
        del.dryRun = del.dryRun || req.query["dryRun"] == "All"
        let page = try await registry.list(h, namespace: namespace, options: options)
        var items: [JSONValue] = []
        for obj in page.items {
            do {
                let (o, _) = try await registry.delete(h, namespace: obj.metadataNamespace, name: obj.metadataName, options: del)
                items.append(o)
            } catch let e as APIError where e.code == 404 {
                continue
            }
        }
        return .json(200, .object(["kind": .string(h.info.listKind), "apiVersion": .string(h.info.apiVersion),
                                   "metadata": .object(["resourceVersion": .string(String(page.revision))]), "items": .array(items)]))
    }

    // MARK: watch

    /// A chunked stream of newline-delimited watch events. Without a resourceVersion (or with
    /// "0") it starts with ADDED events for the current objects; a resourceVersion older than
    /// the watch cache's window yields one ERROR event with a 410 Expired Status.
    func watchResponse(_ h: ResourceHandler, namespace: String?, options: ListOptions, accept: String, query: [String: String]) async throws -> APIResponse {
        try registry.checkFieldSelector(h, options)
        let table = wantsTable(accept)
        let include = includeObject(query)
        let prefix = Registry.prefix(h.info, namespace: namespace)
        let registry = self.registry
        let cache = registry.cache
        let bookmarkInterval = self.bookmarkInterval
        let timeout = Double(options.timeoutSeconds ?? Int.random(in: 1800...3600))

        var initial: [JSONValue] = []
        var startRevision: Int64
        if options.resourceVersion.isEmpty || options.resourceVersion == "0" || options.sendInitialEvents {
            var listOptions = options
            listOptions.limit = 0
            listOptions.continueToken = nil
            let page = try await registry.list(h, namespace: namespace, options: listOptions)
            initial = page.items
            startRevision = page.revision
            await cache.waitFor(revision: startRevision)
        } else {
            startRevision = Int64(options.resourceVersion) ?? 0
        }

        func line(_ type: String, _ obj: JSONValue) -> Data {
            var object = obj
            if table && type != "BOOKMARK" && type != "ERROR" {
                object = Tables.table(h.info, objects: [obj], resourceVersion: obj.value(at: ["metadata", "resourceVersion"])?.stringValue, include: include)
            }
            var d = JSONValue.object(["type": .string(type), "object": object]).encoded()
            d.append(0x0A)
            return d
        }

        let subscription: (id: Int, mailbox: WatchMailbox)
        do {
            subscription = try await cache.subscribe(prefix: prefix, after: startRevision)
        } catch let e as APIError {
            let body = (try? JSONValue(encoding: e.status)) ?? .null
            return .stream(status: 200, contentType: "application/json", body: AsyncStream { c in
                c.yield(line("ERROR", body))
                c.finish()
            })
        }

        // Without selectors every change passes as it is, and its object is never parsed.
        let selecting = !options.labelSelector.isEmpty || !options.fieldSelector.isEmpty
        let selected: @Sendable (JSONValue) -> Bool = { registry.matches(h, $0, options: options) }
        let matches = selecting ? selected : nil
        let info = h.info
        let sendInitialEnd = options.sendInitialEvents && options.allowWatchBookmarks
        let initialItems = initial
        let preludeLine: (Int) -> Data = { i in
            if i < initialItems.count { return line("ADDED", initialItems[i]) }
            return line("BOOKMARK", .object(["kind": .string(info.kind), "apiVersion": .string(info.apiVersion),
                                             "metadata": .object(["resourceVersion": .string(String(startRevision)),
                                                                  "annotations": .object(["k8s.io/initial-events-end": "true"])])]))
        }
        var lastSent = startRevision
        let transform: (WatchItem) -> Data? = { item in
            switch item {
            case .bookmark(let rev):
                guard options.allowWatchBookmarks && rev > lastSent else { return nil }
                lastSent = rev
                return line("BOOKMARK", .object(["kind": .string(info.kind), "apiVersion": .string(info.apiVersion),
                                                 "metadata": .object(["resourceVersion": .string(String(rev))])]))
            case .event(let ev):
                guard let type = WatchFilter.transition(ev, matches: matches) else { return nil }
                lastSent = ev.revision
                if table { return line(type, ev.object) }
                // The shared line: no per-watcher serialization or copy.
                if type == ev.kind.rawValue { return ev.line }
                return CachedEvent.line(type: type, objectJSON: ev.objectJSON)
            }
        }
        let ticker = Task {
            let deadline = ContinuousClock.now + .milliseconds(Int64(timeout * 1000))
            while !Task.isCancelled && ContinuousClock.now < deadline {
                let next = min(deadline, ContinuousClock.now + bookmarkInterval)
                try? await Task.sleep(until: next, clock: .continuous)
                if Task.isCancelled { return }
                if ContinuousClock.now >= deadline { break }
                if options.allowWatchBookmarks { await cache.bookmark(subscription.id) }
            }
            await cache.unsubscribe(subscription.id)
        }
        let feed = WatchFeed(preludeCount: initialItems.count + (sendInitialEnd ? 1 : 0), preludeLine: preludeLine,
                             subscription: subscription.mailbox, transform: transform) {
            ticker.cancel()
            Task { await cache.unsubscribe(subscription.id) }
        }
        let out = WatchFeed.body(feed)
        return .stream(status: 200, contentType: "application/json", body: out)
    }
}

/// How a change looks to a watcher with selectors: objects entering the selection are ADDED,
/// leaving it DELETED, as in Kubernetes' watch cache.
enum WatchFilter {
    /// The event type a watcher sees, nil when the change is outside its selection; `matches`
    /// nil means no selectors (every change passes as it is).
    static func transition(_ ev: CachedEvent, matches: ((JSONValue) -> Bool)?) -> String? {
        guard let matches else { return ev.kind.rawValue }
        switch ev.kind {
        case .added:
            return matches(ev.object) ? "ADDED" : nil
        case .modified:
            let now = matches(ev.object)
            let before = ev.previous.map(matches) ?? false
            switch (before, now) {
            case (true, true): return "MODIFIED"
            case (false, true): return "ADDED"
            case (true, false): return "DELETED"
            case (false, false): return nil
            }
        case .deleted:
            return matches(ev.object) ? "DELETED" : nil
        }
    }
}
