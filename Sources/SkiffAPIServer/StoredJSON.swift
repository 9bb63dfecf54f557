import Foundation
import SkiffAPI

/// Serving stored objects without re-parsing them: the store keeps each object's JSON without
/// `metadata.resourceVersion`; a read splices `"resourceVersion":"N"` into the top-level
/// `metadata` object. `JSONScan` finds that key by walking the top-level members (string and
/// nesting aware), so lists and gets cost one copy instead of a parse and an encode.
enum StoredJSON {
    /// The object bytes with `metadata.resourceVersion` set, or nil when the bytes are not an
    /// object with a `metadata` object (callers then fall back to parsing).
    static func withResourceVersion(_ data: Data, _ revision: Int64) -> Data? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Data? in
            let b = raw.bindMemory(to: UInt8.self)
            guard let insertAt = metadataBodyStart(b) else { return nil }
            var out = Data(capacity: b.count + 32)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[0..<insertAt]))
            out.append(contentsOf: Array("\"resourceVersion\":\"\(revision)\"".utf8))
            // A non-empty metadata object needs a separating comma.
            var j = insertAt
            while j < b.count, isSpace(b[j]) { j += 1 }
            if j < b.count && b[j] != UInt8(ascii: "}") { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[insertAt..<b.count]))
            return out
        }
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// Index just after the `{` of the top-level `"metadata"` member's object.
    static func metadataBodyStart(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let r = JSONScan.range(of: ["metadata"], in: b), b[r.lowerBound] == UInt8(ascii: "{") else { return nil }
        return r.lowerBound + 1
    }
}
