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

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        self.channel = source.channel
    }
}
