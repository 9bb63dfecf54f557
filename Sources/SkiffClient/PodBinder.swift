import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SkiffAPI

/// Binds pods (`POST pods/NAME/binding`) over a few keep-alive HTTP/1.1 connections, each
/// driven by its own thread with requests pipelined: a thread writes every binding waiting for
/// it in one send and reads the answers in order (the API server answers pipelined requests in
/// order). A scheduler binds thousands of pods a second; through the general client each
/// binding cost more CPU (connection pool, request state machines, header maps, event-loop
/// hops) than deciding it. Plain `http://` with an IPv4 address or localhost only: `init`
/// returns nil otherwise and callers use `SkiffClient.bind`.
public final class PodBinder: @unchecked Sendable {
    struct Job {
        var request: [UInt8]
        var what: String
        var continuation: CheckedContinuation<Void, Error>
    }

    private let host: String
    private let address: sockaddr_in
    private let authorization: String?
    private let userAgent: String
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
        guard let u = URL(string: config.server), u.scheme == "http", let h = u.host else { return nil }
        let port = u.port ?? 80
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, h == "localhost" ? "127.0.0.1" : h, &sin.sin_addr) == 1 else { return nil }
        address = sin
        host = "\(h):\(port)"
        authorization = config.bearerToken.map { "Bearer \($0)" }
        userAgent = config.userAgent
        timeoutSeconds = max(1, Int(config.requestTimeout.components.seconds))
        self.connections = max(1, connections)
        self.depth = max(1, depth)
    }

    /// Binds a pod to a node; errors as `SkiffClient.bind` gives them (`ClientError.status` from
    /// the server, `.transport` when the connection failed).
    public func bind(namespace: String, pod: String, node: String) async throws {
        let path = ResourcePaths.path(Pod.resourceInfo, namespace: namespace, name: pod, subresource: "binding")
        let body: JSONValue = ["apiVersion": "v1", "kind": "Binding", "metadata": ["name": .string(pod)],
                               "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)]]
        let request = self.request(path, body.encoded())
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

    func request(_ path: String, _ body: Data) -> [UInt8] {
        var head = "POST \(path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: \(userAgent)\r\nAccept: application/json\r\n"
        head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n"
        if let authorization { head += "Authorization: \(authorization)\r\n" }
        head += "\r\n"
        var out = Array(head.utf8)
        out.append(contentsOf: body)
        return out
    }

    private func run() {
        let conn = Connection(address: address, timeoutSeconds: timeoutSeconds)
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
            let n = min(depth, queue.count - head)
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
    private func send(_ batch: [Job], _ conn: Connection) {
        var rest = batch[...]
        var retried = false
        while !rest.isEmpty {
            let reused = conn.isOpen
            var answered = 0
            do {
                try conn.open()
                try conn.write(rest)
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

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One blocking keep-alive connection, owned by one binder thread.
    final class Connection {
        private let address: sockaddr_in
        private let timeoutSeconds: Int
        private var fd: Int32 = -1
        private var buffer: [UInt8] = []
        private var start = 0

        init(address: sockaddr_in, timeoutSeconds: Int) {
            self.address = address
            self.timeoutSeconds = timeoutSeconds
        }

        var isOpen: Bool { fd >= 0 }

        func open() throws {
            if fd >= 0 { return }
            let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard s >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
            var sin = address
            let rc = withUnsafePointer(to: &sin) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(s, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard rc == 0 else {
                let message = String(cString: strerror(errno))
                Glibc.close(s)
                throw Failure(description: "connect: \(message)")
            }
            var one: Int32 = 1
            setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var tv = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            fd = s
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }

        func close() {
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }

        func write(_ jobs: ArraySlice<Job>) throws {
            var out: [UInt8] = []
            out.reserveCapacity(jobs.reduce(0) { $0 + $1.request.count })
            for j in jobs { out.append(contentsOf: j.request) }
            try out.withUnsafeBytes { raw in
                var sent = 0
                while sent < raw.count {
                    let n = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw Failure(description: "send: \(String(cString: strerror(errno)))")
                    }
                    sent += n
                }
            }
        }

        private func fill() throws {
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: 16384))
            var n: Int
            repeat {
                n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + old, 16384, 0) }
            } while n < 0 && errno == EINTR
            buffer.removeLast(16384 - max(n, 0))
            if n < 0 { throw Failure(description: "recv: \(String(cString: strerror(errno)))") }
            if n == 0 { throw Failure(description: "the server closed the connection") }
        }

        /// Index of the next CRLF at or after `from`, reading more as needed.
        private func line(from: Int) throws -> Int {
            var i = from
            while true {
                while i + 1 < buffer.count {
                    if buffer[i] == 13 && buffer[i + 1] == 10 { return i }
                    i += 1
                }
                try fill()
            }
        }

        func readResponse() throws -> (status: Int, body: ArraySlice<UInt8>, close: Bool) {
            if start == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            var end = try line(from: start)
            let statusLine = buffer[start..<end]
            guard statusLine.count >= 12, statusLine.starts(with: Array("HTTP/1.".utf8)) else {
                throw Failure(description: "malformed status line")
            }
            let code = statusLine.dropFirst(9).prefix(3).reduce(0) { $0 * 10 + Int($1) - 48 }
            var contentLength = 0
            var chunked = false
            var close = false
            var pos = end + 2
            while true {
                end = try line(from: pos)
                if end == pos { pos += 2; break }
                let header = String(decoding: buffer[pos..<end], as: UTF8.self)
                if let colon = header.firstIndex(of: ":") {
                    let name = header[..<colon].lowercased()
                    let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
                    if name == "content-length" { contentLength = Int(value) ?? 0 }
                    if name == "transfer-encoding" && value.contains("chunked") { chunked = true }
                    if name == "connection" && value.contains("close") { close = true }
                }
                pos = end + 2
            }
            if chunked {
                var body: [UInt8] = []
                while true {
                    end = try line(from: pos)
                    let size = Int(String(decoding: buffer[pos..<end], as: UTF8.self).split(separator: ";").first ?? "0", radix: 16) ?? 0
                    pos = end + 2
                    while buffer.count < pos + size + 2 { try fill() }
                    body.append(contentsOf: buffer[pos..<(pos + size)])
                    pos += size + 2
                    if size == 0 { break }
                }
                start = pos
                return (code, body[...], close)
            }
            while buffer.count < pos + contentLength { try fill() }
            let body = buffer[pos..<(pos + contentLength)]
            start = pos + contentLength
            return (code, body, close)
        }
    }
}
