import ArgumentParser
import Dispatch
import Foundation
import Logging
import SkiffAPIServer
import SkiffStore

/// Options shared by `skiff apiserver` and `skiff server`.
struct APIServerFlags: ParsableArguments {
    @Option(name: .long, help: "Directory for the embedded store and the admin kubeconfig.")
    var dataDir: String

    @Option(name: .long, help: "Address to serve the API on (HOST:PORT; port 0 picks a free one).")
    var listen: String = "127.0.0.1:6443"

    @Option(name: .long, help: "Service cluster IP range (IPv4 CIDR).")
    var serviceClusterIPRange: String = "10.96.0.0/12"

    @Option(name: .long, help: "NodePort range (LOW-HIGH).")
    var serviceNodePortRange: String = "30000-32767"

    @Option(name: .long, help: .hidden)
    var watchCacheSize: Int = 8192

    func serverOptions() throws -> APIServerOptions {
        var o = APIServerOptions()
        do {
            try o.setListen(listen)
        } catch {
            throw ValidationError("\(error)")
        }
        o.serviceClusterIPRange = serviceClusterIPRange
        o.serviceNodePortRange = serviceNodePortRange
        o.watchCacheSize = watchCacheSize
        o.kubeconfigPath = URL(fileURLWithPath: dataDir).appendingPathComponent("kubeconfig").path
        return o
    }
}

/// Which store backs the API.
enum StoreKind: String, ExpressibleByArgument, CaseIterable {
    case sqlite, etcd, memory
}

struct APIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver",
        abstract: "Serve the Kubernetes API over the embedded SQLite store or etcd."
    )

    @OptionGroup var flags: APIServerFlags

    @Option(name: .long, help: "Store backend: sqlite (embedded, default), etcd or memory.")
    var store: StoreKind = .sqlite

    @Option(name: .long, help: "etcd client URLs, comma separated (with --store etcd).")
    var etcdServers: String?

    func validate() throws {
        if store == .etcd && (etcdServers ?? "").isEmpty {
            throw ValidationError("--etcd-servers: required with --store etcd (e.g. http://127.0.0.1:2379)")
        }
        _ = try flags.serverOptions()
    }

    func run() async throws {
        LoggingSystem.bootstrapOnce()
        let kv = try await StoreFactory.open(store, dataDir: flags.dataDir, etcdServers: etcdServers)
        try await ServerRunner.run(options: flags.serverOptions(), store: kv)
    }
}

/// Runs an API server until SIGTERM or SIGINT, then closes the store.
enum ServerRunner {
    static func run(options: APIServerOptions, store: any KVStore, alongside: [@Sendable () async throws -> Void] = []) async throws {
        let logger = Logger(label: "skiff.apiserver")
        let server = try APIServer(store: store, options: options)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            for task in alongside { group.addTask { try await task() } }
            group.addTask {
                let sig = await Signals.wait([SIGTERM, SIGINT])
                logger.info("received signal \(sig), shutting down")
                throw CancellationError()
            }
            do {
                try await group.next()
            } catch is CancellationError {}
            group.cancelAll()
        }
        await store.close()
        logger.info("stopped")
    }
}

extension LoggingSystem {
    /// Logs to stderr at the level in SKIFF_LOG_LEVEL (default info).
    static func bootstrapOnce() {
        let level = ProcessInfo.processInfo.environment["SKIFF_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .info
        LoggingSystem.bootstrap { label in
            var h = StreamLogHandler.standardError(label: label)
            h.logLevel = level
            return h
        }
    }
}

/// Waiting for termination signals without installing C handlers: the signals are ignored
/// for default delivery and observed through dispatch sources.
enum Signals {
    /// Returns the first of `signals` received, or 0 when the task is cancelled.
    static func wait(_ signals: [Int32]) async -> Int32 {
        let box = SourceBox()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (cont: CheckedContinuation<Int32, Never>) in
                let once = Once()
                var sources: [DispatchSourceSignal] = []
                for s in signals {
                    signal(s, SIG_IGN)
                    let src = DispatchSource.makeSignalSource(signal: s, queue: .global())
                    src.setEventHandler {
                        if once.fire() {
                            box.cancelAll()
                            cont.resume(returning: s)
                        }
                    }
                    sources.append(src)
                }
                box.set(sources) {
                    if once.fire() { cont.resume(returning: 0) }
                }
                for src in sources { src.resume() }
            }
        } onCancel: {
            box.cancel()
        }
    }

    /// The live signal sources and how to end the wait early.
    final class SourceBox: @unchecked Sendable {
        private var sources: [DispatchSourceSignal] = []
        private var onCancel: (() -> Void)?
        private var cancelled = false
        private let lock = NSLock()
        func set(_ s: [DispatchSourceSignal], onCancel: @escaping () -> Void) {
            let already = lock.withLock {
                sources = s
                self.onCancel = onCancel
                return cancelled
            }
            if already { cancel() }
        }
        func cancelAll() {
            let s = lock.withLock { sources }
            for src in s { src.cancel() }
        }
        func cancel() {
            let cb = lock.withLock {
                cancelled = true
                return onCancel
            }
            cancelAll()
            cb?()
        }
    }

    /// Fires at most once across threads.
    final class Once: @unchecked Sendable {
        private var fired = false
        private let lock = NSLock()
        func fire() -> Bool {
            lock.withLock {
                if fired { return false }
                fired = true
                return true
            }
        }
    }
}

/// Opens the chosen store backend.
enum StoreFactory {
    static func open(_ kind: StoreKind, dataDir: String, etcdServers: String?) async throws -> any KVStore {
        do {
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        } catch {
            throw ValidationError("--data-dir \(dataDir): cannot create it: \(error.localizedDescription)")
        }
        switch kind {
        case .memory:
            return MemoryStore()
        case .sqlite:
            return try await SQLiteStore(path: URL(fileURLWithPath: dataDir).appendingPathComponent("state.db").path)
        case .etcd:
            let endpoints = (etcdServers ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return try EtcdStore(endpoints: endpoints)
        }
    }
}
