import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import ParleyServer
import Synchronization
import Testing

@Suite("A socket's frame emitter")
struct FrameEmitterTests {
    /// Counts the flushes that reach the channel's head.
    final class FlushCounter: ChannelOutboundHandler, @unchecked Sendable {
        typealias OutboundIn = WebSocketFrame
        var flushes = 0

        func flush(context: ChannelHandlerContext) {
            flushes += 1
            context.flush()
        }
    }

    static func channel() throws -> (EmbeddedChannel, FlushCounter) {
        let counter = FlushCounter()
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
        emitter.emit(["a", "b"])
        emitter.emit(["c"])
        #expect(try Self.written(channel).isEmpty, "nothing is written in place")
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["a", "b", "c"])
        #expect(counter.flushes == 1)
        emitter.emit(["d"])
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["d"])
        #expect(counter.flushes == 2)
    }

    @Test("a hold keeps frames back until it is released; then they leave together, in order")
    func heldUntilReleased() throws {
        let (channel, counter) = try Self.channel()
        let emitter = FrameEmitter(channel: channel)
        emitter.emit(["before"])
        emitter.hold()
        channel.embeddedEventLoop.run()
        #expect(try Self.written(channel) == ["before"], "what was queued before the hold is not held")
        emitter.emit(["ack"])
        emitter.hold()
        emitter.emit(["message"])
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
        emitter.emit([], promise: empty)
        #expect(emptyDone.withLock { $0 })
        let written = channel.eventLoop.makePromise(of: Void.self)
        let done = Mutex(false)
        written.futureResult.whenSuccess { done.withLock { $0 = true } }
        emitter.emit(["x", "y"], promise: written)
        #expect(done.withLock { $0 } == false)
        channel.embeddedEventLoop.run()
        #expect(done.withLock { $0 })
        #expect(try Self.written(channel) == ["x", "y"])
    }
}
