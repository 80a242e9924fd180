import Foundation
import ParleyCore
@testable import ParleySQLite
import ParleyTesting
import ParleyText
import Testing

@Suite("SQLite store's cache follows its own writes")
struct StoreCacheTests {
    /// The participants as the file holds them, past the cache.
    static func filed(_ store: SQLiteChatStore, _ conversation: ConversationID) async throws -> [Participant] {
        try await store.read { db in try SQLiteChatStore.participants(of: conversation, db) }
    }

    @Test("a conversation's participants are cached as each write leaves them, so its next message reads none")
    func participantsFollowWrites() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            #expect(store.cache.participants(of: conversation.id) == [visitor])
            let ayse = Fixtures.operatorAccount("ayse")
            try await store.addOperator(ayse)
            let joined = Participant(
                id: "p_op", conversationID: conversation.id, role: .operator, operatorID: ayse.id, name: "Ayşe",
                language: .turkish)
            _ = try await store.addParticipant(joined)
            #expect(store.cache.participants(of: conversation.id) == [visitor, joined])
            #expect(try await Self.filed(store, conversation.id) == [visitor, joined])
            // Joining again changes nothing, in the file or the cache.
            var again = joined
            again.id = "p_op2"
            #expect(try await store.addParticipant(again) == joined)
            #expect(store.cache.participants(of: conversation.id) == [visitor, joined])
            // A language change empties the entry; the next read fills it from the file.
            try await store.setLanguage(.estonian, of: visitor.id)
            #expect(store.cache.participants(of: conversation.id) == nil)
            let read = try await store.participants(of: conversation.id)
            #expect(read.first?.language == .estonian)
            #expect(store.cache.participants(of: conversation.id) == read)
        }
    }

    @Test("the newest messages are answered from memory without suspending, as the file holds them")
    func messagesInMemoryMatchTheFile() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            #expect(store.messagesInMemory(in: conversation.id, after: 0, limit: 10) == [])
            for index in 1...40 {
                _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)"))
            }
            try await store.setDetection(.german, confidence: 0.7, conversation: conversation.id, seq: 39)
            try await store.saveTranslation(Fixtures.translation(conversation.id, seq: 39, into: .turkish, text: "Merhaba"))
            let filed = try await store.read { db in
                try SQLiteChatStore.filedMessages(in: conversation.id, after: 36, limit: 10, db)
            }
            #expect(filed.map(\.seq) == [37, 38, 39, 40])
            #expect(filed[2].language == .german && filed[2].translations.map(\.text) == ["Merhaba"])
            #expect(store.messagesInMemory(in: conversation.id, after: 36, limit: 10) == filed)
            #expect(store.messagesInMemory(in: conversation.id, after: 36, limit: 2) == Array(filed.prefix(2)))
            // Older than what memory holds: only the async read answers.
            #expect(store.messagesInMemory(in: conversation.id, after: 0, limit: 10) == nil)
            #expect(try await store.messages(in: conversation.id, after: 0, limit: 3).map(\.seq) == [1, 2, 3])
            #expect(store.messagesInMemory(in: "c_unknown", after: 0, limit: 10) == nil)
        }
    }

    @Test("far past its limit the cache keeps the newest messages in order, and edits the oldest and the newest it holds")
    func keepsTheNewestPastItsLimit() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            let total = HotCache.recentLimit * 2 + 7
            for index in 1...total {
                _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)"))
            }
            let oldest = total - HotCache.recentLimit + 1
            #expect(store.messagesInMemory(in: conversation.id, after: oldest - 1, limit: 1_000)?.map(\.seq)
                == Array(oldest...total))
            #expect(store.messagesInMemory(in: conversation.id, after: oldest - 2, limit: 1_000) == nil)
            #expect(store.messagesInMemory(in: conversation.id, after: total - 3, limit: 2)?.map(\.seq)
                == [total - 2, total - 1])
            #expect(store.cache.latest(in: conversation.id, limit: 4)?.map(\.seq) == Array((total - 3)...total))
            #expect(store.cache.latest(in: conversation.id, limit: HotCache.recentLimit + 1) == nil)
            // The oldest message held and the newest both take a detection and a translation in place.
            for seq in [oldest, total] {
                try await store.setDetection(.german, confidence: 0.9, conversation: conversation.id, seq: seq)
                try await store.saveTranslation(
                    Fixtures.translation(conversation.id, seq: seq, into: .turkish, text: "Merhaba \(seq)"))
            }
            let filed = try await store.read { db in
                try SQLiteChatStore.filedMessages(in: conversation.id, after: oldest - 1, limit: 1_000, db)
            }
            #expect(store.messagesInMemory(in: conversation.id, after: oldest - 1, limit: 1_000) == filed)
            #expect(filed.first?.translations.map(\.text) == ["Merhaba \(oldest)"])
            #expect(filed.last?.language == .german)
        }
    }

    @Test("conversations spread over the cache's shards keep their own messages and participants")
    func shardsKeepTheirOwn() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            var seeded: [(Conversation, Participant)] = []
            for index in 0..<(HotCache.shardCount * 3) {
                seeded.append(try await Fixtures.seed(store, conversation: "c\(index)"))
            }
            for (conversation, visitor) in seeded {
                for message in 1...3 {
                    _ = try await store.append(Fixtures.draft(
                        conversation.id, from: visitor.id, id: "m\(message)", text: "\(conversation.id) \(message)"))
                }
            }
            for (conversation, visitor) in seeded {
                let page = store.messagesInMemory(in: conversation.id, after: 1, limit: 10)
                #expect(page?.map(\.text) == ["\(conversation.id) 2", "\(conversation.id) 3"])
                #expect(store.messagesInMemory(in: conversation.id, after: 3, limit: 10) == [])
                #expect(store.messagesInMemory(in: conversation.id, after: 0, limit: 0) == [])
                #expect(store.cache.participants(of: conversation.id) == [visitor])
            }
            // A language change finds its participant in whichever shard holds it, and empties that entry alone.
            let (changed, visitor) = seeded[HotCache.shardCount + 5]
            try await store.setLanguage(.estonian, of: visitor.id)
            #expect(store.cache.participants(of: changed.id) == nil)
            for (conversation, other) in seeded where conversation.id != changed.id {
                #expect(store.cache.participants(of: conversation.id) == [other])
            }
        }
    }
}
