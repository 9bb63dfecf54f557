import Foundation

/// Serving stored objects without re-parsing them: the store keeps each object's JSON without
/// `metadata.resourceVersion`; a read splices `"resourceVersion":"N"` into the top-level
/// `metadata` object. A small scanner finds that key by walking the top-level members (string
/// and nesting aware), so lists and gets cost one copy instead of a parse and an encode.
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
        var i = 0
        func skipSpace() { while i < b.count, isSpace(b[i]) { i += 1 } }
        /// Skips a string starting at b[i] == '"'; returns its raw bytes' range (without quotes).
        func skipString() -> Range<Int>? {
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            while i < b.count {
                if b[i] == UInt8(ascii: "\\") { i += 2; continue }
                if b[i] == UInt8(ascii: "\"") { let r = start..<i; i += 1; return r }
                i += 1
            }
            return nil
        }
        /// Skips any value.
        func skipValue() -> Bool {
            skipSpace()
            guard i < b.count else { return false }
            switch b[i] {
            case UInt8(ascii: "\""): return skipString() != nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while i < b.count {
                    let c = b[i]
                    if c == UInt8(ascii: "\"") { if skipString() == nil { return false }; continue }
                    if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") { depth += 1 }
                    if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { i += 1; return true }
                    }
                    i += 1
                }
                return false
            default:
                while i < b.count, b[i] != UInt8(ascii: ","), b[i] != UInt8(ascii: "}"), b[i] != UInt8(ascii: "]"), !isSpace(b[i]) { i += 1 }
                return true
            }
        }
        skipSpace()
        guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        let key = Array("metadata".utf8)
        while true {
            skipSpace()
            guard i < b.count else { return nil }
            if b[i] == UInt8(ascii: "}") { return nil }
            guard let k = skipString() else { return nil }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            if k.count == key.count && b[k].elementsEqual(key) {
                guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
                return i + 1
            }
            guard skipValue() else { return nil }
            skipSpace()
            if i < b.count && b[i] == UInt8(ascii: ",") { i += 1 }
        }
    }
}
