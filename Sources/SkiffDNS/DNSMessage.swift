/// The DNS message model (RFC 1035 section 4, RFC 2782 SRV, RFC 3596 AAAA, RFC 6891 OPT):
/// only what cluster DNS answers and forwards. Everything else travels as raw RDATA.

/// Record types Skiff's cluster DNS knows by name.
public enum DNSType {
    public static let a: UInt16 = 1
    public static let ns: UInt16 = 2
    public static let cname: UInt16 = 5
    public static let soa: UInt16 = 6
    public static let ptr: UInt16 = 12
    public static let mx: UInt16 = 15
    public static let txt: UInt16 = 16
    public static let aaaa: UInt16 = 28
    public static let srv: UInt16 = 33
    public static let opt: UInt16 = 41
    public static let any: UInt16 = 255
}

public enum DNSClass {
    public static let inet: UInt16 = 1
    public static let any: UInt16 = 255
}

/// Response codes (the low four bits in the header; EDNS extends them, which Skiff never needs).
public enum DNSRCode: UInt8, Sendable {
    case noError = 0, formErr = 1, servFail = 2, nxDomain = 3, notImp = 4, refused = 5
}

/// A domain name as its labels (raw bytes, case preserved). Comparisons go through `key`.
public struct DNSName: Hashable, Sendable, CustomStringConvertible {
    public var labels: [[UInt8]]

    public init(labels: [[UInt8]]) { self.labels = labels }

    /// Parses dotted text ("a.b.c" or "a.b.c."); empty text or "." is the root.
    public init(_ text: String) {
        labels = text.split(separator: ".", omittingEmptySubsequences: true).map { Array($0.utf8) }
    }

    public static let root = DNSName(labels: [])

    /// Lower-case dotted form without the final dot, used as a lookup key. Nil when a label holds
    /// a dot or a byte outside printable ASCII: such a name can match no cluster record.
    public var key: String? {
        var out: [UInt8] = []
        out.reserveCapacity(wireLength)
        for (i, l) in labels.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ".")) }
            for b in l {
                guard b > 0x20, b < 0x7f, b != UInt8(ascii: ".") else { return nil }
                out.append((b >= 0x41 && b <= 0x5a) ? b + 0x20 : b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Presentation form with a final dot; bytes outside printable ASCII as \DDD.
    public var description: String {
        if labels.isEmpty { return "." }
        var out = ""
        for l in labels {
            for b in l {
                if b > 0x20, b < 0x7f, b != UInt8(ascii: "."), b != UInt8(ascii: "\\") {
                    out.unicodeScalars.append(Unicode.Scalar(b))
                } else {
                    out += "\\" + String(repeating: "0", count: 3 - String(b).count) + String(b)
                }
            }
            out += "."
        }
        return out
    }

    /// Wire length in bytes (labels with their length octets, and the root octet).
    public var wireLength: Int { labels.reduce(1) { $0 + $1.count + 1 } }

    /// True when this name is `zone` or below it (case-insensitive).
    public func isSubdomain(of zone: DNSName) -> Bool {
        guard labels.count >= zone.labels.count else { return false }
        let tail = Array(labels.suffix(zone.labels.count))
        return DNSName(labels: tail).key == zone.key && zone.key != nil
    }
}

public struct DNSHeader: Hashable, Sendable {
    public var id: UInt16 = 0
    public var isResponse = false
    public var opcode: UInt8 = 0
    public var authoritative = false
    public var truncated = false
    public var recursionDesired = false
    public var recursionAvailable = false
    /// The Z bit and the DNSSEC AD/CD bits, kept as received.
    public var zBits: UInt8 = 0
    public var rcode: UInt8 = 0

    public init(id: UInt16 = 0) { self.id = id }

    var flags: UInt16 {
        var f: UInt16 = 0
        if isResponse { f |= 0x8000 }
        f |= UInt16(opcode & 0x0f) << 11
        if authoritative { f |= 0x0400 }
        if truncated { f |= 0x0200 }
        if recursionDesired { f |= 0x0100 }
        if recursionAvailable { f |= 0x0080 }
        f |= UInt16(zBits & 0x07) << 4
        f |= UInt16(rcode & 0x0f)
        return f
    }

    init(id: UInt16, flags f: UInt16) {
        self.id = id
        isResponse = f & 0x8000 != 0
        opcode = UInt8((f >> 11) & 0x0f)
        authoritative = f & 0x0400 != 0
        truncated = f & 0x0200 != 0
        recursionDesired = f & 0x0100 != 0
        recursionAvailable = f & 0x0080 != 0
        zBits = UInt8((f >> 4) & 0x07)
        rcode = UInt8(f & 0x0f)
    }
}

public struct DNSQuestion: Hashable, Sendable {
    public var name: DNSName
    public var type: UInt16
    public var klass: UInt16

    public init(name: DNSName, type: UInt16, klass: UInt16 = DNSClass.inet) {
        self.name = name
        self.type = type
        self.klass = klass
    }
}

/// Record data. Types Skiff serves are parsed; any other type (and OPT) keeps its raw bytes.
public enum DNSRData: Hashable, Sendable {
    case a([UInt8])
    case aaaa([UInt8])
    case cname(DNSName)
    case ptr(DNSName)
    case ns(DNSName)
    case srv(priority: UInt16, weight: UInt16, port: UInt16, target: DNSName)
    case soa(mname: DNSName, rname: DNSName, serial: UInt32, refresh: UInt32, retry: UInt32, expire: UInt32, minimum: UInt32)
    case txt([[UInt8]])
    case raw([UInt8])
}

public struct DNSRecord: Hashable, Sendable {
    public var name: DNSName
    public var type: UInt16
    public var klass: UInt16
    public var ttl: UInt32
    public var data: DNSRData

    public init(name: DNSName, type: UInt16, klass: UInt16 = DNSClass.inet, ttl: UInt32, data: DNSRData) {
        self.name = name
        self.type = type
        self.klass = klass
        self.ttl = ttl
        self.data = data
    }
}

public struct DNSMessage: Hashable, Sendable {
    public var header: DNSHeader
    public var questions: [DNSQuestion] = []
    public var answers: [DNSRecord] = []
    public var authorities: [DNSRecord] = []
    public var additionals: [DNSRecord] = []

    public init(header: DNSHeader, questions: [DNSQuestion] = [], answers: [DNSRecord] = [],
                authorities: [DNSRecord] = [], additionals: [DNSRecord] = []) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    /// The EDNS0 OPT pseudo-record, if the message carries one.
    public var opt: DNSRecord? { additionals.first { $0.type == DNSType.opt } }

    /// The largest UDP response the sender accepts: 512, or what its OPT record says (RFC 6891),
    /// capped at `cap`.
    public func udpPayloadLimit(cap: Int = 4096) -> Int {
        guard let o = opt else { return 512 }
        return min(max(512, Int(o.klass)), cap)
    }
}

public struct DNSWireError: Error, Hashable, Sendable, CustomStringConvertible {
    public let reason: String
    public let offset: Int
    public var description: String { "malformed DNS message at byte \(offset): \(reason)" }
}
