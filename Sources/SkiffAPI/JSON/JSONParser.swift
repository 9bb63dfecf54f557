import Foundation

/// A request body that is not valid JSON or YAML. The message says where and what was expected.
public struct SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A byte-level JSON parser into `JSONValue`. Hand-written because request bodies are on the
/// hot path of every create, and because integers must stay exact. Nesting is bounded so a
/// hostile body cannot exhaust the stack.
enum JSONParser {
    static let maxDepth = 1000

    static func parse(_ data: Data) throws -> JSONValue {
        try data.withUnsafeBytes { raw -> JSONValue in
            var p = Parser(bytes: raw.bindMemory(to: UInt8.self))
            p.skipWhitespace()
            let v = try p.parseValue(depth: 0)
            p.skipWhitespace()
            if p.pos != p.bytes.count {
                throw p.error("unexpected data after the top-level value")
            }
            return v
        }
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var pos = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func error(_ what: String) -> SyntaxError {
            var line = 1, col = 1
            var i = 0
            while i < pos && i < bytes.count {
                if bytes[i] == UInt8(ascii: "\n") { line += 1; col = 1 } else { col += 1 }
                i += 1
            }
            return SyntaxError("invalid JSON at line \(line), column \(col): \(what)")
        }

        @inline(__always) mutating func skipWhitespace() {
            while pos < bytes.count {
                switch bytes[pos] {
                case 0x20, 0x0A, 0x0D, 0x09: pos += 1
                default: return
                }
            }
        }

        mutating func parseValue(depth: Int) throws -> JSONValue {
            guard pos < bytes.count else { throw error("unexpected end of input, expected a value") }
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                guard depth < JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth)") }
                return try parseObject(depth: depth + 1)
            case UInt8(ascii: "["):
                guard depth < JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth)") }
                return try parseArray(depth: depth + 1)
            case UInt8(ascii: "\""):
                return .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true"); return .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false"); return .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null"); return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return try parseNumber()
            default:
                throw error("unexpected character '\(printable(bytes[pos]))', expected a value")
            }
        }

        func printable(_ b: UInt8) -> String {
            (0x20..<0x7F).contains(b) ? String(UnicodeScalar(b)) : String(format: "\\x%02X", b)
        }

        mutating func expectLiteral(_ lit: StaticString) throws {
            let n = lit.utf8CodeUnitCount
            guard pos + n <= bytes.count else { throw error("unexpected end of input in literal") }
            let p = lit.utf8Start
            for i in 0..<n where bytes[pos + i] != p[i] {
                throw error("invalid literal, expected '\(lit)'")
            }
            pos += n
        }

        mutating func parseObject(depth: Int) throws -> JSONValue {
            pos += 1
            skipWhitespace()
            if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object([:]) }
            // Members are collected first so the dictionary is allocated once at its size.
            var members: [(String, JSONValue)] = []
            while true {
                skipWhitespace()
                guard pos < bytes.count else { throw error("unexpected end of input in object") }
                guard bytes[pos] == UInt8(ascii: "\"") else { throw error("expected a string key in object") }
                let key = try parseString()
                skipWhitespace()
                guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':' after object key") }
                pos += 1
                skipWhitespace()
                members.append((key, try parseValue(depth: depth)))
                skipWhitespace()
                guard pos < bytes.count else { throw error("unexpected end of input in object") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "}") { pos += 1; break }
                throw error("expected ',' or '}' in object")
            }
            var dict = [String: JSONValue](minimumCapacity: members.count)
            // Duplicate keys: the last one wins, as in Go's encoding/json.
            for (k, v) in members { dict[k] = v }
            return .object(dict)
        }

        mutating func parseArray(depth: Int) throws -> JSONValue {
            pos += 1
            var arr: [JSONValue] = []
            skipWhitespace()
            if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(arr) }
            while true {
                skipWhitespace()
                arr.append(try parseValue(depth: depth))
                skipWhitespace()
                guard pos < bytes.count else { throw error("unexpected end of input in array") }
                if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(arr) }
                throw error("expected ',' or ']' in array")
            }
        }

        mutating func parseString() throws -> String {
            pos += 1
            let start = pos
            // Fast path: no escapes.
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    let s = try makeString(start, pos)
                    pos += 1
                    return s
                }
                if b == UInt8(ascii: "\\") { break }
                if b < 0x20 { throw error("control character in string") }
                pos += 1
            }
            var out = [UInt8](UnsafeBufferPointer(rebasing: bytes[start..<pos]))
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    pos += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { throw error("control character in string") }
                if b != UInt8(ascii: "\\") { out.append(b); pos += 1; continue }
                pos += 1
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        if pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                            pos += 2
                            let low = try hex4()
                            if (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                appendScalar(0xFFFD, to: &out)
                                scalar = low
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        scalar = 0xFFFD
                    }
                    appendScalar(scalar, to: &out)
                default:
                    pos -= 1
                    throw error("invalid escape '\\\(printable(e))' in string")
                }
            }
            throw error("unexpected end of input in string")
        }

        func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
            let s = Unicode.Scalar(v) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(s).utf8))
        }

        mutating func hex4() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw error("unexpected end of input in \\u escape") }
            var v: UInt32 = 0
            for _ in 0..<4 {
                let b = bytes[pos]
                let d: UInt32
                switch b {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
                default: throw error("invalid hex digit in \\u escape")
                }
                v = v << 4 | d
                pos += 1
            }
            return v
        }

        /// Invalid UTF-8 becomes U+FFFD, as Go's encoding/json does, rather than failing.
        func makeString(_ start: Int, _ end: Int) throws -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        mutating func parseNumber() throws -> JSONValue {
            let start = pos
            var isInteger = true
            if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number") }
            if bytes[pos] == UInt8(ascii: "0") {
                pos += 1
                if pos < bytes.count, isDigit(bytes[pos]) { throw error("invalid number: leading zero") }
            } else {
                while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
                isInteger = false
                pos += 1
                guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number: expected digit after '.'") }
                while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
            }
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
                isInteger = false
                pos += 1
                if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
                guard pos < bytes.count, isDigit(bytes[pos]) else { throw error("invalid number: expected exponent digits") }
                while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
            }
            if isInteger {
                var neg = false
                var i = start
                if bytes[i] == UInt8(ascii: "-") { neg = true; i += 1 }
                var v: Int64 = 0
                var overflow = false
                while i < pos {
                    let d = Int64(bytes[i] - UInt8(ascii: "0"))
                    let (m, o1) = v.multipliedReportingOverflow(by: 10)
                    let (a, o2) = neg ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                    if o1 || o2 { overflow = true; break }
                    v = a
                    i += 1
                }
                if !overflow { return .int(v) }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
            guard let d = Double(text) else { throw error("invalid number") }
            return .double(d)
        }

        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    }
}
