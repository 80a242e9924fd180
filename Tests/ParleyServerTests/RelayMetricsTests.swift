import Foundation
import ParleyCore
@testable import ParleyServer
import Prometheus
import Testing

/// `/metrics` in Prometheus text: the metrics the relay promises, by name, and that they count what happened.
@Suite("Relay metrics", .timeLimit(.minutes(1)))
struct RelayMetricsTests {
    @Test("messages relayed, translation latency per engine, detection, connections, queues, first response, commits")
    func metricsMoveAfterAChat() async throws {
        var dependencies = Engines.real()
        dependencies.metricsRegistry = PrometheusCollectorRegistry()
        try await withRelay(dependencies: dependencies) { relay throws in
            #expect(try await relay.metric("parley_messages_delivered") == nil)
            let (conversation, token) = try await relay.startVisitor(languages: ["de"])
            #expect(try await relay.metric("parley_queue_depth", #"queue="waiting_conversations""#) == 1)
            let (cookie, _) = try await relay.login("demo-tr")
            try await relay.withSocket("/ws/operator", headers: ["Cookie": cookie]) { op throws in
                op.send(#"{"type":"join","conversationId":"\#(conversation)","lastSeq":0}"#)
                _ = try await op.next("joined")
                try await relay.withVisitor(token) { visitor throws in
                    #expect(try await relay.metric("parley_connections_open") == 2)
                    visitor.send(#"{"type":"message","clientMessageId":"v1","text":"Wo ist meine Bestellung?"}"#)
                    _ = try await visitor.next("ack")
                    _ = try await op.settledTranslation(of: try await op.next("message"))
                    op.send(#"{"type":"message","conversationId":"\#(conversation)","clientMessageId":"o1","text":"Sipariş numaranız nedir?"}"#)
                    _ = try await op.next("ack")
                    _ = try await op.next("message")
                    var reply = try await visitor.next("message")
                    while reply["seq"]?.int != 2 { reply = try await visitor.next("message") }
                    _ = try await visitor.settledTranslation(of: reply)
                }
            }
            #expect(try await relay.metric("parley_messages_stored", #"role="visitor""#) == 1)
            #expect(try await relay.metric("parley_messages_stored", #"role="operator""#) == 1)
            #expect((try await relay.metric("parley_messages_delivered") ?? 0) >= 4)
            #expect((try await relay.metric("parley_translation_duration_count", #"engine="phrasebook""#) ?? 0) >= 2)
            #expect((try await relay.metric("parley_detection_outcome", #"language="de""#) ?? 0) >= 1)
            #expect((try await relay.metric("parley_detection_outcome", #"language="tr""#) ?? 0) >= 1)
            #expect(try await relay.metric("parley_conversation_first_response_count") == 1)
            #expect(try await relay.metric("parley_queue_depth", #"queue="waiting_conversations""#) == 0)
            #expect(try await relay.metric("parley_queue_depth", #"queue="pipeline""#) != nil)
            #expect(try await relay.metric("parley_queue_depth", #"queue="outbound_max""#) != nil)
            #expect(try await relay.metric("parley_queue_depth", #"queue="outbound_total""#) != nil)
            let commits = try await relay.metric("parley_store_commits") ?? 0
            let writes = try await relay.metric("parley_store_committed_writes") ?? 0
            #expect(commits >= 1 && writes >= 2 && writes >= commits, "\(commits) commits, \(writes) writes")
            let window = try await relay.metric("parley_store_commit_window_ms") ?? 0
            #expect(window >= 2 && window <= 4, "commit window \(window) ms")
        }
    }
}
