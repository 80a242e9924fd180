import Foundation
import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import ParleyServer
import Testing

@Suite("A socket's frame reader")
struct FrameReaderTests {
    /// A channel with a WebSocket frame decoder and a reader after it, as a socket has them.
    static func socket(pingInterval: Duration? = nil) throws -> (EmbeddedChannel, InboundFrames, OutboundCounter) {
        let channel = EmbeddedChannel()
        let counter = OutboundCounter()
        let frames = InboundFrames()
        try channel.pipeline.syncOperations.addHandler(counter)
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(WebSocketFrameDecoder()))
        try FrameReader.install(frames, pingInterval: pingInterval, on: channel.pipeline.syncOperations)
        return (channel, frames, counter)
    }

    /// A client frame's bytes (short payload, unmasked).
    static func frame(_ opcode: WebSocketOpcode, _ text: String, fin: Bool = true, rsv1: Bool = false) -> ByteBuffer {
        frame(opcode, bytes: Array(text.utf8), fin: fin, rsv1: rsv1)
    }

    static func frame(_ opcode: WebSocketOpcode, bytes: [UInt8], fin: Bool = true, rsv1: Bool = false) -> ByteBuffer {
        var buffer = ByteBuffer()
        let first = (fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | UInt8(webSocketOpcode: opcode)
        buffer.writeInteger(first)
        buffer.writeInteger(UInt8(bytes.count))
        buffer.writeBytes(bytes)
        return buffer
    }

    /// The frames that went on to the handlers after the reader (the WebSocket library's).
    static func passedOn(_ channel: EmbeddedChannel) throws -> [WebSocketFrame] {
        var frames: [WebSocketFrame] = []
        while let frame = try channel.readInbound(as: WebSocketFrame.self) { frames.append(frame) }
        return frames
    }

    /// An item as text: a data frame's text (`+` in front of a continuation, `.` after a final frame), or `library`.
    static func describe(_ item: InboundFrames.Item?) -> String? {
        switch item {
        case .none: nil
        case .library: "library"
        case .frame(let frame):
            "\(frame.opcode == .continuation ? "+" : "")\(String(buffer: frame.data))\(frame.fin ? "." : "")"
        }
    }

    @Test("the marker goes first to the library; a control frame goes on, a marker after it, a turn in the queue")
    func markerAndOrder() async throws {
        let (channel, frames, _) = try Self.socket()
        try channel.writeInbound(Self.frame(.text, "a"))
        try channel.writeInbound(Self.frame(.ping, "p"))
        try channel.writeInbound(Self.frame(.text, "b", fin: false))
        try channel.writeInbound(Self.frame(.continuation, "c"))
        let passed = try Self.passedOn(channel)
        #expect(passed.count == 3)
        #expect(passed.first.map { $0.opcode == .text && frames.isMarker($0.unmaskedData) } == true)
        #expect(passed.dropFirst().first?.opcode == .ping)
        #expect(String(buffer: passed.dropFirst().first?.unmaskedData ?? ByteBuffer()) == "p")
        #expect(passed.last.map { $0.opcode == .text && frames.isMarker($0.unmaskedData) } == true)
        #expect(!frames.isMarker(ByteBuffer(string: "a")))

        var taken: [String] = []
        for _ in 0..<4 {
            guard let item = Self.describe(await frames.next()) else { break }
            taken.append(item)
        }
        #expect(taken == ["a.", "library", "b", "+c."])
    }

    @Test("a data frame with a reserved bit set goes on to the library, which refuses it")
    func reservedBits() async throws {
        let (channel, frames, _) = try Self.socket()
        _ = try Self.passedOn(channel)  // the marker
        try channel.writeInbound(Self.frame(.text, "x", rsv1: true))
        let passed = try Self.passedOn(channel)
        #expect(passed.count == 2)
        #expect(passed.first?.rsv1 == true)
        #expect(passed.last.map { frames.isMarker($0.unmaskedData) } == true)
        #expect(Self.describe(await frames.next()) == "library")
    }

    @Test("once finished, the queue ends after its frames")
    func finishAfterFrames() async throws {
        let (channel, frames, _) = try Self.socket()
        try channel.writeInbound(Self.frame(.text, "1"))
        try channel.writeInbound(Self.frame(.text, "2"))
        frames.finish()
        try channel.writeInbound(Self.frame(.text, "late"))  // after the end: dropped
        #expect(Self.describe(await frames.next()) == "1.")
        #expect(Self.describe(await frames.next()) == "2.")
        #expect(await frames.next() == nil)
    }

    @Test("a waiting reader gets the next frame")
    func waiting() async throws {
        let (channel, frames, _) = try Self.socket()
        let waiting = Task { Self.describe(await frames.next()) }
        try await Task.sleep(for: .milliseconds(20))
        try channel.writeInbound(Self.frame(.text, "x"))
        #expect(await waiting.value == "x.")
    }

    @Test("the channel closing ends the queue")
    func channelInactive() async throws {
        let (channel, frames, _) = try Self.socket()
        let waiting = Task { await frames.next() }
        try await Task.sleep(for: .milliseconds(20))
        _ = try channel.finish(acceptAlreadyClosed: true)
        #expect(await waiting.value == nil)
    }

    @Test("a full queue holds the socket's reads until it has drained to half")
    func backpressure() async throws {
        let (channel, frames, counter) = try Self.socket()
        channel.read()
        #expect(counter.reads == 1)
        for index in 0..<InboundFrames.highWater { try channel.writeInbound(Self.frame(.text, "\(index)")) }
        #expect(frames.isFull)
        channel.read()
        #expect(counter.reads == 1)
        for _ in 0..<(InboundFrames.highWater / 2) { _ = await frames.next() }
        channel.embeddedEventLoop.run()
        #expect(counter.reads == 1)
        _ = await frames.next()
        channel.embeddedEventLoop.run()
        #expect(counter.reads == 2)
    }

    @Test("every interval a ping; an answered one keeps the socket, an unanswered one closes it with 1001")
    func heartbeat() async throws {
        let (channel, frames, _) = try Self.socket(pingInterval: .seconds(30))
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).get()
        _ = try Self.passedOn(channel)  // the marker
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(try channel.readOutbound(as: WebSocketFrame.self) == nil)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        let ping = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        #expect(ping.opcode == .ping && ping.data.readableBytes == 16)

        try channel.writeInbound(Self.frame(.pong, "not the ping's payload"))
        try channel.writeInbound(Self.frame(.pong, bytes: Array(ping.data.readableBytesView)))
        #expect(try Self.passedOn(channel).isEmpty)  // pongs are the reader's
        channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        let second = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        #expect(second.opcode == .ping && second.data != ping.data)
        #expect(channel.isActive)

        channel.embeddedEventLoop.advanceTime(by: .seconds(30))
        let close = try #require(try channel.readOutbound(as: WebSocketFrame.self))
        var reason = close.data
        #expect(close.opcode == .connectionClose && reason.readWebSocketErrorCode() == .goingAway)
        #expect(!channel.isActive)
        #expect(await frames.next() == nil)
    }
}

@Suite("Frames that come with the upgrade", .timeLimit(.minutes(1)))
struct EarlyFramesTests {
    /// A client may send frames right behind its upgrade request; they reach the relay before the socket's reader is
    /// in place, through the WebSocket library, and must be handled before (and in order with) those read after it.
    @Test("messages sent with the upgrade request are stored and acknowledged in the order sent")
    func framesWithTheUpgrade() async throws {
        try await withRelay { relay throws in
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            let ids = (1...5).map { "early\($0)" }
            let socket = try await RawWebSocket.connect(
                port: relay.port, path: "/ws/visitor?token=\(token)", origin: TestRelay.origin,
                texts: [#"{"type":"join","lastSeq":0}"#]
                    + ids.map { #"{"type":"message","clientMessageId":"\#($0)","text":"Hello, is anyone there?"}"# })
            try await socket.sendText(#"{"type":"message","clientMessageId":"late","text":"And one more."}"#)
            var acks: [(String, Int)] = []
            while acks.count < 6, let text = try await socket.nextText() {
                guard let frame = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                    frame["type"] as? String == "ack", let id = frame["clientMessageId"] as? String,
                    let seq = frame["seq"] as? Int
                else { continue }
                acks.append((id, seq))
            }
            #expect(acks.map(\.0) == ids + ["late"])
            #expect(acks.map(\.1) == Array(1...6))
        }
    }
}
