import NIOCore
import NIOWebSocket
import Synchronization

/// Writes a socket's text frames on its channel's event loop, in the order they were queued, with one flush for all
/// the frames queued before the loop gets to them. Frames are never written in place when queued from the loop
/// itself: every frame of the socket then goes out in queue order. While the emitter is held (``hold()``), frames
/// wait for ``release()``: a message's ack and its delivery to its sender, queued one after the other once the
/// message is stored, leave in one write.
///
/// A frame comes encoded (``OutboundFrame``: header and text in one buffer, written there when the frame was built)
/// and is written below the WebSocket library's frame encoder by the channel's ``EncodedFrameWriter``: no header
/// buffer of its own, one buffer per frame in the socket's write. A channel without that writer gets the frames'
/// text through its encoder.
final class FrameEmitter: Sendable {
    private struct Entry: Sendable {
        var frame: OutboundFrame
        var promise: EventLoopPromise<Void>?
    }

    private struct State: Sendable {
        var entries: [Entry] = []
        /// The array a drain emptied, kept for the next frames (its storage, not a new one each time) when it holds at
        /// most ``FrameEmitter/spareCapacity`` entries.
        var spare: [Entry] = []
        /// A drain is queued on the event loop and has not taken the entries yet.
        var scheduled = false
        /// Holds not yet released: frames wait.
        var holds = 0

        /// Whether a drain has to be queued now (and is then taken as queued).
        mutating func needsDrain() -> Bool {
            guard !scheduled, holds == 0, !entries.isEmpty else { return false }
            scheduled = true
            return true
        }
    }

    /// The largest drained array kept for reuse.
    static let spareCapacity = 16

    private let channel: any Channel
    private let state = Mutex(State())
    /// The channel's writer of encoded frames, once found (on the event loop only).
    private let writer: NIOLoopBoundBox<EncodedFrameWriter?>

    init(channel: any Channel) {
        self.channel = channel
        self.writer = .makeEmptyBox(valueType: EncodedFrameWriter.self, eventLoop: channel.eventLoop)
    }

    /// Queues `frames`; `promise` completes once the last of them is written.
    func emit(_ frames: [OutboundFrame], promise: EventLoopPromise<Void>? = nil) {
        guard let last = frames.indices.last else {
            promise?.succeed(())
            return
        }
        update { state in
            for index in frames.indices {
                state.entries.append(Entry(frame: frames[index], promise: index == last ? promise : nil))
            }
        }
    }

    /// Queues one frame.
    func emit(_ frame: OutboundFrame) {
        update { $0.entries.append(Entry(frame: frame, promise: nil)) }
    }

    /// Holds frames back until the matching ``release()``, so that those queued meanwhile leave in one write. Hold
    /// only around work that does not wait.
    func hold() {
        state.withLock { $0.holds += 1 }
    }

    /// Ends a ``hold()``; the frames queued meanwhile go to the event loop.
    func release() {
        update { state in
            assert(state.holds > 0, "a release without its hold")
            state.holds -= 1
        }
    }

    /// Changes the state and queues a drain on the event loop if one is needed now.
    private func update(_ change: (inout State) -> Void) {
        let schedule = state.withLock { state in
            change(&state)
            return state.needsDrain()
        }
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    private func drain() {
        var entries = state.withLock { state in
            state.scheduled = false
            swap(&state.entries, &state.spare)
            return state.spare.take()
        }
        if let writer = encodedFrameWriter() {
            for entry in entries { writer.write(entry.frame.encoded, promise: entry.promise) }
        } else {
            for entry in entries {
                let frame = WebSocketFrame(fin: true, opcode: .text, data: entry.frame.payload)
                channel.write(frame, promise: entry.promise)
            }
        }
        channel.flush()
        // Kept for the next drain only while small: an idle socket holds no large array from a replay's burst.
        guard entries.capacity <= Self.spareCapacity else { return }
        entries.removeAll(keepingCapacity: true)
        state.withLock { state in
            if state.spare.capacity < entries.capacity { swap(&state.spare, &entries) }
        }
    }

    /// The channel's ``EncodedFrameWriter``, looked up until it is there (it is added when the socket starts).
    private func encodedFrameWriter() -> EncodedFrameWriter? {
        if let known = writer.value { return known }
        let found = try? channel.pipeline.syncOperations.handler(type: EncodedFrameWriter.self)
        writer.value = found
        return found
    }
}

/// Sits between a WebSocket channel's head and its frame encoder, and writes the frames a ``FrameEmitter`` encoded
/// itself, past the handlers above it. After a close frame (``SingleCloseHandler`` tells it) it drops them, as that
/// handler drops every frame after the first close.
final class EncodedFrameWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var context: ChannelHandlerContext?
    /// A close frame has gone out.
    var closeSent = false

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Writes an encoded frame toward the socket; on the channel's event loop.
    func write(_ encoded: ByteBuffer, promise: EventLoopPromise<Void>?) {
        guard !closeSent else {
            promise?.succeed(())
            return
        }
        guard let context else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(wrapOutboundOut(encoded), promise: promise)
    }
}

extension Array {
    /// The array's elements, leaving it empty.
    fileprivate mutating func take() -> [Element] {
        var taken: [Element] = []
        swap(&self, &taken)
        return taken
    }
}
