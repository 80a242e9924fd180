import Foundation
import Metrics
import ParleyCore
import ParleyText
import Logging
import Synchronization
import NIOWebSocket

extension ChatConnection {
    /// The frames an event becomes for this socket (often none). Runs in the writer task, so cursors advance in order.
    func frames(for event: RelayEvent) async -> [OutboundFrame] {
        if let frames = framesNow(for: event) { return frames }
        switch event {
        case .messagesReady(let id, let upTo):
            return await deliverMessages(id, upTo: upTo)
        case .translationStored(let id, let seq, let language):
            return await translationUpdate(id, seq: seq, language: language)
        default:
            return []
        }
    }

    /// ``frames(for:)`` without suspending, or `nil` when the store must be read past its memory. Called by the writer
    /// or, while the writer waits, by whoever published the event (see ``Outbox``): never both at once.
    func framesNow(for event: RelayEvent) -> [OutboundFrame]? {
        switch event {
        case .messagesReady(let id, let upTo):
            return deliverMessagesNow(id, upTo: upTo)
        case .translationStored(let id, let seq, let language):
            return translationUpdateNow(id, seq: seq, language: language)
        case .typing(let id, let sender, let active):
            return forward(id, from: sender) { TypingFrame(conversationId: id.rawValue, sender: view(sender), active: active) }
        case .read(let id, let sender, let seq):
            return forward(id, from: sender) { ReadFrame(conversationId: id.rawValue, sender: view(sender), seq: seq) }
        case .languageChanged(let id, let role, let language):
            return languageChanged(id, role: role, language: language)
        case .presence(let id, let sender, let online):
            return forward(id, from: sender) {
                PresenceFrame(conversationId: id.rawValue, role: sender.role.rawValue, name: sender.name, online: online)
            }
        case .notice(let id, let notice):
            guard let joined = joined(id), joined.participant.role == .visitor else { return [] }
            return [Wire.frame(SystemFrame(notice, conversation: id, language: joined.participant.language))]
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

    private func forward(
        _ id: ConversationID, from sender: SenderInfo, _ frame: () -> some Encodable
    ) -> [OutboundFrame] {
        guard let joined = joined(id), sender.id == nil || sender.id != joined.participant.id else { return [] }
        return [Wire.frame(frame())]
    }

    /// Reads the store after this socket's cursor, up to what may be delivered, and advances the cursor.
    private func deliverMessages(_ id: ConversationID, upTo: Int) async -> [OutboundFrame] {
        guard let start = joined(id) else { return [] }
        let limit = deliveryLimit(id, upTo: upTo)
        var messages: [ChatMessage] = []
        do {
            var cursor = start.cursor
            while cursor < limit {
                let requested = min(200, limit - cursor)
                let page = try await relay.store.messages(in: id, after: cursor, limit: requested)
                messages += page.prefix { $0.seq <= limit }
                guard let last = messages.last?.seq, last > cursor, page.count == requested else { break }
                cursor = last
            }
        } catch {
            logger.error("Reading messages failed", metadata: ["conversation.id": "\(id)", "error": "\(error)"])
        }
        return deliver(messages, in: id, from: start)
    }

    /// ``deliverMessages(_:upTo:)`` from the store's memory, or `nil` when it does not hold every message to deliver.
    private func deliverMessagesNow(_ id: ConversationID, upTo: Int) -> [OutboundFrame]? {
        guard let start = joined(id) else { return [] }
        let limit = deliveryLimit(id, upTo: upTo)
        guard start.cursor < limit else { return [] }
        guard let page = relay.store.messagesInMemory(in: id, after: start.cursor, limit: limit - start.cursor),
            page.last?.seq == limit
        else { return nil }
        return deliver(page, in: id, from: start)
    }

    /// The highest `seq` that may be delivered now: up to `upTo`, and no further than the pipeline released.
    private func deliveryLimit(_ id: ConversationID, upTo: Int) -> Int {
        min(upTo, relay.pipeline.releasedHead(of: id) ?? .max)
    }

    /// The frames of messages read after the cursor `start` had; advances the cursor past them.
    private func deliver(_ messages: [ChatMessage], in id: ConversationID, from start: Joined) -> [OutboundFrame] {
        var frames: [OutboundFrame] = []
        frames.reserveCapacity(messages.count)
        for message in messages {
            frames.append(Wire.frame(MessageFrame(message, for: start.participant.language,
                                                   recipient: start.participant.id)))
            requestMissingTranslation(message, for: start.participant)
        }
        guard let cursor = messages.last?.seq else { return frames }
        state.withLock { state in
            // Read and written back whole: `joined[id]?.cursor = …` allocates the subscript's coroutine frames.
            if var joined = state.joined[id], joined.cursor < cursor {
                joined.cursor = cursor
                state.joined[id] = joined
            }
        }
        relay.messagesDelivered().increment(by: Int64(cursor - start.cursor))
        return frames
    }

    private func requestMissingTranslation(_ message: ChatMessage, for participant: Participant) {
        let (_, status) = message.delivery(for: participant.language, recipient: participant.id)
        if status == .pending {
            relay.pipeline.requestTranslation(message.conversationID, seq: message.seq, into: participant.language)
        }
    }

    private func translationUpdate(_ id: ConversationID, seq: Int, language: LanguageCode) async -> [OutboundFrame] {
        guard let joined = joined(id), joined.participant.language == language, seq <= joined.cursor else { return [] }
        return translationFrame(try? await relay.store.message(in: id, seq: seq), for: joined)
    }

    /// ``translationUpdate(_:seq:language:)`` from the store's memory, or `nil` when it does not hold the message.
    private func translationUpdateNow(_ id: ConversationID, seq: Int, language: LanguageCode) -> [OutboundFrame]? {
        guard let joined = joined(id), joined.participant.language == language, seq <= joined.cursor else { return [] }
        guard let page = relay.store.messagesInMemory(in: id, after: seq - 1, limit: 1) else { return nil }
        return translationFrame(page.first { $0.seq == seq }, for: joined)
    }

    private func translationFrame(_ message: ChatMessage?, for joined: Joined) -> [OutboundFrame] {
        guard let message, message.senderID != joined.participant.id else { return [] }
        let language = joined.participant.language
        return [Wire.frame(TranslationFrame(message, for: language, recipient: joined.participant.id))]
    }

    private func languageChanged(
        _ id: ConversationID, role: ParticipantRole, language: LanguageCode
    ) -> [OutboundFrame] {
        guard let current = joined(id) else { return [] }
        if role == current.participant.role, case .visitor = identity {
            state.withLock { $0.joined[id]?.participant.language = language }
        }
        return [Wire.frame(
            LanguageFrame(conversationId: id.rawValue, role: role.rawValue, language: language.rawValue))]
    }

    /// A list entry for an operator of the site whom the conversation concerns (theirs, or waiting for anyone).
    private func conversationSummary(_ snapshot: ConversationSnapshot) -> [OutboundFrame] {
        guard case .operator(let account, _) = identity, snapshot.conversation.siteID == account.siteID,
            snapshot.concerns(account.id)
        else { return [] }
        let summary = ConversationSummary(snapshot.conversation, visitor: snapshot.visitor)
        return [Wire.frame(ConversationFrame(conversation: summary))]
    }

    private func queue(_ site: SiteID, _ figures: QueueFigures) -> [OutboundFrame] {
        guard case .operator(let account, _) = identity, account.siteID == site else { return [] }
        return [Wire.frame(QueueFrame(waiting: figures.waiting, operatorsOnline: figures.operatorsOnline))]
    }
}
