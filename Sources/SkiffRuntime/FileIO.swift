import CSkiffRuntime
import Glibc

/// Small file helpers on raw syscalls: the CLI's hot path avoids Foundation's file APIs.
enum FileIO {
    nonisolated(unsafe) static var lastErrno: Int32 = 0

    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { lastErrno = errno; return nil }
        defer { close(fd) }
        var out = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, 65536) }
            if n < 0 { if errno == EINTR { continue }; lastErrno = errno; return nil }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    static func readString(_ path: String) -> String? {
        read(path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes via a temporary file and rename, so readers never see half a file.
    static func writeAtomic(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws {
        let tmp = path + ".tmp"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        if fd < 0 { throw RuntimeError.system(call: "open \(tmp)", errno: errno) }
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { buf -> Int in
                guard let base = buf.baseAddress else { return 0 }
                return write(fd, base + off, bytes.count - off)
            }
            if n < 0 { if errno == EINTR { continue }; let e = errno; close(fd); throw RuntimeError.system(call: "write \(tmp)", errno: e) }
            off += n
        }
        close(fd)
        // An existing file is replaced by swapping the two names and dropping the old one:
        // a rename over an existing file makes ext4 (auto_da_alloc) write the new data out
        // at once, block allocation and I/O on every state update of a non-tmpfs root.
        // Readers see the old or the new file whole either way. ENOENT: nothing to replace.
        if skiff_rename_exchange(tmp, path) == 0 { unlink(tmp); return }
        if rename(tmp, path) < 0 { throw RuntimeError.system(call: "rename \(path)", errno: errno) }
    }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func mkdirAll(_ path: String, mode: mode_t = 0o755) throws {
        var cur = ""
        for comp in path.split(separator: "/") {
            cur += "/" + comp
            if mkdir(cur, mode) < 0 && errno != EEXIST { throw RuntimeError.system(call: "mkdir \(cur)", errno: errno) }
        }
    }

    /// rm -rf without following symlinks out of the tree.
    static func removeTree(_ path: String) {
        var st = stat()
        if lstat(path, &st) < 0 { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            if let dir = opendir(path) {
                var names: [String] = []
                while let ent = readdir(dir) {
                    let name = entryName(ent)
                    if name != "." && name != ".." { names.append(name) }
                }
                closedir(dir)
                for n in names { removeTree(path + "/" + n) }
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    static func listDir(_ path: String) -> [String] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let ent = readdir(dir) {
            let name = entryName(ent)
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The NUL-terminated name of a directory entry.
    static func entryName(_ ent: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: ent.pointee.d_name) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
