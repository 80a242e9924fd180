import Foundation
import Hummingbird
import ParleyCore
import Logging
import Synchronization
import ParleyText

/// `GET /api/v1/conversations/{id}/transcript` for an operator of the site or the conversation's own visitor
/// (`docs/protocol.md` §1.4). Anyone else learns nothing, not even whether the conversation exists.
struct TranscriptController: Sendable {
    let relay: Relay
    let operators: OperatorController

    struct TranscriptMessage: Encodable, Sendable {
        var seq: Int
        var clientMessageId: String
        var sender: ParticipantView
        var text: String
        var language: String?
        var confidence: Double?
        var createdAt: String
        var translations: [TranslationView]
    }

    struct Transcript: Encodable, Sendable {
        var conversation: ConversationSummary
        var messages: [TranscriptMessage]
    }

    func addRoutes(to router: Router<RelayRequestContext>) {
        router.get("/api/v1/conversations/{id}/transcript") { request, context in
            try await transcript(request, id: ConversationID(try context.parameters.require("id")))
        }
    }

    private func transcript(_ request: Request, id: ConversationID) async throws -> JSONBody<Transcript> {
        let hidden = HTTPFailure(.unknownConversation, "There is no conversation '\(id.rawValue.prefix(64))'.")
        let conversation = try await relay.store.conversation(id)
        if let token = request.bearerToken {
            guard let grant = try? relay.tokens.verify(token) else {
                throw HTTPFailure(.invalidToken, "The conversation token is not valid or expired.")
            }
            guard grant.conversationID == id, conversation != nil else { throw hidden }
        } else {
            let (_, account) = try await operators.authenticate(request)
            guard conversation?.siteID == account.siteID else { throw hidden }
        }
        guard let conversation else { throw hidden }
        var messages: [TranscriptMessage] = []
        var cursor = 0
        while true {
            let page = try await relay.store.messages(in: id, after: cursor, limit: 500)
            messages += page.map(Self.entry)
            guard let last = page.last, page.count == 500 else { break }
            cursor = last.seq
        }
        let visitor = try await relay.chat.visitor(of: id)
        return JSONBody(value: Transcript(conversation: ConversationSummary(conversation, visitor: visitor),
                                          messages: messages))
    }

    private static func entry(_ message: ChatMessage) -> TranscriptMessage {
        TranscriptMessage(
            seq: message.seq, clientMessageId: message.clientMessageID,
            sender: ParticipantView(id: message.senderID.rawValue, name: message.senderName, role: message.senderRole.rawValue),
            text: message.text, language: message.language?.rawValue, confidence: message.confidence,
            createdAt: Wire.timestamp(message.createdAt),
            translations: message.translations.map { TranslationView($0, withTime: true) })
    }
}
