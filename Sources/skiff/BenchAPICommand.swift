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
            // Creates and raw puts go through the same lean client (BenchHTTPConnection), so the
            // etcd ratio compares like with like and the client takes little of the shared CPU.
            let path = "/api/v1/namespaces/\(namespace)/pods"
            let prefix = self.prefix
            let secs = try await BenchThreads.run(clients: clients, count: count, server: server) { conn, i in
                try Self.expectSuccess(conn.roundTrip(conn.request("POST", path, body: Self.podBody("\(prefix)-\(i)"))), "POST \(path)")
            }
            print(String(format: "creates clients=%d count=%d seconds=%.3f per_second=%.1f", clients, count, secs, Double(count) / secs))
        case .etcdPuts:
            let prefix = self.prefix
            let secs = try await BenchThreads.run(clients: clients, count: count, server: server) { conn, i in
                let key = Data("/bench/\(prefix)/\(i)".utf8).base64EncodedString()
                let value = Self.podBody("\(prefix)-\(i)").base64EncodedString()
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
            throw BenchHTTPConnection.Failure(description: "\(what): \(answer.status) \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
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

    actor Latencies {
        var sent: [String: UInt64] = [:]
        var samples: [Double] = []
        func markSent(_ name: String, _ t: UInt64) { sent[name] = t }
        func received(_ name: String, _ t: UInt64) {
            if let s = sent[name] { samples.append(Double(t &- s) / 1e6) }
        }
    }

    /// Opens `watchers` watches, creates `count` pods one at a time, and measures the time from
    /// sending each create to each watcher receiving its event.
    func watchLatency(_ client: SkiffClient) async throws {
        let lat = Latencies()
        let list = try await client.list(Pod.self, namespace: namespace, ListParams(limit: 1))
        let rv = list.metadata.resourceVersion
        let prefix = self.prefix
        let expected = count
        var tasks: [Task<Void, Never>] = []
        let ready = Counter()
        for _ in 0..<watchers {
            tasks.append(Task {
                var got = 0
                do {
                    _ = await ready.take(limit: Int.max)
                    for try await ev in client.watch(Pod.self, namespace: namespace, ListParams(resourceVersion: rv)) {
                        let now = DispatchTime.now().uptimeNanoseconds
                        guard ev.type == .added, let name = ev.object.metadata.name, name.hasPrefix(prefix) else { continue }
                        await lat.received(name, now)
                        got += 1
                        if got >= expected { break }
                    }
                } catch {}
            })
        }
        try await Task.sleep(nanoseconds: 1_000_000_000)
        let path = "/api/v1/namespaces/\(namespace)/pods"
        for i in 0..<count {
            let name = "\(prefix)-\(i)"
            await lat.markSent(name, DispatchTime.now().uptimeNanoseconds)
            _ = try await client.send(.POST, path, body: Self.podBody(name))
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        let deadline = Date().addingTimeInterval(30)
        while await lat.samples.count < count * watchers && Date() < deadline {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        for t in tasks { t.cancel() }
        let samples = await lat.samples.sorted()
        print(String(format: "watch watchers=%d events=%d delivered=%d p50_ms=%.2f p99_ms=%.2f", watchers, count, samples.count,
                     Self.pct(samples, 0.5), Self.pct(samples, 0.99)))
    }
}
