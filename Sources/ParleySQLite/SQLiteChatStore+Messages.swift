import Foundation
import GRDB
public import ParleyCore
public import ParleyText
import ParleyTranslation

extension SQLiteChatStore {
    public func append(_ draft: MessageDraft) async throws -> AppendResult {
        try await batcher.write(committed: { [cache] in if $0.inserted { cache.appended($0.message) } }) { db in
            try Self.append(draft, db)
        }
    }

    /// One append inside the batch's transaction. Per-draft refusals are results; SQL failures throw.
    static func append(_ draft: MessageDraft, _ db: Database) throws -> Result<AppendResult, StoreError> {
        let conversation = draft.conversationID.rawValue
        if let row = try db.cachedRow(sql: """
                SELECT m.*, p.role, p.name FROM message m JOIN participant p ON p.id = m.sender_id
                WHERE m.conversation_id = ? AND m.sender_id = ? AND m.client_message_id = ?
                """,
            arguments: [conversation, draft.senderID.rawValue, draft.clientMessageID])
        {
            var message = ChatMessage(row: row)
            message.translations = try db.cachedRows(
                sql: "SELECT * FROM translation WHERE conversation_id = ? AND seq = ? ORDER BY language",
                arguments: [conversation, message.seq]
            ).map(MessageTranslation.init(row:))
            return .success(AppendResult(message: message, inserted: false))
        }
        guard let head = try db.cachedRow(sql: "SELECT status, last_seq FROM conversation WHERE id = ?", arguments: [conversation])
        else { return .failure(StoreError(.notFound, "There is no conversation '\(draft.conversationID)'.")) }
        guard (head["status"] as String) != ConversationStatus.closed.rawValue else {
            return .failure(StoreError(.conflict, "The conversation '\(draft.conversationID)' is closed."))
        }
        guard let sender = try db.cachedRow(sql: "SELECT role, name FROM participant WHERE id = ? AND conversation_id = ?",
            arguments: [draft.senderID.rawValue, conversation])
        else { return .failure(StoreError(.notFound, "The sender is not a participant of the conversation.")) }
        let seq = (head["last_seq"] as Int) + 1
        let analysis = draft.analysis?.numbered(seq)
        try db.cachedExecute(sql: """
                INSERT INTO message (conversation_id, seq, client_message_id, sender_id, text, created_at, language,
                confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [conversation, seq, draft.clientMessageID, draft.senderID.rawValue, draft.text,
                        draft.createdAt.milliseconds, analysis?.language.rawValue, analysis?.confidence])
        try db.cachedExecute(sql: "UPDATE conversation SET last_seq = ?, updated_at = ? WHERE id = ?",
            arguments: [seq, draft.createdAt.milliseconds, conversation])
        var translations = (analysis?.translations ?? []).sorted { $0.language.rawValue < $1.language.rawValue }
        for index in translations.indices {
            try insert(translations[index], db)
            translations[index].createdAt = Date(milliseconds: translations[index].createdAt.milliseconds)
        }
        let message = ChatMessage(
            conversationID: draft.conversationID, seq: seq, clientMessageID: draft.clientMessageID,
            senderID: draft.senderID, senderRole: ParticipantRole(rawValue: sender["role"]) ?? .visitor,
            senderName: sender["name"], text: draft.text, language: analysis?.language,
            confidence: analysis?.confidence, createdAt: Date(milliseconds: draft.createdAt.milliseconds),
            translations: translations)
        return .success(AppendResult(message: message, inserted: true))
    }

    public func latestMessages(in conversation: ConversationID, limit: Int) async throws -> [ChatMessage] {
        if let recent = cache.latest(in: conversation, limit: limit) { return recent }
        let last = try await read { db in
            try db.cachedRow(sql: "SELECT last_seq FROM conversation WHERE id = ?", arguments: [conversation.rawValue])
                .map { $0["last_seq"] as Int }
        }
        guard let last, limit > 0 else { return [] }
        return try await messages(in: conversation, after: max(0, last - limit), limit: limit)
    }

    public func messages(in conversation: ConversationID, after: Int, limit: Int) async throws -> [ChatMessage] {
        if let recent = cache.messages(in: conversation, after: after, limit: limit) { return recent }
        return try await read { db in
            var messages = try db.cachedRows(sql: """
                    SELECT m.*, p.role, p.name FROM message m JOIN participant p ON p.id = m.sender_id
                    WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?
                    """,
                arguments: [conversation.rawValue, after, limit]
            ).map(ChatMessage.init(row:))
            guard let first = messages.first?.seq, let last = messages.last?.seq else { return messages }
            let translations = try db.cachedRows(sql: "SELECT * FROM translation WHERE conversation_id = ? AND seq BETWEEN ? AND ? ORDER BY language",
                arguments: [conversation.rawValue, first, last]
            ).map(MessageTranslation.init(row:))
            let bySeq = Dictionary(grouping: translations, by: \.seq)
            for index in messages.indices { messages[index].translations = bySeq[messages[index].seq] ?? [] }
            return messages
        }
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
            guard try db.cachedBool(sql: "SELECT 1 FROM message WHERE conversation_id = ? AND seq = ?",
                arguments: [translation.conversationID.rawValue, translation.seq]) != nil
            else { return .failure(StoreError(.notFound, "There is no message \(translation.seq).")) }
            try Self.insert(translation, db)
            return .success(())
        }
    }

    private static func setDetection(
        _ language: LanguageCode, confidence: Double, conversation: ConversationID, seq: Int, _ db: Database
    ) throws -> Result<Void, StoreError> {
        try db.cachedExecute(sql: "UPDATE message SET language = ?, confidence = ? WHERE conversation_id = ? AND seq = ?",
            arguments: [language.rawValue, confidence, conversation.rawValue, seq])
        guard db.changesCount == 1 else { return .failure(StoreError(.notFound, "There is no message \(seq).")) }
        return .success(())
    }

    private static func insert(_ translation: MessageTranslation, _ db: Database) throws {
        try db.cachedExecute(sql: """
                INSERT OR REPLACE INTO translation (conversation_id, seq, language, text, engine, quality,
                created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [translation.conversationID.rawValue, translation.seq, translation.language.rawValue,
                        translation.text, translation.engine, translation.quality.rawValue,
                        translation.createdAt.milliseconds])
    }
}
