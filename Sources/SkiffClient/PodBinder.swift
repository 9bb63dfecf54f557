import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SkiffAPI

/// Binds pods (`POST pods/NAME/binding`) over a few keep-alive HTTP/1.1 connections, each
/// driven by its own thread with requests pipelined: a thread takes its share of the waiting
/// bindings, writes them in one send and reads the answers in order (the API server answers
/// pipelined requests in order). A scheduler binds thousands of pods a second; through the general client each
/// binding cost more CPU (connection pool, request state machines, header maps, event-loop
/// hops) than deciding it. Plain `http://` with an IPv4 address or localhost only: `init`
/// returns nil otherwise and callers use `SkiffClient.bind`.
public final class PodBinder: @unchecked Sendable {
    struct Job {
        var request: [UInt8]
        var what: String
        var continuation: CheckedContinuation<Void, Error>
    }

    private let server: String
    /// `HOST:PORT` and the extra header lines of every binding request.
    private let host: String
    private let headers: [String]
    private let timeoutSeconds: Int
    private let connections: Int
    private let depth: Int
    private let cond = NSCondition()
    private var queue: [Job] = []
    private var head = 0
    private var started = false
    private var closed = false

    /// `connections` threads and connections, each with up to `depth` requests in flight.
    public init?(config: ClientConfig, connections: Int = 8, depth: Int = 64) {
        guard let probe = PlainHTTPConnection(url: config.server) else { return nil }
        server = config.server
        host = probe.host
        headers = ["User-Agent: \(config.userAgent)"] + (config.bearerToken.map { ["Authorization: Bearer \($0)"] } ?? [])
        timeoutSeconds = max(1, Int(config.requestTimeout.components.seconds))
        self.connections = max(1, connections)
        self.depth = max(1, depth)
    }

    /// Binds a pod to a node; errors as `SkiffClient.bind` gives them (`ClientError.status` from
    /// the server, `.transport` when the connection failed).
    public func bind(namespace: String, pod: String, node: String) async throws {
        let path = ResourcePaths.path(Pod.resourceInfo, namespace: namespace, name: pod, subresource: "binding")
        let request = self.request(path, Self.body(pod: pod, node: node))
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
            cond.lock()
            if closed {
                cond.unlock()
                c.resume(throwing: ClientError.transport("POST \(path): the binder is closed"))
                return
            }
            if !started {
                started = true
                for i in 0..<connections {
                    let t = Thread { [self] in run() }
                    t.name = "skiff-binder-\(i)"
                    t.start()
                }
            }
            queue.append(Job(request: request, what: "POST \(path)", continuation: c))
            cond.signal()
            cond.unlock()
        }
    }

    /// Stops the threads; bindings not yet sent fail with a transport error.
    public func close() {
        cond.lock()
        closed = true
        cond.broadcast()
        cond.unlock()
    }

    /// The Binding object, written out directly (one per pod: no tree to build and sort).
    static func body(pod: String, node: String) -> Data {
        var out = Data(#"{"apiVersion":"v1","kind":"Binding","metadata":{"name":"#.utf8)
        out.append(JSONValue.string(pod).encoded())
        out.append(contentsOf: Array(#"},"target":{"apiVersion":"v1","kind":"Node","name":"#.utf8))
        out.append(JSONValue.string(node).encoded())
        out.append(contentsOf: Array("}}".utf8))
        return out
    }

    func request(_ path: String, _ body: Data) -> [UInt8] {
        PlainHTTPConnection.request(host: host, "POST", path, body: body, headers: headers)
    }

    /// How many of `waiting` bindings one connection takes: its fair share over all
    /// connections, at most `depth`. The server answers one connection's requests one after
    /// another, so bindings spread over the connections are worked on at once (and committed
    /// to the store in one group) where a single connection taking every waiting binding
    /// would have them handled one by one.
    static func share(waiting: Int, connections: Int, depth: Int) -> Int {
        guard waiting > 0 else { return 0 }
        return min(depth, (waiting + connections - 1) / connections)
    }

    private func run() {
        guard let conn = PlainHTTPConnection(url: server, timeoutSeconds: timeoutSeconds) else { return }
        defer { conn.close() }
        while true {
            cond.lock()
            while queue.count == head && !closed { cond.wait() }
            if closed {
                let rest = queue[head...]
                queue.removeAll()
                head = 0
                cond.unlock()
                for job in rest { job.continuation.resume(throwing: ClientError.transport("\(job.what): the binder is closed")) }
                return
            }
            let waiting = queue.count - head
            let n = Self.share(waiting: waiting, connections: connections, depth: depth)
            // What is left is for the other connections: wake one of them.
            if n < waiting { cond.signal() }
            let batch = Array(queue[head..<(head + n)])
            head += n
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            cond.unlock()
            send(batch, conn)
        }
    }

    /// Writes the batch and reads its answers. A reused connection that fails before any
    /// answer (the server closed it while idle) is retried once on a fresh one; requests after
    /// an answer saying `Connection: close` go on a fresh one (the server read none of them).
    private func send(_ batch: [Job], _ conn: PlainHTTPConnection) {
        var rest = batch[...]
        var retried = false
        while !rest.isEmpty {
            let reused = conn.isOpen
            var answered = 0
            do {
                try conn.send(rest.reduce(into: [UInt8]()) { $0 += $1.request })
                for job in rest {
                    let answer = try conn.readResponse()
                    answered += 1
                    if (200..<300).contains(answer.status) {
                        job.continuation.resume()
                    } else {
                        job.continuation.resume(throwing: SkiffClient.statusError(code: answer.status, Data(answer.body)))
                    }
                    if answer.close {
                        conn.close()
                        break
                    }
                }
                rest = rest.dropFirst(answered)
            } catch {
                conn.close()
                if answered == 0 && reused && !retried {
                    retried = true
                    continue
                }
                for job in rest.dropFirst(answered) {
                    job.continuation.resume(throwing: ClientError.transport("\(job.what): \(error)"))
                }
                return
            }
        }
    }
}
