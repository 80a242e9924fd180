import Logging
import Metrics
import NIOCore
import NIOWebSocket
import Synchronization

extension ChatConnection {
    /// Closes the socket with `code` now: the close frame goes straight to the channel, ahead of anything the
    /// WebSocket library writes later (on shutdown it would close with 1000 of its own), and the writer stops. Called
    /// again (the relay's shutdown and the socket's own both call it), the later frame is dropped by
    /// ``SingleCloseHandler`` like any frame after the first close.
    func closeNow(_ code: CloseCode) {
        if let channel { _ = writeCloseFrame(code, on: channel) }
        outbox.close(code)
    }
}

/// Lets one close frame out of a WebSocket connection and nothing after it (RFC 6455, 5.5.1). The relay writes its
/// close frame straight to the channel on shutdown (4000) and for a slow consumer (4001), ahead of the WebSocket
/// library, whose own close frame (1000 on shutdown, or the reply to the client's close) would follow it: that one,
/// and any frame after the first close, is dropped here. Sits between the frame encoder and the library's handler, so
/// every frame passes it but a ``FrameEmitter``'s, already encoded, which the ``EncodedFrameWriter`` it tells of the
/// close drops the same way.
final class SingleCloseHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    private var closeSent = false
    /// The writer of encoded frames below the encoder, told of the close too.
    private let writer: EncodedFrameWriter?

    init(writer: EncodedFrameWriter? = nil) {
        self.writer = writer
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !closeSent else {
            promise?.succeed(())
            return
        }
        if unwrapOutboundIn(data).opcode == .connectionClose {
            closeSent = true
            writer?.closeSent = true
        }
        context.write(data, promise: promise)
    }

    /// Adds the handler to a WebSocket channel, just after its frame encoder, and an ``EncodedFrameWriter`` just
    /// before it; with `reader`, a ``FrameReader`` too, just after the frame decoder, which pings the client every
    /// `pingInterval`.
    static func install(on channel: any Channel, reader: InboundFrames? = nil, pingInterval: Duration? = nil) async {
        do {
            try await channel.eventLoop.submit {
                let pipeline = channel.pipeline.syncOperations
                try install(on: pipeline)
                if let reader { try FrameReader.install(reader, pingInterval: pingInterval, on: pipeline) }
            }.get()
        } catch {
            // The channel closed before the socket started: nothing will be written to it.
        }
    }

    /// ``install(on:)`` on the channel's event loop.
    static func install(on pipeline: ChannelPipeline.SynchronousOperations) throws {
        let encoder = try pipeline.handler(type: WebSocketFrameEncoder.self)
        let writer = EncodedFrameWriter()
        try pipeline.addHandler(writer, position: .before(encoder))
        try pipeline.addHandler(SingleCloseHandler(writer: writer), position: .after(encoder))
    }
}

/// Writes a WebSocket close frame with `code` straight to the channel; the future completes once it is flushed.
func writeCloseFrame(_ code: CloseCode, on channel: any Channel) -> EventLoopFuture<Void> {
    var data = channel.allocator.buffer(capacity: 2 + code.reason.utf8.count)
    data.write(webSocketErrorCode: .unknown(code.code))
    data.writeString(code.reason)
    return channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
}

/// A slow consumer's socket: a 4001 close frame is queued behind what the kernel and NIO already hold, and the
/// connection is closed once that frame is out or after ``RelayLimits/slowConsumerCloseTimeout``, whichever comes
/// first — with NIO futures on the channel's event loop, so it works while the socket's writer is stuck on a full TCP
/// buffer. Closing the channel ends the socket's reader and writer. A client that reads again sees 4001 and
/// reconnects; one that never does is cut off.
struct SlowConsumerCloser: Sendable {
    let channel: (any Channel)?
    let timeout: Duration
    let role: String
    let logger: Logger

    func close() {
        Counter(label: "parley.sockets.closed", dimensions: [("reason", CloseCode.slowConsumer.reason)]).increment()
        logger.info("Slow consumer closed", metadata: ["socket.role": "\(role)"])
        guard let channel else { return }
        let flushed = writeCloseFrame(.slowConsumer, on: channel)
        let deadline = channel.eventLoop.scheduleTask(in: TimeAmount(timeout)) { channel.close(promise: nil) }
        flushed.whenComplete { _ in
            deadline.cancel()
            channel.close(promise: nil)
        }
    }
}
