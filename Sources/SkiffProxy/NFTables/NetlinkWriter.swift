import CNetfilter

/// Appends netlink messages and attributes to one growing byte buffer: the nf_tables batch the
/// proxy sends in a single sendmsg. Attribute headers are host-endian (netlink's rule); the
/// integer payloads nf_tables reads are big-endian (its rule).
struct NetlinkWriter {
    private(set) var bytes: [UInt8] = []
    private var messageStart = 0
    private(set) var sequence: UInt32

    init(firstSequence: UInt32, capacity: Int = 4096) {
        sequence = firstSequence
        bytes.reserveCapacity(capacity)
    }

    // MARK: messages

    /// Starts a message: nlmsghdr then nfgenmsg. `end()` fills in its length.
    mutating func begin(type: UInt16, flags: UInt16, family: UInt8, resourceID: UInt16 = 0) -> UInt32 {
        align()
        messageStart = bytes.count
        sequence &+= 1
        appendHost32(0)  // nlmsg_len, patched in end()
        appendHost16(type)
        appendHost16(flags | UInt16(NLM_F_REQUEST))
        appendHost32(sequence)
        appendHost32(0)  // nlmsg_pid: the kernel
        bytes.append(family)
        bytes.append(UInt8(NFNETLINK_V0))
        bytes.append(UInt8(resourceID >> 8)); bytes.append(UInt8(resourceID & 0xff))  // big-endian
        return sequence
    }

    mutating func end() {
        align()
        patchHost32(at: messageStart, UInt32(bytes.count - messageStart))
    }

    // MARK: attributes

    mutating func attr(_ type: UInt16, _ payload: [UInt8]) {
        attrHeader(type, payload.count)
        bytes.append(contentsOf: payload)
        align()
    }

    mutating func attr(_ type: UInt16, string: String) {
        let utf8 = string.utf8
        attrHeader(type, utf8.count + 1)
        bytes.append(contentsOf: utf8)
        bytes.append(0)
        align()
    }

    mutating func attr(_ type: UInt16, be32 v: UInt32) {
        attrHeader(type, 4)
        bytes.append(UInt8(v >> 24)); bytes.append(UInt8((v >> 16) & 0xff))
        bytes.append(UInt8((v >> 8) & 0xff)); bytes.append(UInt8(v & 0xff))
    }

    mutating func attr(_ type: UInt16, be64 v: UInt64) {
        attrHeader(type, 8)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((v >> UInt64(shift)) & 0xff)) }
    }

    mutating func attr(_ type: UInt16, u8 v: UInt8) {
        attrHeader(type, 1)
        bytes.append(v)
        align()
    }

    /// A nested attribute; its length is patched after `body` wrote the children. Nested
    /// lengths are 16 bits: callers keep each nest under 64 KiB.
    mutating func nest(_ type: UInt16, _ body: (inout NetlinkWriter) -> Void) {
        let start = bytes.count
        attrHeader(type | UInt16(SKIFF_NLA_F_NESTED), 0)
        body(&self)
        let len = bytes.count - start
        precondition(len <= 0xffff, "netlink attribute nest over 64 KiB")
        bytes[start] = UInt8(len & 0xff)
        bytes[start + 1] = UInt8(len >> 8)
    }

    // MARK: raw

    private mutating func attrHeader(_ type: UInt16, _ payloadLen: Int) {
        appendHost16(UInt16(4 + payloadLen))
        appendHost16(type)
    }

    private mutating func align() {
        while bytes.count & 3 != 0 { bytes.append(0) }
    }

    private mutating func appendHost16(_ v: UInt16) {
        bytes.append(UInt8(v & 0xff)); bytes.append(UInt8(v >> 8))
    }

    private mutating func appendHost32(_ v: UInt32) {
        bytes.append(UInt8(v & 0xff)); bytes.append(UInt8((v >> 8) & 0xff))
        bytes.append(UInt8((v >> 16) & 0xff)); bytes.append(UInt8(v >> 24))
    }

    private mutating func patchHost32(at i: Int, _ v: UInt32) {
        bytes[i] = UInt8(v & 0xff); bytes[i + 1] = UInt8((v >> 8) & 0xff)
        bytes[i + 2] = UInt8((v >> 16) & 0xff); bytes[i + 3] = UInt8(v >> 24)
    }
}

/// C enum cases as netlink numbers.
@inline(__always) func u16<T: RawRepresentable>(_ v: T) -> UInt16 where T.RawValue: BinaryInteger { UInt16(truncatingIfNeeded: v.rawValue) }
@inline(__always) func u32<T: RawRepresentable>(_ v: T) -> UInt32 where T.RawValue: BinaryInteger { UInt32(truncatingIfNeeded: v.rawValue) }
