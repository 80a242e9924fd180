import Logging
@testable import ParleyCore
import ParleySQLite
import ParleyTesting
import Testing

/// The assignment desk against the SQLite store: a conversation two hand-overs race for is handed out once.
@Suite("Assignment desk: one hand-over per waiting conversation")
struct DoubleHandOverTests {
    /// The desk is an actor, but between its awaits a visitor's start and an operator's arrival can both decide to hand
    /// out the same waiting conversation, each holding it as it was listed (waiting). Here the second decision comes
    /// with that stale copy, as the race delivers it: the conversation stays with the first operator.
    @Test func aStaleWaitingCopyIsNotHandedOutAgain() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, _) = try await Fixtures.seed(store)
            let presence = OperatorPresence()
            let bus = LocalEventBus()
            let logger = Logger(label: "test")
            let desk = AssignmentDesk(
                store: store, bus: bus, presence: presence,
                queueNews: QueueAnnouncer(store: store, bus: bus, presence: presence, logger: logger), logger: logger)
            for login in ["ayse", "emre"] {
                let account = Fixtures.operatorAccount(login)
                try await store.addOperator(account)
                _ = presence.connected(account)
            }
            #expect(conversation.status == .waiting)
            let first = try await desk.assign(conversation)
            #expect(first.status == .assigned && first.assignedOperatorID == "o_ayse")
            let second = try await desk.assign(conversation)
            #expect(second.assignedOperatorID == "o_ayse", "the stale copy does not move it to the other operator")
            let operators = try await store.participants(of: conversation.id).filter { $0.role == .operator }
            #expect(operators.map(\.operatorID) == ["o_ayse"], "one operator takes part")
        }
    }
}
