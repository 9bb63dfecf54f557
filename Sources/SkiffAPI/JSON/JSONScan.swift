import Foundation

/// Reads single values out of JSON text without building a tree: the value at a path of
/// object keys is found by skipping every other member. For hot paths that need a field or
/// two of a large document: a list page's continue token, a watch event's type and the name
/// of the object it carries. Text that is not well-formed JSON along the way gives nil;
/// nothing here is a validator (a full parse still checks what is decoded).
public enum JSONScan {
    /// The byte range of the value at `path` (object keys, outermost first) in `bytes`.
    public static func range(of path: [String], in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var s = Scanner(bytes: bytes)
        for key in path {
            guard s.enterObject() else { return nil }
            var found = false
            while let k = s.nextKey() {
                if s.keyEquals(k, key) { found = true; break }
                guard s.skipValue() else { return nil }
            }
            guard found else { return nil }
        }
        s.skipWhitespace()
        let start = s.pos
        guard s.skipValue() else { return nil }
        return start..<s.pos
    }

    /// The value at `path` when it is a JSON string (escapes decoded); nil when it is absent,
    /// null or not a string.
    public static func string(at path: [String], in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let r = range(of: path, in: bytes), r.count >= 2, bytes[r.lowerBound] == UInt8(ascii: "\"") else { return nil }
        let inner = UnsafeBufferPointer(rebasing: bytes[(r.lowerBound + 1)..<(r.upperBound - 1)])
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        var p = JSONParser.Parser(bytes: UnsafeBufferPointer(rebasing: bytes[r]))
        return (try? p.parseValue(depth: 0))?.stringValue
    }

    public static func string(at path: [String], in data: Data) -> String? {
        data.withUnsafeBytes { string(at: path, in: $0.bindMemory(to: UInt8.self)) }
    }

    /// The bytes of the value at `path`, for a caller that decodes just that part.
    public static func value(at path: [String], in data: Data) -> Data? {
        data.withUnsafeBytes { raw -> Data? in
            let bytes = raw.bindMemory(to: UInt8.self)
            return range(of: path, in: bytes).map { Data(UnsafeBufferPointer(rebasing: bytes[$0])) }
        }
    }

    /// One member of an object: its key's raw bytes (between the quotes) and its value's.
    public struct Member: Sendable, Equatable {
        public var key: Range<Int>
        public var value: Range<Int>
    }

    /// The members of the object at `path`, in text order, and the index of the object's
    /// closing brace; nil when the path is absent, not an object, or the text is malformed.
    public static func members(at path: [String], in bytes: UnsafeBufferPointer<UInt8>) -> (members: [Member], close: Int)? {
        if path.isEmpty { return members(ofObjectAt: 0, in: bytes) }
        guard let r = range(of: path, in: bytes) else { return nil }
        return members(ofObjectAt: r.lowerBound, in: bytes)
    }

    /// The members of the object starting at `start` (after whitespace), as `members(at:in:)`.
    public static func members(ofObjectAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (members: [Member], close: Int)? {
        var s = Scanner(bytes: bytes)
        s.pos = start
        guard s.enterObject() else { return nil }
        var out: [Member] = []
        while let k = s.nextKey() {
            s.skipWhitespace()
            let start = s.pos
            guard s.skipValue() else { return nil }
            out.append(Member(key: k, value: start..<s.pos))
        }
        s.skipWhitespace()
        guard s.pos < bytes.count, bytes[s.pos] == UInt8(ascii: "}") else { return nil }
        return (out, s.pos)
    }

    /// The byte ranges of the elements of the array at `path`, in order; nil when the path is
    /// absent, not an array, or the text is malformed.
    public static func elements(at path: [String], in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        guard let r = range(of: path, in: bytes), bytes[r.lowerBound] == UInt8(ascii: "[") else { return nil }
        var s = Scanner(bytes: bytes)
        s.pos = r.lowerBound + 1
        var out: [Range<Int>] = []
        s.skipWhitespace()
        if s.pos < bytes.count, bytes[s.pos] == UInt8(ascii: "]") { return out }
        while true {
            s.skipWhitespace()
            let start = s.pos
            guard s.skipValue() else { return nil }
            out.append(start..<s.pos)
            s.skipWhitespace()
            guard s.pos < bytes.count else { return nil }
            if bytes[s.pos] == UInt8(ascii: ",") { s.pos += 1; continue }
            if bytes[s.pos] == UInt8(ascii: "]") { return out }
            return nil
        }
    }

    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var pos = 0
        /// Containers entered and not yet left: a skip bounds its depth.
        static let maxDepth = 1000

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func skipWhitespace() {
            while pos < bytes.count {
                switch bytes[pos] {
                case 0x20, 0x09, 0x0A, 0x0D: pos += 1
                default: return
                }
            }
        }

        /// Moves past the `{` of the object that starts here.
        mutating func enterObject() -> Bool {
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "{") else { return false }
            pos += 1
            return true
        }

        /// The raw range (without quotes) of the next member's key, leaving the position at
        /// its value; nil at the end of the object or on malformed text.
        mutating func nextKey() -> Range<Int>? {
            skipWhitespace()
            guard pos < bytes.count else { return nil }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; skipWhitespace() }
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { return nil }
            let start = pos + 1
            guard skipString() else { return nil }
            let key = start..<(pos - 1)
            skipWhitespace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { return nil }
            pos += 1
            return key
        }

        /// Whether a raw key equals `name`. A key written with escapes is decoded first.
        func keyEquals(_ key: Range<Int>, _ name: String) -> Bool {
            let raw = UnsafeBufferPointer(rebasing: bytes[key])
            if raw.contains(UInt8(ascii: "\\")) {
                var p = JSONParser.Parser(bytes: UnsafeBufferPointer(rebasing: bytes[(key.lowerBound - 1)..<(key.upperBound + 1)]))
                return (try? p.parseValue(depth: 0))?.stringValue == name
            }
            var name = name
            return name.withUTF8 { $0.elementsEqual(raw) }
        }

        /// Moves past a string whose opening quote is at the position.
        mutating func skipString() -> Bool {
            pos += 1
            while pos < bytes.count {
                switch bytes[pos] {
                case UInt8(ascii: "\""): pos += 1; return true
                case UInt8(ascii: "\\"): pos += 2
                default: pos += 1
                }
            }
            return false
        }

        /// Moves past the value that starts here (after whitespace).
        mutating func skipValue() -> Bool {
            skipWhitespace()
            guard pos < bytes.count else { return false }
            switch bytes[pos] {
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while pos < bytes.count {
                    switch bytes[pos] {
                    case UInt8(ascii: "\""):
                        guard skipString() else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                        if depth > Self.maxDepth { return false }
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 { pos += 1; return true }
                    default: break
                    }
                    pos += 1
                }
                return false
            default:
                // A number or a literal: up to the next delimiter.
                let start = pos
                while pos < bytes.count {
                    switch bytes[pos] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                        return pos > start
                    default: pos += 1
                    }
                }
                return pos > start
            }
        }
    }
}
