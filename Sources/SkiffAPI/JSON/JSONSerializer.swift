import Foundation

/// Writes `JSONValue` as compact JSON with sorted object keys (deterministic bytes for stored
/// objects and tests). Non-finite doubles, which JSON cannot carry, become null.
enum JSONSerializer {
    static func serialize(_ value: JSONValue) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out)
        return Data(out)
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: nullBytes)
        case .bool(let b): out.append(contentsOf: b ? trueBytes : falseBytes)
        case .int(let i): appendInt(i, into: &out)
        case .double(let d):
            if !d.isFinite { out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C]); return }
            if d.rounded() == d && abs(d) < 1e15 {
                appendInt(Int64(d), into: &out)
            } else {
                out.append(contentsOf: Array("\(d)".utf8))
            }
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            var first = true
            for e in a {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                write(e, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            var first = true
            for k in o.keys.sorted() {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                writeString(k, into: &out)
                out.append(UInt8(ascii: ":"))
                // Safe: k comes from o.keys.
                write(o[k] ?? .null, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static let nullBytes: [UInt8] = Array("null".utf8)
    static let trueBytes: [UInt8] = Array("true".utf8)
    static let falseBytes: [UInt8] = Array("false".utf8)
    static let emptyObjectBytes: [UInt8] = Array("{}".utf8)

    static func appendInt(_ i: Int64, into out: inout [UInt8]) {
        if i >= 0 && i < 10 { out.append(UInt8(ascii: "0") + UInt8(i)); return }
        if i == Int64.min { out.append(contentsOf: Array(String(i).utf8)); return }
        var v = i < 0 ? -i : i
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while v > 0 {
                buf[23 - n] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                n += 1
            }
            if i < 0 { out.append(UInt8(ascii: "-")) }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[(24 - n)...]))
        }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { buf in
            var runStart = 0
            for i in 0..<buf.count {
                let b = buf[i]
                let esc: UInt8?
                switch b {
                case 0x22: esc = 0x22
                case 0x5C: esc = 0x5C
                case 0x0A: esc = UInt8(ascii: "n")
                case 0x0D: esc = UInt8(ascii: "r")
                case 0x09: esc = UInt8(ascii: "t")
                case 0x08: esc = UInt8(ascii: "b")
                case 0x0C: esc = UInt8(ascii: "f")
                case 0..<0x20: esc = 0
                default: continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<i]))
                runStart = i + 1
                out.append(0x5C)
                if let e = esc, e != 0 {
                    out.append(e)
                } else {
                    out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[runStart..<buf.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
