import Foundation
import Logging
@testable import ParleyCore
import ParleySQLite
import ParleyText
import Testing

/// What the relay learns when it starts a conversation, so that the conversation's first message reads nothing
/// from the store before it is stored.
@Suite("Conversation start")
struct ConversationStartTests {
    @Test("a started conversation's browser languages are known to the pipeline without a store read; after a restart they are read once")
    func browserLanguagesRemembered() async throws {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteChatStore(directory: directory)
            let site = Site(id: "shop", name: "Shop", allowedOrigins: ["https://shop.example"], defaultLanguage: .german)
            try await store.saveSite(site)
            let chat = Self.chat(store)
            let (conversation, visitor) = try await chat.startConversation(
                VisitorStart(siteID: site.id, browserLanguages: ["et-EE", "de"]), site: site)
            #expect(chat.pipeline.rememberedBrowserLanguages(of: conversation.id) == [.estonian, .german])

            // A relay restarted on the same file knows nothing yet; the first message reads the languages once.
            let restarted = Self.chat(store)
            #expect(restarted.pipeline.rememberedBrowserLanguages(of: conversation.id) == nil)
            try await restarted.send("Tere, kus on minu tellimus?", clientMessageID: "m1", from: visitor)
            #expect(restarted.pipeline.rememberedBrowserLanguages(of: conversation.id) == [.estonian, .german])
        }
    }

    static func chat(_ store: SQLiteChatStore) -> ChatService {
        let logger = Logger(label: "test")
        let bus = LocalEventBus()
        let pipeline = MessagePipeline(
            store: store, bus: bus, detector: DeclaredLanguageDetector(), translator: nil, logger: logger)
        return ChatService(store: store, bus: bus, pipeline: pipeline, sanitizer: ChatTextSanitizer(), logger: logger)
    }
}
