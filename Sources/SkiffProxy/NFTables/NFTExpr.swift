import CNetfilter

/// One nf_tables expression, as the kernel runs it: loads into registers, compares, verdicts,
/// NAT. A rule is a list of these. Hashable, so two renderings compare equal exactly when the
/// kernel would get the same rule.
public enum NFTExpr: Hashable, Sendable {
    case payload(base: PayloadBase, offset: UInt32, length: UInt32, dreg: UInt32)
    case cmp(sreg: UInt32, equal: Bool, data: [UInt8])
    /// dreg = (sreg & mask) ^ xor
    case bitwise(sreg: UInt32, dreg: UInt32, mask: [UInt8], xor: [UInt8])
    case metaLoad(MetaKey, dreg: UInt32)
    case metaSet(MetaKey, sreg: UInt32)
    case immediate(dreg: UInt32, data: [UInt8])
    case verdict(Verdict)
    /// dreg = random % modulus
    case numgenRandom(modulus: UInt32, dreg: UInt32)
    case dnat(addressReg: UInt32, portReg: UInt32)
    case masquerade(randomFully: Bool)
    /// A set membership test (dreg nil), or a verdict-map lookup (dreg = the verdict register).
    case lookup(set: String, sreg: UInt32, dreg: UInt32?, invert: Bool)
    /// Adds the key to a timeout set or refreshes its timeout.
    case dynsetUpdate(set: String, sreg: UInt32, timeoutMilliseconds: UInt64)
    /// dreg = the route type (RTN_LOCAL, ...) of the packet's destination (or source).
    case fibAddressType(destination: Bool, dreg: UInt32)
    case ctState(dreg: UInt32)
    case ctStatus(dreg: UInt32)
    case rejectPortUnreachable

    public enum PayloadBase: Hashable, Sendable {
        case network, transport
        var kernelBase: UInt32 { self == .network ? u32(NFT_PAYLOAD_NETWORK_HEADER) : u32(NFT_PAYLOAD_TRANSPORT_HEADER) }
    }
    public enum MetaKey: Hashable, Sendable { case mark, l4proto }

    public enum Verdict: Hashable, Sendable {
        case accept, drop, `return`
        case jump(String)
        case goto(String)
    }

    // Register numbers.
    public static let verdictReg: UInt32 = u32(NFT_REG_VERDICT)
    public static let reg1: UInt32 = u32(NFT_REG_1)
    public static let reg2: UInt32 = u32(NFT_REG_2)
    /// The 32-bit registers a concatenated key is loaded into, one field each.
    public static func reg32(_ i: UInt32) -> UInt32 { u32(NFT_REG32_00) + i }

    var kernelName: String {
        switch self {
        case .payload: "payload"
        case .cmp: "cmp"
        case .bitwise: "bitwise"
        case .metaLoad, .metaSet: "meta"
        case .immediate, .verdict: "immediate"
        case .numgenRandom: "numgen"
        case .dnat: "nat"
        case .masquerade: "masq"
        case .lookup: "lookup"
        case .dynsetUpdate: "dynset"
        case .fibAddressType: "fib"
        case .ctState, .ctStatus: "ct"
        case .rejectPortUnreachable: "reject"
        }
    }

    /// Writes NFTA_LIST_ELEM { NFTA_EXPR_NAME, NFTA_EXPR_DATA { ... } }.
    func encode(into w: inout NetlinkWriter) {
        w.nest(u16(NFTA_LIST_ELEM)) { w in
            w.attr(u16(NFTA_EXPR_NAME), string: kernelName)
            w.nest(u16(NFTA_EXPR_DATA)) { w in encodeData(into: &w) }
        }
    }

    private func encodeData(into w: inout NetlinkWriter) {
        switch self {
        case let .payload(base, offset, length, dreg):
            w.attr(u16(NFTA_PAYLOAD_DREG), be32: dreg)
            w.attr(u16(NFTA_PAYLOAD_BASE), be32: base.kernelBase)
            w.attr(u16(NFTA_PAYLOAD_OFFSET), be32: offset)
            w.attr(u16(NFTA_PAYLOAD_LEN), be32: length)
        case let .cmp(sreg, equal, data):
            w.attr(u16(NFTA_CMP_SREG), be32: sreg)
            w.attr(u16(NFTA_CMP_OP), be32: equal ? u32(NFT_CMP_EQ) : u32(NFT_CMP_NEQ))
            w.nest(u16(NFTA_CMP_DATA)) { $0.attr(u16(NFTA_DATA_VALUE), data) }
        case let .bitwise(sreg, dreg, mask, xor):
            w.attr(u16(NFTA_BITWISE_SREG), be32: sreg)
            w.attr(u16(NFTA_BITWISE_DREG), be32: dreg)
            w.attr(u16(NFTA_BITWISE_LEN), be32: UInt32(mask.count))
            w.nest(u16(NFTA_BITWISE_MASK)) { $0.attr(u16(NFTA_DATA_VALUE), mask) }
            w.nest(u16(NFTA_BITWISE_XOR)) { $0.attr(u16(NFTA_DATA_VALUE), xor) }
        case let .metaLoad(key, dreg):
            w.attr(u16(NFTA_META_DREG), be32: dreg)
            w.attr(u16(NFTA_META_KEY), be32: key.kernelKey)
        case let .metaSet(key, sreg):
            w.attr(u16(NFTA_META_KEY), be32: key.kernelKey)
            w.attr(u16(NFTA_META_SREG), be32: sreg)
        case let .immediate(dreg, data):
            w.attr(u16(NFTA_IMMEDIATE_DREG), be32: dreg)
            w.nest(u16(NFTA_IMMEDIATE_DATA)) { $0.attr(u16(NFTA_DATA_VALUE), data) }
        case let .verdict(v):
            w.attr(u16(NFTA_IMMEDIATE_DREG), be32: Self.verdictReg)
            w.nest(u16(NFTA_IMMEDIATE_DATA)) { v.encode(into: &$0) }
        case let .numgenRandom(modulus, dreg):
            w.attr(u16(NFTA_NG_DREG), be32: dreg)
            w.attr(u16(NFTA_NG_MODULUS), be32: modulus)
            w.attr(u16(NFTA_NG_TYPE), be32: u32(NFT_NG_RANDOM))
        case let .dnat(addressReg, portReg):
            w.attr(u16(NFTA_NAT_TYPE), be32: u32(NFT_NAT_DNAT))
            w.attr(u16(NFTA_NAT_FAMILY), be32: UInt32(NFPROTO_IPV4))
            w.attr(u16(NFTA_NAT_REG_ADDR_MIN), be32: addressReg)
            w.attr(u16(NFTA_NAT_REG_PROTO_MIN), be32: portReg)
        case let .masquerade(randomFully):
            if randomFully { w.attr(u16(NFTA_MASQ_FLAGS), be32: UInt32(SKIFF_NF_NAT_RANGE_PROTO_RANDOM_FULLY)) }
        case let .lookup(set, sreg, dreg, invert):
            w.attr(u16(NFTA_LOOKUP_SET), string: set)
            w.attr(u16(NFTA_LOOKUP_SREG), be32: sreg)
            if let dreg { w.attr(u16(NFTA_LOOKUP_DREG), be32: dreg) }
            if invert { w.attr(u16(NFTA_LOOKUP_FLAGS), be32: u32(NFT_LOOKUP_F_INV)) }
        case let .dynsetUpdate(set, sreg, timeout):
            w.attr(u16(NFTA_DYNSET_SET_NAME), string: set)
            w.attr(u16(NFTA_DYNSET_OP), be32: u32(NFT_DYNSET_OP_UPDATE))
            w.attr(u16(NFTA_DYNSET_SREG_KEY), be32: sreg)
            w.attr(u16(NFTA_DYNSET_TIMEOUT), be64: timeout)
        case let .fibAddressType(destination, dreg):
            w.attr(u16(NFTA_FIB_DREG), be32: dreg)
            w.attr(u16(NFTA_FIB_RESULT), be32: u32(NFT_FIB_RESULT_ADDRTYPE))
            w.attr(u16(NFTA_FIB_FLAGS), be32: destination ? u32(NFTA_FIB_F_DADDR) : u32(NFTA_FIB_F_SADDR))
        case let .ctState(dreg):
            w.attr(u16(NFTA_CT_DREG), be32: dreg)
            w.attr(u16(NFTA_CT_KEY), be32: u32(NFT_CT_STATE))
        case let .ctStatus(dreg):
            w.attr(u16(NFTA_CT_DREG), be32: dreg)
            w.attr(u16(NFTA_CT_KEY), be32: u32(NFT_CT_STATUS))
        case .rejectPortUnreachable:
            w.attr(u16(NFTA_REJECT_TYPE), be32: u32(NFT_REJECT_ICMP_UNREACH))
            w.attr(u16(NFTA_REJECT_ICMP_CODE), u8: 3)  // ICMP port unreachable
        }
    }
}

extension NFTExpr.MetaKey {
    var kernelKey: UInt32 {
        switch self {
        case .mark: u32(NFT_META_MARK)
        case .l4proto: u32(NFT_META_L4PROTO)
        }
    }
}

extension NFTExpr.Verdict {
    /// NFTA_DATA_VERDICT { NFTA_VERDICT_CODE, NFTA_VERDICT_CHAIN }.
    func encode(into w: inout NetlinkWriter) {
        w.nest(u16(NFTA_DATA_VERDICT)) { w in
            switch self {
            case .accept: w.attr(u16(NFTA_VERDICT_CODE), be32: UInt32(NF_ACCEPT))
            case .drop: w.attr(u16(NFTA_VERDICT_CODE), be32: UInt32(NF_DROP))
            case .return: w.attr(u16(NFTA_VERDICT_CODE), be32: UInt32(bitPattern: NFT_RETURN.rawValue))
            case let .jump(chain):
                w.attr(u16(NFTA_VERDICT_CODE), be32: UInt32(bitPattern: NFT_JUMP.rawValue))
                w.attr(u16(NFTA_VERDICT_CHAIN), string: chain)
            case let .goto(chain):
                w.attr(u16(NFTA_VERDICT_CODE), be32: UInt32(bitPattern: NFT_GOTO.rawValue))
                w.attr(u16(NFTA_VERDICT_CHAIN), string: chain)
            }
        }
    }
}
