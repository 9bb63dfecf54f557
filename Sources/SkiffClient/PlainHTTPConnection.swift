import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One blocking keep-alive HTTP/1.1 connection to a plain `http://` server at an IPv4 address
/// (or localhost): requests are prebuilt bytes, answers are read by Content-Length or chunked
/// encoding, and a chunked stream can be read line by line (a watch). For the few hot paths
/// where a general client's connection pool, request state machines and header maps cost more
/// CPU than the request itself: the scheduler's bindings (`PodBinder`) and the benchmarks' load
/// generators. Owned by one thread at a time (hence unchecked Sendable); opened lazily and
/// re-opened after `close()`.
public final class PlainHTTPConnection: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// `HOST:PORT`, for the Host header.
    public let host: String
    private let address: sockaddr_in
    private let timeoutSeconds: Int?
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    private var start = 0

    /// A connection to `url` (`http://HOST:PORT`, an IPv4 literal or localhost); nil for any
    /// other URL. Reads and writes give up after `timeoutSeconds` when given.
    public init?(url: String, timeoutSeconds: Int? = nil) {
        guard let u = URL(string: url), u.scheme == "http", let h = u.host else { return nil }
        let port = u.port ?? 80
        var sin = sockaddr_in()
        sin.sin_family = sa_family_t(AF_INET)
        sin.sin_port = in_port_t(UInt16(port).bigEndian)
        guard inet_pton(AF_INET, h == "localhost" ? "127.0.0.1" : h, &sin.sin_addr) == 1 else { return nil }
        address = sin
        host = "\(h):\(port)"
        self.timeoutSeconds = timeoutSeconds
        buffer.reserveCapacity(16384)
    }

    deinit { close() }

    public var isOpen: Bool { fd >= 0 }

    /// Connects unless connected.
    public func open() throws {
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
            throw Failure(description: "connect \(host): \(message)")
        }
        var one: Int32 = 1
        setsockopt(s, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        fd = s
        if let timeoutSeconds { setTimeout(seconds: timeoutSeconds) }
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    public func close() {
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Makes a blocked read or write give up after `seconds`.
    public func setTimeout(seconds: Int) {
        var tv = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    /// The bytes of a request; `headers` are extra lines such as "Authorization: Bearer T".
    public func request(_ method: String, _ path: String, body: Data? = nil, headers: [String] = []) -> [UInt8] {
        Self.request(host: host, method, path, body: body, headers: headers)
    }

    /// The bytes of a request to `host` (`HOST:PORT`), for callers that build requests away
    /// from the connection that sends them.
    public static func request(host: String, _ method: String, _ path: String, body: Data? = nil, headers: [String] = []) -> [UInt8] {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nAccept: application/json\r\n"
        if let body { head += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" }
        for h in headers { head += h + "\r\n" }
        head += "\r\n"
        var out = Array(head.utf8)
        if let body { out.append(contentsOf: body) }
        return out
    }

    /// Writes bytes (one request, or several pipelined), connecting first if needed.
    public func send(_ bytes: [UInt8]) throws {
        try open()
        try bytes.withUnsafeBytes { raw in
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

    /// Sends one request and reads its answer.
    public func roundTrip(_ request: [UInt8]) throws -> (status: Int, body: ArraySlice<UInt8>) {
        try send(request)
        let r = try readResponse()
        return (r.status, r.body)
    }

    /// The next answer: status, body, and whether the server will close the connection.
    public func readResponse() throws -> (status: Int, body: ArraySlice<UInt8>, close: Bool) {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
        let (code, head) = try readHead(from: start)
        var pos = head.bodyStart
        if head.chunked {
            var body: [UInt8] = []
            while let chunk = try nextChunk(&pos) { body.append(contentsOf: chunk) }
            start = pos
            return (code, body[...], head.close)
        }
        while buffer.count < pos + head.contentLength { try fill() }
        let body = buffer[pos..<(pos + head.contentLength)]
        start = pos + head.contentLength
        return (code, body, head.close)
    }

    /// Sends a GET whose answer is a chunked stream of newline-delimited lines (a watch) and
    /// hands each line to `onLine` until it returns false or the stream ends.
    public func streamLines(_ path: String, onLine: (ArraySlice<UInt8>) -> Bool) throws {
        try send(request("GET", path))
        let (_, head) = try readHead(from: start)
        var pos = head.bodyStart
        var pending: [UInt8] = []
        while let chunk = try nextChunk(&pos) {
            pending.append(contentsOf: chunk)
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

    struct Head {
        var bodyStart: Int
        var contentLength = 0
        var chunked = false
        var close = false
    }

    /// The status line and headers starting at `from`.
    private func readHead(from: Int) throws -> (Int, Head) {
        var end = try line(from: from)
        let statusLine = buffer[from..<end]
        guard statusLine.count >= 12, statusLine.starts(with: Array("HTTP/1.".utf8)) else {
            throw Failure(description: "malformed status line")
        }
        let code = statusLine.dropFirst(9).prefix(3).reduce(0) { $0 * 10 + Int($1) - 48 }
        var head = Head(bodyStart: end + 2)
        while true {
            end = try line(from: head.bodyStart)
            if end == head.bodyStart { head.bodyStart += 2; break }
            // Header lines are read as bytes: this runs once per binding.
            if let colon = buffer[head.bodyStart..<end].firstIndex(of: UInt8(ascii: ":")) {
                let name = buffer[head.bodyStart..<colon]
                var valueStart = colon + 1
                while valueStart < end, buffer[valueStart] == 0x20 || buffer[valueStart] == 0x09 { valueStart += 1 }
                let value = buffer[valueStart..<end]
                if Self.equalsLowercased(name, "content-length") {
                    head.contentLength = value.reduce(into: 0) { n, b in if b >= 0x30 && b <= 0x39 { n = n * 10 + Int(b - 0x30) } }
                } else if Self.equalsLowercased(name, "transfer-encoding") {
                    head.chunked = Self.containsLowercased(value, "chunked")
                } else if Self.equalsLowercased(name, "connection") {
                    head.close = Self.containsLowercased(value, "close")
                }
            }
            head.bodyStart = end + 2
        }
        return (code, head)
    }

    /// Whether ASCII `bytes` are `lowercase` ignoring case.
    static func equalsLowercased(_ bytes: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let p = lowercase.utf8Start
        var i = 0
        for b in bytes {
            let l = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if l != p[i] { return false }
            i += 1
        }
        return true
    }

    /// Whether ASCII `bytes` contain `lowercase` ignoring case.
    static func containsLowercased(_ bytes: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
        let n = lowercase.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        var i = bytes.startIndex
        while i + n <= bytes.endIndex {
            if equalsLowercased(bytes[i..<(i + n)], lowercase) { return true }
            i += 1
        }
        return false
    }

    /// The next chunk of a chunked body at `pos` (moved past it); nil after the last one.
    private func nextChunk(_ pos: inout Int) throws -> ArraySlice<UInt8>? {
        let end = try line(from: pos)
        let size = Int(String(decoding: buffer[pos..<end], as: UTF8.self).split(separator: ";").first ?? "0", radix: 16) ?? 0
        pos = end + 2
        while buffer.count < pos + size + 2 { try fill() }
        let chunk = buffer[pos..<(pos + size)]
        pos += size + 2
        return size == 0 ? nil : chunk
    }

    /// Zeros appended before a read (copied in one go, unlike a repeated element).
    private static let readRoom = [UInt8](repeating: 0, count: 16384)

    private func fill() throws {
        let old = buffer.count
        buffer.append(contentsOf: Self.readRoom)
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
}
