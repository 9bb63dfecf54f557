import Foundation
import Testing
@testable import SkiffStore
#if canImport(Glibc)
import Glibc
#endif

/// A write that etcd applied but whose answer was lost (the member died, the connection
/// broke) is retried on the next endpoint, where its compare now fails. The store must
/// still report the write as done, with its revision, and must not mistake a genuine
/// conflict for one of its own unanswered writes.
@Suite struct EtcdUnansweredWriteTests {
    @Test(.enabled(if: EtcdCluster.installed || Backend.strict, "etcd is not installed (apt-get install etcd-server)"),
          .timeLimit(.minutes(1)))
    func appliedButUnansweredWritesReportSuccess() async throws {
        let cluster = try await EtcdCluster.start()
        defer { cluster.stop() }
        let direct = try #require(cluster.clientURLs.first)
        let upstreamPort = try #require(URL(string: direct)?.port)
        let proxy = try AnswerDroppingProxy(upstreamPort: upstreamPort)
        defer { proxy.stop() }
        let reader = try EtcdStore(endpoints: [direct])
        defer { Task { await reader.close() } }

        // Each write goes first through the proxy (applied, answer dropped), then directly.
        func throughProxy<T>(_ body: (EtcdStore) async throws -> T) async throws -> T {
            let store = try EtcdStore(endpoints: ["http://127.0.0.1:\(proxy.port)", direct],
                                      options: .init(deadline: .seconds(10), attemptTimeout: .seconds(2)))
            do {
                let result = try await body(store)
                await store.close()
                return result
            } catch {
                await store.close()
                throw error
            }
        }

        let created = try await throughProxy { try await $0.create("/registry/lost/a", value: Data("v1")) }
        #expect(proxy.dropped == 1)
        var kv = try #require(try await reader.get("/registry/lost/a"))
        #expect(kv.value == Data("v1"))
        #expect(kv.modRevision == created)
        #expect(kv.createRevision == created)

        let updated = try await throughProxy {
            try await $0.update("/registry/lost/a", value: Data("v2"), expectedRevision: created)
        }
        #expect(proxy.dropped == 2)
        kv = try #require(try await reader.get("/registry/lost/a"))
        #expect(kv.value == Data("v2"))
        #expect(kv.modRevision == updated)
        #expect(updated > created)

        let gone = try await throughProxy { try await $0.delete("/registry/lost/a", expectedRevision: updated) }
        #expect(proxy.dropped == 3)
        #expect(gone.key == "/registry/lost/a")
        #expect(gone.value == Data("v2"))
        #expect(gone.createRevision == created)
        #expect(gone.modRevision == (try await reader.currentRevision()))
        #expect(try await reader.get("/registry/lost/a") == nil)

        // Genuine failures stay failures even though the first attempt went unanswered.
        let other = try await reader.create("/registry/lost/b", value: Data("someone else's"))
        await #expect(throws: StoreError.keyExists("/registry/lost/b")) {
            try await throughProxy { _ = try await $0.create("/registry/lost/b", value: Data("mine")) }
        }
        await #expect(throws: StoreError.conflict(key: "/registry/lost/b", currentRevision: other)) {
            try await throughProxy { _ = try await $0.update("/registry/lost/b", value: Data("mine"), expectedRevision: other - 1) }
        }
        await #expect(throws: StoreError.notFound("/registry/lost/missing")) {
            try await throughProxy { _ = try await $0.delete("/registry/lost/missing", expectedRevision: other) }
        }
        #expect(proxy.dropped == 6)
        #expect(try await reader.get("/registry/lost/b")?.value == Data("someone else's"))
    }
}

/// A loopback TCP relay that forwards each HTTP request to etcd, waits until etcd starts to
/// answer (so the request has been applied), and then resets the client's connection
/// instead of relaying the answer: a write applied with its acknowledgement lost.
final class AnswerDroppingProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let upstreamPort: Int
    private let lock = NSLock()
    private var droppedCount = 0
    private var thread: Thread?
    private let finished = DispatchSemaphore(value: 0)

    var dropped: Int { lock.withLock { droppedCount } }

    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw EtcdTestError("proxy: socket() failed: errno \(errno)") }
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw EtcdTestError("proxy: bind/listen on 127.0.0.1 failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in
            acceptLoop()
            finished.signal()
        }
        self.thread = thread
        thread.start()
    }

    /// Stops accepting (shutdown wakes the blocked accept) and waits for the relay thread.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
        close(listener)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            relayWithoutAnswer(client)
        }
    }

    private func relayWithoutAnswer(_ client: Int32) {
        defer {
            // Linger 0: close with a reset, as a dying member's kernel would.
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            close(client)
        }
        guard let request = readRequest(client) else { return }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard upstream >= 0 else { return }
        defer { close(upstream) }
        var address = Self.loopback(port: UInt16(upstreamPort))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, writeAll(upstream, request) else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        guard recv(upstream, &buffer, buffer.count, 0) > 0 else { return }
        lock.withLock { droppedCount += 1 }
    }

    /// One whole HTTP/1.1 request: headers, then a Content-Length body.
    private func readRequest(_ fd: Int32) -> [UInt8]? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headerEnd: Int?
        var bodyLength = 0
        while true {
            if let end = headerEnd, data.count >= end + bodyLength { return data }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return nil }
            data.append(contentsOf: buffer[0..<n])
            if headerEnd == nil, let range = findHeaderEnd(data) {
                headerEnd = range
                let head = String(decoding: data[0..<range], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
                    bodyLength = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
                }
            }
        }
    }

    private func findHeaderEnd(_ data: [UInt8]) -> Int? {
        guard data.count >= 4 else { return nil }
        for i in 0...(data.count - 4) where data[i] == 13 && data[i + 1] == 10 && data[i + 2] == 13 && data[i + 3] == 10 {
            return i + 4
        }
        return nil
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
