import NIOCore
import NIOWebSocket
import Synchronization

/// Writes a socket's text frames on its channel's event loop, in the order they were queued, with one flush for all
/// the frames queued before the loop gets to them. Frames are never written in place when queued from the loop
/// itself: every frame of the socket then goes out in queue order. While the emitter is held (``hold()``), frames
/// wait for ``release()``: a message's ack and its delivery to its sender, queued one after the other once the
/// message is stored, leave in one write.
///
/// A frame is encoded when it is queued, header and text in one buffer, and written below the WebSocket library's
/// frame encoder by the channel's ``EncodedFrameWriter``: no header buffer of its own, one buffer per frame in the
/// socket's write. A channel without that writer gets the frames through its encoder.
final class FrameEmitter: Sendable {
    private struct Entry: Sendable {
        /// The whole frame: header, then text.
        var encoded: ByteBuffer
        var headerSize: Int
        var promise: EventLoopPromise<Void>?

        /// The frame for the library's encoder: the text alone.
        var frame: WebSocketFrame {
            WebSocketFrame(fin: true, opcode: .text, data: encoded.getSlice(
                at: encoded.readerIndex + headerSize, length: encoded.readableBytes - headerSize) ?? ByteBuffer())
        }
    }

    private struct State: Sendable {
        var entries: [Entry] = []
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

    private let channel: any Channel
    private let state = Mutex(State())
    /// The channel's writer of encoded frames, once found (on the event loop only).
    private let writer: NIOLoopBoundBox<EncodedFrameWriter?>

    init(channel: any Channel) {
        self.channel = channel
        self.writer = .makeEmptyBox(valueType: EncodedFrameWriter.self, eventLoop: channel.eventLoop)
    }

    /// Queues `texts` as text frames; `promise` completes once the last of them is written.
    func emit(_ texts: [String], promise: EventLoopPromise<Void>? = nil) {
        guard let last = texts.indices.last else {
            promise?.succeed(())
            return
        }
        let allocator = channel.allocator
        let entries = texts.indices.map { index in
            let (encoded, headerSize) = Self.encodedTextFrame(texts[index], allocator: allocator)
            return Entry(encoded: encoded, headerSize: headerSize, promise: index == last ? promise : nil)
        }
        let schedule = state.withLock { state in
            state.entries.append(contentsOf: entries)
            return state.needsDrain()
        }
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    /// An unmasked, final text frame (RFC 6455, 5.2) in one buffer, and the size of its header.
    static func encodedTextFrame(_ text: String, allocator: ByteBufferAllocator) -> (ByteBuffer, headerSize: Int) {
        let length = text.utf8.count
        let headerSize = length < 126 ? 2 : length <= Int(UInt16.max) ? 4 : 10
        var buffer = allocator.buffer(capacity: headerSize + length)
        buffer.writeInteger(UInt8(0x81))
        if length < 126 {
            buffer.writeInteger(UInt8(length))
        } else if length <= Int(UInt16.max) {
            buffer.writeInteger(UInt8(126))
            buffer.writeInteger(UInt16(length))
        } else {
            buffer.writeInteger(UInt8(127))
            buffer.writeInteger(UInt64(length))
        }
        buffer.writeString(text)
        return (buffer, headerSize)
    }

    /// Holds frames back until the matching ``release()``, so that those queued meanwhile leave in one write. Hold
    /// only around work that does not wait.
    func hold() {
        state.withLock { $0.holds += 1 }
    }

    /// Ends a ``hold()``; the frames queued meanwhile go to the event loop.
    func release() {
        let schedule = state.withLock { state in
            assert(state.holds > 0, "a release without its hold")
            state.holds -= 1
            return state.needsDrain()
        }
        if schedule { channel.eventLoop.execute { self.drain() } }
    }

    private func drain() {
        let entries = state.withLock { state in
            state.scheduled = false
            return state.entries.take()
        }
        if let writer = encodedFrameWriter() {
            for entry in entries { writer.write(entry.encoded, promise: entry.promise) }
        } else {
            for entry in entries { channel.write(entry.frame, promise: entry.promise) }
        }
        channel.flush()
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
