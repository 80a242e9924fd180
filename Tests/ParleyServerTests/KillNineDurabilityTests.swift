import Foundation
import ParleyCore
@testable import ParleyServer
import Synchronization
import Testing

/// The durability guarantee: an acknowledged message survives `kill -9` of the relay under load.
@Suite("kill -9 durability", .timeLimit(.minutes(3)))
struct KillNineDurabilityTests {
    static let senders = 8
    static let killAfterAcks = 400

    @Test("kill -9 under load loses no acknowledged message")
    func killNineLosesNothingAcknowledged() async throws {
        try await withTemporaryDirectory { directory throws in
            let environment = [
                "PARLEY_MESSAGES_PER_SECOND": "100000", "PARLEY_MESSAGE_BURST": "100000",
                "PARLEY_MESSAGES_PER_SECOND_PER_IP": "100000", "PARLEY_CONVERSATIONS_PER_MINUTE_PER_IP": "100000",
                "PARLEY_DEMO_ORIGINS": "\(TestRelay.origin),ws://127.0.0.1",
            ]
            let server = try await RelayProcess.start(dataDirectory: directory, environment: environment)
            let relay = TestRelay(port: server.port, configuration: RelayConfiguration())
            var conversations: [(id: String, token: String)] = []
            for _ in 0..<Self.senders { conversations.append(try await relay.startVisitor(languages: ["en"])) }
            let ledger = AckLedger()
            await withTaskGroup(of: Void.self) { group in
                for (index, conversation) in conversations.enumerated() {
                    group.addTask { await Self.send(as: index, conversation.token, to: relay, ledger: ledger) }
                }
                group.addTask {
                    await ledger.waitUntil(count: Self.killAfterAcks)
                    await server.kill9()
                }
            }
            let acknowledged = ledger.all
            #expect(acknowledged.count >= Self.killAfterAcks)

            let restarted = try await RelayProcess.start(dataDirectory: directory, environment: environment)
            let after = TestRelay(port: restarted.port, configuration: RelayConfiguration())
            var found = 0
            for conversation in conversations {
                let transcript = try await after.http(
                    "GET", "/api/v1/conversations/\(conversation.id)/transcript",
                    headers: ["Authorization": "Bearer \(conversation.token)"])
                let stored = (transcript.json?["messages"]?.array ?? []).compactMap { message -> (String, Int)? in
                    guard let id = message["clientMessageId"]?.string, let seq = message["seq"]?.int else { return nil }
                    return (id, seq)
                }
                #expect(stored.map(\.1) == Array(1..<(stored.count + 1)), "seqs are gapless after the crash")
                let storedByID = Dictionary(stored, uniquingKeysWith: { first, _ in first })
                for ack in acknowledged where ack.conversation == conversation.token {
                    #expect(storedByID[ack.clientMessageID] == ack.seq, "acknowledged \(ack.clientMessageID) is stored")
                    if storedByID[ack.clientMessageID] == ack.seq { found += 1 }
                }
            }
            await restarted.terminate()
            #expect(found == acknowledged.count)
            print("kill -9 durability: \(acknowledged.count) acknowledged before the kill, \(found) found after restart")
        }
    }

    /// Sends messages one after another until the relay dies, recording every ack.
    static func send(as sender: Int, _ token: String, to relay: TestRelay, ledger: AckLedger) async {
        do {
            try await relay.withSocket("/ws/visitor?token=\(token)", headers: ["Origin": TestRelay.origin]) { socket throws in
                socket.send(#"{"type":"join","lastSeq":0}"#)
                var index = 0
                while true {
                    index += 1
                    let id = "s\(sender)-\(index)"
                    socket.send(#"{"type":"message","clientMessageId":"\#(id)","text":"message \#(index) from \#(sender)"}"#)
                    let ack = try await socket.next("ack")
                    guard ack["clientMessageId"]?.string == id, let seq = ack["seq"]?.int else { continue }
                    ledger.record(Ack(conversation: token, clientMessageID: id, seq: seq))
                }
            }
        } catch {
            // The relay was killed: the socket ends here; what was acknowledged is in the ledger.
        }
    }
}

struct Ack: Sendable {
    var conversation: String
    var clientMessageID: String
    var seq: Int
}

/// Every acknowledgement received, and a way to wait for a number of them.
final class AckLedger: Sendable {
    private struct State {
        var acks: [Ack] = []
        var waiters: [(Int, CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())

    func record(_ ack: Ack) {
        let ready = state.withLock { state in
            state.acks.append(ack)
            let count = state.acks.count
            let ready = state.waiters.filter { $0.0 <= count }.map(\.1)
            state.waiters.removeAll { $0.0 <= count }
            return ready
        }
        for waiter in ready { waiter.resume() }
    }

    func waitUntil(count: Int) async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                if state.acks.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }

    var all: [Ack] { state.withLock { $0.acks } }
}
