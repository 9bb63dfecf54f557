/// Strict, bounds-checked parsing of DNS messages from the network. Every read checks its
/// bounds and throws `DNSWireError`; compression pointers must point strictly backwards (no
/// loops); names stay within 255 bytes; RDATA must be consumed exactly. Nothing here traps.
public enum DNSDecoder {
    /// Parses a whole message.
    public static func decode(_ bytes: [UInt8]) throws -> DNSMessage {
        var r = Reader(bytes: bytes)
        let id = try r.u16()
        let header = DNSHeader(id: id, flags: try r.u16())
        let qd = Int(try r.u16()), an = Int(try r.u16()), ns = Int(try r.u16()), ar = Int(try r.u16())
        var msg = DNSMessage(header: header)
        msg.questions.reserveCapacity(min(qd, 16))
        for _ in 0..<qd {
            let name = try r.name()
            msg.questions.append(DNSQuestion(name: name, type: try r.u16(), klass: try r.u16()))
        }
        for _ in 0..<an { msg.answers.append(try r.record()) }
        for _ in 0..<ns { msg.authorities.append(try r.record()) }
        for _ in 0..<ar { msg.additionals.append(try r.record()) }
        if r.pos != bytes.count { throw DNSWireError(reason: "\(bytes.count - r.pos) trailing bytes", offset: r.pos) }
        return msg
    }

    /// Just the header's id, when at least two bytes arrived (to answer FORMERR to junk).
    public static func peekID(_ bytes: [UInt8]) -> UInt16? {
        bytes.count >= 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : nil
    }

    struct Reader {
        let bytes: [UInt8]
        var pos = 0

        func fail(_ why: String, at: Int? = nil) -> DNSWireError { DNSWireError(reason: why, offset: at ?? pos) }

        mutating func u8() throws -> UInt8 {
            guard pos < bytes.count else { throw fail("message ends early") }
            defer { pos += 1 }
            return bytes[pos]
        }

        mutating func u16() throws -> UInt16 {
            guard pos + 2 <= bytes.count else { throw fail("message ends early") }
            defer { pos += 2 }
            return UInt16(bytes[pos]) << 8 | UInt16(bytes[pos + 1])
        }

        mutating func u32() throws -> UInt32 {
            guard pos + 4 <= bytes.count else { throw fail("message ends early") }
            defer { pos += 4 }
            return UInt32(bytes[pos]) << 24 | UInt32(bytes[pos + 1]) << 16 | UInt32(bytes[pos + 2]) << 8 | UInt32(bytes[pos + 3])
        }

        mutating func take(_ n: Int) throws -> [UInt8] {
            guard n >= 0, pos + n <= bytes.count else { throw fail("field of \(n) bytes runs past the end") }
            defer { pos += n }
            return Array(bytes[pos..<pos + n])
        }

        /// A name at the current position, following compression pointers. Each pointer must
        /// aim before the label that holds it, so the walk always ends.
        mutating func name() throws -> DNSName {
            var labels: [[UInt8]] = []
            var length = 1
            var cursor = pos
            var jumped = false
            var floor = pos  // a pointer must aim strictly below this
            while true {
                guard cursor < bytes.count else { throw fail("name runs past the end", at: cursor) }
                let len = bytes[cursor]
                switch len & 0xc0 {
                case 0x00:
                    if len == 0 {
                        if !jumped { pos = cursor + 1 }
                        return DNSName(labels: labels)
                    }
                    let n = Int(len)
                    guard cursor + 1 + n <= bytes.count else { throw fail("label runs past the end", at: cursor) }
                    length += n + 1
                    guard length <= 255 else { throw fail("name longer than 255 bytes", at: cursor) }
                    labels.append(Array(bytes[(cursor + 1)...(cursor + n)]))
                    cursor += 1 + n
                case 0xc0:
                    guard cursor + 1 < bytes.count else { throw fail("compression pointer cut off", at: cursor) }
                    let target = Int(len & 0x3f) << 8 | Int(bytes[cursor + 1])
                    guard target < floor else { throw fail("compression pointer does not point backwards", at: cursor) }
                    if !jumped { pos = cursor + 2; jumped = true }
                    floor = target
                    cursor = target
                default:
                    throw fail("unsupported label type 0x\(String(len & 0xc0, radix: 16))", at: cursor)
                }
            }
        }

        mutating func record() throws -> DNSRecord {
            let owner = try name()
            let type = try u16(), klass = try u16(), ttl = try u32()
            let rdlen = Int(try u16())
            let start = pos
            guard start + rdlen <= bytes.count else { throw fail("RDATA of \(rdlen) bytes runs past the end") }
            let end = start + rdlen
            let data: DNSRData
            switch type {
            case DNSType.a:
                guard rdlen == 4 else { throw fail("A record with \(rdlen) bytes of data") }
                data = .a(try take(4))
            case DNSType.aaaa:
                guard rdlen == 16 else { throw fail("AAAA record with \(rdlen) bytes of data") }
                data = .aaaa(try take(16))
            case DNSType.cname: data = .cname(try name())
            case DNSType.ptr: data = .ptr(try name())
            case DNSType.ns: data = .ns(try name())
            case DNSType.srv:
                let p = try u16(), w = try u16(), port = try u16()
                data = .srv(priority: p, weight: w, port: port, target: try name())
            case DNSType.soa:
                let m = try name(), rn = try name()
                data = .soa(mname: m, rname: rn, serial: try u32(), refresh: try u32(), retry: try u32(),
                            expire: try u32(), minimum: try u32())
            case DNSType.txt:
                var strings: [[UInt8]] = []
                while pos < end {
                    let n = Int(try u8())
                    guard pos + n <= end else { throw fail("TXT string runs past its record") }
                    strings.append(try take(n))
                }
                data = .txt(strings)
            default:
                data = .raw(try take(rdlen))
            }
            guard pos == end else { throw fail("RDATA length \(rdlen) does not match its contents", at: start) }
            return DNSRecord(name: owner, type: type, klass: klass, ttl: ttl, data: data)
        }
    }
}
