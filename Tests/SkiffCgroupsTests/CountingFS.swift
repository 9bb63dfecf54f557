import Synchronization
@testable import SkiffCgroups

/// The in-memory cgroupfs, counting mkdir and rmdir attempts per directory, for tests of how
/// much work create() and destroy() do.
final class CountingFS: CgroupFS {
    let base: FakeCgroupFS
    private let mkdirCounts = Mutex<[String: Int]>([:])
    private let rmdirCounts = Mutex<[String: Int]>([:])
    init(_ base: FakeCgroupFS) { self.base = base }

    func read(_ path: String) throws -> String { try base.read(path) }
    func write(_ path: String, _ value: String) throws { try base.write(path, value) }
    func exists(_ path: String) -> Bool { base.exists(path) }
    func listDirectories(_ path: String) throws -> [String] { try base.listDirectories(path) }
    func mkdir(_ path: String) throws {
        mkdirCounts.withLock { $0[path, default: 0] += 1 }
        try base.mkdir(path)
    }
    func rmdir(_ path: String) throws {
        rmdirCounts.withLock { $0[path, default: 0] += 1 }
        try base.rmdir(path)
    }

    func mkdirs(_ path: String) -> Int { mkdirCounts.withLock { $0[path] ?? 0 } }
    var totalMkdirs: Int { mkdirCounts.withLock { $0.values.reduce(0, +) } }
    func rmdirs(_ path: String) -> Int { rmdirCounts.withLock { $0[path] ?? 0 } }
}
