import Logging
import NIOCore
import NIOPosix

/// Copies bytes between two TCP connections (client side and endpoint side), with back-pressure:
/// a side reads only while its partner can write. A half-close passes through; a full close or
/// error closes both.
final class SpliceHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    typealias OutboundOut = NIOAny

    private var partner: SpliceHandler?
    private var context: ChannelHandlerContext?
    private var readPending = false

    static func pair() -> (SpliceHandler, SpliceHandler) {
        let a = SpliceHandler(), b = SpliceHandler()
        a.partner = b
        b.partner = a
        return (a, b)
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        partner = nil
    }

    private var writable: Bool { context?.channel.isWritable ?? false }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { partner?.context?.write(data, promise: nil) }

    func channelReadComplete(context: ChannelHandlerContext) { partner?.context?.flush() }

    func channelInactive(context: ChannelHandlerContext) { partner?.context?.close(promise: nil) }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? ChannelEvent, e == .inputClosed {
            partner?.context?.close(mode: .output, promise: nil)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
        partner?.context?.close(promise: nil)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { partner?.resumeReading() }
        context.fireChannelWritabilityChanged()
    }

    func read(context: ChannelHandlerContext) {
        if partner?.writable ?? false { context.read() } else { readPending = true }
    }

    private func resumeReading() {
        guard readPending, let context else { return }
        readPending = false
        context.read()
    }
}

/// A TCP listener for one service port: each accepted connection is spliced to the endpoint the
/// balancer picks; without endpoints the connection is closed at once.
enum TCPForwarder {
    static func listen(host: String, balancer: RoundRobin, group: any EventLoopGroup) async throws -> any Channel {
        try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { inbound in
                let client = inbound.remoteAddress?.ipAddress ?? ""
                guard let ep = balancer.pick(clientIP: client) else {
                    return inbound.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                }
                return ClientBootstrap(group: inbound.eventLoop)
                    .connectTimeout(.seconds(5))
                    .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                    .connect(host: ep.ip, port: Int(ep.port))
                    .flatMapThrowing { outbound in
                        let (a, b) = SpliceHandler.pair()
                        try inbound.pipeline.syncOperations.addHandler(a)
                        try outbound.pipeline.syncOperations.addHandler(b)
                    }
            }
            .bind(host: host, port: 0).get()
    }
}

/// A UDP listener for one service port: each client address gets a session socket towards the
/// endpoint picked for it, whose replies go back from the listener; idle sessions are closed.
final class UDPFrontHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    static let idleSeconds: Int64 = 60
    private enum Session {
        case opening([ByteBuffer])
        case open(any Channel, SocketAddress)
    }
    private var sessions: [SocketAddress: (session: Session, last: NIODeadline)] = [:]
    private let balancer: RoundRobin
    private var reads = 0

    init(balancer: RoundRobin) { self.balancer = balancer }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let env = unwrapInboundIn(data)
        let client = env.remoteAddress
        let now = NIODeadline.now()
        reads += 1
        if reads % 256 == 0 { reap(now) }
        if let s = sessions[client] {
            switch s.session {
            case .opening(var queued):
                queued.append(env.data)
                sessions[client] = (.opening(queued), now)
            case .open(let ch, let dest):
                sessions[client] = (s.session, now)
                ch.writeAndFlush(AddressedEnvelope(remoteAddress: dest, data: env.data), promise: nil)
            }
            return
        }
        guard let ep = balancer.pick(clientIP: client.ipAddress ?? ""), let dest = try? SocketAddress(ipAddress: ep.ip, port: Int(ep.port)) else { return }
        sessions[client] = (.opening([env.data]), now)
        let front = context.channel
        let loop = context.eventLoop
        let handlerBox = NIOLoopBound(self, eventLoop: loop)
        DatagramBootstrap(group: loop)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(UDPBackHandler(front: front, client: client)) }
            }
            .bind(host: "0.0.0.0", port: 0)
            .whenComplete { result in
                let me = handlerBox.value
                guard case .opening(let queued)? = me.sessions[client]?.session else {
                    if case .success(let ch) = result { ch.close(promise: nil) }
                    return
                }
                switch result {
                case .success(let ch):
                    me.sessions[client] = (.open(ch, dest), NIODeadline.now())
                    for d in queued { ch.write(AddressedEnvelope(remoteAddress: dest, data: d), promise: nil) }
                    ch.flush()
                case .failure:
                    me.sessions[client] = nil
                }
            }
    }

    private func reap(_ now: NIODeadline) {
        for (k, v) in sessions where now - v.last > .seconds(Self.idleSeconds) {
            if case .open(let ch, _) = v.session { ch.close(promise: nil) }
            sessions[k] = nil
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for (_, v) in sessions { if case .open(let ch, _) = v.session { ch.close(promise: nil) } }
        sessions = [:]
        context.fireChannelInactive()
    }
}

/// Replies from an endpoint, sent back to the client from the service port's listener.
final class UDPBackHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let front: any Channel
    private let client: SocketAddress

    init(front: any Channel, client: SocketAddress) {
        self.front = front
        self.client = client
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let env = unwrapInboundIn(data)
        front.writeAndFlush(AddressedEnvelope(remoteAddress: client, data: env.data), promise: nil)
    }
}

enum UDPForwarder {
    static func listen(host: String, balancer: RoundRobin, group: any EventLoopGroup) async throws -> any Channel {
        try await DatagramBootstrap(group: group)
            .channelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(UDPFrontHandler(balancer: balancer)) }
            }
            .bind(host: host, port: 0).get()
    }
}
