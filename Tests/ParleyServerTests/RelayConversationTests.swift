import Foundation
import ParleyCore
@testable import ParleyServer
import Testing

/// End-to-end conversations through the relay: HTTP + WebSocket, real store, the configured engines.
@Suite("Relay conversations", .timeLimit(.minutes(2)))
struct RelayConversationTests {
    /// A visitor writes in `visitorLanguage`, an operator answers in its language; each side gets the other's
    /// message translated by the real detector and phrasebook.
    @Test(
        "visitor and operator chat across languages",
        arguments: [
            ("de", "demo-tr", "Wo ist meine Bestellung?", "Siparişim nerede?",
             "Sipariş numaranız nedir?", "Wie lautet Ihre Bestellnummer?"),
            ("et", "demo-en", "Kus on minu tellimus?", "Where is my order?",
             "What is your order number?", "Mis on teie tellimuse number?"),
        ])
    func crossLanguageChat(
        visitorLanguage: String, operatorLogin: String, visitorText: String, visitorTranslated: String,
        operatorText: String, operatorTranslated: String
    ) async throws {
        try await withRelay(dependencies: Engines.real()) { relay throws in
            let (conversation, token) = try await relay.startVisitor(languages: [visitorLanguage])
            let (cookie, _) = try await relay.login(operatorLogin)
            try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                _ = try await op.next("welcome")
                let assigned = try await op.next("conversation")
                #expect(assigned["conversation"]?["id"]?.string == conversation)
                op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":0}"#)
                _ = try await op.next("joined")
                try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { visitor throws in
                    let welcome = try await visitor.next("welcome")
                    #expect(welcome["language"]?.string == visitorLanguage)
                    visitor.send(#"{"type":"join","lastSeq":0}"#)
                    _ = try await visitor.next("joined")
                    visitor.send(#"{"type":"message","clientMessageId":"v1","text":"\#(visitorText)"}"#)
                    #expect(try await visitor.next("ack")["seq"]?.int == 1)
                    let own = try await visitor.next("message")
                    #expect(own["translationStatus"]?.string == "none")
                    let incoming = try await op.next("message")
                    #expect(incoming["seq"]?.int == 1)
                    #expect(incoming["text"]?.string == visitorText)
                    #expect(incoming["language"]?.string == visitorLanguage)
                    let forOperator = try await op.settledTranslation(of: incoming)
                    #expect(forOperator["translationStatus"]?.string == "done")
                    #expect(forOperator["translation"]?["text"]?.string == visitorTranslated)
                    #expect(forOperator["translation"]?["engine"]?.string == "phrasebook")
                    op.send(#"{"type":"message","conversationId":"\#(conversation)","clientMessageId":"o1","text":"\#(operatorText)"}"#)
                    #expect(try await op.next("ack")["seq"]?.int == 2)
                    let reply = try await visitor.next("message")
                    #expect(reply["seq"]?.int == 2)
                    #expect(reply["sender"]?["role"]?.string == "operator")
                    let forVisitor = try await visitor.settledTranslation(of: reply)
                    #expect(forVisitor["translation"]?["text"]?.string == operatorTranslated)
                    #expect(forVisitor["translation"]?["quality"]?.string == "exact")
                }
            }
            let transcript = try await relay.http(
                "GET", "/api/v1/conversations/\(conversation)/transcript", headers: ["Authorization": "Bearer \(token)"])
            #expect(transcript.status == 200)
            let messages = transcript.json?["messages"]?.array ?? []
            #expect(messages.map { $0["seq"]?.int } == [1, 2])
            #expect(messages.first?["translations"]?.array.first?["text"]?.string == visitorTranslated)
        }
    }

    @Test("nobody online: the visitor is told in their language, messages wait for the next operator")
    func noOperatorOnline() async throws {
        try await withRelay(dependencies: Engines.real()) { relay throws in
            let (conversation, token) = try await relay.startVisitor(languages: ["tr-TR", "en"])
            try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { visitor throws in
                visitor.send(#"{"type":"join","lastSeq":0}"#)
                let notice = try await visitor.next("system")
                #expect(notice["code"]?.string == "no_operator_online")
                #expect(notice["language"]?.string == "tr")
                visitor.send(#"{"type":"message","clientMessageId":"v1","text":"Siparişim nerede?"}"#)
                #expect(try await visitor.next("ack")["seq"]?.int == 1)
            }
            let (cookie, _) = try await relay.login("demo-de")
            try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                let assigned = try await op.next("conversation")
                #expect(assigned["conversation"]?["status"]?.string == "assigned")
                op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":0}"#)
                let waiting = try await op.next("message")
                #expect(waiting["seq"]?.int == 1)
                #expect(waiting["text"]?.string == "Siparişim nerede?")
                let translated = try await op.settledTranslation(of: waiting)
                #expect(translated["translation"]?["text"]?.string == "Wo ist meine Bestellung?")
            }
        }
    }

    @Test("a reconnecting visitor resumes from its last seq and gets exactly what it missed")
    func resumeAfterDisconnect() async throws {
        try await withRelay { relay throws in
            let (conversation, token) = try await relay.startVisitor(languages: ["en"])
            let (cookie, _) = try await relay.login("demo-en")
            try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { visitor throws in
                visitor.send(#"{"type":"join","lastSeq":0}"#)
                for index in 1...3 {
                    visitor.send(#"{"type":"message","clientMessageId":"v\#(index)","text":"message \#(index)"}"#)
                    #expect(try await visitor.next("ack")["seq"]?.int == index)
                }
            }
            try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":3}"#)
                _ = try await op.next("joined")
                for index in 1...2 {
                    op.send(#"{"type":"message","conversationId":"\#(conversation)","clientMessageId":"o\#(index)","text":"answer \#(index)"}"#)
                    _ = try await op.next("ack")
                }
            }
            try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { visitor throws in
                visitor.send(#"{"type":"join","lastSeq":3}"#)
                let joined = try await visitor.next("joined")
                #expect(joined["lastSeq"]?.int == 5)
                let first = try await visitor.next("message")
                let second = try await visitor.next("message")
                #expect([first["seq"]?.int, second["seq"]?.int] == [4, 5])
                #expect(second["text"]?.string == "answer 2")
            }
        }
    }

    @Test("a resend with the same clientMessageId gets the same seq and is stored once")
    func idempotentResend() async throws {
        try await withRelay { relay throws in
            let (conversation, token) = try await relay.startVisitor(languages: ["de"])
            try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { visitor throws in
                visitor.send(#"{"type":"join","lastSeq":0}"#)
                visitor.send(#"{"type":"message","clientMessageId":"same","text":"Hallo"}"#)
                #expect(try await visitor.next("ack")["seq"]?.int == 1)
                visitor.send(#"{"type":"message","clientMessageId":"same","text":"Hallo"}"#)
                #expect(try await visitor.next("ack")["seq"]?.int == 1)
                visitor.send(#"{"type":"message","clientMessageId":"other","text":"Noch da?"}"#)
                #expect(try await visitor.next("ack")["seq"]?.int == 2)
            }
            let transcript = try await relay.http(
                "GET", "/api/v1/conversations/\(conversation)/transcript", headers: ["Authorization": "Bearer \(token)"])
            #expect(transcript.json?["messages"]?.array.count == 2)
        }
    }

    /// Rate limits no burst of these tests reaches.
    static func roomForBursts(_ configuration: inout RelayConfiguration) {
        configuration.limits.messagesPerSecond = 1000
        configuration.limits.messageBurst = 1000
        configuration.limits.messagesPerSecondPerIP = 10_000
        configuration.limits.framesPerSecond = 10_000
    }

    @Test("concurrent senders: every participant receives every message once, in seq order")
    func orderingUnderConcurrentSenders() async throws {
        let perSide = 40
        try await withRelay(configure: Self.roomForBursts) { relay throws in
            try await relay.withJoinedConversation(operator: "demo-de") { visitor, op, conversation in
                for index in 0..<perSide {
                    visitor.send(#"{"type":"message","clientMessageId":"v\#(index)","text":"v \#(index)"}"#)
                    op.send(#"{"type":"message","conversationId":"\#(conversation)","clientMessageId":"o\#(index)","text":"o \#(index)"}"#)
                }
                for socket in [visitor, op] {
                    var seqs: [Int] = []
                    while seqs.count < 2 * perSide {
                        if let seq = try await socket.next("message")["seq"]?.int { seqs.append(seq) }
                    }
                    #expect(seqs == Array(1...(2 * perSide)))
                }
            }
        }
    }

    @Test("a socket's messages sent without waiting for their acks are stored in the order it sent them")
    func backToBackMessagesKeepTheirOrder() async throws {
        let count = 48
        try await withRelay(configure: Self.roomForBursts) { relay throws in
            try await relay.withJoinedConversation(operator: "demo-tr") { visitor, op, _ in
                let texts = (0..<count).map { index in
                    index.isMultiple(of: 2) ? "Wo ist meine Bestellung? Nummer \(index)" : "Danke \(index)"
                }
                for (index, text) in texts.enumerated() {
                    visitor.send(#"{"type":"message","clientMessageId":"m\#(index)","text":"\#(text)"}"#)
                }
                // A frame after the messages acts after them: the operator hears of the read once every message
                // before it was delivered.
                visitor.send(#"{"type":"read","seq":\#(count)}"#)
                var acked: [String: Int] = [:]
                while acked.count < count {
                    let ack = try await visitor.next("ack")
                    acked[ack["clientMessageId"]?.string ?? ""] = ack["seq"]?.int
                }
                #expect((0..<count).map { acked["m\($0)"] } == Array(1...count))
                var delivered: [String] = []
                while let frame = try await op.next(), frame["type"]?.string != "read" {
                    if frame["type"]?.string == "message", let text = frame["text"]?.string { delivered.append(text) }
                }
                #expect(delivered == texts)
            }
        }
    }
}
