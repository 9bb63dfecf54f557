import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately small HTTP/1.1 client for the load generator: one blocking keep-alive
/// connection per worker thread, requests written as prebuilt bytes, answers read by
/// Content-Length (or chunked). The load generator shares the machine with the server it
/// measures, so every microsecond it spends is one the server does not get; a general
/// client (connection pool, async plumbing, header maps) costs several times more per request.
/// Not thread-safe: each connection belongs to one worker thread (hence unchecked Sendable).
final class BenchHTTPConnection: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    private let host: String
    private var buffer: [UInt8] = []
    private var start = 0

    /// Connects to `url`'s host and port (`http://HOST:PORT`, IPv4 literal or localhost).
    init(url: String) throws {
        guard let u = URL(string: url), u.scheme == "http", let h = u.host else {
            throw Failure(description: "bench client: expected http://HOST:PORT, got \(url)")
        }
        let port = u.port ?? 80
        host = "\(h):\(port)"
        let address = h == "localhost" ? "127.0.0.1" : h
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, address, &sin.sin_addr) == 1 else {
            close(fd)
            throw Failure(description: "bench client: \(address) is not an IPv4 address")
        }
        let rc = withUnsafePointer(to: &sin) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard rc == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "connect \(host): \(message)")
        }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        buffer.reserveCapacity(16384)
    }

    deinit { close(fd) }

    /// The bytes of a request with a JSON body.
    func request(_ method: String, _ path: String, body: Data) -> [UInt8] {
        var out = Array("\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n".utf8)
        out.append(contentsOf: body)
        return out
    }

    /// Sends one request and reads its answer; returns the status code and body.
    func roundTrip(_ request: [UInt8]) throws -> (status: Int, body: ArraySlice<UInt8>) {
        try request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(description: "send: \(String(cString: strerror(errno)))")
                }
                sent += n
            }
        }
        return try readResponse()
    }

    /// Sends a GET whose answer is a chunked stream of newline-delimited lines (a watch) and
    /// hands each line to `onLine` until it returns false or the stream ends.
    func streamLines(_ path: String, onLine: (ArraySlice<UInt8>) -> Bool) throws {
        let request = Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nAccept: application/json\r\n\r\n".utf8)
        _ = try request.withUnsafeBytes { send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        var end = try line(from: start)
        var pos = end + 2
        while true {
            end = try line(from: pos)
            if end == pos { pos += 2; break }
            pos = end + 2
        }
        var pending: [UInt8] = []
        while true {
            end = try line(from: pos)
            let size = Int(String(decoding: buffer[pos..<end], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            pos = end + 2
            if size == 0 { return }
            while buffer.count < pos + size + 2 { try fill() }
            pending.append(contentsOf: buffer[pos..<(pos + size)])
            pos += size + 2
            while let newline = pending.firstIndex(of: 0x0A) {
                if !onLine(pending[..<newline]) { return }
                pending.removeSubrange(...newline)
            }
            // Drop what was read so the buffer stays small over a long stream.
            buffer.removeSubrange(..<pos)
            pos = 0
            start = 0
        }
    }

    /// Makes a blocked read give up after `seconds`.
    func setReceiveTimeout(seconds: Int) {
        var tv = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    private func fill() throws {
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: 16384))
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + old, 16384, 0) }
        buffer.removeLast(16384 - max(n, 0))
        if n < 0 {
            if errno == EINTR { return }
            throw Failure(description: "recv: \(String(cString: strerror(errno)))")
        }
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

    private func readResponse() throws -> (status: Int, body: ArraySlice<UInt8>) {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        // Status line, then headers up to an empty line.
        var end = try line(from: start)
        let statusLine = buffer[start..<end]
        guard statusLine.count >= 12 else { throw Failure(description: "malformed status line") }
        let code = statusLine.dropFirst(9).prefix(3).reduce(0) { $0 * 10 + Int($1) - 48 }
        var contentLength: Int?
        var chunked = false
        var pos = end + 2
        while true {
            end = try line(from: pos)
            if end == pos { pos += 2; break }
            let header = String(decoding: buffer[pos..<end], as: UTF8.self)
            if let colon = header.firstIndex(of: ":") {
                let name = header[..<colon].lowercased()
                let value = header[header.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if name == "content-length" { contentLength = Int(value) }
                if name == "transfer-encoding" && value.lowercased().contains("chunked") { chunked = true }
            }
            pos = end + 2
        }
        if chunked {
            var body: [UInt8] = []
            while true {
                end = try line(from: pos)
                let size = Int(String(decoding: buffer[pos..<end], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
                pos = end + 2
                while buffer.count < pos + size + 2 { try fill() }
                body.append(contentsOf: buffer[pos..<(pos + size)])
                pos += size + 2
                if size == 0 { break }
            }
            start = pos
            return (code, body[...])
        }
        let length = contentLength ?? 0
        while buffer.count < pos + length { try fill() }
        let body = buffer[pos..<(pos + length)]
        start = pos + length
        return (code, body)
    }
}

/// Runs `count` operations over `clients` threads, each with its own connection; returns the
/// elapsed seconds. `op` gets the connection and the operation's index.
enum BenchThreads {
    static func run(clients: Int, count: Int, server: String,
                    _ op: @escaping @Sendable (BenchHTTPConnection, Int) throws -> Void) async throws -> Double {
        let connections = try (0..<clients).map { _ in try BenchHTTPConnection(url: server) }
        let state = NextIndex(limit: count)
        let t0 = DispatchTime.now().uptimeNanoseconds
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Error>) in
            let group = DispatchGroup()
            for connection in connections {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    while let i = state.take() {
                        do { try op(connection, i) } catch {
                            state.fail(error)
                            return
                        }
                    }
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
            group.notify(queue: .global()) {
                if let error = state.error { done.resume(throwing: error) } else { done.resume() }
            }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
    }

    /// Hands out indices 0..<limit once each; the first failure stops everyone.
    final class NextIndex: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private let limit: Int
        private(set) var error: Error?

        init(limit: Int) { self.limit = limit }

        func take() -> Int? {
            lock.withLock {
                guard error == nil, next < limit else { return nil }
                next += 1
                return next - 1
            }
        }

        func fail(_ e: Error) { lock.withLock { if error == nil { error = e } } }
    }
}
