public import ParleyCore
public import Foundation
public import ParleyText
public import ParleyTranslation

/// Building blocks for store and server tests.
public enum Fixtures {
    /// A fixed instant, rounded to milliseconds (what stores keep).
    public static let epoch = Date(timeIntervalSince1970: 1_790_000_000)

    public static func site(_ id: SiteID = "shop", origins: [String] = ["http://127.0.0.1:8080"]) -> Site {
        Site(id: id, name: "Shop \(id)", allowedOrigins: origins, defaultLanguage: .english)
    }

    public static func operatorAccount(
        _ login: String, site: SiteID = "shop", language: LanguageCode = .turkish
    ) -> OperatorAccount {
        OperatorAccount(
            id: OperatorID("o_" + login), siteID: site, login: login, name: login.capitalized, language: language,
            passwordHash: "$2b$04$notarealhash", createdAt: epoch)
    }

    /// A new waiting conversation of `site` with its visitor participant (not yet stored).
    public static func conversation(
        _ id: String, site: SiteID = "shop", language: LanguageCode = .german, at date: Date = epoch
    ) -> (Conversation, Participant) {
        let conversationID = ConversationID(id)
        let conversation = Conversation(
            id: conversationID, siteID: site, browserLanguages: [language, .english],
            page: PageInfo(url: "http://127.0.0.1:8080/shop/", title: "Shop", lang: language.rawValue),
            createdAt: date)
        let visitor = Participant(
            id: ParticipantID("pv_" + id), conversationID: conversationID, role: .visitor, name: "Visitor",
            language: language)
        return (conversation, visitor)
    }

    public static func draft(
        _ conversation: ConversationID, from sender: ParticipantID, id: String, text: String = "Hallo"
    ) -> MessageDraft {
        MessageDraft(conversationID: conversation, clientMessageID: id, senderID: sender, text: text, createdAt: epoch)
    }

    /// A translation of message `seq` (the phrasebook's, exact, unless said otherwise).
    public static func translation(
        _ conversation: ConversationID, seq: Int = 1, into language: LanguageCode, text: String,
        engine: String = "phrasebook", quality: TranslationQuality = .exact
    ) -> MessageTranslation {
        MessageTranslation(
            conversationID: conversation, seq: seq, language: language, text: text, engine: engine, quality: quality,
            createdAt: epoch)
    }

    /// Stores a site and a conversation with its visitor; returns them.
    public static func seed(
        _ store: any ChatStore, conversation id: String = "c1", site: SiteID = "shop"
    ) async throws -> (Conversation, Participant) {
        if try await store.site(site) == nil { try await store.saveSite(Self.site(site)) }
        let (conversation, visitor) = Self.conversation(id, site: site)
        try await store.createConversation(conversation, visitor: visitor)
        return (conversation, visitor)
    }
}
