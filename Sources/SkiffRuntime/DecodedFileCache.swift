import Synchronization

/// Values decoded from files, kept with the exact bytes they came from. A lookup needs the
/// file's current bytes (so it is still read every time) and hits only on identical bytes, so
/// a file another process rewrote is decoded afresh. At `limit` entries it starts over.
final class DecodedFileCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: (bytes: [UInt8], value: Value)]>([:])
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func value(path: String, bytes: [UInt8]) -> Value? {
        guard let hit = entries.withLock({ $0[path] }), hit.bytes == bytes else { return nil }
        return hit.value
    }

    func remember(path: String, bytes: [UInt8], _ value: Value) {
        entries.withLock { cache in
            if cache.count >= limit && cache[path] == nil { cache.removeAll() }
            cache[path] = (bytes, value)
        }
    }

    func forget(path: String) { _ = entries.withLock { $0.removeValue(forKey: path) } }
}
