import Foundation
import Testing
@testable import SkiffStore

/// The backends the conformance suite runs against.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite
    case etcd

    var testDescription: String { rawValue }

    /// True when CI asks that tests needing host facilities fail rather than skip.
    static var strict: Bool { ProcessInfo.processInfo.environment["SKIFF_PRIVILEGED_TESTS"] == "1" }

    /// Backends this machine can run. Without etcd the etcd cases are left out with a
    /// message, except under SKIFF_PRIVILEGED_TESTS=1 where they stay and fail.
    static let available: [Backend] = {
        if EtcdCluster.installed || strict { return allCases }
        print("SkiffStoreTests: skipping the etcd backend: \(EtcdCluster.binary) is missing (apt-get install etcd-server)")
        return [.memory, .sqlite]
    }()

    /// Opens a fresh, empty store, runs `body`, and removes everything the store made,
    /// also when `body` throws.
    func withStore<T: Sendable>(_ body: (any KVStore) async throws -> T) async throws -> T {
        switch self {
        case .memory:
            return try await run(MemoryStore(), body)
        case .sqlite:
            let directory = try makeTempDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let store = try await SQLiteStore(path: directory.appendingPathComponent("store.db").path,
                                              options: .init(compactInterval: nil))
            return try await run(store, body)
        case .etcd:
            let cluster = try await EtcdCluster.start()
            defer { cluster.stop() }
            return try await run(try EtcdStore(endpoints: cluster.clientURLs), body)
        }
    }

    private func run<T: Sendable>(_ store: any KVStore, _ body: (any KVStore) async throws -> T) async throws -> T {
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

/// A fresh private directory under the system temp directory; the caller removes it.
func makeTempDirectory() throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skiff-store-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

extension Data {
    init(_ string: String) { self = Data(string.utf8) }
}

/// Collects the first `count` events of a watch, failing after `timeout` seconds.
func collect(_ stream: AsyncThrowingStream<StoreEvent, Error>, count: Int, timeout: Double = 10) async throws -> [StoreEvent] {
    try await withThrowingTaskGroup(of: [StoreEvent]?.self) { group in
        group.addTask {
            var out: [StoreEvent] = []
            if count == 0 { return out }
            for try await event in stream {
                out.append(event)
                if out.count == count { break }
            }
            return out
        }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let events = first else {
            throw WatchTimeout(expected: count)
        }
        return events
    }
}

struct WatchTimeout: Error, CustomStringConvertible {
    var expected: Int
    var description: String { "watch did not deliver \(expected) events in time" }
}

/// The error a watch stream ends with (nil if it ends cleanly), failing after `timeout` seconds.
func watchError(_ stream: AsyncThrowingStream<StoreEvent, Error>, timeout: Double = 10) async throws -> Error? {
    try await withThrowingTaskGroup(of: Error?.self) { group in
        group.addTask {
            do {
                for try await _ in stream {}
                return nil
            } catch {
                return error
            }
        }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
            throw WatchTimeout(expected: 0)
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
