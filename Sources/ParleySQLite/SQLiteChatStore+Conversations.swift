public import Foundation
import GRDB
public import ParleyCore
public import ParleyText

extension SQLiteChatStore {
    public func createConversation(_ conversation: Conversation, visitor: Participant) async throws {
        try await write(committed: { [cache] in cache.conversationCreated(conversation.id, visitor: visitor) }) { db in
            guard try db.cachedBool(sql: "SELECT 1 FROM site WHERE id = ?", arguments: [conversation.siteID.rawValue]) != nil
            else { throw StoreError(.notFound, "There is no site '\(conversation.siteID)'.") }
            guard try db.cachedBool(sql: "SELECT 1 FROM conversation WHERE id = ?", arguments: [conversation.id.rawValue]) == nil
            else { throw StoreError(.duplicate, "The conversation '\(conversation.id)' exists.") }
            try db.cachedExecute(sql: """
                    INSERT INTO conversation (id, site_id, status, assigned_operator_id, browser_languages, page_url,
                    page_title, page_lang, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [conversation.id.rawValue, conversation.siteID.rawValue, conversation.status.rawValue,
                            conversation.assignedOperatorID?.rawValue,
                            Columns.languages(conversation.browserLanguages), conversation.page.url,
                            conversation.page.title, conversation.page.lang, conversation.createdAt.milliseconds,
                            conversation.updatedAt.milliseconds])
            try Self.insert(visitor, db)
        }
    }

    static func insert(_ participant: Participant, _ db: Database) throws {
        try db.cachedExecute(sql: """
                INSERT INTO participant (id, conversation_key, role, operator_id, name, language)
                SELECT ?, key, ?, ?, ?, ? FROM conversation WHERE id = ?
                """,
            arguments: [participant.id.rawValue, participant.role.rawValue, participant.operatorID?.rawValue,
                        participant.name, participant.language.rawValue, participant.conversationID.rawValue])
        guard db.changesCount == 1 else {
            throw StoreError(.notFound, "There is no conversation '\(participant.conversationID)'.")
        }
    }

    public func conversation(_ id: ConversationID) async throws -> Conversation? {
        try await read { db in
            try db.cachedRow(sql: "SELECT * FROM conversation_state WHERE id = ?", arguments: [id.rawValue])
                .map(Conversation.init(row:))
        }
    }

    public func conversations(
        of site: SiteID, statuses: Set<ConversationStatus>, limit: Int
    ) async throws -> [Conversation] {
        let list = statuses.map(\.rawValue)
        return try await read { db in
            let marks = databaseQuestionMarks(count: list.count)
            return try db.cachedRows(sql: """
                    SELECT * FROM conversation_state WHERE site_id = ? AND status IN (\(marks))
                    ORDER BY updated_at DESC, id LIMIT ?
                    """,
                arguments: StatementArguments(([site.rawValue] + list).map { $0 as any DatabaseValueConvertible } + [limit])
            ).map(Conversation.init(row:))
        }
    }

    public func conversationCount(of site: SiteID, statuses: Set<ConversationStatus>) async throws -> Int {
        let list = statuses.map(\.rawValue)
        return try await read { db in
            let marks = databaseQuestionMarks(count: list.count)
            let row = try db.cachedRow(
                sql: "SELECT COUNT(*) AS n FROM conversation WHERE site_id = ? AND status IN (\(marks))",
                arguments: StatementArguments([site.rawValue] + list))
            return row?["n"] ?? 0
        }
    }

    public func updateAssignment(
        _ id: ConversationID, status: ConversationStatus, operatorID: OperatorID?, at date: Date
    ) async throws -> Conversation {
        try await assignment(id, status: status, operatorID: operatorID, at: date, ifStatus: nil).conversation
    }

    public func updateAssignment(
        _ id: ConversationID, status: ConversationStatus, operatorID: OperatorID?, at date: Date,
        ifStatus expected: ConversationStatus
    ) async throws -> Conversation? {
        let result = try await assignment(id, status: status, operatorID: operatorID, at: date, ifStatus: expected)
        return result.changed ? result.conversation : nil
    }

    /// Sets status and operator (only while the status is `expected`, when given) and reads the conversation back;
    /// whether the update happened.
    private func assignment(
        _ id: ConversationID, status: ConversationStatus, operatorID: OperatorID?, at date: Date,
        ifStatus expected: ConversationStatus?
    ) async throws -> (conversation: Conversation, changed: Bool) {
        try await write { [heads] db in
            heads.forget(id)
            let update = "UPDATE conversation SET status = ?, assigned_operator_id = ?, updated_at = ? WHERE id = ?"
            if let expected {
                try db.cachedExecute(sql: update + " AND status = ?",
                    arguments: [status.rawValue, operatorID?.rawValue, date.milliseconds, id.rawValue, expected.rawValue])
            } else {
                try db.cachedExecute(sql: update,
                    arguments: [status.rawValue, operatorID?.rawValue, date.milliseconds, id.rawValue])
            }
            let changed = db.changesCount == 1
            guard let row = try db.cachedRow(sql: "SELECT * FROM conversation_state WHERE id = ?", arguments: [id.rawValue])
            else { throw StoreError(.notFound, "There is no conversation '\(id)'.") }
            return (Conversation(row: row), changed)
        }
    }

    public func assignmentCounts(
        of site: SiteID, statuses: Set<ConversationStatus>
    ) async throws -> [OperatorID: Int] {
        let list = statuses.map(\.rawValue)
        let pairs = try await read { db in
            try db.cachedRows(sql: """
                    SELECT assigned_operator_id AS operator, COUNT(*) AS n FROM conversation
                    WHERE site_id = ? AND assigned_operator_id IS NOT NULL
                    AND status IN (\(databaseQuestionMarks(count: list.count))) GROUP BY assigned_operator_id
                    """,
                arguments: StatementArguments([site.rawValue] + list)
            ).map { (OperatorID($0["operator"] as String), $0["n"] as Int) }
        }
        return Dictionary(uniqueKeysWithValues: pairs)
    }

    public func participants(of conversation: ConversationID) async throws -> [Participant] {
        if let cached = cache.participants(of: conversation) { return cached }
        let generation = cache.generation(of: conversation)
        let list = try await read { db in try Self.participants(of: conversation, db) }
        cache.setParticipants(list, of: conversation, readAt: generation)
        return list
    }

    static func participants(of conversation: ConversationID, _ db: Database) throws -> [Participant] {
        try db.cachedRows(sql: """
                SELECT p.*, c.id AS conversation_id FROM participant p JOIN conversation c ON c.key = p.conversation_key
                WHERE c.id = ? ORDER BY p.key
                """,
            arguments: [conversation.rawValue]).map(Participant.init(row:))
    }

    /// Caches the conversation's participants as the write left them, so that its next message reads none.
    public func addParticipant(_ participant: Participant) async throws -> Participant {
        let conversation = participant.conversationID
        return try await write(committed: { [cache] in cache.participantsWritten($0.all, of: conversation) }) { db in
            guard try db.cachedBool(sql: "SELECT 1 FROM conversation WHERE id = ?", arguments: [conversation.rawValue])
                != nil
            else { throw StoreError(.notFound, "There is no conversation '\(conversation)'.") }
            let added: Participant
            if let operatorID = participant.operatorID,
                let row = try db.cachedRow(sql: """
                        SELECT p.*, c.id AS conversation_id FROM participant p JOIN conversation c ON c.key = p.conversation_key
                        WHERE c.id = ? AND p.operator_id = ?
                        """,
                    arguments: [conversation.rawValue, operatorID.rawValue])
            {
                added = Participant(row: row)
            } else {
                try Self.insert(participant, db)
                added = participant
            }
            return (added: added, all: try Self.participants(of: conversation, db))
        }.added
    }

    public func setLanguage(_ language: LanguageCode, of participant: ParticipantID) async throws {
        try await write(committed: { [cache] _ in cache.participantChanged(participant) }) { db in
            try db.cachedExecute(sql: "UPDATE participant SET language = ? WHERE id = ?",
                arguments: [language.rawValue, participant.rawValue])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "There is no participant '\(participant)'.") }
        }
    }
}
