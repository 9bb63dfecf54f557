import Glibc

/// Owns the C memory a `skiff_plan` points into (strings and arrays), so the whole plan is
/// laid out before cloning and freed once the child has exec'd or the create returned.
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    func str(_ s: String) -> UnsafePointer<CChar> {
        let bytes = s.utf8CString
        let p = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { buf in
            for i in 0..<buf.count { p[i] = buf[i] }
        }
        blocks.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    func optStr(_ s: String?) -> UnsafePointer<CChar>? { s.map { str($0) } }

    /// NULL-terminated array of strings.
    func strArray(_ a: [String]) -> UnsafePointer<UnsafePointer<CChar>?> {
        let p = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: a.count + 1)
        for (i, s) in a.enumerated() { p[i] = str(s) }
        p[a.count] = nil
        blocks.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    func array<T>(_ a: [T]) -> UnsafePointer<T>? {
        if a.isEmpty { return nil }
        let p = UnsafeMutablePointer<T>.allocate(capacity: a.count)
        p.initialize(from: a, count: a.count)
        blocks.append(UnsafeMutableRawPointer(p))
        return UnsafePointer(p)
    }

    func bytes(_ a: [UInt8]) -> UnsafeRawPointer? {
        if a.isEmpty { return nil }
        let p = UnsafeMutableRawPointer.allocate(byteCount: a.count, alignment: 8)
        a.withUnsafeBytes { buf in
            if let base = buf.baseAddress { p.copyMemory(from: base, byteCount: a.count) }
        }
        blocks.append(p)
        return UnsafeRawPointer(p)
    }

    deinit { for b in blocks { b.deallocate() } }
}
