import Foundation
import GRDB
public import ParleyCore
public import ParleyText
import ParleyTranslation

extension SQLiteChatStore {
    public func append(_ draft: MessageDraft) async throws -> AppendResult {
        try await batcher.write(committed: { [cache] in if $0.inserted { cache.appended($0.message) } }) {
            [heads] db in try Self.append(draft, db, heads: heads)
        }
    }

    /// One append inside the batch's transaction. Per-draft refusals are results; SQL failures throw.
    ///
    /// A conversation and sender the writer knows (``AppendHeads``) need no read: the message is inserted after the
    /// last `seq` the writer wrote, unless the client-id index holds this client id already (a resend), which then
    /// takes the path of the others: one read finds the conversation, the sender, the last `seq` and an earlier message
    /// with this client id. The message and its translations take three to four B-tree pages, most shared with the
    /// batch's other messages (see the `v2` migration).
    static func append(
        _ draft: MessageDraft, _ db: Database, heads: AppendHeads
    ) throws -> Result<AppendResult, StoreError> {
        if let (head, sender) = heads.head(of: draft.conversationID, sender: draft.senderID) {
            let seq = head.lastSeq + 1
            if let message = try insert(draft, seq: seq, conversation: head.conversation, sender: sender, db) {
                heads.appended(seq, to: draft.conversationID)
                return .success(AppendResult(message: message, inserted: true))
            }
        }
        guard let head = try db.cachedFirstRow(sql: """
                SELECT c.key, c.status, p.key, p.role, p.name,
                (SELECT max(seq) FROM message WHERE conversation_key = c.key),
                (SELECT seq FROM message WHERE conversation_key = c.key AND sender_key = p.key
                    AND client_message_id = ?)
                FROM conversation c LEFT JOIN participant p ON p.id = ? AND p.conversation_key = c.key
                WHERE c.id = ?
                """,
            arguments: [draft.clientMessageID, draft.senderID.rawValue, draft.conversationID.rawValue],
            AppendHead.init)
        else { return .failure(StoreError(.notFound, "There is no conversation '\(draft.conversationID)'.")) }
        if let earlier = head.earlier {
            let stored = try messages(
                in: draft.conversationID, key: head.conversation, after: earlier - 1, limit: 1, db)
            if let message = stored.first { return .success(AppendResult(message: message, inserted: false)) }
        }
        guard head.status != ConversationStatus.closed.rawValue else {
            return .failure(StoreError(.conflict, "The conversation '\(draft.conversationID)' is closed."))
        }
        guard let key = head.sender else {
            return .failure(StoreError(.notFound, "The sender is not a participant of the conversation."))
        }
        let seq = (head.lastSeq ?? 0) + 1
        let sender = AppendHeads.Sender(key: key, role: head.role ?? "", name: head.name ?? "")
        guard let message = try insert(draft, seq: seq, conversation: head.conversation, sender: sender, db) else {
            throw StoreError(.storage, "The message's client id was taken while it was being stored.")
        }
        heads.learned(seq, in: draft.conversationID, key: head.conversation, sender: draft.senderID, sender)
        return .success(AppendResult(message: message, inserted: true))
    }

    /// Inserts the message with `seq` and its translations, or nothing (`nil`) when the sender stored one with this
    /// client id before.
    private static func insert(
        _ draft: MessageDraft, seq: Int, conversation: Int64, sender: AppendHeads.Sender, _ db: Database
    ) throws -> ChatMessage? {
        let analysis = draft.analysis?.numbered(seq)
        try db.cachedExecute(sql: """
                INSERT INTO message (conversation_key, seq, client_message_id, sender_key, text, created_at, language,
                confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (client_message_id, conversation_key, sender_key) DO NOTHING
                """,
            arguments: [conversation, seq, draft.clientMessageID, sender.key, draft.text, draft.createdAt.milliseconds,
                        analysis?.language.rawValue, analysis?.confidence])
        guard db.changesCount == 1 else { return nil }
        let messageID = db.lastInsertedRowID
        var translations = (analysis?.translations ?? []).sorted { $0.language.rawValue < $1.language.rawValue }
        for index in translations.indices {
            try insert(translations[index], message: messageID, db)
            translations[index].createdAt = Date(milliseconds: translations[index].createdAt.milliseconds)
        }
        return ChatMessage(
            conversationID: draft.conversationID, seq: seq, clientMessageID: draft.clientMessageID,
            senderID: draft.senderID, senderRole: ParticipantRole(rawValue: sender.role) ?? .visitor,
            senderName: sender.name, text: draft.text, language: analysis?.language,
            confidence: analysis?.confidence, createdAt: Date(milliseconds: draft.createdAt.milliseconds),
            translations: translations)
    }

    /// What an append reads before it writes, by column (the head query's order).
    private struct AppendHead {
        var conversation: Int64
        var status: String
        var sender: Int64?
        var role: String?
        var name: String?
        var lastSeq: Int?
        var earlier: Int?

        init(row: Row) {
            (conversation, status, sender, role, name) = (row[0], row[1], row[2], row[3], row[4])
            (lastSeq, earlier) = (row[5], row[6])
        }
    }

    public func latestMessages(in conversation: ConversationID, limit: Int) async throws -> [ChatMessage] {
        if let recent = cache.latest(in: conversation, limit: limit) { return recent }
        guard limit > 0 else { return [] }
        return try await read { db in
            guard let head = try db.cachedRow(sql: "SELECT key, last_seq FROM conversation_state WHERE id = ?",
                arguments: [conversation.rawValue])
            else { return [] }
            let last: Int = head["last_seq"]
            return try Self.messages(in: conversation, key: head["key"], after: max(0, last - limit), limit: limit, db)
        }
    }

    public func messagesInMemory(in conversation: ConversationID, after: Int, limit: Int) -> [ChatMessage]? {
        cache.messages(in: conversation, after: after, limit: limit)
    }

    public func messages(in conversation: ConversationID, after: Int, limit: Int) async throws -> [ChatMessage] {
        if let recent = messagesInMemory(in: conversation, after: after, limit: limit) { return recent }
        return try await read { db in try Self.filedMessages(in: conversation, after: after, limit: limit, db) }
    }

    /// ``messages(in:after:limit:)`` as the file holds them, past the cache.
    static func filedMessages(
        in conversation: ConversationID, after: Int, limit: Int, _ db: Database
    ) throws -> [ChatMessage] {
        guard let key = try db.cachedRow(sql: "SELECT key FROM conversation WHERE id = ?",
            arguments: [conversation.rawValue]).map({ $0["key"] as Int64 })
        else { return [] }
        return try messages(in: conversation, key: key, after: after, limit: limit, db)
    }

    /// Messages with `seq > after` of the conversation with this key, ascending, with senders and translations.
    private static func messages(
        in conversation: ConversationID, key: Int64, after: Int, limit: Int, _ db: Database
    ) throws -> [ChatMessage] {
        var messages = try db.cachedRows(sql: """
                SELECT m.seq, m.client_message_id, m.text, m.language, m.confidence, m.created_at, p.id AS sender_id,
                p.role, p.name FROM message m JOIN participant p ON p.key = m.sender_key
                WHERE m.conversation_key = ? AND m.seq > ? ORDER BY m.seq LIMIT ?
                """,
            arguments: [key, after, limit]
        ).map { ChatMessage(row: $0, conversation: conversation) }
        guard let first = messages.first?.seq, let last = messages.last?.seq else { return messages }
        let translations = try db.cachedRows(sql: """
                SELECT m.seq, t.language, t.text, t.engine, t.quality, t.created_at
                FROM message m JOIN translation t ON t.message_id = m.id
                WHERE m.conversation_key = ? AND m.seq BETWEEN ? AND ? ORDER BY t.language
                """,
            arguments: [key, first, last]
        ).map { MessageTranslation(row: $0, conversation: conversation) }
        let bySeq = Dictionary(grouping: translations, by: \.seq)
        for index in messages.indices { messages[index].translations = bySeq[messages[index].seq] ?? [] }
        return messages
    }

    public func setDetection(
        _ language: LanguageCode, confidence: Double, conversation: ConversationID, seq: Int
    ) async throws {
        let committed: @Sendable (()) -> Void = { [cache] _ in
            cache.detectionSet(language, confidence: confidence, conversation: conversation, seq: seq)
        }
        try await batcher.write(.derived, committed: committed) { db in
            try Self.setDetection(language, confidence: confidence, conversation: conversation, seq: seq, db)
        }
    }

    public func saveTranslation(_ translation: MessageTranslation) async throws {
        let committed: @Sendable (()) -> Void = { [cache] _ in cache.translationSaved(translation) }
        try await batcher.write(.derived, committed: committed) { (db) throws -> Result<Void, StoreError> in
            try db.cachedExecute(sql: """
                    INSERT OR REPLACE INTO translation (message_id, language, text, engine, quality, created_at)
                    SELECT m.id, ?, ?, ?, ?, ? FROM message m JOIN conversation c ON c.key = m.conversation_key
                    WHERE c.id = ? AND m.seq = ?
                    """,
                arguments: [translation.language.rawValue, translation.text, translation.engine,
                            translation.quality.rawValue, translation.createdAt.milliseconds,
                            translation.conversationID.rawValue, translation.seq])
            guard db.changesCount == 1 else {
                return .failure(StoreError(.notFound, "There is no message \(translation.seq)."))
            }
            return .success(())
        }
    }

    private static func setDetection(
        _ language: LanguageCode, confidence: Double, conversation: ConversationID, seq: Int, _ db: Database
    ) throws -> Result<Void, StoreError> {
        try db.cachedExecute(sql: """
                UPDATE message SET language = ?, confidence = ?
                WHERE conversation_key = (SELECT key FROM conversation WHERE id = ?) AND seq = ?
                """,
            arguments: [language.rawValue, confidence, conversation.rawValue, seq])
        guard db.changesCount == 1 else { return .failure(StoreError(.notFound, "There is no message \(seq).")) }
        return .success(())
    }

    private static func insert(_ translation: MessageTranslation, message: Int64, _ db: Database) throws {
        try db.cachedExecute(sql: """
                INSERT INTO translation (message_id, language, text, engine, quality, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [message, translation.language.rawValue, translation.text, translation.engine,
                        translation.quality.rawValue, translation.createdAt.milliseconds])
    }
}
