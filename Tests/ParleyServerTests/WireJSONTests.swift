import Foundation
import NIOCore
import ParleyCore
import ParleyTesting
import ParleyText
import ParleyTranslation
@testable import ParleyServer
import Testing

/// The hand-written JSON of the hottest frames against `JSONEncoder`, and the fast timestamp against Foundation's
/// ISO 8601 format style, on seeded random values (a failure names its seed).
@Suite("Wire JSON")
struct WireJSONTests {
    /// Text with what JSON must escape: quotes, backslashes, slashes, control characters, and non-ASCII text.
    static func text(_ random: inout SeededGenerator) -> String {
        let pieces = ["a", "Ş", "ü", "õ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{8}",
                      "\u{C}", "🎉", "👩‍👩‍👧", " ", "€", "⟦1⟧", "\u{2028}", "<script>"]
        return (0..<Int.random(in: 0...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    static func parsed(_ text: String) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    /// Expects `frame`'s hand-written JSON to read as `JSONEncoder`'s, and the socket's frame to carry that text behind
    /// its WebSocket header.
    static func expectSameAsEncoder(_ frame: some HandWrittenJSON, seed: UInt64) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(frame), as: UTF8.self)
        let written = Wire.encode(frame)
        #expect(try parsed(written) == parsed(expected), "seed \(seed): \(written) vs \(expected)")
        let socketFrame = Wire.frame(frame)
        #expect(socketFrame.text == written, "seed \(seed)")
        #expect(socketFrame.encoded.getInteger(at: socketFrame.encoded.readerIndex, as: UInt8.self) == 0x81)
    }

    @Test("a delivered message and an ack: the same JSON as JSONEncoder writes", arguments: 0..<8)
    func sameAsEncoder(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let translated = Bool.random(using: &random)
            let message = ChatMessage(
                conversationID: ConversationID(rawValue: Self.text(&random)), seq: Int.random(in: 1...1_000_000, using: &random),
                clientMessageID: Self.text(&random), senderID: ParticipantID(rawValue: Self.text(&random)),
                senderRole: Bool.random(using: &random) ? .visitor : .operator, senderName: Self.text(&random),
                text: Self.text(&random), language: Bool.random(using: &random) ? .german : nil,
                confidence: [nil, 0, 1, 0.5, 0.93, Double.random(in: 0...1, using: &random)].randomElement(using: &random)!,
                createdAt: Date(timeIntervalSince1970: Double.random(in: 0...4_000_000_000, using: &random)),
                translations: translated
                    ? [MessageTranslation(
                        conversationID: "c", seq: 1, language: .turkish, text: Self.text(&random),
                        engine: Self.text(&random), quality: .phrasebook, createdAt: .now)]
                    : [])
            try Self.expectSameAsEncoder(MessageFrame(message, for: .turkish, recipient: nil), seed: seed)
            let ack = AckFrame(conversationId: Self.text(&random), clientMessageId: Self.text(&random), seq: message.seq)
            try Self.expectSameAsEncoder(ack, seed: seed)
        }
    }

    @Test("an error frame (every `busy` under overload): the same JSON as JSONEncoder writes", arguments: 0..<4)
    func errorsSameAsEncoder(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let someMilliseconds = Int.random(in: 1...90_000, using: &random)
            let retries: [Duration?] = [nil, .zero, .milliseconds(500), .milliseconds(someMilliseconds)]
            let retry = retries.randomElement(using: &random)!
            let error = RelayError(
                [RelayError.Code.busy, .rateLimited, .badJSON].randomElement(using: &random)!, Self.text(&random),
                retryAfter: retry)
            let frame = ErrorFrame(error, clientMessageID: Bool.random(using: &random) ? Self.text(&random) : nil)
            try Self.expectSameAsEncoder(frame, seed: seed)
        }
    }

    @Test("timestamps: ISO 8601 as Foundation writes it, to the millisecond the store keeps", arguments: 0..<4)
    func timestamps(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let style = Date.ISO8601FormatStyle.iso8601.year().month().day().time(includingFractionalSeconds: false)
            .timeZone(separator: .omitted)
        var milliseconds: [Int64] = [0, 951_782_400_000, 4_107_542_399_999, 1_774_000_000_999]  // 2000-02-29, …
        for _ in 0..<2000 { milliseconds.append(Int64.random(in: 0...4_102_444_800_000, using: &random)) }
        for value in milliseconds {
            let date = Date(timeIntervalSince1970: Double(value) / 1000)
            let text = Wire.timestamp(date)
            let seconds = Date(timeIntervalSince1970: Double(value / 1000)).formatted(style)
            #expect(text == seconds.dropLast() + String(format: ".%03dZ", value % 1000), "seed \(seed): \(value) ms")
            // A live date (finer than a millisecond) shows what the store will give back.
            let live = date.addingTimeInterval(Double.random(in: -0.000_49...0.000_49, using: &random))
            #expect(Wire.timestamp(live) == text, "seed \(seed): \(live.timeIntervalSince1970)")
        }
    }
}
