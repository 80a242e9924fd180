import Foundation
import ParleyCore
@testable import ParleySQLite
import ParleyTesting
import Testing

/// The writer's memory of what appends read (``AppendHeads``): it must follow the file exactly.
@Suite("SQLiteChatStore: the writer's memory of conversations")
struct AppendHeadsTests {
    struct Refused: Error {}

    @Test("a conversation's status change is seen by the next append; a resend still returns the original")
    func statusAndResend() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1", text: "eins"))
            #expect(store.heads.head(of: conversation.id, sender: visitor.id)?.0.lastSeq == 1)
            _ = try await store.updateAssignment(conversation.id, status: .closed, operatorID: nil, at: Fixtures.epoch)
            await #expect(throws: StoreError.self) {
                _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m2"))
            }
            _ = try await store.updateAssignment(conversation.id, status: .waiting, operatorID: nil, at: Fixtures.epoch)
            let third = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m3"))
            #expect(third.inserted && third.message.seq == 2)
            let again = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1", text: "x"))
            #expect(!again.inserted && again.message.seq == 1 && again.message.text == "eins")
            let fourth = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m4"))
            #expect(fourth.message.seq == 3)
        }
    }

    @Test("an append in a transaction that fails leaves no trace in the writer's memory")
    func rolledBackAppend() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1"))
            let hold = try await WriterHold.hold(store)
            let lost = Task { try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m2")) }
            try await until { store.batcher.queued == 1 }
            let failing = Task { () throws -> Void in try await store.batcher.write { _ in throw Refused() } }
            try await until { store.batcher.queued == 2 }
            try await hold.release()
            await #expect(throws: (any Error).self) { _ = try await lost.value }
            await #expect(throws: (any Error).self) { try await failing.value }
            let next = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m3"))
            #expect(next.message.seq == 2, "the rolled-back message's seq is free again")
            #expect(try await store.messages(in: conversation.id, after: 0, limit: 10).map(\.seq) == [1, 2])
        }
    }
}
