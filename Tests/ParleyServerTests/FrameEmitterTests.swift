import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import ParleyServer
import Synchronization
import Testing

@Suite("A socket's frame emitter")
struct FrameEmitterTests {
    static func channel() throws -> (EmbeddedChannel, OutboundCounter) {
        let counter = OutboundCounter()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(counter)
        return (channel, counter)
    }

    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        var texts: [String] = []
        while let frame = try channel.readOutbound(as: WebSocketFrame.self) {
            #expect(frame.opcode == .text && frame.fin)
            texts.append(String(buffer: frame.unmaskedData))
        }
        return texts
    }

    @Test("frames queued before the loop gets to them leave in order, with one flush")
    func oneFlushPerTurn() throws {
        let (channel, counter) = try Self.channel()
        let emitter = FrameEmitter(channel: channel)
        emitter.emitTexts(["a", "b"])
        emitter.emitTexts(["c"])
        #expect(try Self.written(channel).isEmpty, "nothing is written in place")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["a", "b", "c"])
        #expect(counter.flushes == 1)
        emitter.emitTexts(["d"])
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["d"])
        #expect(counter.flushes == 2)
    }

    @Test("a hold keeps frames back until it is released; then they leave together, in order")
    func heldUntilReleased() throws {
        let (channel, counter) = try Self.channel()
        let emitter = FrameEmitter(channel: channel)
        emitter.emitTexts(["before"])
        emitter.hold()
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["before"], "what was queued before the hold is not held")
        emitter.emitTexts(["ack"])
        emitter.hold()
        emitter.emitTexts(["message"])
        emitter.release()
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel).isEmpty, "held while any hold lasts")
        emitter.release()
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["ack", "message"])
        #expect(counter.flushes == 2)
        emitter.hold()
        emitter.release()
        channel.embeddedEventLoop.run()
        #expect(counter.flushes == 2, "a hold with nothing queued writes nothing")
    }

    @Test("the promise completes once the last of its frames is written; no frames complete it at once")
    func promiseOfTheLastFrame() throws {
        let (channel, _) = try Self.channel()
        let emitter = FrameEmitter(channel: channel)
        let empty = channel.eventLoop.makePromise(of: Void.self)
        let emptyDone = Mutex(false)
        empty.futureResult.whenSuccess { emptyDone.withLock { $0 = true } }
        emitter.emitTexts([], promise: empty)
        #expect(emptyDone.withLock { $0 })
        let written = channel.eventLoop.makePromise(of: Void.self)
        let done = Mutex(false)
        written.futureResult.whenSuccess { done.withLock { $0 = true } }
        emitter.emitTexts(["x", "y"], promise: written)
        #expect(done.withLock { $0 } == false)
        channel.embeddedEventLoop.run()
        #expect(done.withLock { $0 })
        #expect(try Self.written(channel) == ["x", "y"])
    }

    /// A channel with the WebSocket frame encoder and the relay's handlers around it, as a socket has them, and its
    /// emitter, which has written `first` already.
    static func socket(after first: [String] = []) throws -> (EmbeddedChannel, FrameEmitter) {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(WebSocketFrameEncoder())
        try SingleCloseHandler.install(on: channel.pipeline.syncOperations)
        let emitter = FrameEmitter(channel: channel)
        emitter.emitTexts(first)
        channel.embeddedEventLoop.run()
        return (channel, emitter)
    }

    /// The buffers written to the socket.
    static func socketBuffers(_ channel: EmbeddedChannel) throws -> [ByteBuffer] {
        var buffers: [ByteBuffer] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { buffers.append(buffer) }
        return buffers
    }

    /// The frames in the bytes written: (first byte, payload as text).
    static func frames(in buffers: [ByteBuffer]) -> [(UInt8, String)] {
        var bytes = ByteBuffer()
        for var buffer in buffers { bytes.writeBuffer(&buffer) }
        var frames: [(UInt8, String)] = []
        while let first = bytes.readInteger(as: UInt8.self), let short = bytes.readInteger(as: UInt8.self) {
            let length =
                switch short {
                case 126: Int(bytes.readInteger(as: UInt16.self) ?? 0)
                case 127: Int(bytes.readInteger(as: UInt64.self) ?? 0)
                default: Int(short)
                }
            frames.append((first, bytes.readString(length: length) ?? "<short>"))
        }
        return frames
    }

    @Test("frames are encoded whole, at each length form, and leave one buffer each")
    func encodedFrames() throws {
        let (channel, emitter) = try Self.socket()
        let texts = ["hi", String(repeating: "ü", count: 100), String(repeating: "a", count: 70_000)]
        emitter.emitTexts(texts)
        channel.embeddedEventLoop.run()
        let buffers = try Self.socketBuffers(channel)
        #expect(buffers.count == texts.count, "one buffer per frame, no separate header buffers")
        let frames = Self.frames(in: buffers)
        #expect(frames.map(\.0) == [0x81, 0x81, 0x81], "fin + text")
        #expect(frames.map(\.1.utf8.count) == texts.map(\.utf8.count))
        #expect(frames.map(\.1) == texts)
    }

    @Test("the emitter's frames and the library's leave in the order they were written")
    func orderWithTheLibrary() throws {
        let (channel, emitter) = try Self.socket(after: ["a"])
        channel.write(WebSocketFrame(fin: true, opcode: .pong, data: ByteBuffer(string: "p")), promise: nil)
        emitter.emitTexts(["b"])
        channel.embeddedEventLoop.run()
        let frames = Self.frames(in: try Self.socketBuffers(channel))
        #expect(frames.map(\.0) == [0x81, 0x8A, 0x81])
        #expect(frames.map(\.1) == ["a", "p", "b"])
    }

    @Test("nothing the emitter queued leaves after the socket's close frame")
    func nothingAfterClose() throws {
        let (channel, emitter) = try Self.socket(after: ["before"])
        _ = writeCloseFrame(.shuttingDown, on: channel)
        let dropped = channel.eventLoop.makePromise(of: Void.self)
        let done = Mutex(false)
        dropped.futureResult.whenSuccess { done.withLock { $0 = true } }
        emitter.emitTexts(["after"], promise: dropped)
        channel.embeddedEventLoop.run()
        let frames = Self.frames(in: try Self.socketBuffers(channel))
        #expect(frames.map(\.0) == [0x81, 0x88])
        #expect(frames.first?.1 == "before")
        #expect(done.withLock { $0 }, "a dropped frame's promise completes")
    }
}

extension FrameEmitter {
    /// ``emit(_:promise:)`` of text frames.
    fileprivate func emitTexts(_ texts: [String], promise: EventLoopPromise<Void>? = nil) {
        let frames = texts.map { text in
            var text = text
            return text.withUTF8 { OutboundFrame(bytes: UnsafeRawBufferPointer($0)) }
        }
        emit(frames, promise: promise)
    }
}
