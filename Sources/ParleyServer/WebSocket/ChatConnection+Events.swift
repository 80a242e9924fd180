import Foundation
import Metrics
import ParleyCore
import ParleyText
import Logging
import Synchronization
import NIOWebSocket

extension ChatConnection {
    /// The frames an event becomes for this socket (often none). Runs in the writer task, so cursors advance in order.
    func frames(for event: RelayEvent) async -> [String] {
        switch event {
        case .messagesReady(let id, let upTo):
            return await deliverMessages(id, upTo: upTo)
        case .translationStored(let id, let seq, let language):
            return await translationUpdate(id, seq: seq, language: language)
        case .typing(let id, let sender, let active):
            return forward(id, from: sender) { TypingFrame(conversationId: id.rawValue, sender: view(sender), active: active) }
        case .read(let id, let sender, let seq):
            return forward(id, from: sender) { ReadFrame(conversationId: id.rawValue, sender: view(sender), seq: seq) }
        case .languageChanged(let id, let role, let language):
            return await languageChanged(id, role: role, language: language)
        case .presence(let id, let sender, let online):
            return forward(id, from: sender) {
                PresenceFrame(conversationId: id.rawValue, role: sender.role.rawValue, name: sender.name, online: online)
            }
        case .notice(let id, let notice):
            guard let joined = joined(id), joined.participant.role == .visitor else { return [] }
            return [Wire.encode(SystemFrame(notice, conversation: id, language: joined.participant.language))]
        case .conversationChanged(let snapshot):
            return conversationSummary(snapshot)
        case .queue(let site, let figures):
            return queue(site, figures)
        case .conversationClosed(let id):
            if case .visitor(let grant, _) = identity, grant.conversationID == id { outbox.close(.conversationClosed) }
            return []
        case .operatorLoggedOut(let id):
            if case .operator(let account, _) = identity, account.id == id { outbox.close(.loggedOut) }
            return []
        }
    }

    func joined(_ id: ConversationID) -> Joined? {
        state.withLock { $0.joined[id] }
    }

    private func view(_ sender: SenderInfo) -> ParticipantView {
        ParticipantView(id: sender.id?.rawValue, name: sender.name, role: sender.role.rawValue)
    }

    private func forward(_ id: ConversationID, from sender: SenderInfo, _ frame: () -> some Encodable) -> [String] {
        guard let joined = joined(id), sender.id == nil || sender.id != joined.participant.id else { return [] }
        return [Wire.encode(frame())]
    }

    /// Reads the store after this socket's cursor, up to what may be delivered, and advances the cursor.
    private func deliverMessages(_ id: ConversationID, upTo: Int) async -> [String] {
        guard let start = joined(id) else { return [] }
        let limit = min(upTo, relay.pipeline.releasedHead(of: id) ?? .max)
        var cursor = start.cursor
        var frames: [String] = []
        do {
            while cursor < limit {
                let requested = min(200, limit - cursor)
                let page = try await relay.store.messages(in: id, after: cursor, limit: requested)
                for message in page where message.seq <= limit {
                    frames.append(Wire.encode(MessageFrame(message, for: start.participant.language,
                                                           recipient: start.participant.id)))
                    requestMissingTranslation(message, for: start.participant)
                    cursor = message.seq
                }
                if page.count < requested { break }
            }
        } catch {
            logger.error("Reading messages failed", metadata: ["conversation.id": "\(id)", "error": "\(error)"])
        }
        let delivered = cursor - start.cursor
        state.withLock { state in
            if let current = state.joined[id]?.cursor, current < cursor { state.joined[id]?.cursor = cursor }
        }
        if delivered > 0 { relay.messagesDelivered().increment(by: Int64(delivered)) }
        return frames
    }

    private func requestMissingTranslation(_ message: ChatMessage, for participant: Participant) {
        let (_, status) = message.delivery(for: participant.language, recipient: participant.id)
        if status == .pending {
            relay.pipeline.requestTranslation(message.conversationID, seq: message.seq, into: participant.language)
        }
    }

    private func translationUpdate(_ id: ConversationID, seq: Int, language: LanguageCode) async -> [String] {
        guard let joined = joined(id), joined.participant.language == language, seq <= joined.cursor else { return [] }
        guard let message = try? await relay.store.message(in: id, seq: seq),
            message.senderID != joined.participant.id
        else { return [] }
        return [Wire.encode(TranslationFrame(message, for: language, recipient: joined.participant.id))]
    }

    private func languageChanged(_ id: ConversationID, role: ParticipantRole, language: LanguageCode) async -> [String] {
        guard let current = joined(id) else { return [] }
        if role == current.participant.role, case .visitor = identity {
            state.withLock { $0.joined[id]?.participant.language = language }
        }
        return [Wire.encode(LanguageFrame(conversationId: id.rawValue, role: role.rawValue, language: language.rawValue))]
    }

    /// A list entry for an operator of the site whom the conversation concerns (theirs, or waiting for anyone).
    private func conversationSummary(_ snapshot: ConversationSnapshot) -> [String] {
        guard case .operator(let account, _) = identity, snapshot.conversation.siteID == account.siteID,
            snapshot.concerns(account.id)
        else { return [] }
        let summary = ConversationSummary(snapshot.conversation, visitor: snapshot.visitor)
        return [Wire.encode(ConversationFrame(conversation: summary))]
    }

    private func queue(_ site: SiteID, _ figures: QueueFigures) -> [String] {
        guard case .operator(let account, _) = identity, account.siteID == site else { return [] }
        return [Wire.encode(QueueFrame(waiting: figures.waiting, operatorsOnline: figures.operatorsOnline))]
    }
}
