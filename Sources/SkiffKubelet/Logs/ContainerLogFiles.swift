import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A container's log: the current file (`<n>.log`) and the files the monitor rotated away
/// (`<n>.log.<UTC time>`), oldest first.
public enum ContainerLogFiles {
    /// Rotated names sort by their time suffix, which has a fixed width. Pure.
    public static func order(current: String, siblings: [String]) -> [String] {
        let base = (current as NSString).lastPathComponent + "."
        return siblings.filter { $0.hasPrefix(base) && $0.count > base.count && !$0.hasSuffix(".tmp") }.sorted()
    }

    /// Full paths, oldest first, ending with the current file.
    public static func files(_ path: String) -> [String] {
        let dir = (path as NSString).deletingLastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return order(current: path, siblings: names).map { dir + "/" + $0 } + [path]
    }

    /// Rotated files beyond `maxFiles - 1` (the current file counts as one), oldest first:
    /// what a prune removes. Pure.
    public static func excess(rotated: [String], maxFiles: Int) -> [String] {
        let keep = max(maxFiles - 1, 0)
        return rotated.count > keep ? Array(rotated.prefix(rotated.count - keep)) : []
    }

    /// Removes rotated files of every container log under `podLogDir` beyond `maxFiles`.
    public static func prune(logDirs: [String], maxFiles: Int) {
        for dir in logDirs {
            for sub in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
                let cdir = dir + "/" + sub
                let names = (try? FileManager.default.contentsOfDirectory(atPath: cdir)) ?? []
                for current in names where current.hasSuffix(".log") {
                    for old in excess(rotated: order(current: current, siblings: names), maxFiles: maxFiles) {
                        try? FileManager.default.removeItem(atPath: cdir + "/" + old)
                    }
                }
            }
        }
    }

    /// The whole log (rotated files and the current one) as text.
    public static func readAll(_ path: String) -> String {
        var out = Data()
        for f in files(path) { if let d = FileManager.default.contents(atPath: f) { out.append(d) } }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Follows a log file across rotations: reads what is appended, and when the path names a new
/// file (the monitor renamed the old one away), drains the old descriptor first and then opens
/// the new file from its start, so no line is lost or repeated.
public final class LogFollower: @unchecked Sendable {
    let path: String
    var fd: Int32 = -1
    var inode: UInt64 = 0
    var pending: [UInt8] = []

    /// Starts at the end of the current file (what exists was already rendered).
    public init(path: String, fromEnd: Bool) {
        self.path = path
        open(seekEnd: fromEnd)
    }

    deinit { if fd >= 0 { close(fd) } }

    func open(seekEnd: Bool) {
        if fd >= 0 { close(fd) }
        fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { inode = 0; return }
        var st = stat()
        fstat(fd, &st)
        inode = UInt64(st.st_ino)
        if seekEnd { lseek(fd, 0, SEEK_END) }
    }

    func drain() -> [UInt8] {
        guard fd >= 0 else { return [] }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buf.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }

    /// Complete new lines since the last call (a line still being written waits).
    public func poll() -> [Substring] {
        var bytes = drain()
        var st = stat()
        if stat(path, &st) == 0, UInt64(st.st_ino) != inode || fd < 0 {
            bytes += drain()
            open(seekEnd: false)
            bytes += drain()
        }
        pending += bytes
        guard let lastNL = pending.lastIndex(of: 10) else { return [] }
        let text = String(decoding: pending[...lastNL], as: UTF8.self)
        pending.removeSubrange(...lastNL)
        return text.split(separator: "\n", omittingEmptySubsequences: true)
    }
}
