import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import SkiffAPI
import SkiffKubelet
import SkiffStats

/// Decides whether a request to the node may be served. Plain HTTP without authentication for
/// now; TLS client certificates and token review plug in here.
public protocol NodeRequestAuthorizer: Sendable {
    func allow(path: String, headers: [String: String], readOnlyPort: Bool) -> Bool
}

public struct AllowAllNodeRequests: NodeRequestAuthorizer {
    public init() {}
    public func allow(path: String, headers: [String: String], readOnlyPort: Bool) -> Bool { true }
}

/// The kubelet's HTTP face: the main port (everything, including container logs) and the
/// read-only port (health, pods, machine info, stats and metrics).
public final class KubeletServer: Sendable {
    public let kubelet: Kubelet
    public let collector: StatsCollector
    public let config: KubeletConfig
    let authorizer: any NodeRequestAuthorizer
    let logger = Logger(label: "skiff.kubelet.http")
    let renderCache = RenderCache()

    public init(kubelet: Kubelet, collector: StatsCollector, config: KubeletConfig,
                authorizer: any NodeRequestAuthorizer = AllowAllNodeRequests()) {
        self.kubelet = kubelet; self.collector = collector; self.config = config; self.authorizer = authorizer
    }

    /// Serves both ports until cancelled.
    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { g in
            g.addTask { try await self.serve(port: self.config.port, readOnly: false) }
            if config.readOnlyPort > 0 {
                g.addTask { try await self.serve(port: self.config.readOnlyPort, readOnly: true) }
            }
            try await g.next()
            g.cancelAll()
        }
    }

    func serve(port: Int, readOnly: Bool) async throws {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in await self.respond(request, readOnly: readOnly) }
        let logger = self.logger
        let address = config.address
        let kubelet = self.kubelet
        // The main port upgrades /exec requests to the remote command websocket protocol.
        let server: HTTPServerBuilder = readOnly ? .http1() : .http1WebSocketUpgrade(configuration: .init(ws: .init(maxFrameSize: 1 << 20))) { head, _, logger in
            guard let target = head.path, case .exec(let ns, let pod, let container) = NodeRoute.parse(String(target.split(separator: "?", maxSplits: 1)[0])),
                  let proto = RemoteCommand.negotiate(head.headerFields[HTTPField.Name("Sec-WebSocket-Protocol")!]),
                  let options = try? RemoteCommand.options(NodeRoute.query(target.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init)))
            else { return .dontUpgrade }
            var headers = HTTPFields()
            headers[HTTPField.Name("Sec-WebSocket-Protocol")!] = proto
            return .upgrade(headers) { inbound, outbound, _ in
                try await ExecSession(kubelet: kubelet, namespace: ns, pod: pod, container: container, options: options, logger: logger)
                    .run(inbound: inbound, outbound: outbound)
            }
        }
        let app = Application(
            responder: responder,
            server: server,
            configuration: .init(address: .hostname(address, port: port), serverName: nil),
            onServerRunning: { _ in logger.info("kubelet \(readOnly ? "read-only " : "")endpoints on http://\(address):\(port)") },
            logger: Logger(label: "skiff.kubelet.http.server"))
        try await app.run()
    }

    func respond(_ request: Request, readOnly: Bool) async -> Response {
        var headers: [String: String] = [:]
        for f in request.headers { headers[f.name.canonicalName] = f.value }
        let path = request.uri.path
        guard authorizer.allow(path: path, headers: headers, readOnlyPort: readOnly) else {
            return Self.status(401, "Unauthorized", "Unauthorized")
        }
        guard request.method == .get || request.method == .head || request.method == .post else {
            return Self.status(405, "MethodNotAllowed", "\(request.method.rawValue) is not supported on \(path)")
        }
        let route = NodeRoute.parse(path)
        if readOnly && !route.readOnly {
            return Self.status(403, "Forbidden", "\(path) is served on the main port only")
        }
        let nodeName = config.nodeName
        switch route {
        case .healthz:
            return Self.text("ok")
        case .pods:
            let list = List<Pod>(items: await kubelet.runningPods())
            return Self.json(list)
        case .machine:
            return Self.json(collector.machine)
        case .summary:
            let snap = await collector.snapshot()
            return await cached("summary", snap, contentType: "application/json") {
                (try? KubeJSON.encodeBytes(SummaryBuilder.summary(snap, nodeName: nodeName))) ?? []
            }
        case .metrics:
            let passes = await collector.passes, cpu = await collector.passCPUSeconds
            kubelet.metrics.set(KubeletMetrics.housekeepingPasses, Double(passes))
            kubelet.metrics.set(KubeletMetrics.housekeepingCPU, cpu)
            _ = await kubelet.statsTargets()  // refreshes the running pods/containers gauges
            return Self.text(kubelet.metrics.render(), contentType: PrometheusText.contentType)
        case .cadvisor:
            let snap = await collector.snapshot()
            let machine = collector.machine
            return await cached("cadvisor", snap, contentType: PrometheusText.contentType) {
                Array(CadvisorMetrics.render(snap, machine: machine).utf8)
            }
        case .resource:
            let snap = await collector.snapshot()
            return await cached("resource", snap, contentType: PrometheusText.contentType) { Array(ResourceMetrics.render(snap).utf8) }
        case .containerLogs(let ns, let pod, let container):
            return await containerLogs(ns, pod, container, query: request.uri.query)
        case .exec:
            // A websocket upgrade never reaches here; say what is missing.
            do { _ = try RemoteCommand.options(NodeRoute.query(request.uri.query)) } catch RemoteCommand.ExecError.badRequest(let m) {
                return Self.status(400, "BadRequest", m)
            } catch {}
            return Self.status(400, "BadRequest", "exec needs a websocket upgrade with one of the protocols \(RemoteCommand.supportedProtocols.joined(separator: ", "))")
        case .notFound:
            return Self.status(404, "NotFound", "\(path): no such endpoint on the kubelet")
        }
    }

    func containerLogs(_ ns: String, _ pod: String, _ container: String, query: String?) async -> Response {
        let req: LogRequest
        let located: LocatedContainer
        do {
            req = try LogRequest.parse(NodeRoute.query(query), now: Date().timeIntervalSince1970)
            located = try await kubelet.locateContainer(namespace: ns, pod: pod, container: container, previous: req.previous)
        } catch let e as LogRequest.Invalid {
            return Self.status(400, "BadRequest", e.description)
        } catch NodeLookupError.notFound(let m) {
            return Self.status(404, "NotFound", m)
        } catch {
            return Self.status(400, "BadRequest", "\(error)")
        }
        // The follower owns the current file from its start: rotated files plus what it reads
        // first are the existing log; later reads are new lines, each line exactly once.
        let follower = LogFollower(path: located.logPath, fromEnd: false)
        let rotated = ContainerLogFiles.files(located.logPath).dropLast()
        var text = ""
        for f in rotated { if let d = FileManager.default.contents(atPath: f) { text += String(decoding: d, as: UTF8.self) } }
        text += follower.poll().joined(separator: "\n") + "\n"
        let first = CRILogRenderer.render(text, options: req.options)
        var h = HTTPFields()
        h[.contentType] = "text/plain"
        guard req.follow, located.running else {
            return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(string: first)))
        }
        let kubelet = self.kubelet
        let options = req.options
        let limit = req.options.limitBytes
        let id = located.id
        return Response(status: .ok, headers: h, body: ResponseBody { writer in
            var sent = 0
            func send(_ s: String) async throws -> Bool {
                guard !s.isEmpty else { return true }
                var bytes = Array(s.utf8)
                if let limit, sent + bytes.count > limit { bytes = Array(bytes.prefix(limit - sent)) }
                sent += bytes.count
                try await writer.write(ByteBuffer(bytes: bytes))
                return limit.map { sent < $0 } ?? true
            }
            var atLineStart = first.isEmpty || first.hasSuffix("\n")
            guard try await send(first) else { try await writer.finish(nil); return }
            var idle = 0
            while !Task.isCancelled {
                let lines = follower.poll()
                if lines.isEmpty {
                    idle += 1
                    if idle % 5 == 0, !(await kubelet.containerRunning(id: id)) {
                        _ = try await send(CRILogRenderer.renderFollowed(follower.poll(), options: options, atLineStart: &atLineStart))
                        break
                    }
                    try await Task.sleep(nanoseconds: 200_000_000)
                    continue
                }
                idle = 0
                guard try await send(CRILogRenderer.renderFollowed(lines, options: options, atLineStart: &atLineStart)) else { break }
            }
            try await writer.finish(nil)
        })
    }

    /// A document rendered from one housekeeping snapshot is the same until the next pass, so
    /// it is rendered once per snapshot and endpoint.
    func cached(_ key: String, _ snap: StatsSnapshot, contentType: String, render: @Sendable () -> [UInt8]) async -> Response {
        let bytes = await renderCache.get(key, snap.time, render: render)
        var h = HTTPFields()
        h[.contentType] = contentType
        return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json<T: Encodable>(_ value: T) -> Response {
        do {
            let bytes = try KubeJSON.encodeBytes(value)
            var h = HTTPFields()
            h[.contentType] = "application/json"
            return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        } catch {
            return status(500, "InternalError", "encoding the response: \(error)")
        }
    }

    static func text(_ s: String, contentType: String = "text/plain; charset=utf-8") -> Response {
        var h = HTTPFields()
        h[.contentType] = contentType
        return Response(status: .ok, headers: h, body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    /// A metav1.Status error, the shape kubectl prints for failed requests.
    static func status(_ code: Int, _ reason: String, _ message: String) -> Response {
        let st = Status.failure(code: Int32(code), reason: reason, message: message)
        var h = HTTPFields()
        h[.contentType] = "application/json"
        let body = (try? KubeJSON.encodeBytes(st)) ?? Array(message.utf8)
        return Response(status: .init(code: code), headers: h, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Rendered endpoint documents keyed by endpoint and the snapshot time they came from.
actor RenderCache {
    var entries: [String: (time: Double, bytes: [UInt8])] = [:]

    func get(_ key: String, _ time: Double, render: @Sendable () -> [UInt8]) -> [UInt8] {
        if let e = entries[key], e.time == time { return e.bytes }
        let bytes = render()
        entries[key] = (time, bytes)
        return bytes
    }
}
