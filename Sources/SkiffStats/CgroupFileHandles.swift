import SkiffCgroups
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The collector's side of `CgroupStatsReader`: each cgroup's plan is made once, and its
/// files stay open between passes, so a pass costs one pread(2) per file at offset 0 (the
/// kernel regenerates a cgroup file on a read from the start) instead of an open with its path
/// walk, a read and a close, and makes no path strings. A cgroup that is gone reads as ENODEV
/// or ENOENT; its descriptors are closed then, or when the kubelet stops naming it
/// (`sweep`). Open descriptors are capped (`maxOpen`, a quarter of RLIMIT_NOFILE by
/// default) so the collector never starves the rest of the process; past the cap files are
/// opened for each read. Not thread-safe: the collector's actor owns one.
final class CgroupFileHandles {
    struct Entry {
        var files: [CgroupStatsFile]
        /// Per plan entry: an open descriptor, `unopened`, or `absent` (an optional file this
        /// kernel or controller does not have).
        var fds: [Int32]
        var seenPass: UInt64
    }
    static let unopened: Int32 = -1
    static let absent: Int32 = -2

    let reader: CgroupStatsReader
    let maxOpen: Int
    private(set) var openCount = 0
    private var entries: [String: Entry] = [:]
    private var buffer: UnsafeMutableRawBufferPointer

    init(reader: CgroupStatsReader, maxOpen: Int? = nil) {
        self.reader = reader
        self.maxOpen = maxOpen ?? Self.defaultMaxOpen()
        buffer = .allocate(byteCount: 16 * 1024, alignment: 8)
    }

    deinit {
        for e in entries.values { Self.close(e.fds) }
        buffer.deallocate()
    }

    static func defaultMaxOpen() -> Int {
        var rl = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &rl) == 0 else { return 256 }
        let soft = rl.rlim_cur >= UInt64(1 << 40) ? 1 << 20 : Int(rl.rlim_cur)  // RLIM_INFINITY
        return max(0, soft / 4)
    }

    var cgroupCount: Int { entries.count }

    /// The counters of the cgroup at `path`; nil when it is gone.
    func read(_ path: String, pass: UInt64) -> CgroupStats? {
        var entry = entries.removeValue(forKey: path) ?? {
            let files = reader.files(path)
            return Entry(files: files, fds: [Int32](repeating: Self.unopened, count: files.count), seenPass: pass)
        }()
        entry.seenPass = pass
        var source = Source(handles: self, fds: entry.fds)
        let stats = (try? reader.read(entry.files, from: &source)) ?? nil
        entry.fds = source.fds
        if stats == nil || source.gone {
            // Gone (or not there yet): nothing is kept, the next pass starts over.
            closeAll(&entry.fds)
            return nil
        }
        entries[path] = entry
        return stats
    }

    /// Closes the files of cgroups not read in `pass`.
    func sweep(keeping pass: UInt64) {
        guard entries.values.contains(where: { $0.seenPass != pass }) else { return }
        for (path, e) in entries where e.seenPass != pass {
            var fds = e.fds
            closeAll(&fds)
            entries[path] = nil
        }
    }

    private func closeAll(_ fds: inout [Int32]) {
        for i in fds.indices where fds[i] >= 0 {
            Glibc.close(fds[i])
            openCount -= 1
            fds[i] = Self.unopened
        }
    }

    private static func close(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { Glibc.close(fd) }
    }

    /// Reads the whole file at offset 0 into the shared buffer (grown as needed); the byte
    /// count, or nil with errno set.
    fileprivate func readAll(_ fd: Int32) -> Int? {
        var total = 0
        while true {
            if total == buffer.count {
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
                bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = bigger
            }
            let n = pread(fd, buffer.baseAddress! + total, buffer.count - total, off_t(total))
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { return total }
            total += n
        }
    }

    fileprivate func open(_ path: String) -> Int32 {
        Glibc.open(path, O_RDONLY | O_CLOEXEC)
    }

    fileprivate func opened() { openCount += 1 }

    fileprivate var contents: UnsafeMutableRawBufferPointer { buffer }

    struct Source: CgroupStatsSource {
        unowned let handles: CgroupFileHandles
        var fds: [Int32]
        /// A read failed the way a removed cgroup's files fail.
        var gone = false

        mutating func withContents(_ index: Int, of file: CgroupStatsFile, _ body: (UnsafeRawBufferPointer) -> Void) throws -> Bool {
            if gone { return false }
            var fd = fds[index]
            if fd == CgroupFileHandles.absent { return false }
            var keep = true
            if fd == CgroupFileHandles.unopened {
                fd = handles.open(file.path)
                if fd < 0 {
                    // An optional file a live cgroup lacks stays absent; a required one means
                    // the cgroup is gone.
                    if errno == ENOENT && !file.required { fds[index] = CgroupFileHandles.absent }
                    return false
                }
                keep = !file.reopen && handles.openCount < handles.maxOpen
                if keep {
                    fds[index] = fd
                    handles.opened()
                }
            }
            defer { if !keep { Glibc.close(fd) } }
            guard let n = handles.readAll(fd) else {
                if errno == ENODEV || errno == ENOENT { gone = true }
                return false
            }
            body(UnsafeRawBufferPointer(rebasing: handles.contents[0..<n]))
            return true
        }
    }
}
