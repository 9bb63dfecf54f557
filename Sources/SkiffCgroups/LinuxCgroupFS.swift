#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The real cgroupfs accessed with plain open/read/write/mkdir/rmdir: this sits on the
/// container start path, and direct syscalls avoid Foundation's allocations and extra stats.
public struct LinuxCgroupFS: CgroupFS {
    public init() {}

    public func read(_ path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw CgroupError.system(operation: "open", path: path, errno: errno, hint: nil) }
        defer { close(fd) }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CgroupError.system(operation: "read", path: path, errno: errno, hint: nil)
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return String(decoding: out, as: UTF8.self)
    }

    public func write(_ path: String, _ value: String) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        if fd < 0 { throw CgroupError.system(operation: "write", path: path, errno: errno, hint: nil) }
        defer { close(fd) }
        var bytes = Array(value.utf8)
        while true {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n >= 0 { return }
            let err = errno
            if err == EINTR { continue }
            throw CgroupError.system(operation: "write", path: path, errno: err, hint: nil)
        }
    }

    public func mkdir(_ path: String) throws {
        if Glibc.mkdir(path, 0o755) != 0 {
            let err = errno
            if err == EEXIST { return }
            throw CgroupError.system(operation: "mkdir", path: path, errno: err, hint: nil)
        }
    }

    public func rmdir(_ path: String) throws {
        if Glibc.rmdir(path) != 0 {
            throw CgroupError.system(operation: "rmdir", path: path, errno: errno, hint: nil)
        }
    }

    public func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    public func listDirectories(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else {
            throw CgroupError.system(operation: "opendir", path: path, errno: errno, hint: nil)
        }
        defer { closedir(dir) }
        var names: [String] = []
        while let ent = readdir(dir) {
            guard ent.pointee.d_type == UInt8(DT_DIR) else { continue }
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted()
    }
}
