import Foundation
import ParleyCore
@testable import ParleyServer
import ParleyTesting
import Testing

/// Routing by language: a visitor goes to an operator who reads their language when one is online and not much busier.
@Suite("Routing by language", .timeLimit(.minutes(1)))
struct RelayRoutingTests {
    @Test("routing is configured as least-busy (the default), language or language:<slack>")
    func configuration() throws {
        #expect(RelayConfiguration().routing == .leastBusy)
        let sample = try RelayConfiguration.load(
            file: packageRoot().appendingPathComponent("Samples/parley.json").path,
            environment: ["PARLEY_ROUTING": "language:3"], commandLine: [:])
        #expect(sample.routing == .language(slack: 3), "the environment beats the sample file's least-busy")
        let load = { (value: String) throws in
            try RelayConfiguration.load(file: nil, environment: ["PARLEY_ROUTING": value], commandLine: [:]).routing
        }
        #expect(try load("least-busy") == .leastBusy)
        #expect(try load("language") == .language(slack: 2))
        #expect(try load(" Language:0 ") == .language(slack: 0))
        #expect(try load("language:7") == .language(slack: 7))
        for wrong in ["fastest", "language:", "language:-1", "language:x", "language:1001"] {
            #expect(throws: ConfigurationError.self, "\(wrong)") { _ = try load(wrong) }
        }
    }

    @Test("a visitor goes to an operator of their language while within the slack, else to the least busy")
    func byLanguage() async throws {
        try await withRelay(configure: { $0.routing = .language(slack: 1) }) { relay throws in
            let (de, tr) = (try await relay.login("demo-de"), try await relay.login("demo-tr").cookie)
            let (deID, trID) = (try await relay.operatorID(de.cookie), try await relay.operatorID(tr))
            try await relay.withOperator(de.cookie) { _ throws in
                try await relay.withOperator(tr) { _ throws in
                    // Least busy alone would give the first to demo-de (0:0, by login).
                    let (first, _) = try await relay.startVisitor(languages: ["tr"])
                    #expect(try await relay.assignment(of: first, cookie: tr).operatorID == trID)
                    // demo-tr has one more than demo-de: within the slack.
                    let (second, _) = try await relay.startVisitor(languages: ["tr-TR", "en"])
                    #expect(try await relay.assignment(of: second, cookie: tr).operatorID == trID)
                    // Two more: past the slack, so the least busy.
                    let (third, _) = try await relay.startVisitor(languages: ["tr"])
                    #expect(try await relay.assignment(of: third, cookie: tr).operatorID == deID)
                    // Nobody reads Estonian: the least busy (demo-de, 1 against 2).
                    let (estonian, _) = try await relay.startVisitor(languages: ["et"])
                    #expect(try await relay.assignment(of: estonian, cookie: tr).operatorID == deID)
                }
            }
        }
    }

    @Test("an operator who leaves hands a conversation on to an operator of the visitor's language")
    func handedOnByLanguage() async throws {
        try await withRelay(configure: { $0.routing = .language(slack: 1) }) { relay throws in
            let (de, en, tr) = (try await relay.login("demo-de"), try await relay.login("demo-en").cookie,
                                try await relay.login("demo-tr").cookie)
            let (deID, trID) = (try await relay.operatorID(de.cookie), try await relay.operatorID(tr))
            try await relay.withOperator(de.cookie) { _ throws in
                try await relay.withOperator(en) { _ throws in
                    // Nobody online reads Turkish: the least busy, demo-de (0:0, by login).
                    let (conversation, _) = try await relay.startVisitor(languages: ["tr"])
                    #expect(try await relay.assignment(of: conversation, cookie: en).operatorID == deID)
                    try await relay.withOperator(tr) { _ throws in
                        // demo-de logs out: demo-tr reads Turkish (least busy alone would pick demo-en, by login).
                        let out = try await relay.http(
                            "POST", "/api/v1/operator/logout", headers: ["Cookie": de.cookie, "X-CSRF-Token": de.csrf])
                        #expect(out.status == 204)
                        var now = try await relay.assignment(of: conversation, cookie: tr).operatorID
                        while now == deID {
                            try await Task.sleep(for: .milliseconds(20))
                            now = try await relay.assignment(of: conversation, cookie: tr).operatorID
                        }
                        #expect(now == trID)
                    }
                }
            }
        }
    }
}
