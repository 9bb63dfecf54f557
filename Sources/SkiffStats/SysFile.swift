import SkiffCgroups
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Thin reader of small kernel files (/proc, /sys, cgroupfs): one open/read/close with a buffer
/// that is reused between reads, so a housekeeping pass over hundreds of files allocates little.
/// Not thread-safe: each collector pass owns one.
public final class SysFileReader {
    private var buffer: [UInt8]

    public init(capacity: Int = 64 * 1024) {
        buffer = [UInt8](repeating: 0, count: capacity)
    }

    /// The file's text, or nil when it cannot be opened or read (a vanished process or cgroup
    /// is normal between listing and reading).
    public func read(_ path: String) -> String? {
        withBytes(path) { String(decoding: $0, as: UTF8.self) }
    }

    /// Hands the file's bytes to `body` without making a string; nil when it cannot be read.
    public func withBytes<R>(_ path: String, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
        defer { close(fd) }
        var total = 0
        while true {
            if total == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
            let n = buffer.withUnsafeMutableBytes { p in Glibc.read(fd, p.baseAddress! + total, p.count - total) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            total += n
        }
        return buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[0..<total])) }
    }

    /// A file holding one number (pid_max, cgroup counters).
    public func number(_ path: String) -> UInt64? {
        withBytes(path, CgroupBytes.number) ?? nil
    }

    /// A file holding one line of text, trimmed.
    public func line(_ path: String) -> String? {
        read(path).map { $0.trimmingCharacters(in: " \n\t") }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let chars = Set(set.unicodeScalars)
        var s = Substring(self).unicodeScalars
        while let f = s.first, chars.contains(f) { s.removeFirst() }
        while let l = s.last, chars.contains(l) { s.removeLast() }
        return String(s)
    }
}
