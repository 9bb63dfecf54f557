import CNetfilter
#if canImport(Glibc)
import Glibc
#endif

public struct NFTablesError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// A netlink socket to nf_tables. `commit` sends a batch (one atomic transaction) and waits for
/// the kernel's verdict on it: the batch is followed by a GETGEN request, so everything the
/// kernel says about the batch has arrived once that request is answered.
final class NetfilterSocket {
    private let fd: Int32
    private var sequence: UInt32

    /// `networkNamespace`: a path such as /run/netns/NAME; the socket then speaks to that
    /// namespace's nf_tables (a socket belongs to the namespace it was made in).
    init(networkNamespace: String? = nil) throws {
        let fd = try Self.openSocket(in: networkNamespace)
        self.fd = fd
        sequence = UInt32(truncatingIfNeeded: time(nil)) &* 1000
        var addr = sockaddr_nl()
        addr.nl_family = sa_family_t(AF_NETLINK)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_nl>.size)) }
        }
        guard rc == 0 else {
            throw NFTablesError("netlink bind: \(String(cString: strerror(errno)))")  // deinit closes fd
        }
        var one: Int32 = 1
        // Error replies carry only the failing message's header, not its whole payload.
        _ = setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, socklen_t(MemoryLayout<Int32>.size))
        var tv = timeval(tv_sec: 60, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var rcv: Int32 = 1 << 20
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcv, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(fd) }

    private static func openSocket(in netns: String?) throws -> Int32 {
        func make() throws -> Int32 {
            let fd = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_NETFILTER)
            guard fd >= 0 else { throw NFTablesError("netlink socket: \(String(cString: strerror(errno)))") }
            return fd
        }
        guard let netns else { return try make() }
        let home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        let target = open(netns, O_RDONLY | O_CLOEXEC)
        defer { if home >= 0 { close(home) }; if target >= 0 { close(target) } }
        // 0x40000000: CLONE_NEWNET
        guard home >= 0, target >= 0 else { throw NFTablesError("open \(netns): \(String(cString: strerror(errno)))") }
        guard skiff_setns(target, 0x4000_0000) == 0 else { throw NFTablesError("setns \(netns): \(String(cString: strerror(errno)))") }
        defer { _ = skiff_setns(home, 0x4000_0000) }
        return try make()
    }

    /// Applies `ops` to `table` atomically: all of them or, on any error, none.
    func commit(table: String, _ ops: [NFTOp], capacityHint: Int = 1 << 16) throws {
        var enc = NFTBatchEncoder(table: table, firstSequence: sequence, capacity: capacityHint)
        enc.encode(ops)
        sequence = enc.lastSequence
        try send(enc.writer.bytes)
        // The marker: the kernel answers it only after the batch has been processed.
        var marker = NetlinkWriter(firstSequence: sequence)
        let markerSeq = marker.begin(type: NFTBatchEncoder.messageType(u16(NFT_MSG_GETGEN)), flags: 0, family: UInt8(AF_UNSPEC))
        marker.end()
        sequence = markerSeq
        try send(marker.bytes)

        var firstError: String?
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw NFTablesError("netlink receive: \(String(cString: strerror(errno)))")
            }
            var off = 0
            while off + 16 <= n {
                let len = Int(Self.host32(buf, off))
                let type = Self.host16(buf, off + 4)
                let seq = Self.host32(buf, off + 8)
                guard len >= 16, off + len <= n else { break }
                if type == UInt16(NLMSG_ERROR), len >= 20 {
                    let code = Int32(bitPattern: Self.host32(buf, off + 16))
                    let failedSeq = len >= 36 ? Self.host32(buf, off + 28) : seq
                    if code != 0 && firstError == nil {
                        firstError = describe(code: -code, failedSequence: failedSeq, encoder: enc, ops: ops,
                                              extAck: Self.extAckMessage(buf, off, len))
                    }
                    if seq == markerSeq { return try finish(firstError) }
                } else if seq == markerSeq {
                    return try finish(firstError)
                }
                off += (len + 3) & ~3
            }
        }
    }

    private func finish(_ error: String?) throws {
        if let error { throw NFTablesError(error) }
    }

    private func describe(code: Int32, failedSequence: UInt32, encoder: NFTBatchEncoder, ops: [NFTOp], extAck: String?) -> String {
        let i = Int(failedSequence &- encoder.firstSequence) - 1
        var what = "nf_tables transaction"
        if i >= 0, i < encoder.opOfMessage.count {
            let op = Int(encoder.opOfMessage[i])
            if op >= 0, op < ops.count { what = ops[op].describe }
        }
        return "\(what): \(String(cString: strerror(code)))" + (extAck.map { " (\($0))" } ?? "")
    }

    private func send(_ bytes: [UInt8]) throws {
        var size = Int32(clamping: bytes.count + 4096)
        if size > 212_992 {
            _ = setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var kernel = sockaddr_nl()
        kernel.nl_family = sa_family_t(AF_NETLINK)
        let n = bytes.withUnsafeBytes { b in
            withUnsafePointer(to: &kernel) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, b.baseAddress, b.count, 0, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
                }
            }
        }
        guard n == bytes.count else {
            throw NFTablesError("netlink send of \(bytes.count) bytes: \(n < 0 ? String(cString: strerror(errno)) : "short write")")
        }
    }

    /// NLMSGERR_ATTR_MSG from an extended ack, when the kernel gave one.
    private static func extAckMessage(_ b: [UInt8], _ off: Int, _ len: Int) -> String? {
        // nlmsgerr: error (4) + the original header (16), payload capped; then TLVs.
        var p = off + 16 + 20
        let end = off + len
        while p + 4 <= end {
            let alen = Int(host16(b, p)), atype = host16(b, p + 2) & 0x3fff
            guard alen >= 4, p + alen <= end else { break }
            if atype == 1 {  // NLMSGERR_ATTR_MSG
                let s = b[(p + 4)..<(p + alen)].prefix { $0 != 0 }
                return String(decoding: s, as: UTF8.self)
            }
            p += (alen + 3) & ~3
        }
        return nil
    }

    private static func host16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func host32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

/// Glibc's setns, which the Swift overlay does not import without _GNU_SOURCE.
@_silgen_name("setns")
private func skiff_setns(_ fd: Int32, _ nstype: Int32) -> Int32
