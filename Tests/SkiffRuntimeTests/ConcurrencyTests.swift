import Glibc
@testable import SkiffRuntime
import Synchronization
import Testing

/// The kubelet creates containers from many threads of one process, while its other threads
/// allocate, open descriptors and hold locks. Here several threads create, start, wait for and
/// delete containers at once while another thread keeps the allocator busy: every container
/// must come up as PID 1 of its own namespace, see only its own three standard descriptors
/// (none of the pipes other threads had open at the time of its clone) and exit normally.
@Suite(.privileged, .serialized) struct ConcurrencyTests {
    final class Shared: Sendable {
        let runtime: Runtime
        let bundle: String
        let spec: OCISpec
        let rounds: Int
        let failures = Mutex<[String]>([])
        let ids = Mutex<[String]>([])
        let done = Atomic<Int>(0)
        let stopChurn = Atomic<Bool>(false)
        init(runtime: Runtime, bundle: String, spec: OCISpec, rounds: Int) {
            self.runtime = runtime; self.bundle = bundle; self.spec = spec; self.rounds = rounds
        }
    }

    struct Work { let shared: Shared; let worker: Int }

    /// The init lists its own descriptors after exec'ing ls: stdin, stdout, stderr and the
    /// directory ls opened to read them.
    static let script = "echo pid=$$; exec ls /proc/self/fd"
    static let expected = ["pid=1", "0", "1", "2", "3"]

    /// One worker thread: create, start, wait, check the log, delete, `rounds` times.
    static func worker(_ w: Work) {
        let rt = w.shared.runtime
        for round in 0..<w.shared.rounds {
            let id = "mt-\(getpid())-\(w.worker)-\(round)"
            w.shared.ids.withLock { $0.append(id) }
            do {
                _ = try rt.create(id: id, bundle: w.shared.bundle, options: .init(spec: w.shared.spec))
                try rt.start(id: id)
                let e = try rt.wait(id: id)
                let log = FileIO.readString(StateDir(root: rt.root, id: id).defaultLog) ?? ""
                if e.exitCode != 0 || Fixture.messages(log) != Self.expected {
                    w.shared.failures.withLock { $0.append("\(id): exit \(e.exitCode) \(e.error ?? "") log \(log)") }
                }
                try rt.delete(id: id)
            } catch {
                w.shared.failures.withLock { $0.append("\(id): \(error)") }
            }
        }
        w.shared.done.add(1, ordering: .sequentiallyConsistent)
    }

    /// Allocates and frees constantly and keeps inheritable descriptors (no O_CLOEXEC) open,
    /// as a busy kubelet would, while the workers clone.
    static func churn(_ s: Shared) {
        var keep: [[UInt8]] = []
        var fds: [Int32] = []
        var i = 0
        while !s.stopChurn.load(ordering: .relaxed) {
            keep.append([UInt8](repeating: UInt8(truncatingIfNeeded: i), count: 64 + (i % 4096)))
            if keep.count > 256 { keep.removeFirst(128) }
            let fd = open("/dev/null", O_RDONLY)
            if fd >= 0 { fds.append(fd) }
            if fds.count > 8 { close(fds.removeFirst()) }
            i += 1
        }
        for fd in fds { close(fd) }
    }

    static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        final class Box { let body: @Sendable () -> Void; init(_ b: @escaping @Sendable () -> Void) { body = b } }
        var t = pthread_t()
        let arg = Unmanaged.passRetained(Box(body)).toOpaque()
        let rc = pthread_create(&t, nil, { raw in
            guard let raw else { return nil }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            box.body()
            return nil
        }, arg)
        if rc != 0 { Unmanaged<Box>.fromOpaque(arg).release(); return nil }
        return t
    }

    @Test(.timeLimit(.minutes(2))) func manyThreadsCreateContainersAtOnce() throws {
        try Privileged.check()
        let f = try Fixture(); defer { f.cleanup() }
        let workers = 6, rounds = 4
        let shared = Shared(runtime: f.runtime, bundle: f.bundle, spec: f.spec(["sh", "-c", Self.script]), rounds: rounds)
        defer { for id in shared.ids.withLock({ $0 }) { try? f.runtime.delete(id: id, force: true) } }

        let churner = Self.spawn { Self.churn(shared) }
        var threads: [pthread_t] = []
        for w in 0..<workers {
            let work = Work(shared: shared, worker: w)
            guard let t = Self.spawn({ Self.worker(work) }) else { Issue.record("pthread_create failed"); break }
            threads.append(t)
        }
        for t in threads { pthread_join(t, nil) }
        shared.stopChurn.store(true, ordering: .relaxed)
        if let c = churner { pthread_join(c, nil) }

        #expect(shared.done.load(ordering: .sequentiallyConsistent) == threads.count)
        #expect(threads.count == workers)
        let failures = shared.failures.withLock { $0 }
        #expect(failures.isEmpty, "\(failures)")
        #expect(shared.ids.withLock { $0.count } == workers * rounds)
        #expect(f.runtime.list().isEmpty, "every container was deleted")
    }
}
