import Foundation
import GRDB
import ParleyCore
@testable import ParleySQLite
import ParleyTesting
import ParleyText
import ParleyTranslation
import Synchronization
import Testing

/// A fresh database file in a fresh temporary directory, removed afterwards.
func withTemporaryDirectory<T>(_ body: (URL) async throws -> T) async throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-sqlite-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    return try await body(directory)
}

@Suite("SQLiteChatStore")
struct SQLiteChatStoreTests {
    @Test("conforms to ChatStore", arguments: ChatStoreConformance.checks)
    func conformance(_ check: ChatStoreConformance.Check) async throws {
        try await withTemporaryDirectory { directory in
            try await check.run(try SQLiteChatStore(directory: directory))
        }
    }

    @Test("creates the data directory, migrates, and uses WAL with synchronous=FULL")
    func durabilitySettings() async throws {
        try await withTemporaryDirectory { directory in
            let nested = directory.appendingPathComponent("a/b")
            let store = try SQLiteChatStore(directory: nested)
            #expect(FileManager.default.fileExists(atPath: nested.appendingPathComponent("parley.sqlite").path))
            #expect(try await store.appliedMigrations() == ["v1", "v2", "v3"])
            let settings = try await store.durabilitySettings()
            #expect(settings.synchronous == 2)
            #expect(settings.journalMode == "wal")
            #expect(settings.autocheckpoint == 10_000)
        }
    }

    @Test("an append finds an earlier message with its client id through the client-id index, led by the id")
    func clientIDLookupUsesTheIndex() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let plan = try await store.read { db in
                try Row.fetchAll(db, sql: """
                    EXPLAIN QUERY PLAN SELECT seq FROM message WHERE conversation_key = 1 AND sender_key = 2
                    AND client_message_id = 'm1'
                    """).map { $0["detail"] as String }
            }
            #expect(plan.contains { $0.contains("USING INDEX message_client_id") })
            let columns = try await store.read { db in
                try Row.fetchAll(db, sql: "PRAGMA index_info(message_client_id)").map { $0["name"] as String }
            }
            #expect(columns == ["client_message_id", "conversation_key", "sender_key"])
        }
    }

    @Test("checkpoint() moves the committed WAL pages into the database file, from a connection of its own")
    func checkpointMovesTheWAL() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            for index in 1...20 {
                _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)"))
            }
            let result = try await store.checkpoint()
            #expect(result.walFrames > 0)
            #expect(result.checkpointed == result.walFrames)
            // The database file alone, without its WAL, now holds every message.
            let copy = directory.appendingPathComponent("copy")
            try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: directory.appendingPathComponent("parley.sqlite"), to: copy.appendingPathComponent("parley.sqlite"))
            let copied = try SQLiteChatStore(directory: copy)
            #expect(try await copied.messages(in: conversation.id, after: 0, limit: 50).map(\.seq) == Array(1...20))
            // Nothing new: nothing to copy, and the store goes on.
            let again = try await store.checkpoint()
            #expect(again.checkpointed == again.walFrames)
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m21"))
        }
    }

    @Test("derived writes skip the fsync; the next message append, or a write of the store's own, syncs again")
    func derivedWritesSkipTheSync() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1"))
            try await store.setDetection(.german, confidence: 0.9, conversation: conversation.id, seq: 1)
            try await store.saveTranslation(MessageTranslation(
                conversationID: conversation.id, seq: 1, language: .turkish, text: "Merhaba", engine: "test",
                quality: .machine, createdAt: .now))
            #expect(try await store.durabilitySettings().synchronous == 1)
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m2"))
            #expect(try await store.durabilitySettings().synchronous == 2)
            let stored = try await store.messages(in: conversation.id, after: 0, limit: 10)
            #expect(stored.first?.language == .german)
            #expect(stored.first?.translations.map(\.text) == ["Merhaba"])
            // A write of the store's own (an operator, a conversation, a participant) syncs too.
            try await store.setDetection(.german, confidence: 0.9, conversation: conversation.id, seq: 2)
            #expect(try await store.durabilitySettings().synchronous == 1)
            try await store.addOperator(Fixtures.operatorAccount("ayse"))
            #expect(try await store.durabilitySettings().synchronous == 2)
        }
    }

    @Test("durable commits start at least one commit window apart, and the writes that arrive within it share one commit")
    func commitWindow() async throws {
        try await withTemporaryDirectory { directory in
            // A long window, so that 20 tasks are surely queued before it ends even on a machine busy with other tests.
            let store = try SQLiteChatStore(directory: directory, commitWindow: .seconds(3))
            let (conversation, visitor) = try await Fixtures.seed(store)
            let started = ContinuousClock.now
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1"))
            let before = store.commitStatistics
            // Sent right after a commit: they wait out its window and go in one transaction.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 2...21 {
                    group.addTask {
                        _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)"))
                    }
                }
                try await group.waitForAll()
            }
            #expect(ContinuousClock.now - started >= .seconds(3))
            let after = store.commitStatistics
            #expect(after.commits - before.commits == 1)
            #expect(after.writes - before.writes == 20)
            #expect(try await store.messages(in: conversation.id, after: 0, limit: 50).map(\.seq) == Array(1...21))
        }
    }

    @Test("the commit window doubles after a full commit, up to its maximum, and narrows again after a small one")
    func commitWindowWidens() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory, commitWindow: .seconds(1), maxCommitWindow: .seconds(2))
            let (conversation, visitor) = try await Fixtures.seed(store)
            #expect(store.commitWindow == .seconds(1))
            func appendAll(_ ids: ClosedRange<Int>) async throws {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in ids {
                        group.addTask {
                            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)"))
                        }
                    }
                    try await group.waitForAll()
                }
            }
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1"))
            // Five sent right after a commit wait out its window together: a full commit.
            let before = store.commitStatistics
            try await appendAll(2...6)
            #expect(store.commitStatistics.commits - before.commits == 1)
            #expect(store.commitWindow == .seconds(2))
            // Another full one: the window stays at its maximum; the next message waits out the wider window.
            try await appendAll(7...11)
            #expect(store.commitWindow == .seconds(2))
            let started = ContinuousClock.now
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m12"))
            // The window counts from the last commit's start, before `started` by that commit's own time (a slow sync
            // on a busy machine takes 100 ms and more); the base window would end a second earlier.
            #expect(ContinuousClock.now - started >= .milliseconds(1500))
            // A commit of one message puts the window back to the base.
            #expect(store.commitWindow == .seconds(1))
            #expect(try await store.messages(in: conversation.id, after: 0, limit: 50).map(\.seq) == Array(1...12))
        }
    }

    /// What the test of a write's turn records: the order in which the writes behind the held batch returned.
    final class TurnLog: Sendable {
        let order = Mutex<[String]>([])
    }

    @Test("a write of the store's own takes its turn: a message queued after it while the writer is busy waits for it")
    func ownTransactionTakesItsTurn() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let (conversation, visitor) = try await Fixtures.seed(store)
            let log = TurnLog()
            // Under load the writer goes from one batch of messages to the next without pausing: here, one batch it
            // stays in until released, with an operator and then a message queued behind it.
            let hold = try await WriterHold.hold(store)
            let own = Task {
                try await store.addOperator(Fixtures.operatorAccount("ayse"))
                log.order.withLock { $0.append("operator") }
            }
            try await until { store.batcher.queued == 1 }
            let message = Task {
                _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1"))
                log.order.withLock { $0.append("message") }
            }
            try await until { store.batcher.queued == 2 }
            try await hold.release()
            try await own.value
            try await message.value
            #expect(log.order.withLock { $0 } == ["operator", "message"])
            #expect(try await store.operatorAccount(login: "ayse") != nil)
        }
    }

    @Test("derived writes do not wait for the commit window")
    func derivedWritesDoNotWait() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory, commitWindow: .seconds(5))
            let (conversation, visitor) = try await Fixtures.seed(store)
            _ = try await store.append(Fixtures.draft(conversation.id, from: visitor.id, id: "m1"))
            let started = ContinuousClock.now
            try await store.setDetection(.german, confidence: 0.9, conversation: conversation.id, seq: 1)
            #expect(ContinuousClock.now - started < .seconds(4))
        }
    }

    @Test("what was appended is there after reopening the file")
    func reopen() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let store = try SQLiteChatStore(directory: directory)
                let (conversation, visitor) = try await Fixtures.seed(store)
                for index in 1...5 {
                    var draft = Fixtures.draft(conversation.id, from: visitor.id, id: "m\(index)")
                    draft.analysis = MessageAnalysis(
                        conversationID: conversation.id, seq: 0, language: .german, confidence: 0.9,
                        translations: [Fixtures.translation(conversation.id, seq: 0, into: .turkish, text: "Merhaba")])
                    _ = try await store.append(draft)
                }
            }
            let reopened = try SQLiteChatStore(directory: directory)
            #expect(try await reopened.appliedMigrations() == ["v1", "v2", "v3"])
            #expect(try await reopened.messages(in: "c1", after: 0, limit: 10).map(\.seq) == [1, 2, 3, 4, 5])
            // Read from the file (the new store's cache is empty): the newest messages with their analysis.
            let latest = try await reopened.latestMessages(in: "c1", limit: 2)
            #expect(latest.map(\.seq) == [4, 5])
            #expect(latest.allSatisfy { $0.language == .german && $0.translations.map(\.seq) == [$0.seq] })
        }
    }

    @Test("an unusable path is a storage error, not a crash")
    func unusablePath() throws {
        #expect(throws: StoreError(.storage, "")) {
            _ = try SQLiteChatStore(path: "/proc/parley-cannot-write-here/x.sqlite")
        }
    }
}
