import DequeModule
import NIOCore
import NIOWebSocket
import Synchronization

/// Takes a WebSocket's data frames (text, binary, continuation) off its channel, on the event loop, into an
/// ``InboundFrames`` queue that the socket's reader drains: no message passes through the WebSocket library's three
/// async streams (NIO's channel stream, the library's handler, its inbound stream), which cost a third of a bare
/// relay's CPU per message. Control frames (ping, pong, close, reserved opcodes) go on to the library, which answers
/// pings and does the closing handshake as before.
///
/// Frames decoded before the reader was added are already on their way to the library: on its addition the reader
/// sends a marker frame after them (``InboundFrames/marker``), and its own frames wait until the socket's reader has
/// taken everything before the marker from the library (``InboundFrames/open()``), so frames are handled in the order
/// they came.
///
/// While the queue holds ``InboundFrames/highWater`` frames the reader asks the socket for no more: a client that
/// sends faster than its frames are handled waits in TCP, as it did behind the library's streams.
final class FrameReader: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = WebSocketFrame
    typealias InboundOut = WebSocketFrame
    typealias OutboundIn = Never

    private let frames: InboundFrames
    private var context: ChannelHandlerContext?
    /// A read the channel asked for while the queue was full.
    private var readHeld = false

    init(frames: InboundFrames) {
        self.frames = frames
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let reader = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loop = context.eventLoop
        frames.onRoom { loop.execute { reader.value.resumeReading() } }
        let marker = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(bytes: frames.marker))
        context.fireChannelRead(wrapInboundOut(marker))
        context.fireChannelReadComplete()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        frames.finish()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text, .binary, .continuation:
            // A frame with reserved bits set goes to the library, which closes with 1002 (no extension is negotiated).
            guard !frame.rsv1, !frame.rsv2, !frame.rsv3 else { return context.fireChannelRead(data) }
            frames.append(InboundFrames.Frame(opcode: frame.opcode, fin: frame.fin, data: frame.unmaskedData))
        default:
            context.fireChannelRead(data)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
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
    static func install(_ frames: InboundFrames, on pipeline: ChannelPipeline.SynchronousOperations) throws {
        let decoder = try pipeline.handler(type: ByteToMessageHandler<WebSocketFrameDecoder>.self)
        try pipeline.addHandler(FrameReader(frames: frames), position: .after(decoder))
    }
}

/// The data frames a ``FrameReader`` took off a socket, for one consumer (the socket's reader task).
final class InboundFrames: Sendable {
    struct Frame: Sendable {
        var opcode: WebSocketOpcode
        var fin: Bool
        var data: ByteBuffer
    }

    private struct State: Sendable {
        var frames = Deque<Frame>()
        var waiter: CheckedContinuation<Frame?, Never>?
        /// Everything before the marker was taken from the library: frames may be handed out.
        var open = false
        var finished = false
        /// Called (once per time the queue was full) when it has room again.
        var onRoom: (@Sendable () -> Void)?
        var wasFull = false
    }

    /// Frames the queue holds before the socket is asked for no more.
    static let highWater = 16

    /// The marker frame's payload: random, so no client can send it.
    let marker: [UInt8] = [0] + (0..<16).map { _ in UInt8.random(in: .min ... .max) }
    private let state = Mutex(State())

    /// Whether the queue holds ``highWater`` frames or more.
    var isFull: Bool { state.withLock { $0.frames.count >= Self.highWater } }

    /// Whether `data` is this queue's marker.
    func isMarker(_ data: ByteBuffer) -> Bool {
        data.readableBytes == marker.count && data.readableBytesView.elementsEqual(marker)
    }

    func onRoom(_ action: @escaping @Sendable () -> Void) {
        state.withLock { $0.onRoom = action }
    }

    func append(_ frame: Frame) {
        let waiter = state.withLock { state -> CheckedContinuation<Frame?, Never>? in
            guard !state.finished else { return nil }
            if state.open, let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.frames.append(frame)
            if state.frames.count >= Self.highWater { state.wasFull = true }
            return nil
        }
        waiter?.resume(returning: frame)
    }

    /// The library's frames up to the marker are taken: the queue's frames may be handed out.
    func open() {
        let (waiter, first) = state.withLock { state -> (CheckedContinuation<Frame?, Never>?, Frame?) in
            state.open = true
            guard let waiter = state.waiter else { return (nil, nil) }
            if let first = state.frames.popFirst() {
                state.waiter = nil
                return (waiter, first)
            }
            if state.finished {
                state.waiter = nil
                return (waiter, nil)
            }
            return (nil, nil)
        }
        waiter?.resume(returning: first)
    }

    /// No more frames will come; the consumer gets those queued, then `nil`.
    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<Frame?, Never>? in
            state.finished = true
            guard state.frames.isEmpty else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next frame, once the queue is open; `nil` once it is finished and empty.
    func next() async -> Frame? {
        enum Taken { case frame(Frame), end, wait }
        let (taken, room): (Taken, (@Sendable () -> Void)?) = state.withLock { state in
            guard state.open else { return state.finished && state.frames.isEmpty ? (.end, nil) : (.wait, nil) }
            guard let frame = state.frames.popFirst() else { return (state.finished ? .end : .wait, nil) }
            if state.wasFull, state.frames.count < Self.highWater / 2 {
                state.wasFull = false
                return (.frame(frame), state.onRoom)
            }
            return (.frame(frame), nil)
        }
        room?()
        switch taken {
        case .frame(let frame): return frame
        case .end: return nil
        case .wait: break
        }
        return await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Taken in
                if state.open, let frame = state.frames.popFirst() { return .frame(frame) }
                if state.finished, state.frames.isEmpty { return .end }
                state.waiter = continuation
                return .wait
            }
            switch ready {
            case .frame(let frame): continuation.resume(returning: frame)
            case .end: continuation.resume(returning: nil)
            case .wait: break
            }
        }
    }
}
