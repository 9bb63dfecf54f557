import CNetfilter
#if canImport(Glibc)
import Glibc
#endif

/// One change to the proxy's nftables table. A sync is a list of these, sent as one atomic
/// nf_tables transaction.
public enum NFTOp: Hashable, Sendable {
    case addTable
    case deleteTable
    /// Creates the chain if missing (never fails on an existing one).
    case addChain(String, base: NFTBaseChain?)
    /// Removes every rule of the chain.
    case flushChain(String)
    case deleteChain(String)
    case addRule(chain: String, [NFTExpr])
    /// A verdict map (created if missing).
    case addVerdictMap(String, key: NFTKeyType)
    /// A map from service id . index to address . port (the services' endpoints, picked by numgen).
    case addEndpointMap(String)
    /// A plain set of address pairs (saddr . daddr of hairpin connections).
    case addAddressPairSet(String)
    /// A set of IPv4 addresses whose entries expire (ClientIP affinity; the rule that adds an
    /// address gives its timeout).
    case addTimeoutSet(String)
    case flushSet(String)
    case deleteSet(String)
    case addElements(set: String, [NFTElement])
    case deleteElements(set: String, keys: [[UInt8]])

    var describe: String {
        switch self {
        case .addTable: "add table"
        case .deleteTable: "delete table"
        case let .addChain(c, _): "add chain \(c)"
        case let .flushChain(c): "flush chain \(c)"
        case let .deleteChain(c): "delete chain \(c)"
        case let .addRule(c, _): "add rule to chain \(c)"
        case let .addVerdictMap(m, _): "add map \(m)"
        case let .addEndpointMap(m): "add map \(m)"
        case let .addAddressPairSet(m): "add set \(m)"
        case let .addTimeoutSet(s): "add set \(s)"
        case let .flushSet(s): "flush set \(s)"
        case let .deleteSet(s): "delete set \(s)"
        case let .addElements(s, e): "add \(e.count) elements to \(s)"
        case let .deleteElements(s, k): "delete \(k.count) elements from \(s)"
        }
    }
}

/// A chain attached to a netfilter hook.
public struct NFTBaseChain: Hashable, Sendable {
    public enum Kind: String, Sendable { case nat, filter }
    public enum Hook: UInt32, Sendable { case prerouting = 0, input = 1, forward = 2, output = 3, postrouting = 4 }
    public var kind: Kind
    public var hook: Hook
    public var priority: Int32
}

/// The keys of the proxy's verdict maps, as concatenations nf_tables stores field by field,
/// each field padded to 4 bytes.
public enum NFTKeyType: Hashable, Sendable {
    /// ipv4_addr . inet_proto . inet_service
    case addressProtocolPort
    /// inet_proto . inet_service
    case protocolPort

    var length: UInt32 { self == .addressProtocolPort ? 12 : 8 }
    /// nft's type number for the concatenation (for `nft list` to print the keys).
    var nftTypeID: UInt32 {
        let ipv4: UInt32 = 7, proto: UInt32 = 12, service: UInt32 = 13
        return self == .addressProtocolPort ? (((ipv4 << 6) | proto) << 6) | service : (proto << 6) | service
    }
}

public struct NFTElement: Hashable, Sendable {
    public var key: [UInt8]
    public var verdict: NFTExpr.Verdict?
    public var data: [UInt8]?

    public init(key: [UInt8], verdict: NFTExpr.Verdict? = nil, data: [UInt8]? = nil) {
        self.key = key
        self.verdict = verdict
        self.data = data
    }
}

/// Encodes ops as one nf_tables batch for one table.
struct NFTBatchEncoder {
    let table: String
    let family = UInt8(NFPROTO_IPV4)
    private(set) var writer: NetlinkWriter
    /// The op index each message came from, by sequence number - firstSequence.
    private(set) var opOfMessage: [Int32] = []
    let firstSequence: UInt32
    private var setID: UInt32 = 0

    init(table: String, firstSequence: UInt32, capacity: Int) {
        self.table = table
        self.firstSequence = firstSequence
        writer = NetlinkWriter(firstSequence: firstSequence, capacity: capacity)
    }

    static func messageType(_ msg: UInt16) -> UInt16 { UInt16(SKIFF_NFNL_SUBSYS_NFTABLES) << 8 | msg }

    mutating func encode(_ ops: [NFTOp]) {
        _ = writer.begin(type: UInt16(SKIFF_NFNL_MSG_BATCH_BEGIN), flags: 0, family: UInt8(AF_UNSPEC),
                         resourceID: UInt16(SKIFF_NFNL_SUBSYS_NFTABLES))
        writer.end()
        opOfMessage.append(-1)
        for (i, op) in ops.enumerated() { encode(op, index: Int32(i)) }
        _ = writer.begin(type: UInt16(SKIFF_NFNL_MSG_BATCH_END), flags: 0, family: UInt8(AF_UNSPEC),
                         resourceID: UInt16(SKIFF_NFNL_SUBSYS_NFTABLES))
        writer.end()
        opOfMessage.append(-1)
    }

    var lastSequence: UInt32 { writer.sequence }

    private mutating func begin(_ msg: nf_tables_msg_types, flags: Int32, index: Int32) {
        _ = writer.begin(type: Self.messageType(u16(msg)), flags: UInt16(flags), family: family)
        opOfMessage.append(index)
    }

    private mutating func encode(_ op: NFTOp, index: Int32) {
        let create = NLM_F_CREATE
        switch op {
        case .addTable:
            begin(NFT_MSG_NEWTABLE, flags: create, index: index)
            writer.attr(u16(NFTA_TABLE_NAME), string: table)
            writer.end()
        case .deleteTable:
            begin(NFT_MSG_DELTABLE, flags: 0, index: index)
            writer.attr(u16(NFTA_TABLE_NAME), string: table)
            writer.end()
        case let .addChain(name, base):
            begin(NFT_MSG_NEWCHAIN, flags: create, index: index)
            writer.attr(u16(NFTA_CHAIN_TABLE), string: table)
            writer.attr(u16(NFTA_CHAIN_NAME), string: name)
            if let base {
                writer.nest(u16(NFTA_CHAIN_HOOK)) { w in
                    w.attr(u16(NFTA_HOOK_HOOKNUM), be32: base.hook.rawValue)
                    w.attr(u16(NFTA_HOOK_PRIORITY), be32: UInt32(bitPattern: base.priority))
                }
                writer.attr(u16(NFTA_CHAIN_TYPE), string: base.kind.rawValue)
                writer.attr(u16(NFTA_CHAIN_POLICY), be32: UInt32(NF_ACCEPT))
            }
            writer.end()
        case let .flushChain(name):
            begin(NFT_MSG_DELRULE, flags: 0, index: index)
            writer.attr(u16(NFTA_RULE_TABLE), string: table)
            writer.attr(u16(NFTA_RULE_CHAIN), string: name)
            writer.end()
        case let .deleteChain(name):
            begin(NFT_MSG_DELCHAIN, flags: 0, index: index)
            writer.attr(u16(NFTA_CHAIN_TABLE), string: table)
            writer.attr(u16(NFTA_CHAIN_NAME), string: name)
            writer.end()
        case let .addRule(chain, exprs):
            begin(NFT_MSG_NEWRULE, flags: create | NLM_F_APPEND, index: index)
            writer.attr(u16(NFTA_RULE_TABLE), string: table)
            writer.attr(u16(NFTA_RULE_CHAIN), string: chain)
            writer.nest(u16(NFTA_RULE_EXPRESSIONS)) { w in for e in exprs { e.encode(into: &w) } }
            writer.end()
        case let .addVerdictMap(name, key):
            newSet(name, flags: u32(NFT_SET_MAP), keyType: key.nftTypeID, keyLength: key.length,
                   data: (u32(NFT_DATA_VERDICT), nil), index: index)
        case let .addEndpointMap(name):
            // mark . mark (host-order numbers, as numgen writes them) → ipv4_addr . inet_service
            newSet(name, flags: u32(NFT_SET_MAP), keyType: (19 << 6) | 19, keyLength: 8, data: ((7 << 6) | 13, 8), index: index)
        case let .addAddressPairSet(name):
            newSet(name, flags: 0, keyType: (7 << 6) | 7, keyLength: 8, data: nil, index: index)  // ipv4_addr . ipv4_addr
        case let .addTimeoutSet(name):
            newSet(name, flags: u32(NFT_SET_TIMEOUT) | u32(NFT_SET_EVAL), keyType: 7, keyLength: 4, data: nil, index: index)  // ipv4_addr
        case let .flushSet(name):
            begin(NFT_MSG_DELSETELEM, flags: 0, index: index)
            writer.attr(u16(NFTA_SET_ELEM_LIST_TABLE), string: table)
            writer.attr(u16(NFTA_SET_ELEM_LIST_SET), string: name)
            writer.end()
        case let .deleteSet(name):
            begin(NFT_MSG_DELSET, flags: 0, index: index)
            writer.attr(u16(NFTA_SET_TABLE), string: table)
            writer.attr(u16(NFTA_SET_NAME), string: name)
            writer.end()
        case let .addElements(set, elements):
            elementMessages(NFT_MSG_NEWSETELEM, flags: create, set: set, elements, perMessage: 256, index: index)
        case let .deleteElements(set, keys):
            elementMessages(NFT_MSG_DELSETELEM, flags: 0, set: set, keys.map { NFTElement(key: $0) }, perMessage: 512, index: index)
        }
    }

    /// NEWSET, creating the set or map if missing. `data`: the map's data type and length
    /// (nil length for verdicts), nil for a plain set.
    private mutating func newSet(_ name: String, flags: UInt32, keyType: UInt32, keyLength: UInt32,
                                 data: (type: UInt32, length: UInt32?)?, index: Int32) {
        setID &+= 1
        begin(NFT_MSG_NEWSET, flags: NLM_F_CREATE, index: index)
        writer.attr(u16(NFTA_SET_TABLE), string: table)
        writer.attr(u16(NFTA_SET_NAME), string: name)
        writer.attr(u16(NFTA_SET_FLAGS), be32: flags)
        writer.attr(u16(NFTA_SET_KEY_TYPE), be32: keyType)
        writer.attr(u16(NFTA_SET_KEY_LEN), be32: keyLength)
        if let data {
            writer.attr(u16(NFTA_SET_DATA_TYPE), be32: data.type)
            if let length = data.length { writer.attr(u16(NFTA_SET_DATA_LEN), be32: length) }
        }
        writer.attr(u16(NFTA_SET_ID), be32: setID)
        writer.end()
    }

    /// Element lists are nested attributes (16-bit lengths): a message per chunk.
    private mutating func elementMessages(_ msg: nf_tables_msg_types, flags: Int32, set: String, _ elements: [NFTElement],
                                          perMessage: Int, index: Int32) {
        var i = 0
        while i < elements.count {
            let end = min(i + perMessage, elements.count)
            let chunk = elements[i..<end]
            begin(msg, flags: flags, index: index)
            writer.attr(u16(NFTA_SET_ELEM_LIST_TABLE), string: table)
            writer.attr(u16(NFTA_SET_ELEM_LIST_SET), string: set)
            writer.nest(u16(NFTA_SET_ELEM_LIST_ELEMENTS)) { w in
                for e in chunk {
                    w.nest(u16(NFTA_LIST_ELEM)) { w in
                        w.nest(u16(NFTA_SET_ELEM_KEY)) { $0.attr(u16(NFTA_DATA_VALUE), e.key) }
                        if let v = e.verdict { w.nest(u16(NFTA_SET_ELEM_DATA)) { v.encode(into: &$0) } }
                        if let d = e.data { w.nest(u16(NFTA_SET_ELEM_DATA)) { $0.attr(u16(NFTA_DATA_VALUE), d) } }
                    }
                }
            }
            writer.end()
            i = end
        }
    }
}
