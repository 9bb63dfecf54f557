/// Writes DNS messages, compressing owner names and the names inside CNAME, PTR, NS and SOA data
/// (RFC 1035 4.1.4). SRV targets stay uncompressed, as RFC 2782 asks. With a size limit, records
/// that do not fit are left out and the TC bit is set (RFC 2181 9), keeping an OPT record.
public enum DNSEncoder {
    public struct Failure: Error, CustomStringConvertible {
        public let reason: String
        public var description: String { "cannot encode DNS message: \(reason)" }
    }

    /// Encodes `message`; with `limit`, truncates to at most that many bytes.
    public static func encode(_ message: DNSMessage, limit: Int = 65535) throws -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(min(limit, 512))
        var header = message.header
        w.u16(header.id)
        w.u16(0)  // flags, patched below
        w.u16(UInt16(message.questions.count))
        w.u16(0); w.u16(0); w.u16(0)
        for q in message.questions {
            try w.name(q.name, compress: true)
            w.u16(q.type)
            w.u16(q.klass)
        }
        guard w.bytes.count <= limit else { throw Failure(reason: "the question alone exceeds \(limit) bytes") }
        let hasOpt = message.additionals.contains { $0.type == DNSType.opt }
        let opt = hasOpt ? message.additionals.filter { $0.type == DNSType.opt } : []
        let plainAdditionals = hasOpt ? message.additionals.filter { $0.type != DNSType.opt } : message.additionals
        let optSize = opt.reduce(0) { $0 + 11 + Self.rawLength($1.data) }
        let budget = limit - optSize
        var counts = [0, 0, 0]
        var truncated = false
        sections: for (i, section) in [message.answers, message.authorities, plainAdditionals].enumerated() {
            for rr in section {
                let mark = w.mark()
                try w.record(rr)
                if w.bytes.count > budget {
                    w.rollback(mark)
                    // Dropping an additional record is not a truncation (RFC 2181 9).
                    if i < 2 { truncated = true }
                    break sections
                }
                counts[i] += 1
            }
        }
        for rr in opt {
            try w.record(rr)
            counts[2] += 1
        }
        if truncated { header.truncated = true }
        w.put16(header.flags, at: 2)
        w.put16(UInt16(counts[0]), at: 6)
        w.put16(UInt16(counts[1]), at: 8)
        w.put16(UInt16(counts[2]), at: 10)
        return w.bytes
    }

    static func rawLength(_ d: DNSRData) -> Int {
        if case .raw(let b) = d { return b.count }
        return 0
    }

    struct Writer {
        var bytes: [UInt8] = []
        /// Offsets of the label sequences written so far that a pointer may aim at (below
        /// 0x3fff). A message holds few names, so finding a match by scanning them and comparing
        /// labels in place is cheaper than keeping keys. Matching is exact, so every name reads
        /// back with the case it was written in (RFC 4343 asks servers to preserve case).
        var targets: [Int] = []

        struct Mark { let count: Int; let targets: Int }
        func mark() -> Mark { Mark(count: bytes.count, targets: targets.count) }
        mutating func rollback(_ m: Mark) {
            bytes.removeSubrange(m.count...)
            targets.removeSubrange(m.targets...)
        }

        /// True when the name written at `offset` (following pointers) is `labels`.
        func matches(_ offset: Int, _ labels: ArraySlice<[UInt8]>) -> Bool {
            var p = offset, i = labels.startIndex, hops = 0
            while p < bytes.count {
                let len = Int(bytes[p])
                if len & 0xc0 == 0xc0 {
                    guard p + 1 < bytes.count, hops < 128 else { return false }
                    p = (len & 0x3f) << 8 | Int(bytes[p + 1])
                    hops += 1
                    continue
                }
                if len == 0 { return i == labels.endIndex }
                guard i < labels.endIndex, labels[i].count == len, p + 1 + len <= bytes.count else { return false }
                let l = labels[i]
                for k in 0..<len where bytes[p + 1 + k] != l[l.startIndex + k] { return false }
                p += 1 + len
                i += 1
            }
            return false
        }

        mutating func u16(_ v: UInt16) { bytes.append(UInt8(v >> 8)); bytes.append(UInt8(v & 0xff)) }
        mutating func u32(_ v: UInt32) { u16(UInt16(v >> 16)); u16(UInt16(v & 0xffff)) }
        mutating func put16(_ v: UInt16, at i: Int) { bytes[i] = UInt8(v >> 8); bytes[i + 1] = UInt8(v & 0xff) }

        mutating func name(_ n: DNSName, compress: Bool) throws {
            guard n.wireLength <= 255 else { throw Failure(reason: "name \(n) is longer than 255 bytes") }
            for (i, label) in n.labels.enumerated() {
                guard !label.isEmpty, label.count <= 63 else {
                    throw Failure(reason: "label of \(label.count) bytes in \(n) (1 to 63 allowed)")
                }
                if compress {
                    let rest = n.labels[i...]
                    if let off = targets.first(where: { matches($0, rest) }) {
                        u16(0xc000 | UInt16(off))
                        return
                    }
                    if bytes.count < 0x3fff { targets.append(bytes.count) }
                }
                bytes.append(UInt8(label.count))
                bytes.append(contentsOf: label)
            }
            bytes.append(0)
        }

        mutating func record(_ rr: DNSRecord) throws {
            try name(rr.name, compress: true)
            u16(rr.type)
            u16(rr.klass)
            u32(rr.ttl)
            let lenAt = bytes.count
            u16(0)
            switch rr.data {
            case .a(let b), .aaaa(let b), .raw(let b): bytes.append(contentsOf: b)
            case .cname(let n), .ptr(let n), .ns(let n): try name(n, compress: true)
            case .srv(let p, let wt, let port, let target):
                u16(p); u16(wt); u16(port)
                try name(target, compress: false)
            case .soa(let m, let r, let serial, let refresh, let retry, let expire, let minimum):
                try name(m, compress: true)
                try name(r, compress: true)
                u32(serial); u32(refresh); u32(retry); u32(expire); u32(minimum)
            case .txt(let strings):
                for s in strings {
                    guard s.count <= 255 else { throw Failure(reason: "TXT string of \(s.count) bytes") }
                    bytes.append(UInt8(s.count))
                    bytes.append(contentsOf: s)
                }
            }
            let len = bytes.count - lenAt - 2
            guard len <= 0xffff else { throw Failure(reason: "RDATA of \(len) bytes") }
            put16(UInt16(len), at: lenAt)
        }
    }
}
