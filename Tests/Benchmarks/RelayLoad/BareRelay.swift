import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
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
    private let peers = PeerTable()
    var echo = false

    /// What the echoing relay acknowledges with: a frame the size of Parley's `ack`.
    static let ack = #"{"type":"ack","conversationId":"c_0000000000000","clientMessageId":"0","seq":0}"#

    func run(host: String, port: Int, logger: Logger) async throws {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("/ws") { _, _ in
            .upgrade()
        } onUpgrade: { inbound, outbound, context in
            let query = context.request.uri.queryParameters
            guard let conversation = query["c"].map(String.init), let role = query["r"].map(String.init) else { return }
            let me = "\(conversation)/\(role)"
            let peer = "\(conversation)/\(role == "v" ? "o" : "v")"
            peers.register(me, outbound)
            defer { peers.remove(me) }
            for try await message in inbound.messages(maxSize: 16_384) {
                guard case .text(let text) = message, let target = peers.writer(for: peer) else { continue }
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

/// A lock-protected map of open sockets' writers; small, so a `Mutex` rather than an actor.
final class PeerTable: Sendable {
    private let writers = Mutex<[String: WebSocketOutboundWriter]>([:])

    func register(_ key: String, _ writer: WebSocketOutboundWriter) { writers.withLock { $0[key] = writer } }
    func remove(_ key: String) { _ = writers.withLock { $0.removeValue(forKey: key) } }
    func writer(for key: String) -> WebSocketOutboundWriter? { writers.withLock { $0[key] } }
}
