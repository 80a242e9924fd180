import Foundation
import ParleyCore
@testable import ParleySQLite
import ParleyTesting
import ParleyText
import ParleyTranslation
import Testing

@Suite("SQLiteChatStore migrations")
struct MigrationTests {
    /// A file as version 1 left it: text keys everywhere, `last_seq` and `updated_at` kept in the conversation's row.
    /// Two conversations; the first with three messages (two translated, one into two languages) and an operator,
    /// the second closed without messages.
    static let version1Rows = """
        INSERT INTO site VALUES ('shop', 'Shop', 'http://127.0.0.1:8080', 'en');
        INSERT INTO operator VALUES ('o_ayse', 'shop', 'ayse', 'Ayşe', 'tr', '$2b$04$x', 1000);
        INSERT INTO conversation VALUES ('c1', 'shop', 'assigned', 'o_ayse', 'de,en', 'http://127.0.0.1:8080/cart', 'Cart',
            'de', 3, 1000, 4000);
        INSERT INTO conversation VALUES ('c2', 'shop', 'closed', NULL, 'et', NULL, NULL, NULL, 0, 1500, 2500);
        INSERT INTO participant VALUES ('pv_c1', 'c1', 'visitor', NULL, 'Visitor', 'de');
        INSERT INTO participant VALUES ('po_c1', 'c1', 'operator', 'o_ayse', 'Ayşe', 'tr');
        INSERT INTO participant VALUES ('pv_c2', 'c2', 'visitor', NULL, 'Visitor', 'et');
        INSERT INTO message VALUES ('c1', 1, 'm1', 'pv_c1', 'Hallo', 'de', 0.9, 2000);
        INSERT INTO message VALUES ('c1', 2, 'm2', 'po_c1', 'Merhaba', 'tr', 0.8, 3000);
        INSERT INTO message VALUES ('c1', 3, 'm3', 'pv_c1', 'Danke', NULL, NULL, 4000);
        INSERT INTO translation VALUES ('c1', 1, 'tr', 'Merhaba', 'phrasebook', 'exact', 2001);
        INSERT INTO translation VALUES ('c1', 2, 'de', 'Hallo', 'phrasebook', 'exact', 3001);
        INSERT INTO translation VALUES ('c1', 2, 'en', 'Hello', 'libretranslate', 'machine', 3002);
        """

    @Test("version 2 keeps every row of a version 1 file, and the store goes on from it")
    func version1To2() async throws {
        try await withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("parley.sqlite").path
            do {
                let old = try SQLiteChatStore(path: path, commitWindow: .zero, maxCommitWindow: .zero, migratingUpTo: "v1")
                #expect(try await old.appliedMigrations() == ["v1"])
                try await old.execute(sql: Self.version1Rows)
            }
            let store = try SQLiteChatStore(path: path)
            #expect(try await store.appliedMigrations() == ["v1", "v2", "v3"])

            let first = try #require(try await store.conversation("c1"))
            #expect(first.status == .assigned && first.assignedOperatorID == "o_ayse")
            #expect(first.browserLanguages == [.german, .english])
            #expect(first.page == PageInfo(url: "http://127.0.0.1:8080/cart", title: "Cart", lang: "de"))
            #expect(first.lastSeq == 3)
            #expect(first.createdAt == Date(milliseconds: 1000) && first.updatedAt == Date(milliseconds: 4000))
            let second = try #require(try await store.conversation("c2"))
            #expect(second.status == .closed && second.lastSeq == 0 && second.updatedAt == Date(milliseconds: 2500))
            #expect(try await store.conversations(of: "shop", statuses: Set(ConversationStatus.allCases), limit: 10)
                .map(\.id) == ["c1", "c2"])

            let participants = try await store.participants(of: "c1")
            #expect(participants.map(\.id) == ["pv_c1", "po_c1"])
            #expect(participants.map(\.operatorID) == [nil, "o_ayse"])
            #expect(participants.allSatisfy { $0.conversationID == "c1" })

            let messages = try await store.messages(in: "c1", after: 0, limit: 10)
            #expect(messages.map(\.seq) == [1, 2, 3])
            #expect(messages.map(\.clientMessageID) == ["m1", "m2", "m3"])
            #expect(messages.map(\.senderID) == ["pv_c1", "po_c1", "pv_c1"])
            #expect(messages.map(\.senderRole) == [.visitor, .operator, .visitor])
            #expect(messages.map(\.text) == ["Hallo", "Merhaba", "Danke"])
            #expect(messages.map(\.language) == [.german, .turkish, nil])
            #expect(messages.map(\.createdAt) == [2000, 3000, 4000].map { Date(milliseconds: $0) })
            #expect(messages.map { $0.translations.map(\.language) } == [[.turkish], [.german, .english], []])
            #expect(messages[1].translations.map(\.engine) == ["phrasebook", "libretranslate"])
            #expect(messages[1].translations.map(\.quality) == [.exact, .machine])
            #expect(messages[1].translations.allSatisfy { $0.conversationID == "c1" && $0.seq == 2 })

            // Idempotency and numbering carry over.
            let resent = try await store.append(Fixtures.draft("c1", from: "pv_c1", id: "m3", text: "Danke"))
            #expect(!resent.inserted && resent.message.seq == 3)
            let next = try await store.append(Fixtures.draft("c1", from: "po_c1", id: "m4", text: "Rica ederim"))
            #expect(next.inserted && next.message.seq == 4)
            #expect(try await store.conversation("c1")?.lastSeq == 4)
            // The closed conversation stays closed.
            await #expect(throws: StoreError(.conflict, "")) {
                _ = try await store.append(Fixtures.draft("c2", from: "pv_c2", id: "x"))
            }
        }
    }

    @Test("a file that a newer version migrated further is refused with a clear error, not read half-way")
    func newerFileIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let store = try SQLiteChatStore(directory: directory)
                try await store.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            }
            do {
                _ = try SQLiteChatStore(directory: directory)
                Issue.record("a file migrated to v99 was opened")
            } catch let error as StoreError {
                #expect(error.code == .storage)
                #expect(error.description.contains("newer version of Parley"))
            }
        }
    }
}
