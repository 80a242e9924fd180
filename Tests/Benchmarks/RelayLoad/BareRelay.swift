import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import Synchronization

/// The baseline for `make bench-relay`: a minimal WebSocket server that forwards every text frame to the other socket
/// of the same conversation, and nothing else — no parsing, no storage, no detection, no translation.
///
/// Sockets connect to `/ws?c=<conversation>&r=<v|o>`; a frame from `v` goes to `o` and back.
///
/// With `echo`, the sender also gets two frames back, as Parley's protocol has it: an acknowledgement and its own copy
/// of the message. Three frames out per message, still with no work between them: the ceiling the socket side alone
/// puts on a relay that speaks Parley's protocol, on this machine.
struct BareRelay: Sendable {
    /// The peers of each conversation, keyed by "conversation/role".
    private let peers = PeerTable<WebSocketOutboundWriter>()
    private let channels = PeerTable<any Channel>()
    var echo = false
    /// Text frames taken off the channel by a handler of the relay's own, on the socket's event loop, and written to
    /// the peer's channel directly: Hummingbird still upgrades and runs the socket (pings, the closing handshake), but
    /// no message passes through its async streams. What a relay on Hummingbird could save on its socket layer.
    var intercept = false
    /// Frames still read through Hummingbird's async streams, but written to the channels directly, as Parley writes
    /// them (its ``FrameEmitter``): what the reading side alone costs.
    var directWrites = false

    /// What the echoing relay acknowledges with: a frame the size of Parley's `ack`.
    static let ack = #"{"type":"ack","conversationId":"c_0000000000000","clientMessageId":"0","seq":0}"#

    func run(host: String, port: Int, logger: Logger) async throws {
        let ack = ByteBuffer(string: Self.ack)
        let router = Router(context: BareRequestContext.self)
        router.ws("/ws") { _, _ in
            .upgrade()
        } onUpgrade: { inbound, outbound, context in
            let query = context.request.uri.queryParameters
            guard let conversation = query["c"].map(String.init), let role = query["r"].map(String.init) else { return }
            let me = "\(conversation)/\(role)"
            let peer = "\(conversation)/\(role == "v" ? "o" : "v")"
            peers.register(me, outbound)
            defer {
                peers.remove(me)
                channels.remove(me)
            }
            let channel = context.requestContext.channel
            if intercept || directWrites { channels.register(me, channel) }
            if intercept {
                try? await channel.eventLoop.submit { [channels, echo] in
                    let handler = InterceptingHandler(peer: peer, channels: channels, echo: echo)
                    let pipeline = channel.pipeline.syncOperations
                    let decoder = try pipeline.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self)
                    try pipeline.addHandler(handler, position: .after(decoder))
                }.get()
            }
            if directWrites {
                // Whole text frames, as the load sends them (Parley's reader reads frames, not messages, too).
                for try await frame in inbound where frame.opcode == .text && frame.fin {
                    guard let target = channels[peer] else { continue }
                    if echo {
                        channel.write(WebSocketFrame(fin: true, opcode: .text, data: ack), promise: nil)
                        channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: frame.data), promise: nil)
                    }
                    target.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: frame.data), promise: nil)
                }
                return
            }
            for try await message in inbound.messages(maxSize: 16_384) {
                guard case .text(let text) = message, let target = peers[peer] else { continue }
                if echo {
                    try? await outbound.write(.text(Self.ack))
                    try? await outbound.write(.text(text))
                }
                try? await target.write(.text(text))
            }
        }
        let http = Router()
        http.get("/healthz") { _, _ in "ok" }
        let webSocket = HTTP1WebSocketUpgradeChannel.Configuration(http1: .init(), ws: .init(maxFrameSize: 16_384))
        let app = Application(
            router: http,
            server: .http1WebSocketUpgrade(webSocketRouter: router, configuration: webSocket),
            configuration: .init(address: .hostname(host, port: port), serverName: "bare-relay"),
            logger: logger
        )
        try await app.runService()
    }
}

/// Open sockets' writers or channels by "conversation/role"; small, so a `Mutex` rather than an actor.
final class PeerTable<Peer: Sendable>: Sendable {
    private let peers = Mutex<[String: Peer]>([:])

    func register(_ key: String, _ peer: Peer) { peers.withLock { $0[key] = peer } }
    func remove(_ key: String) { _ = peers.withLock { $0.removeValue(forKey: key) } }
    subscript(key: String) -> Peer? { peers.withLock { $0[key] } }
}

/// Hummingbird's WebSocket request context, with the connection's channel kept (for ``BareRelay/intercept``).
struct BareRequestContext: RequestContext, WebSocketRequestContext {
    var coreContext: CoreRequestContextStorage
    let webSocket: WebSocketHandlerReference<Self>
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }
}

/// Takes text frames off a WebSocket channel and forwards them to the peer's channel (echoing: an ack and the copy
/// back, with one flush); every other frame goes on to the handlers after it (Hummingbird's, or ``NIOBareRelay``'s).
final class InterceptingHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private let peer: String
    private let channels: PeerTable<any Channel>
    private let echo: Bool
    private var ack: ByteBuffer?

    init(peer: String, channels: PeerTable<any Channel>, echo: Bool) {
        self.peer = peer
        self.channels = channels
        self.echo = echo
    }

    func handlerAdded(context: ChannelHandlerContext) {
        ack = context.channel.allocator.buffer(string: BareRelay.ack)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard frame.opcode == .text, frame.fin else { return context.fireChannelRead(data) }
        let text = frame.unmaskedData
        guard let target = channels[peer] else { return }
        if echo, let ack {
            context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: ack)), promise: nil)
            context.write(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .text, data: text)), promise: nil)
            context.flush()
        }
        target.writeAndFlush(WebSocketFrame(fin: true, opcode: .text, data: text), promise: nil)
    }
}
