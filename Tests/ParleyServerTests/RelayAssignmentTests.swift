import Foundation
import ParleyCore
@testable import ParleyServer
import ParleyTesting
import Prometheus
import Testing

/// Operators come and go: a conversation is never left with an operator who is not there.
@Suite("Operator departures", .timeLimit(.minutes(1)))
struct RelayAssignmentTests {
    static let grace: Duration = .seconds(30)

    static func dependencies(_ clock: TestClock) -> RelayDependencies {
        var dependencies = RelayDependencies()
        dependencies.clock = clock
        dependencies.metricsRegistry = PrometheusCollectorRegistry()
        return dependencies
    }

    /// The next `system` frame with `code`, skipping other frames.
    static func notice(_ code: String, on socket: TestSocket) async throws -> JSONValue {
        while true {
            let frame = try await socket.next("system")
            if frame["code"]?.string == code { return frame }
        }
    }

    @Test("offline past the grace period: handed to the least busy online operator, else waiting; then picked up")
    func departureHandsOn() async throws {
        let clock = TestClock()
        try await withRelay(configure: { $0.operatorGracePeriod = Self.grace }, dependencies: Self.dependencies(clock)) {
            relay throws in
            let (de, en, et, tr) = (try await relay.login("demo-de").cookie, try await relay.login("demo-en").cookie,
                                    try await relay.login("demo-et").cookie, try await relay.login("demo-tr").cookie)
            let (enID, etID, trID) = (try await relay.operatorID(en), try await relay.operatorID(et), try await relay.operatorID(tr))
            try await relay.withSocket("/ws/operator", headers: ["Cookie": de]) { deSocket throws in
                _ = try await deSocket.next("queue")
                try await relay.withSocket("/ws/operator", headers: ["Cookie": en]) { enSocket throws in
                    _ = try await enSocket.next("queue")
                    let (c1, token1) = try await relay.startVisitor(languages: ["en"])  // → demo-de
                    let (c2, _) = try await relay.startVisitor(languages: ["en"])  // → demo-en
                    let (c3, token3) = try await relay.startVisitor(languages: ["tr"])  // → demo-de (1:1, by login)
                    try await relay.withSocket("/ws/operator", headers: ["Cookie": et]) { etSocket throws in
                        _ = try await etSocket.next("queue")
                        try await relay.withVisitor(token1) { v1 throws in
                            try await relay.withVisitor(token3) { v3 throws in
                                // demo-de leaves: c1 goes to demo-et (0 open), then c3 to demo-en (1:1, by login).
                                deSocket.close()
                                await clock.waitForSleepers(1)
                                clock.advance(by: Self.grace)
                                _ = try await Self.notice("operator_assigned", on: v1)
                                _ = try await Self.notice("operator_assigned", on: v3)
                                #expect(try await relay.assignment(of: c1, cookie: en).operatorID == etID)
                                #expect(try await relay.assignment(of: c3, cookie: en).operatorID == enID)
                                // demo-en and demo-et leave too: nobody is online, everything waits.
                                enSocket.close()
                                etSocket.close()
                                await clock.waitForSleepers(2)
                                clock.advance(by: Self.grace)
                                let told = try await Self.notice("no_operator_online", on: v3)
                                #expect(told["language"]?.string == "tr")
                                #expect(told["text"]?.string?.hasPrefix("Şu anda kimse çevrimiçi değil") == true)
                                _ = try await Self.notice("no_operator_online", on: v1)
                                for conversation in [c1, c2, c3] {
                                    #expect(try await relay.assignment(of: conversation, cookie: tr) == ("waiting", nil))
                                }
                                v3.send(#"{"type":"message","clientMessageId":"v1","text":"Kimse yok mu?"}"#)
                                #expect(try await v3.next("ack")["seq"]?.int == 1)
                                // demo-tr comes online and picks up all three.
                                try await relay.withSocket("/ws/operator", headers: ["Cookie": tr]) { trSocket throws in
                                    _ = try await Self.notice("operator_assigned", on: v3)
                                    for conversation in [c1, c2, c3] {
                                        #expect(try await relay.assignment(of: conversation, cookie: tr) == ("assigned", trID))
                                    }
                                    trSocket.send(#"{"type":"join","conversationId":"\#(c3)","lastSeq":0}"#)
                                    #expect(try await trSocket.next("message")["text"]?.string == "Kimse yok mu?")
                                }
                            }
                        }
                    }
                    _ = c2
                }
            }
        }
    }

    @Test("a reconnect within the grace period keeps the operator's conversations")
    func reconnectWithinGrace() async throws {
        let clock = TestClock()
        try await withRelay(configure: { $0.operatorGracePeriod = Self.grace }, dependencies: Self.dependencies(clock)) {
            relay throws in
            let (de, en) = (try await relay.login("demo-de").cookie, try await relay.login("demo-en").cookie)
            let deID = try await relay.operatorID(de)
            try await relay.withSocket("/ws/operator", headers: ["Cookie": en]) { enSocket throws in
                _ = try await enSocket.next("queue")
                let conversation = try await relay.withSocket("/ws/operator", headers: ["Cookie": de]) { deSocket throws in
                    _ = try await deSocket.next("queue")
                    let (conversation, _) = try await relay.startVisitor(languages: ["de"])  // → demo-de (0:0, by login)
                    return conversation
                }
                await clock.waitForSleepers(1)
                try await relay.withSocket("/ws/operator", headers: ["Cookie": de]) { deSocket throws in
                    _ = try await deSocket.next("queue")
                    clock.advance(by: Self.grace)
                    try await Self.waitForMetric(relay, #"outcome="returned""#)
                    #expect(try await relay.assignment(of: conversation, cookie: en) == ("assigned", deID))
                }
            }
        }
    }

    @Test("logout hands the conversations on at once")
    func logoutHandsOn() async throws {
        let clock = TestClock()
        try await withRelay(dependencies: Self.dependencies(clock)) { relay throws in
            let (de, en) = (try await relay.login("demo-de"), try await relay.login("demo-en").cookie)
            let enID = try await relay.operatorID(en)
            try await relay.withSocket("/ws/operator", headers: ["Cookie": en]) { enSocket throws in
                _ = try await enSocket.next("queue")
                try await relay.withSocket("/ws/operator", headers: ["Cookie": de.cookie]) { deSocket throws in
                    _ = try await deSocket.next("queue")
                    let (conversation, _) = try await relay.startVisitor(languages: ["de"])  // → demo-de
                    let out = try await relay.http(
                        "POST", "/api/v1/operator/logout", headers: ["Cookie": de.cookie, "X-CSRF-Token": de.csrf])
                    #expect(out.status == 204)
                    #expect(try await deSocket.waitForClose() == 4502)
                    while true {
                        let summary = try await enSocket.next("conversation")["conversation"]
                        if summary?["id"]?.string == conversation, summary?["assignedOperatorId"]?.string == enID { break }
                    }
                    #expect(clock.sleeperCount <= 1)  // no grace period was waited for
                }
            }
        }
    }

    @Test("after a restart, conversations of operators who do not come back are handed on; shutdown hands on nothing")
    func restartHandsOnAbsentOperators() async throws {
        try await withTemporaryDirectory { directory throws in
            // No grace at all: only because departures stop when shutdown begins does demo-de keep the conversation.
            let conversation = try await withRelay(dataDirectory: directory, configure: { $0.operatorGracePeriod = .zero }) {
                relay throws in
                let de = try await relay.login("demo-de").cookie
                return try await relay.withSocket("/ws/operator", headers: ["Cookie": de]) { deSocket throws in
                    _ = try await deSocket.next("queue")
                    let conversation = try await relay.startVisitor(languages: ["de"]).id  // → demo-de
                    await relay.shutdown()
                    #expect(try await deSocket.waitForClose() == 4000)
                    return conversation
                }
            }
            let clock = TestClock()
            try await withRelay(dataDirectory: directory, configure: { $0.operatorGracePeriod = Self.grace },
                                dependencies: Self.dependencies(clock)) { relay throws in
                let en = try await relay.login("demo-en").cookie
                let (deID, enID) = (try await relay.operatorID(try await relay.login("demo-de").cookie), try await relay.operatorID(en))
                #expect(try await relay.assignment(of: conversation, cookie: en) == ("assigned", deID))
                try await relay.withSocket("/ws/operator", headers: ["Cookie": en]) { enSocket throws in
                    _ = try await enSocket.next("queue")
                    await clock.waitForSleepers(1)
                    clock.advance(by: Self.grace)
                    try await Self.waitForMetric(relay, #"outcome="released""#)
                    #expect(try await relay.assignment(of: conversation, cookie: en) == ("assigned", enID))
                }
            }
        }
    }

    /// Polls `/metrics` (a bounded number of times) until `parley_operator_departures` with `label` counts one.
    static func waitForMetric(_ relay: TestRelay, _ label: String) async throws {
        for _ in 0..<500 {
            if try await relay.metric("parley_operator_departures", label) == 1 { return }
            await Task.yield()
        }
        throw TestFailure("parley_operator_departures{\(label)} never reached 1")
    }
}
