import DequeModule
import NIOCore
import NIOWebSocket
import Synchronization

/// Takes a WebSocket's frames off its channel, on the event loop, into an ``InboundFrames`` queue that the socket's
/// reader drains: no message passes through the WebSocket library's three async streams (NIO's channel stream, the
/// library's handler, its inbound stream), which cost a third of a bare relay's CPU per message.
///
/// Other frames (ping, close, reserved opcodes, a pong without FIN, and data frames with reserved bits) are the
/// library's: it answers pings and does the closing handshake. Each goes on to the library followed by a marker frame
/// (``InboundFrames/marker``), and the queue gets a ``InboundFrames/Item/library`` turn in its place: the reader then
/// reads the library up to that marker. So one task reads a socket, and every frame is handled in the order it came.
///
/// Frames decoded before the reader was added are already on their way to the library: on its addition the reader
/// sends a marker after them, and the socket's reader takes everything up to it from the library before it turns to
/// the queue.
///
/// While the queue holds ``InboundFrames/highWater`` items the reader asks the socket for no more: a client that
/// sends faster than its frames are handled waits in TCP, as it did behind the library's streams.
///
/// The reader also keeps the socket's heartbeat, on the event loop rather than in a task of its own: every
/// `pingInterval` it sends a ping, and a client that has not answered the previous one by then is gone: its socket
/// is closed with 1001 ("Ping timeout"), as the library's own pings would close it.
final class FrameReader: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = Never
    typealias OutboundOut = WebSocketFrame

    private let frames: InboundFrames
    private let pingInterval: TimeAmount?
    private var context: ChannelHandlerContext?
    /// A read the channel asked for while the queue was full.
    private var readHeld = false
    private var heartbeat: RepeatedTask?
    /// The payload of the ping not answered yet.
    private var unansweredPing: ByteBuffer?

    /// `pingInterval` `nil`: no pings.
    init(frames: InboundFrames, pingInterval: Duration?) {
        self.frames = frames
        self.pingInterval = pingInterval.map(TimeAmount.init)
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let reader = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        frames.onRoom { loop.execute { reader.value.resumeReading() } }
        if let pingInterval {
            heartbeat = loop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { _ in
                reader.value.beat()
            }
        }
        sendMarker(context: context)
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        stopBeating()
        frames.finish()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        // A data frame with reserved bits set is the library's, which closes with 1002 (no extension is negotiated).
        case .text, .binary, .continuation:
            guard !frame.rsv1, !frame.rsv2, !frame.rsv3 else { return passOn(data, context: context) }
            frames.append(.frame(InboundFrames.Frame(opcode: frame.opcode, fin: frame.fin, data: frame.unmaskedData)))
        case .pong where frame.fin:
            // Unsolicited pongs are allowed, and ignored (RFC 6455, 5.5.3).
            if frame.unmaskedData == unansweredPing { unansweredPing = nil }
        default:
            passOn(data, context: context)
        }
    }

    /// A ping, or the socket's end when the last one went unanswered.
    private func beat() {
        guard let context else { return }
        guard unansweredPing == nil else {
            stopBeating()
            var reason = ByteBuffer()
            reason.write(webSocketErrorCode: .goingAway)
            reason.writeString("Ping timeout")
            context.writeAndFlush(
                wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: reason)), promise: nil)
            context.close(promise: nil)
            return
        }
        let payload = ByteBuffer(bytes: InboundFrames.randomBytes())
        unansweredPing = payload
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: payload)), promise: nil)
    }

    private func stopBeating() {
        heartbeat?.cancel()
        heartbeat = nil
    }

    /// A frame for the library, and a turn for it in the queue.
    private func passOn(_ data: NIOAny, context: ChannelHandlerContext) {
        context.fireChannelRead(data)
        sendMarker(context: context)
        frames.append(.library)
    }

    private func sendMarker(context: ChannelHandlerContext) {
        let marker = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: frames.marker))
        context.fireChannelRead(wrapInboundOut(marker))
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopBeating()
        frames.finish()
        context.fireChannelInactive()
    }

    func read(context: ChannelHandlerContext) {
        if frames.isFull {
            readHeld = true
        } else {
            context.read()
        }
    }

    private func resumeReading() {
        guard readHeld, let context, !frames.isFull else { return }
        readHeld = false
        context.read()
    }

    /// Adds a reader to a WebSocket channel just after its frame decoder; on the channel's event loop.
    static func install(
        _ frames: InboundFrames, pingInterval: Duration?, on pipeline: ChannelPipeline.SynchronousOperations
    ) throws {
        let decoder = try pipeline.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self)
        try pipeline.addHandler(FrameReader(frames: frames, pingInterval: pingInterval), position: .after(decoder))
    }
}

/// What a ``FrameReader`` took off a socket, for one consumer (the socket's reader task).
final class InboundFrames: Sendable {
    struct Frame: Sendable {
        var opcode: WebSocketOpcode
        var fin: Bool
        var data: ByteBuffer
    }

    enum Item: Sendable {
        /// A data frame.
        case frame(Frame)
        /// A control frame went to the WebSocket library, followed by a marker: read the library up to it.
        case library
    }

    private struct State: Sendable {
        var items = Deque<Item>()
        var waiter: CheckedContinuation<Item?, Never>?
        var finished = false
        /// Called (once per time the queue was full) when it has room again.
        var onRoom: (@Sendable () -> Void)?
        var wasFull = false
    }

    /// Items the queue holds before the socket is asked for no more.
    static let highWater = 16

    /// The marker frame's payload: random, so no client can send it.
    let marker: [UInt8] = [0] + randomBytes()

    /// 16 random bytes: a marker's tail, or a ping's payload.
    static func randomBytes() -> [UInt8] { (0..<16).map { _ in UInt8.random(in: .min ... .max) } }
    private let state = Mutex(State())

    /// Whether the queue holds ``highWater`` items or more.
    var isFull: Bool { state.withLock { $0.items.count >= Self.highWater } }

    /// Whether `data` is this queue's marker.
    func isMarker(_ data: ByteBuffer) -> Bool {
        data.readableBytes == marker.count && data.readableBytesView.elementsEqual(marker)
    }

    func onRoom(_ action: @escaping @Sendable () -> Void) {
        state.withLock { $0.onRoom = action }
    }

    func append(_ item: Item) {
        let waiter = state.withLock { state -> CheckedContinuation<Item?, Never>? in
            guard !state.finished else { return nil }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.items.append(item)
            if state.items.count >= Self.highWater { state.wasFull = true }
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// No more items will come; the consumer gets those queued, then `nil`.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Item?, Never>? in
            state.finished = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next item; `nil` once the queue is finished and empty.
    func next() async -> Item? {
        enum Taken { case item(Item), end, wait }
        let (taken, room): (Taken, (@Sendable () -> Void)?) = state.withLock { state in
            guard let item = state.items.popFirst() else { return (state.finished ? .end : .wait, nil) }
            if state.wasFull, state.items.count < Self.highWater / 2 {
                state.wasFull = false
                return (.item(item), state.onRoom)
            }
            return (.item(item), nil)
        }
        room?()
        switch taken {
        case .item(let item): return item
        case .end: return nil
        case .wait: break
        }
        return await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Taken in
                if let item = state.items.popFirst() { return .item(item) }
                if state.finished { return .end }
                state.waiter = continuation
                return .wait
            }
            switch ready {
            case .item(let item): continuation.resume(returning: item)
            case .end: continuation.resume(returning: nil)
            case .wait: break
            }
        }
    }
}
