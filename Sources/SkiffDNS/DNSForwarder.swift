import NIOCore
import NIOPosix

/// Sends a query to the upstream server over UDP from a fresh ephemeral socket and waits for
/// the first answer carrying the same id (at most `timeout`). A fresh socket per query keeps
/// ids of different clients from colliding and gives source-port randomness.
struct DNSForwarder: Sendable {
    let upstream: SocketAddress
    let group: EventLoopGroup
    var timeout: TimeAmount = .seconds(2)

    struct TimedOut: Error {}

    func forward(_ query: [UInt8]) -> EventLoopFuture<[UInt8]> {
        let loop = group.next()
        let promise = loop.makePromise(of: [UInt8].self)
        let id = DNSDecoder.peekID(query)
        let bindHost = upstream.protocol == .inet6 ? "::" : "0.0.0.0"
        let target = upstream
        let timeout = self.timeout
        DatagramBootstrap(group: loop)
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture { try ch.pipeline.syncOperations.addHandler(FirstReply(promise: promise, id: id)) }
            }
            .bind(host: bindHost, port: 0)
            .whenComplete { result in
                switch result {
                case .failure(let e): promise.fail(e)
                case .success(let ch):
                    let task = loop.scheduleTask(in: timeout) { promise.fail(TimedOut()) }
                    ch.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: ch.allocator.buffer(bytes: query)), promise: nil)
                    promise.futureResult.whenComplete { _ in
                        task.cancel()
                        ch.close(promise: nil)
                    }
                }
            }
        return promise.futureResult
    }

    private final class FirstReply: ChannelInboundHandler, Sendable {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let promise: EventLoopPromise<[UInt8]>
        let id: UInt16?
        init(promise: EventLoopPromise<[UInt8]>, id: UInt16?) { self.promise = promise; self.id = id }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = Array(unwrapInboundIn(data).data.readableBytesView)
            guard DNSDecoder.peekID(bytes) == id else { return }
            promise.succeed(bytes)
        }

        func errorCaught(context: ChannelHandlerContext, error: Error) { promise.fail(error) }
    }
}
