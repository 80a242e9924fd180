import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import Synchronization

/// The bare relay's work on a socket layer of another shape: SwiftNIO's WebSocket handlers with each frame handled
/// on its socket's event loop by a channel handler (no task per socket, no async sequences between the socket and
/// the relay), frames written to the channels directly. The same routes, frames and forwarding as ``BareRelay``; it
/// measures what the socket layer itself costs (`RelayLoad run --bare-shape nio`), not what the issue's baseline is.
struct NIOBareRelay: Sendable {
    var echo = false

    func run(host: String, port: Int) async throws {
        let peers = PeerTable<any Channel>()
        let echo = echo
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 4096)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                let upgrader = NIOWebSocketServerUpgrader(
                    maxFrameSize: 16_384, automaticErrorHandling: true,
                    shouldUpgrade: { channel, head in
                        channel.eventLoop.makeSucceededFuture(Route(uri: head.uri) == nil ? nil : HTTPHeaders())
                    },
                    upgradePipelineHandler: { channel, head in
                        channel.eventLoop.makeCompletedFuture {
                            guard let route = Route(uri: head.uri) else {
                                throw ChannelError.inappropriateOperationForState
                            }
                            try channel.pipeline.syncOperations.addHandlers(
                                InterceptingHandler(peer: route.peer, channels: peers, echo: echo),
                                ControlFrameHandler(me: route.me, channels: peers))
                        }
                    })
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (
                            upgraders: [upgrader],
                            completionHandler: { context in
                                if let health = try? context.pipeline.syncOperations.handler(type: HealthHandler.self) {
                                    context.pipeline.syncOperations.removeHandler(health, promise: nil)
                                }
                            }
                        ))
                    try channel.pipeline.syncOperations.addHandler(HealthHandler())
                }
            }
            .bind(host: host, port: port).get()
        try await withTaskCancellationHandler {
            try await server.closeFuture.get()
        } onCancel: {
            server.close(promise: nil)
        }
    }

    /// `/ws?c=<conversation>&r=<v|o>`: this socket's key and its peer's.
    struct Route: Sendable {
        let me: String
        let peer: String

        init?(uri: String) {
            guard let query = uri.split(separator: "?", maxSplits: 1).dropFirst().first, uri.hasPrefix("/ws?") else {
                return nil
            }
            var conversation: Substring?
            var role: Substring?
            for pair in query.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                if parts[0] == "c" { conversation = parts[1] } else if parts[0] == "r" { role = parts[1] }
            }
            guard let conversation, let role else { return nil }
            me = "\(conversation)/\(role)"
            peer = "\(conversation)/\(role == "v" ? "o" : "v")"
        }
    }
}

/// Registers the socket's channel while it is open; answers pings and closes (text frames are forwarded by an
/// ``InterceptingHandler`` before it).
private final class ControlFrameHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let me: String
    private let channels: PeerTable<any Channel>

    init(me: String, channels: PeerTable<any Channel>) {
        self.me = me
        self.channels = channels
    }

    func handlerAdded(context: ChannelHandlerContext) { channels.register(me, context.channel) }

    func handlerRemoved(context: ChannelHandlerContext) { channels.remove(me) }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .ping:
            context.writeAndFlush(
                wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, data: frame.unmaskedData)), promise: nil)
        case .connectionClose:
            var data = frame.unmaskedData
            let code =
                data.readSlice(length: min(2, data.readableBytes)) ?? context.channel.allocator.buffer(capacity: 0)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: code)))
                .whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) { context.close(promise: nil) }
}

/// `GET /healthz` before an upgrade: `ok`; anything else 404.
private final class HealthHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private var path = ""

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            path = head.uri
        case .body:
            break
        case .end:
            let ok = path == "/healthz"
            var headers = HTTPHeaders([("Content-Length", ok ? "2" : "0")])
            headers.add(name: "Content-Type", value: "text/plain")
            let status: HTTPResponseStatus = ok ? .ok : .notFound
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil)
            if ok {
                context.write(
                    wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: "ok")))),
                    promise: nil)
            }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
