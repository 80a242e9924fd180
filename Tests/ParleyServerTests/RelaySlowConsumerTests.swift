import Foundation
import ParleyCore
@testable import ParleyServer
import Prometheus
import Testing

/// A client that stops reading is closed with 4001 once its outbound queue overflows; nobody else waits for it.
@Suite("Slow consumer", .timeLimit(.minutes(2)))
struct RelaySlowConsumerTests {
    static let messageSize = 30_000
    /// Enough to fill the socket buffers many times over; the test stops as soon as the relay gives up on the reader.
    static let maxMessages = 400

    @Test("a visitor that never reads is closed with 4001; the operator gets every message, other chats go on")
    func slowVisitor() async throws {
        var dependencies = RelayDependencies()
        dependencies.metricsRegistry = PrometheusCollectorRegistry()
        try await withRelay(configure: Self.limits, dependencies: dependencies) { relay throws in
            let (conversation, token) = try await relay.startVisitor(languages: ["en"])
            let (_, otherToken) = try await relay.startVisitor(languages: ["en"])
            let slow = try await RawWebSocket.connect(
                port: relay.port, path: "/ws/visitor?token=\(token)", origin: TestRelay.origin)
            try await slow.sendText(#"{"type":"join","lastSeq":0}"#)
            let (cookie, _) = try await relay.login("demo-en")
            let sent = try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":0}"#)
                _ = try await op.next("joined")
                var seqs: [Int] = []
                let sent = try await Self.flood(conversation, from: op, seqs: &seqs, until: {
                    try await relay.metric("parley_sockets_closed", #"reason="slow_consumer""#) == 1
                })
                // The operator, in the same conversation, got every message, in order.
                while seqs.count < sent { if let seq = try await op.next("message")["seq"]?.int { seqs.append(seq) } }
                #expect(seqs == Array(1...sent))
                try await relay.withVisitor(otherToken) { other throws in
                    other.send(#"{"type":"message","clientMessageId":"x1","text":"another chat"}"#)
                    var types: Set<String> = []
                    while types.count < 2, let frame = try await other.next() {
                        if let type = frame["type"]?.string, ["ack", "message"].contains(type) { types.insert(type) }
                    }
                    #expect(types == ["ack", "message"])
                }
                return sent
            }
            #expect(sent < Self.maxMessages)
            // Reading again, the slow client finds the close code after what was already on its way.
            #expect(try await slow.readToEnd() == 4001)
        }
    }

    static func limits(_ configuration: inout RelayConfiguration) {
        configuration.limits.outboundQueue = 32
        configuration.limits.maxMessageCharacters = 40_000
        configuration.limits.maxFrameBytes = 128 * 1024
        configuration.limits.hardFrameBytes = 256 * 1024
        configuration.limits.messagesPerSecond = 100_000
        configuration.limits.messageBurst = 100_000
        configuration.limits.framesPerSecond = 100_000
        configuration.limits.messagesPerSecondPerIP = 100_000
        configuration.limits.slowConsumerCloseTimeout = .seconds(90)
    }

    /// Sends large messages one at a time (each acknowledged) until `done`; returns how many were sent. The `seq`s
    /// of the message frames that arrive meanwhile go to `seqs`.
    static func flood(
        _ conversation: String, from op: TestSocket, seqs: inout [Int], until done: () async throws -> Bool
    ) async throws -> Int {
        let text = String(repeating: "x", count: messageSize)
        for index in 1...maxMessages {
            op.send(#"{"type":"message","conversationId":"\#(conversation)","clientMessageId":"o\#(index)","text":"\#(text)"}"#)
            while let frame = try await op.next(), frame["type"]?.string != "ack" {
                if frame["type"]?.string == "message", let seq = frame["seq"]?.int { seqs.append(seq) }
            }
            if index.isMultiple(of: 5), try await done() { return index }
        }
        return maxMessages
    }
}
