#if canImport(Glibc)
import Glibc
#endif

/// du for one directory tree: allocated bytes (st_blocks × 512, as du counts) and inodes,
/// staying on the tree's own file system. Hard links are counted once.
public enum DiskUsage {
    public static func measure(_ path: String) -> FsUsage? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        var usage = FsUsage()
        var seen = Set<UInt64>()
        walk(path, dev: st.st_dev, st: st, usage: &usage, seen: &seen, depth: 0)
        var vfs = statvfs()
        if statvfs(path, &vfs) == 0 {
            usage.capacityBytes = UInt64(vfs.f_blocks) * UInt64(vfs.f_frsize)
            usage.availableBytes = UInt64(vfs.f_bavail) * UInt64(vfs.f_frsize)
            usage.inodes = UInt64(vfs.f_files)
            usage.inodesFree = UInt64(vfs.f_ffree)
        }
        return usage
    }

    /// Capacity and use of the whole file system holding `path` (nodefs, imagefs).
    public static func fileSystem(_ path: String) -> FsUsage? {
        var vfs = statvfs()
        guard statvfs(path, &vfs) == 0 else { return nil }
        var u = FsUsage()
        u.capacityBytes = UInt64(vfs.f_blocks) * UInt64(vfs.f_frsize)
        u.availableBytes = UInt64(vfs.f_bavail) * UInt64(vfs.f_frsize)
        u.usedBytes = (UInt64(vfs.f_blocks) - UInt64(vfs.f_bfree)) * UInt64(vfs.f_frsize)
        u.inodes = UInt64(vfs.f_files)
        u.inodesFree = UInt64(vfs.f_ffree)
        u.inodesUsed = u.inodes >= u.inodesFree ? u.inodes - u.inodesFree : 0
        return u
    }

    private static func walk(_ path: String, dev: dev_t, st: stat, usage: inout FsUsage, seen: inout Set<UInt64>, depth: Int) {
        if st.st_nlink > 1 && (st.st_mode & S_IFMT) != S_IFDIR {
            if !seen.insert(UInt64(st.st_ino)).inserted { return }
        }
        usage.usedBytes += UInt64(st.st_blocks) * 512
        usage.inodesUsed += 1
        guard (st.st_mode & S_IFMT) == S_IFDIR, depth < 64, let dir = opendir(path) else { return }
        defer { closedir(dir) }
        let fd = dirfd(dir)
        while let ent = readdir(dir) {
            let name = withUnsafePointer(to: ent.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            var cst = stat()
            guard fstatat(fd, name, &cst, AT_SYMLINK_NOFOLLOW) == 0, cst.st_dev == dev else { continue }
            walk(path + "/" + name, dev: dev, st: cst, usage: &usage, seen: &seen, depth: depth + 1)
        }
    }
}
