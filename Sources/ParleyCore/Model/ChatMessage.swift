public import Foundation
public import ParleyText
public import ParleyTranslation

/// A message to be stored: what a participant sent, already sanitized.
public struct MessageDraft: Sendable, Hashable {
    public var conversationID: ConversationID
    /// Chosen by the sending client; unique per sender and conversation. A resend reuses it.
    public var clientMessageID: String
    public var senderID: ParticipantID
    public var text: String
    public var createdAt: Date
    /// The detection and translations, when they were worked out before the message was stored (an engine that runs
    /// in process): the store keeps them with the message in the same atomic step, setting their `seq` to the
    /// message's. `nil`: the message is analysed after it is stored.
    public var analysis: MessageAnalysis?

    public init(
        conversationID: ConversationID, clientMessageID: String, senderID: ParticipantID, text: String,
        createdAt: Date, analysis: MessageAnalysis? = nil
    ) {
        self.conversationID = conversationID
        self.clientMessageID = clientMessageID
        self.senderID = senderID
        self.text = text
        self.createdAt = createdAt
        self.analysis = analysis
    }
}

/// A stored message with its sequence number, detection result and translations.
public struct ChatMessage: Sendable, Hashable {
    public var conversationID: ConversationID
    /// 1, 2, 3, … per conversation, without gaps.
    public var seq: Int
    public var clientMessageID: String
    public var senderID: ParticipantID
    public var senderRole: ParticipantRole
    public var senderName: String
    /// The sanitized original.
    public var text: String
    /// The detected language; `nil` until detection ran.
    public var language: LanguageCode?
    public var confidence: Double?
    public var createdAt: Date
    /// Every stored translation of this message, one per target language.
    public var translations: [MessageTranslation]

    public init(
        conversationID: ConversationID, seq: Int, clientMessageID: String, senderID: ParticipantID,
        senderRole: ParticipantRole, senderName: String, text: String, language: LanguageCode? = nil,
        confidence: Double? = nil, createdAt: Date, translations: [MessageTranslation] = []
    ) {
        self.conversationID = conversationID
        self.seq = seq
        self.clientMessageID = clientMessageID
        self.senderID = senderID
        self.senderRole = senderRole
        self.senderName = senderName
        self.text = text
        self.language = language
        self.confidence = confidence
        self.createdAt = createdAt
        self.translations = translations
    }

    /// The stored translation into `language`, if any.
    public func translation(into language: LanguageCode) -> MessageTranslation? {
        translations.first { $0.language == language }
    }
}

/// What the pipeline worked out for one message: its language and its translations for the other participants.
public struct MessageAnalysis: Sendable, Hashable {
    public var conversationID: ConversationID
    public var seq: Int
    public var language: LanguageCode
    public var confidence: Double
    /// At most one per target language.
    public var translations: [MessageTranslation]

    public init(
        conversationID: ConversationID, seq: Int, language: LanguageCode, confidence: Double,
        translations: [MessageTranslation]
    ) {
        self.conversationID = conversationID
        self.seq = seq
        self.language = language
        self.confidence = confidence
        self.translations = translations
    }

    /// This analysis for message `seq`: its own `seq` and its translations' set.
    public func numbered(_ seq: Int) -> MessageAnalysis {
        var copy = self
        copy.seq = seq
        for index in copy.translations.indices { copy.translations[index].seq = seq }
        return copy
    }
}

/// The translation of one message into one language. `quality == .untranslated` records a failed attempt.
public struct MessageTranslation: Sendable, Hashable, Codable {
    public var conversationID: ConversationID
    public var seq: Int
    /// The target language.
    public var language: LanguageCode
    public var text: String
    public var engine: String
    public var quality: TranslationQuality
    public var createdAt: Date

    public init(
        conversationID: ConversationID, seq: Int, language: LanguageCode, text: String, engine: String,
        quality: TranslationQuality, createdAt: Date
    ) {
        self.conversationID = conversationID
        self.seq = seq
        self.language = language
        self.text = text
        self.engine = engine
        self.quality = quality
        self.createdAt = createdAt
    }
}

/// The outcome of ``ChatStore/append(_:)``.
public struct AppendResult: Sendable, Hashable {
    public var message: ChatMessage
    /// `false` when the draft's `clientMessageID` was already stored and nothing new was written.
    public var inserted: Bool

    public init(message: ChatMessage, inserted: Bool) {
        self.message = message
        self.inserted = inserted
    }
}
