import Foundation
import SkiffClient

extension PlainHTTPConnection {
    /// A connected connection for a load generator (one per worker thread: the load generator
    /// shares the machine with the server it measures, so it spends as little per request as
    /// it can); throws naming the URL it could not use.
    static func connected(to url: String) throws -> PlainHTTPConnection {
        guard let c = PlainHTTPConnection(url: url) else {
            throw Failure(description: "bench client: expected http://HOST:PORT with an IPv4 address or localhost, got \(url)")
        }
        try c.open()
        return c
    }
}

/// Runs `count` operations over `clients` threads, each with its own connection; returns the
/// elapsed seconds. `op` gets the connection and the operation's index.
enum BenchThreads {
    static func run(clients: Int, count: Int, server: String,
                    _ op: @escaping @Sendable (PlainHTTPConnection, Int) throws -> Void) async throws -> Double {
        let connections = try (0..<clients).map { _ in try PlainHTTPConnection.connected(to: server) }
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
