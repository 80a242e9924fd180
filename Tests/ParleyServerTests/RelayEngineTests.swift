import Foundation
import ParleyCore
@testable import ParleyServer
import ParleyTranslation
import Synchronization
import Testing

/// An engine that never answers: it waits until it is cancelled (as the `Translator` contract requires).
struct StalledEngine: Translator {
    let name = "stalled"
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        throw TranslationError(.cancelled, engine: name, message: "Cancelled.")
    }
}

/// An engine that fails its first `failures` calls, then translates every text to `"[<target>] <text>"`.
final class FlakyEngine: Translator {
    let name = "flaky"
    private let remainingFailures: Mutex<Int>
    init(failures: Int) { remainingFailures = Mutex(failures) }
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let fail = remainingFailures.withLock { count in
            defer { count -= 1 }
            return count > 0
        }
        if fail { throw TranslationError(.engineUnavailable, engine: name, message: "The engine is down.") }
        let segments = request.segments.map { TranslatedSegment(text: "[\(request.pair.target)] \($0)", quality: .machine) }
        return TranslationResult(segments: segments, engine: name, duration: .zero)
    }
}

/// Never answers for Turkish targets (until cancelled); translates everything else to `"[<target>] <text>"`.
struct StallsIntoTurkish: Translator {
    let name = "half-stalled"
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        if "\(request.pair.target)" == "tr" { return try await StalledEngine().translate(request) }
        let segments = request.segments.map { TranslatedSegment(text: "[\(request.pair.target)] \($0)", quality: .machine) }
        return TranslationResult(segments: segments, engine: name, duration: .zero)
    }
}

@Suite("Relay with failing engines", .timeLimit(.minutes(2)))
struct RelayEngineTests {
    /// Visitor (de) and operator (tr) joined; returns after the operator received message 1.
    private func exchange(
        _ relay: TestRelay, _ check: @escaping @Sendable (TestSocket, JSONValue, String) async throws -> Void
    ) async throws {
        try await relay.withJoinedConversation(operator: "demo-tr") { visitor, op, conversation in
            visitor.send(#"{"type":"message","clientMessageId":"v1","text":"Wo ist meine Bestellung?"}"#)
            #expect(try await visitor.next("ack")["seq"]?.int == 1)
            try await check(op, try await op.next("message"), conversation)
        }
    }

    @Test("a stalled engine: the original is delivered at the deadline, then marked untranslated at the timeout")
    func stalledEngine() async throws {
        try await withRelay(
            configure: { $0.pipeline.translationDeadline = .milliseconds(50); $0.pipeline.translationTimeout = .milliseconds(400) },
            dependencies: RelayDependencies(translator: StalledEngine())
        ) { relay throws in
            try await exchange(relay) { op, message, _ in
                #expect(message["text"]?.string == "Wo ist meine Bestellung?")
                #expect(message["translationStatus"]?.string == "pending")
                let update = try await op.next("translation")
                #expect(update["seq"]?.int == 1)
                #expect(update["translationStatus"]?.string == "untranslated")
            }
        }
    }

    @Test("an engine stalled on one conversation's pair holds back no other conversation")
    func stallIsolated() async throws {
        try await withRelay(
            configure: { $0.pipeline.translationDeadline = .seconds(10); $0.pipeline.translationTimeout = .seconds(10) },
            dependencies: RelayDependencies(translator: StallsIntoTurkish())
        ) { relay throws in
            let (stalled, stalledToken) = try await relay.startVisitor(languages: ["de"])
            let (flowing, flowingToken) = try await relay.startVisitor(languages: ["et"])
            let (turkish, _) = try await relay.login("demo-tr")
            let (english, _) = try await relay.login("demo-en")
            try await relay.withSocket("/ws/operator", headers: ["Cookie": turkish]) { trOperator throws in
                trOperator.send(#"{"type":"join","conversationId":"\#(stalled)","lastSeq":0}"#)
                _ = try await trOperator.next("joined")
                try await relay.withSocket("/ws/operator", headers: ["Cookie": english]) { enOperator throws in
                    enOperator.send(#"{"type":"join","conversationId":"\#(flowing)","lastSeq":0}"#)
                    _ = try await enOperator.next("joined")
                    let origin = ["Origin": TestRelay.origin]
                    try await relay.withSocket("/ws/visitor?token=\(stalledToken)", headers: origin) { german throws in
                        german.send(#"{"type":"join","lastSeq":0}"#)
                        german.send(#"{"type":"message","clientMessageId":"d1","text":"Wo ist meine Bestellung?"}"#)
                        _ = try await german.next("ack")
                        try await relay.withSocket("/ws/visitor?token=\(flowingToken)", headers: origin) { estonian throws in
                            estonian.send(#"{"type":"join","lastSeq":0}"#)
                            estonian.send(#"{"type":"message","clientMessageId":"e1","text":"Kus on minu tellimus?"}"#)
                            _ = try await estonian.next("ack")
                            // Delivered translated, long before the stalled message's 10-second deadline.
                            let message = try await enOperator.next("message")
                            #expect(message["translationStatus"]?.string == "done")
                            #expect(message["translation"]?["text"]?.string == "[en] Kus on minu tellimus?")
                        }
                    }
                }
            }
        }
    }

    @Test("past maxInFlight a message is refused with `busy`, its id and a retry hint, and not stored")
    func busyPastTheLimit() async throws {
        try await withRelay(
            configure: {
                $0.pipeline.maxInFlight = 1
                $0.pipeline.translationDeadline = .milliseconds(100)
                $0.pipeline.translationTimeout = .milliseconds(500)
            },
            dependencies: RelayDependencies(translator: StallsIntoTurkish())
        ) { relay throws in
            try await relay.withJoinedConversation(operator: "demo-tr") { visitor, _, _ in
                // Sends until the message is taken (each stalled translation holds the one place until its timeout);
                // returns its seq and how often it was refused.
                @Sendable func sendUntilTaken(_ id: String, _ text: String) async throws -> (seq: Int?, refusals: Int) {
                    var refusals = 0
                    for _ in 0..<100 {
                        visitor.send(#"{"type":"message","clientMessageId":"\#(id)","text":"\#(text)"}"#)
                        while let frame = try await visitor.next() {
                            if frame["type"]?.string == "ack", frame["clientMessageId"]?.string == id {
                                return (frame["seq"]?.int, refusals)
                            }
                            guard frame["type"]?.string == "error" else { continue }
                            #expect(frame["code"]?.string == "busy")
                            #expect(frame["clientMessageId"]?.string == id)
                            #expect(frame["retryAfterMs"]?.int == 500)
                            refusals += 1
                            break
                        }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                    return (nil, refusals)
                }
                // A message refused for its text gives its place back.
                visitor.send(#"{"type":"message","clientMessageId":"v0","text":"  "}"#)
                #expect(try await visitor.next("error")["code"]?.string == "empty_message")
                let first = try await sendUntilTaken("v1", "Wo ist meine Bestellung?")
                #expect(first.seq == 1 && first.refusals == 0)
                // v1 is in flight (its Turkish translation stalls): v2 is refused, then taken once v1 times out.
                let second = try await sendUntilTaken("v2", "Hallo?")
                #expect(second.refusals > 0)
                #expect(second.seq == 2, "the refused sends stored nothing")
                // A resend of a message that was taken gets its stored seq back, not a second copy.
                let again = try await sendUntilTaken("v2", "Hallo?")
                #expect(again.seq == 2)
            }
        }
    }

    @Test("a failing engine: the original is marked untranslated; the operator's retry translates it")
    func failingEngineAndRetry() async throws {
        try await withRelay(dependencies: RelayDependencies(translator: FlakyEngine(failures: 1))) { relay throws in
            try await exchange(relay) { op, message, conversation in
                let settled = try await op.settledTranslation(of: message)
                #expect(settled["translationStatus"]?.string == "untranslated")
                op.send(#"{"type":"retryTranslation","conversationId":"\#(conversation)","seq":1}"#)
                let retried = try await op.next("translation")
                #expect(retried["translationStatus"]?.string == "done")
                #expect(retried["translation"]?["text"]?.string == "[tr] Wo ist meine Bestellung?")
                #expect(retried["translation"]?["engine"]?.string == "flaky")
            }
        }
    }
}

/// Translates every text to `"[<source>→<target>] <text>"`, so a test can see which source language was used.
struct SourceTaggingEngine: Translator {
    let name = "tagging"
    func supports(_ pair: LanguagePair) -> Bool { true }
    func translate(_ request: TranslationRequest) async throws -> TranslationResult {
        let segments = request.segments.map {
            TranslatedSegment(text: "[\(request.pair.source)→\(request.pair.target)] \($0)", quality: .machine)
        }
        return TranslationResult(segments: segments, engine: name, duration: .zero)
    }
}

@Suite("Wrong-language correction", .timeLimit(.minutes(2)))
struct LanguageCorrectionTests {
    @Test("an operator's correction re-translates the message from the corrected language; the visitor follows it")
    func operatorCorrectsTheLanguage() async throws {
        try await withRelay(dependencies: RelayDependencies(translator: SourceTaggingEngine())) { relay throws in
            let (conversation, token) = try await relay.startVisitor(languages: ["de"])
            let (cookie, _) = try await relay.login("demo-tr")
            try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":0}"#)
                _ = try await op.next("joined")
                try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { visitor throws in
                    visitor.send(#"{"type":"join","lastSeq":0}"#)
                    visitor.send(#"{"type":"message","clientMessageId":"v1","text":"Where is my order?"}"#)
                    _ = try await visitor.next("ack")
                    let first = try await op.settledTranslation(of: try await op.next("message"))
                    #expect(first["translation"]?["text"]?.string == "[de→tr] Where is my order?")

                    visitor.send(#"{"type":"correctLanguage","seq":1,"language":"en"}"#)
                    #expect(try await visitor.next("error")["code"]?.string == "forbidden")

                    op.send(#"{"type":"correctLanguage","conversationId":"\#(conversation)","seq":1,"language":"en"}"#)
                    #expect(try await op.next("language")["language"]?.string == "en")
                    let corrected = try await op.next("translation")
                    #expect(corrected["seq"]?.int == 1)
                    #expect(corrected["translation"]?["text"]?.string == "[en→tr] Where is my order?")

                    op.send(#"{"type":"correctLanguage","conversationId":"\#(conversation)","seq":9,"language":"en"}"#)
                    #expect(try await op.next("error")["code"]?.string == "unknown_message")
                }
            }
        }
    }
}
