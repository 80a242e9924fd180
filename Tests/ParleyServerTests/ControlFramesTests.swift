import Foundation
import ParleyServer
import Testing

@Suite("Control frames between messages", .timeLimit(.minutes(1)))
struct ControlFramesTests {
    static func message(_ id: String) -> (opcode: UInt8, payload: [UInt8]) {
        (0x1, Array(#"{"type":"message","clientMessageId":"\#(id)","text":"Hello, is anyone there?"}"#.utf8))
    }

    /// The socket's reader takes control frames in their turn: a ping between two messages is answered, and a close
    /// ends the socket only after the messages sent before it.
    @Test("pings between messages are answered; messages sent before a close are acknowledged before its answer")
    func pingsAndClose() async throws {
        try await withRelay { relay throws in
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            let socket = try await RawWebSocket.connect(
                port: relay.port, path: "/ws/visitor?token=\(token)", origin: TestRelay.origin,
                texts: [#"{"type":"join","lastSeq":0}"#])
            // The welcome is sent once the socket's reader is in place: what follows goes through its queue.
            #expect(try await socket.nextText()?.contains(#""type":"welcome""#) == true)
            try await socket.send([
                Self.message("m1"), (0x9, Array("p1".utf8)), Self.message("m2"), (0x9, Array("p2".utf8)),
                Self.message("m3"), (0x8, [0x03, 0xE8]),
            ])
            let frames = try await socket.allFramesToEnd()
            let close = try #require(frames.firstIndex { $0.opcode == 0x8 })
            #expect(Array(frames[close].payload.prefix(2)) == [0x03, 0xE8])
            let pongs = frames.filter { $0.opcode == 0xA }.map { String(decoding: $0.payload, as: UTF8.self) }
            #expect(pongs == ["p1", "p2"])
            let acks = frames[..<close].compactMap { frame -> String? in
                guard frame.opcode == 0x1,
                    let object = try? JSONSerialization.jsonObject(with: Data(frame.payload)) as? [String: Any],
                    object["type"] as? String == "ack"
                else { return nil }
                return object["clientMessageId"] as? String
            }
            #expect(acks == ["m1", "m2", "m3"])
        }
    }
}

@Suite("Pings", .timeLimit(.minutes(1)))
struct PingTests {
    /// A client that answers pings keeps its socket however long it is quiet. The client answers on a thread of its
    /// own (``RawWebSocket/answerPings(_:)``), and the interval is a second: on a busy test run (two cores shared by
    /// every suite) a tighter one closed sockets whose answers were merely late.
    @Test("a client that answers the relay's pings keeps its socket")
    func answered() async throws {
        try await withRelay(configure: { $0.limits.pingInterval = .seconds(1) }) { relay throws in
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            let socket = try await RawWebSocket.connect(
                port: relay.port, path: "/ws/visitor?token=\(token)", origin: TestRelay.origin,
                texts: [#"{"type":"join","lastSeq":0}"#])
            _ = try await socket.answerPings(2)
            try await socket.sendText(#"{"type":"message","clientMessageId":"after","text":"Still there?"}"#)
            let texts = try await socket.answerPings(1)
            #expect(texts.contains { $0.contains(#""type":"ack""#) && $0.contains(#""clientMessageId":"after""#) })
        }
    }

    /// A client that never answers (a peer gone without closing) is closed with 1001 by the second ping.
    @Test("a client that does not answer a ping by the next is closed with 1001")
    func unanswered() async throws {
        try await withRelay(configure: { $0.limits.pingInterval = .milliseconds(50) }) { relay throws in
            let (_, token) = try await relay.startVisitor(languages: ["en"])
            let socket = try await RawWebSocket.connect(
                port: relay.port, path: "/ws/visitor?token=\(token)", origin: TestRelay.origin)
            let frames = try await socket.allFramesToEnd()
            let close = try #require(frames.firstIndex { $0.opcode == 0x8 })
            #expect(Array(frames[close].payload.prefix(2)) == [0x03, 0xE9])
            #expect(frames[..<close].filter { $0.opcode == 0x9 }.count == 1)
        }
    }
}
