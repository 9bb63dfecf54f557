/// How a query arrived: UDP answers are cut to 512 bytes (or the client's EDNS0 size) with the
/// TC bit set, so the client retries over TCP; TCP answers may be up to 65535 bytes.
public enum DNSTransport: Sendable { case udp, tcp }

/// What to do with one query.
public enum DNSDecision: Sendable, Equatable {
    /// Send these bytes back.
    case reply([UInt8])
    /// Ask the upstream server (the query is outside the cluster's zones, or a reverse name the
    /// cluster does not know); `query` is the parsed question, to build SERVFAIL if that fails.
    case forward(DNSMessage)
    /// Not worth an answer (a response, or too short to carry an id).
    case drop
}

/// Turns query bytes into an answer from a `RecordTable`. Pure: the server and the upstream
/// forwarder are the I/O around it.
///
/// Names outside the cluster domain and the reverse zones: forwarded when an upstream is set,
/// otherwise REFUSED — what CoreDNS answers for a name that no server block serves (a Corefile
/// with only the kubernetes plugin and no `forward`). REFUSED tells a stub resolver at once that
/// this server will not answer the name, rather than claiming it does not exist.
public struct DNSResponder: Sendable {
    public var upstreamConfigured: Bool
    /// The UDP payload size Skiff offers in its own OPT record.
    public static let ednsPayload: UInt16 = 1232

    public init(upstreamConfigured: Bool = false) { self.upstreamConfigured = upstreamConfigured }

    public func decide(_ bytes: [UInt8], table: RecordTable, transport: DNSTransport) -> DNSDecision {
        let query: DNSMessage
        do {
            query = try DNSDecoder.decode(bytes)
        } catch {
            // Junk: FORMERR with the id when there is a whole header, otherwise nothing.
            guard bytes.count >= 12, let id = DNSDecoder.peekID(bytes), bytes[2] & 0x80 == 0 else { return .drop }
            var h = DNSHeader(id: id)
            h.isResponse = true
            h.opcode = (bytes[2] >> 3) & 0x0f
            h.rcode = DNSRCode.formErr.rawValue
            return .reply((try? DNSEncoder.encode(DNSMessage(header: h))) ?? [])
        }
        if query.header.isResponse { return .drop }
        guard query.header.opcode == 0 else { return .reply(encode(reply(to: query, rcode: .notImp), query: query, transport)) }
        guard query.questions.count == 1, query.answers.isEmpty, query.authorities.isEmpty,
              query.additionals.filter({ $0.type == DNSType.opt }).count <= 1 else {
            return .reply(encode(reply(to: query, rcode: .formErr), query: query, transport))
        }
        let q = query.questions[0]
        guard q.klass == DNSClass.inet || q.klass == DNSClass.any else {
            return .reply(encode(reply(to: query, rcode: .refused), query: query, transport))
        }
        guard let zone = table.zone(of: q.name) else {
            return upstreamConfigured ? .forward(query) : .reply(encode(reply(to: query, rcode: .refused), query: query, transport))
        }
        let found = table.lookup(q.name, type: q.type)
        // Reverse names the cluster does not own belong to the wider network: ask upstream.
        if found.rcode == .nxDomain, zone != table.config.domain, upstreamConfigured { return .forward(query) }
        var r = reply(to: query, rcode: found.rcode)
        r.header.authoritative = true
        r.answers = found.answers
        r.authorities = found.authorities
        r.additionals = found.additionals + r.additionals
        return .reply(encode(r, query: query, transport))
    }

    /// A reply skeleton: the query's id, question and RD bit; an OPT record when it had one.
    public func reply(to query: DNSMessage, rcode: DNSRCode) -> DNSMessage {
        var h = DNSHeader(id: query.header.id)
        h.isResponse = true
        h.opcode = query.header.opcode
        h.recursionDesired = query.header.recursionDesired
        h.recursionAvailable = upstreamConfigured
        h.rcode = rcode.rawValue
        var m = DNSMessage(header: h, questions: query.questions)
        if query.opt != nil {
            m.additionals = [DNSRecord(name: .root, type: DNSType.opt, klass: Self.ednsPayload, ttl: 0, data: .raw([]))]
        }
        return m
    }

    /// The limit for this transport and client.
    public static func limit(for query: DNSMessage, _ transport: DNSTransport) -> Int {
        transport == .tcp ? 65535 : query.udpPayloadLimit()
    }

    func encode(_ m: DNSMessage, query: DNSMessage, _ transport: DNSTransport) -> [UInt8] {
        if let b = try? DNSEncoder.encode(m, limit: Self.limit(for: query, transport)) { return b }
        // A record the encoder refuses (e.g. an over-long ExternalName label): SERVFAIL.
        return (try? DNSEncoder.encode(reply(to: query, rcode: .servFail))) ?? []
    }

    /// The bytes for the client from an upstream answer: passed through when they fit, re-cut
    /// (TC) when they are larger than this client takes over UDP, SERVFAIL when there was none.
    public func relay(_ upstream: [UInt8]?, for query: DNSMessage, transport: DNSTransport) -> [UInt8] {
        let limit = Self.limit(for: query, transport)
        if let u = upstream, let m = try? DNSDecoder.decode(u), m.header.id == query.header.id, m.header.isResponse {
            if u.count <= limit { return u }
            if let cut = try? DNSEncoder.encode(m, limit: limit) { return cut }
        }
        return encode(reply(to: query, rcode: .servFail), query: query, transport)
    }
}
