import ArgumentParser
import Foundation
import NIOHTTP1
import SkiffAPI
import SkiffClient

/// `skiff bench-api` (hidden): the load generator behind hack/bench/apiserver.sh. It measures
/// pod creates per second at a given concurrency, list latency, watch delivery latency, and
/// raw etcd puts per second through etcd's JSON gateway at the same concurrency.
struct BenchAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-api",
        abstract: "Load generator for the API server benchmark (hack/bench/apiserver.sh).",
        shouldDisplay: false
    )

    enum Mode: String, ExpressibleByArgument { case creates, list, watch, etcdPuts = "etcd-puts" }

    @Option(help: "What to measure: creates, list, watch, etcd-puts.") var mode: Mode
    @Option(help: "API server (or etcd client) URL.") var server: String
    @Option(help: "Concurrent clients.") var clients: Int = 1
    @Option(help: "Operations in total (creates, puts, watch events) or list repetitions.") var count: Int = 1000
    @Option(help: "Namespace for created pods.") var namespace: String = "default"
    @Option(help: "Name prefix for created objects.") var prefix: String = "bench"
    @Option(help: "Watchers for --mode watch.") var watchers: Int = 100
    @Option(help: "File whose bytes each raw put writes (--mode etcd-puts), e.g. a pod as the API server stores it; default: the create request's body.")
    var valueFile: String?

    func validate() throws {
        guard clients >= 1, count >= 1, watchers >= 1 else { throw ValidationError("--clients, --count and --watchers must be at least 1") }
    }

    static func podBody(_ name: String) -> Data {
        Data(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","labels":{"bench":"yes"}},"spec":{"containers":[{"name":"c","image":"busybox"}]}}"#.utf8)
    }

    func run() async throws {
        let client = SkiffClient(config: ClientConfig(server: server))
        defer { Task { await client.shutdown() } }
        switch mode {
        case .creates:
            // Creates and raw puts go through the same lean client (PlainHTTPConnection), so the
            // etcd ratio compares like with like and the client takes little of the shared CPU.
            let path = "/api/v1/namespaces/\(namespace)/pods"
            let prefix = self.prefix
            let secs = try await BenchThreads.run(clients: clients, count: count, server: server) { conn, i in
                try Self.expectSuccess(conn.roundTrip(conn.request("POST", path, body: Self.podBody("\(prefix)-\(i)"))), "POST \(path)")
            }
            print(String(format: "creates clients=%d count=%d seconds=%.3f per_second=%.1f", clients, count, secs, Double(count) / secs))
        case .etcdPuts:
            let prefix = self.prefix
            var stored: String?
            if let valueFile {
                guard let d = FileManager.default.contents(atPath: valueFile), !d.isEmpty else {
                    throw ValidationError("--value-file: cannot read \(valueFile) (expected a non-empty file)")
                }
                stored = d.base64EncodedString()
            }
            let fixed = stored
            let secs = try await BenchThreads.run(clients: clients, count: count, server: server) { conn, i in
                let key = Data("/bench/\(prefix)/\(i)".utf8).base64EncodedString()
                let value = fixed ?? Self.podBody("\(prefix)-\(i)").base64EncodedString()
                let body = Data(#"{"key":"\#(key)","value":"\#(value)"}"#.utf8)
                try Self.expectSuccess(conn.roundTrip(conn.request("POST", "/v3/kv/put", body: body)), "POST /v3/kv/put")
            }
            print(String(format: "etcd-puts clients=%d count=%d seconds=%.3f per_second=%.1f", clients, count, secs, Double(count) / secs))
        case .list:
            var times: [Double] = []
            var items = 0
            for _ in 0..<count {
                let t0 = DispatchTime.now().uptimeNanoseconds
                let data = try await client.send(.GET, "/api/v1/namespaces/\(namespace)/pods")
                times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
                items = (try? JSONValue(from: data))?["items"]?.arrayValue?.count ?? 0
            }
            times.sort()
            print(String(format: "list items=%d runs=%d p50_ms=%.1f p99_ms=%.1f", items, count, Self.pct(times, 0.5), Self.pct(times, 0.99)))
        case .watch:
            try await watchLatency(client)
        }
    }

    static func expectSuccess(_ answer: (status: Int, body: ArraySlice<UInt8>), _ what: String) throws {
        guard (200..<300).contains(answer.status) else {
            throw PlainHTTPConnection.Failure(description: "\(what): \(answer.status) \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
        }
    }

    static func pct(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    /// Runs `count` operations over `clients` concurrent workers; returns elapsed seconds.
    static func parallel(clients: Int, count: Int, _ op: @escaping @Sendable (Int) async throws -> Void) async throws -> (Double, Int) {
        let next = Counter()
        let t0 = DispatchTime.now().uptimeNanoseconds
        try await withThrowingTaskGroup(of: Void.self) { g in
            for _ in 0..<clients {
                g.addTask {
                    while let i = await next.take(limit: count) { try await op(i) }
                }
            }
            try await g.waitForAll()
        }
        return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9, count)
    }

    actor Counter {
        var n = 0
        func take(limit: Int) -> Int? {
            guard n < limit else { return nil }
            n += 1
            return n - 1
        }
    }

    /// Opens `watchers` watches, creates `count` pods one at a time, and measures the time from
    /// sending each create to each watcher receiving its event. Watchers are threads reading
    /// the raw stream (the event's name found by a byte search, no decoding), so the load
    /// generator's own work does not show up as delivery latency on the shared CPU.
    func watchLatency(_ client: SkiffClient) async throws {
        let list = try await client.list(Pod.self, namespace: namespace, ListParams(limit: 1))
        let rv = list.metadata.resourceVersion ?? ""
        let prefix = self.prefix, expected = count, watchers = self.watchers, server = self.server
        let path = "/api/v1/namespaces/\(namespace)/pods"
        let sent = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: count)
        sent.initialize(repeating: 0)
        defer { sent.deallocate() }
        let sentTimes = SendableBuffer(sent)
        let received = ReceivedTimes()
        let group = DispatchGroup()
        let connections = try (0..<watchers).map { _ in try PlainHTTPConnection.connected(to: server) }
        for connection in connections {
            connection.setTimeout(seconds: 30)
            group.enter()
            Thread {
                defer { group.leave() }
                var mine: [(Int, UInt64)] = []
                mine.reserveCapacity(expected)
                try? connection.streamLines("\(path)?watch=true&resourceVersion=\(rv)") { line in
                    let now = DispatchTime.now().uptimeNanoseconds
                    if let i = Self.addedIndex(line, prefix: prefix) { mine.append((i, now)) }
                    return mine.count < expected
                }
                received.add(mine)
            }.start()
        }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let creator = try PlainHTTPConnection.connected(to: server)
        for i in 0..<count {
            let request = creator.request("POST", path, body: Self.podBody("\(prefix)-\(i)"))
            sentTimes.buffer[i] = DispatchTime.now().uptimeNanoseconds
            try Self.expectSuccess(creator.roundTrip(request), "POST \(path)")
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in group.notify(queue: .global()) { done.resume() } }
        var samples: [Double] = []
        for (i, t) in received.all where i < count { samples.append(Double(t &- sent[i]) / 1e6) }
        samples.sort()
        print(String(format: "watch watchers=%d events=%d delivered=%d p50_ms=%.2f p99_ms=%.2f", watchers, count, samples.count,
                     Self.pct(samples, 0.5), Self.pct(samples, 0.99)))
    }

    /// The index N of an ADDED event for a pod named PREFIX-N: the first `"name":"` of a line
    /// is the object's own (metadata precedes spec and status; labels hold no "name").
    static func addedIndex(_ line: ArraySlice<UInt8>, prefix: String) -> Int? {
        let added = Array(#"{"type":"ADDED""#.utf8)
        guard line.starts(with: added) else { return nil }
        let key = Array(#""name":""#.utf8) + Array(prefix.utf8) + [UInt8(ascii: "-")]
        guard let range = line.firstRange(of: key) else { return nil }
        var i = range.upperBound, n = 0, digits = 0
        while i < line.endIndex, line[i] >= 48, line[i] <= 57 {
            n = n * 10 + Int(line[i] - 48)
            digits += 1
            i += 1
        }
        return digits > 0 && i < line.endIndex && line[i] == UInt8(ascii: "\"") ? n : nil
    }

    /// Send times, written by the creator before each create and read after every watcher ended.
    struct SendableBuffer: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<UInt64>
        init(_ buffer: UnsafeMutableBufferPointer<UInt64>) { self.buffer = buffer }
    }

    final class ReceivedTimes: @unchecked Sendable {
        private let lock = NSLock()
        private var samples: [(Int, UInt64)] = []
        func add(_ more: [(Int, UInt64)]) { lock.withLock { samples += more } }
        var all: [(Int, UInt64)] { lock.withLock { samples } }
    }
}
