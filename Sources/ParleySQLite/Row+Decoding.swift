import Foundation
import GRDB
import ParleyCore
import ParleyText
import ParleyTranslation

/// Dates are stored as integer milliseconds since 1970.
extension Date {
    var milliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

enum Columns {
    static func languages(_ list: [LanguageCode]) -> String { list.map(\.rawValue).joined(separator: ",") }
    static func languages(_ text: String) -> [LanguageCode] {
        text.split(separator: ",").map { LanguageCode(rawValue: String($0)) }
    }
    static func origins(_ list: [String]) -> String { list.joined(separator: "\n") }
    static func origins(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }
}

extension Site {
    init(row: Row) {
        self.init(
            id: SiteID(row["id"] as String), name: row["name"], allowedOrigins: Columns.origins(row["allowed_origins"]),
            defaultLanguage: LanguageCode(rawValue: row["default_language"]))
    }
}

extension OperatorAccount {
    init(row: Row) {
        self.init(
            id: OperatorID(row["id"] as String), siteID: SiteID(row["site_id"] as String), login: row["login"],
            name: row["name"], language: LanguageCode(rawValue: row["language"]), passwordHash: row["password_hash"],
            createdAt: Date(milliseconds: row["created_at"]))
    }
}

extension OperatorSession {
    init(row: Row) {
        self.init(
            tokenDigest: row["token_digest"], operatorID: OperatorID(row["operator_id"] as String),
            csrfToken: row["csrf_token"], createdAt: Date(milliseconds: row["created_at"]),
            expiresAt: Date(milliseconds: row["expires_at"]))
    }
}

extension Conversation {
    /// From a `conversation_state` row (which adds `last_seq` and the activity as `updated_at`).
    init(row: Row) {
        self.init(
            id: ConversationID(row["id"] as String), siteID: SiteID(row["site_id"] as String),
            status: ConversationStatus(rawValue: row["status"]) ?? .waiting,
            assignedOperatorID: (row["assigned_operator_id"] as String?).map { OperatorID($0) },
            browserLanguages: Columns.languages(row["browser_languages"]),
            page: PageInfo(url: row["page_url"], title: row["page_title"], lang: row["page_lang"]),
            lastSeq: row["last_seq"], createdAt: Date(milliseconds: row["created_at"]),
            updatedAt: Date(milliseconds: row["updated_at"]))
    }
}

extension Participant {
    /// From a `participant` row with its conversation's `id` as `conversation_id`.
    init(row: Row) {
        self.init(
            id: ParticipantID(row["id"] as String), conversationID: ConversationID(row["conversation_id"] as String),
            role: ParticipantRole(rawValue: row["role"]) ?? .visitor,
            operatorID: (row["operator_id"] as String?).map { OperatorID($0) }, name: row["name"],
            language: LanguageCode(rawValue: row["language"]))
    }
}

extension ChatMessage {
    /// From a `message` row joined with its sender's `id` (as `sender_id`), `role` and `name`.
    init(row: Row, conversation: ConversationID) {
        self.init(
            conversationID: conversation, seq: row["seq"],
            clientMessageID: row["client_message_id"], senderID: ParticipantID(row["sender_id"] as String),
            senderRole: ParticipantRole(rawValue: row["role"]) ?? .visitor, senderName: row["name"],
            text: row["text"], language: (row["language"] as String?).map { LanguageCode(rawValue: $0) },
            confidence: row["confidence"], createdAt: Date(milliseconds: row["created_at"]))
    }
}

extension MessageTranslation {
    /// From a `translation` row with its message's `seq`.
    init(row: Row, conversation: ConversationID) {
        self.init(
            conversationID: conversation, seq: row["seq"],
            language: LanguageCode(rawValue: row["language"]), text: row["text"], engine: row["engine"],
            quality: TranslationQuality(rawValue: row["quality"]) ?? .untranslated,
            createdAt: Date(milliseconds: row["created_at"]))
    }
}
