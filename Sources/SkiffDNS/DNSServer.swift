import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// The cluster DNS server: UDP and TCP (two-byte length prefix, RFC 1035 4.2.2) listeners on
/// each address, answering from the current `RecordTable` and, when configured, forwarding
/// other names to one upstream server over UDP.
public final class DNSServer: Sendable {
    private let table: NIOLockedValueBox<RecordTable>
    private let responder: DNSResponder
    private let forwarder: DNSForwarder?
    private let group: MultiThreadedEventLoopGroup
    private let channels = NIOLockedValueBox<[Channel]>([])
    private let logger: Logger

    /// `upstream` is "IP" or "IP:PORT" (port 53 by default); "[v6]:PORT" for IPv6.
    public init(table: RecordTable, upstream: String? = nil, logger: Logger = Logger(label: "skiff.dns")) throws {
        var upstreamAddress: SocketAddress?
        if let upstream {
            let (host, port) = try DNSServer.splitHostPort(upstream, defaultPort: 53, field: "--upstream")
            upstreamAddress = try SocketAddress(ipAddress: host, port: port)
        }
        self.table = NIOLockedValueBox(table)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        self.logger = logger
        forwarder = upstreamAddress.map { DNSForwarder(upstream: $0, group: group) }
        responder = DNSResponder(upstreamConfigured: forwarder != nil)
    }

    /// Replaces the records served (from the informers).
    public func setTable(_ t: RecordTable) { table.withLockedValue { $0 = t } }

    public var currentTable: RecordTable { table.withLockedValue { $0 } }

    /// Binds UDP and TCP on `host:port`; returns the bound port (useful with port 0, where the
    /// TCP listener takes the port UDP got).
    @discardableResult
    public func listen(host: String, port: Int) async throws -> Int {
        let udp = try await DatagramBootstrap(group: group)
            .channelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(UDPHandler(server: self)) }
            }
            .bind(host: host, port: port).get()
        let bound = udp.localAddress?.port ?? port
        channels.withLockedValue { $0.append(udp) }
        let tcp = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 128)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { ch in
                ch.eventLoop.makeCompletedFuture {
                    try ch.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: .seconds(30)))
                    try ch.pipeline.syncOperations.addHandler(ByteToMessageHandler(DNSFrameDecoder()))
                    try ch.pipeline.syncOperations.addHandler(TCPHandler(server: self))
                }
            }
            .bind(host: host, port: bound).get()
        channels.withLockedValue { $0.append(tcp) }
        logger.info("cluster DNS listening on \(host):\(bound) (UDP and TCP)")
        return bound
    }

    /// Closes every listener and stops the event loop.
    public func shutdown() async {
        for ch in channels.withLockedValue({ $0 }) { try? await ch.close().get() }
        channels.withLockedValue { $0 = [] }
        try? await group.shutdownGracefully()
    }

    /// The answer to one query: immediate from the table, or after asking upstream.
    func answer(_ bytes: [UInt8], transport: DNSTransport, deliver: @escaping @Sendable ([UInt8]) -> Void) {
        switch responder.decide(bytes, table: currentTable, transport: transport) {
        case .drop: return
        case .reply(let out): deliver(out)
        case .forward(let query):
            guard let forwarder else { return }
            let responder = self.responder
            forwarder.forward(bytes).whenComplete { result in
                let up = try? result.get()
                deliver(responder.relay(up, for: query, transport: transport))
            }
        }
    }

    public static func splitHostPort(_ s: String, defaultPort: Int, field: String) throws -> (String, Int) {
        var host = s, portText: Substring?
        if s.hasPrefix("["), let close = s.firstIndex(of: "]") {
            host = String(s[s.index(after: s.startIndex)..<close])
            let rest = s[s.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() }
        } else if s.filter({ $0 == ":" }).count == 1, let colon = s.firstIndex(of: ":") {
            host = String(s[..<colon])
            portText = s[s.index(after: colon)...]
        }
        guard IPAddressText.bytes(host) != nil else { throw DNSConfigError(field: field, value: s, reason: "not an IP address") }
        guard let pt = portText else { return (host, defaultPort) }
        guard let p = Int(pt), (0...65535).contains(p) else { throw DNSConfigError(field: field, value: s, reason: "bad port") }
        return (host, p)
    }
}

public struct DNSConfigError: Error, CustomStringConvertible {
    public let field: String, value: String, reason: String
    public var description: String { "\(field): \(value): \(reason)" }
}

private final class UDPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let server: DNSServer
    init(server: DNSServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let env = unwrapInboundIn(data)
        let remote = env.remoteAddress
        let channel = context.channel
        server.answer(Array(env.data.readableBytesView), transport: .udp) { out in
            channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: channel.allocator.buffer(bytes: out)), promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // An ICMP error for one client must not close the listener.
    }
}

/// Splits a TCP stream into DNS messages by their two-byte length prefix.
struct DNSFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let len = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
              buffer.readableBytes >= 2 + Int(len) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 2)
        guard let frame = buffer.readSlice(length: Int(len)) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return .continue
    }
}

private final class TCPHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let server: DNSServer
    init(server: DNSServer) { self.server = server }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        let channel = context.channel
        server.answer(Array(frame.readableBytesView), transport: .tcp) { out in
            var buf = channel.allocator.buffer(capacity: out.count + 2)
            buf.writeInteger(UInt16(out.count))
            buf.writeBytes(out)
            channel.writeAndFlush(buf, promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) } else { context.fireUserInboundEventTriggered(event) }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) { context.close(promise: nil) }
}
