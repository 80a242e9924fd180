import NIOCore
import NIOWebSocket

/// Counts the flushes and reads that reach a test channel's head (add it first).
final class OutboundCounter: ChannelOutboundHandler, @unchecked Sendable {
    typealias OutboundIn = WebSocketFrame
    var flushes = 0
    var reads = 0

    func flush(context: ChannelHandlerContext) {
        flushes += 1
        context.flush()
    }

    func read(context: ChannelHandlerContext) {
        reads += 1
        context.read()
    }
}
