import CSQLite
import Foundation
import Testing
@testable import SkiffStore

/// Store micro-benchmark, run by hack/bench/store/run.sh (SKIFF_STORE_BENCH=1); never part of
/// the normal suite, and it asserts nothing about speed. Each backend is printed next to a
/// peer measured in the same run: raw SQLite inserts for SQLiteStore, raw etcd puts through
/// the same gateway for EtcdStore.
@Suite(.serialized) struct StoreBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["SKIFF_STORE_BENCH"] == "1"
    static let runs = Int(ProcessInfo.processInfo.environment["SKIFF_STORE_BENCH_RUNS"] ?? "") ?? 3
    static let value = Data(repeating: UInt8(ascii: "x"), count: 1024)

    @Test(.enabled(if: enabled)) func sqliteCreates() async throws {
        for writers in [1, 8, 32] {
            let total = 20_000
            var store: [Double] = []
            var raw: [Double] = []
            for _ in 0..<Self.runs {
                store.append(try await Self.withSQLite { s in
                    try await Self.rate(total: total, writers: writers) { i in
                        _ = try await s.create(String(format: "/registry/pods/bench/p%07d", i), value: Self.value)
                    }
                })
                raw.append(try Self.rawSQLiteInserts(total: total))
            }
            Self.report("sqlite creates/s, \(writers) writers", store, peer: "raw sqlite inserts/s (1 connection)", raw)
        }
    }

    @Test(.enabled(if: enabled)) func sqliteListAndWatch() async throws {
        try await Self.withSQLite { store in
            for i in 0..<10_000 {
                _ = try await store.create(String(format: "/registry/pods/default/p%05d", i), value: Self.value)
            }
            var times: [Double] = []
            for _ in 0..<max(Self.runs, 5) {
                let start = ContinuousClock.now
                let result = try await store.list(prefix: "/registry/pods/", revision: nil, startAfter: nil, limit: 0)
                times.append((ContinuousClock.now - start).seconds * 1000)
                precondition(result.items.count == 10_000)
            }
            Self.report("sqlite list of 10,000 keys (1 KiB values), ms", times, peer: nil, [])
            try await Self.watchLatency(store, label: "sqlite")
        }
    }

    @Test(.enabled(if: enabled && EtcdCluster.installed)) func etcdCreatesAgainstRawPuts() async throws {
        let cluster = try await EtcdCluster.start()
        defer { cluster.stop() }
        let store = try EtcdStore(endpoints: cluster.clientURLs)
        defer { Task { await store.close() } }
        var round = 0
        for writers in [1, 8, 32] {
            let total = writers == 1 ? 1_000 : 3_000
            var creates: [Double] = []
            var puts: [Double] = []
            for _ in 0..<Self.runs {
                round += 1
                let r = round
                creates.append(try await Self.rate(total: total, writers: writers) { i in
                    _ = try await store.create(String(format: "/registry/pods/r%d/p%07d", r, i), value: Self.value)
                })
                puts.append(try await Self.rate(total: total, writers: writers) { i in
                    _ = try await store.rawPut(String(format: "/raw/r%d/p%07d", r, i), value: Self.value)
                })
            }
            Self.report("etcd creates/s, \(writers) writers", creates, peer: "raw etcd puts/s", puts)
        }
        try await Self.watchLatency(store, label: "etcd")
    }

    // MARK: - helpers

    static func withSQLite<T: Sendable>(_ body: (SQLiteStore) async throws -> T) async throws -> T {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await SQLiteStore(path: directory.appendingPathComponent("bench.db").path, options: .init(compactInterval: nil))
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }

    /// Operations per second of `total` operations spread over `writers` concurrent tasks.
    static func rate(total: Int, writers: Int, _ op: @escaping @Sendable (Int) async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    var i = w
                    while i < total {
                        try await op(i)
                        i += writers
                    }
                }
            }
            try await group.waitForAll()
        }
        return Double(total) / (ContinuousClock.now - start).seconds
    }

    /// The same row shape written with plain prepared INSERTs on one connection, WAL and
    /// synchronous=NORMAL: the ceiling for the store's write path.
    static func rawSQLiteInserts(total: Int) throws -> Double {
        let directory = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let connection = try SQLiteConnection(path: directory.appendingPathComponent("raw.db").path)
        defer { connection.close() }
        try connection.exec("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
            CREATE TABLE kv (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, created INTEGER NOT NULL,
              deleted INTEGER NOT NULL, create_revision INTEGER NOT NULL, prev_revision INTEGER NOT NULL,
              value BLOB, old_value BLOB);
            CREATE INDEX kv_name_id ON kv (name, id);
            """)
        let start = ContinuousClock.now
        for i in 0..<total {
            let statement = try connection.statement(
                "INSERT INTO kv (id, name, created, deleted, create_revision, prev_revision, value, old_value) VALUES (?1, ?2, 1, 0, ?1, 0, ?3, NULL)")
            statement.bind(1, Int64(i + 1))
            statement.bind(2, String(format: "/registry/pods/bench/p%07d", i))
            statement.bind(3, value)
            try statement.run()
        }
        return Double(total) / (ContinuousClock.now - start).seconds
    }

    /// Delivery latency from just before a write to its arrival at each of 100 watchers.
    static func watchLatency(_ store: any KVStore, label: String) async throws {
        let watchers = 100, writes = 200
        let base = try await store.currentRevision()
        let sent = LatencyLog()
        let prefix = "/registry/watchbench-\(label)/"
        let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
            for _ in 0..<watchers {
                let stream = store.watch(prefix: prefix, afterRevision: base)
                group.addTask {
                    var out: [Double] = []
                    for try await event in stream {
                        let now = ContinuousClock.now
                        if let start = sent.start(of: event.kv.key) { out.append((now - start).seconds * 1000) }
                        if out.count == writes { break }
                    }
                    return out
                }
            }
            try await Task.sleep(for: .milliseconds(300))  // let every watch reach the live stream
            for i in 0..<writes {
                let key = prefix + "k\(i)"
                sent.mark(key)
                _ = try await store.create(key, value: value)
                try await Task.sleep(for: .milliseconds(5))
            }
            var all: [Double] = []
            for try await part in group { all += part }
            return all.sorted()
        }
        let p50 = latencies[latencies.count / 2]
        let p99 = latencies[min(latencies.count - 1, latencies.count * 99 / 100)]
        print(String(format: "BENCH %@ watch delivery, %d watchers: p50 %.2f ms, p99 %.2f ms (%d deliveries)",
                     label, watchers, p50, p99, latencies.count))
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }

    static func report(_ label: String, _ values: [Double], peer: String?, _ peerValues: [Double]) {
        var line = String(format: "BENCH %@: median %.0f", label, median(values))
        if let peer {
            line += String(format: " | %@: median %.0f | ratio %.2f", peer, median(peerValues), median(values) / median(peerValues))
        }
        print(line)
    }
}

/// When each benchmark write started, by key.
final class LatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var starts: [String: ContinuousClock.Instant] = [:]
    func mark(_ key: String) { lock.withLock { starts[key] = .now } }
    func start(of key: String) -> ContinuousClock.Instant? { lock.withLock { starts[key] } }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
