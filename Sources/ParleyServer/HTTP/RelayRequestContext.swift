public import Hummingbird
public import HummingbirdWebSocket
import Logging
import NIOCore
import Synchronization
import ParleyText

/// The request context of every route: Hummingbird's core storage, the WebSocket upgrade slot, and the client's
/// address (for per-address limits).
public struct RelayRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// The client's IP address, or `"unknown"`.
    public let remoteAddress: String
    /// The connection's channel (a WebSocket's close frames go to it directly; see `ChatConnection.closeNow`).
    let channel: any Channel
    /// Who a WebSocket upgrade was granted to, from the upgrade's check to the socket's run.
    let socketIdentity = UpgradeIdentity()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        self.channel = source.channel
    }
}

/// A WebSocket upgrade's identity, found by the upgrade's check (in a short-lived task of its own) and taken by the
/// socket's run: the socket's task, which lives as long as the socket, then never holds the memory of the store reads
/// behind it (a task keeps the memory of its deepest stack).
final class UpgradeIdentity: Sendable {
    private let identity = Mutex<SocketIdentity?>(nil)

    func set(_ identity: SocketIdentity) { self.identity.withLock { $0 = identity } }

    func take() -> SocketIdentity? { identity.withLock { $0.take() } }
}
