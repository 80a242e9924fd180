import Foundation
import Metrics
import ParleyCore
import ParleyText
import Logging
import Synchronization
import NIOWebSocket

extension ChatConnection {
    /// Acts on one parsed client frame.
    func handle(_ frame: ClientFrame) async {
        switch frame {
        case .ping(let id):
            outbox.send(PongFrame(id: id))
        case .join(let conversation, let lastSeq):
            await join(conversation, lastSeq: lastSeq)
        case .message(let conversation, let clientMessageID, let text):
            await send(text, clientMessageID: clientMessageID, in: conversation)
        case .leave(let conversation):
            guard let id = conversation else { return }
            state.withLock { _ = $0.joined.removeValue(forKey: id) }
            await relay.bus.unfollow(.conversation(id), sink: outbox)
        default:
            await handleParticipantFrame(frame)
        }
    }

    /// typing, read, setLanguage, retryTranslation, correctLanguage: frames that need a joined conversation.
    private func handleParticipantFrame(_ frame: ClientFrame) async {
        guard let participant = joinedParticipant(frame.conversationID) else { return }
        switch frame {
        case .typing(_, let active):
            await relay.chat.typing(active, from: participant)
        case .read(_, let seq):
            await relay.chat.read(upTo: seq, from: participant)
        case .setLanguage(_, let tag):
            await setLanguage(tag, for: participant)
        case .retryTranslation(_, let seq):
            guard participant.role == .operator else {
                return refuse(RelayError(.forbidden, "Only operators can ask for a translation again."))
            }
            do throws(RelayError) {
                try await relay.chat.retryTranslation(seq: seq, for: participant)
            } catch {
                refuse(error)
            }
        case .correctLanguage(_, let seq, let tag):
            await correctLanguage(seq: seq, tag: tag, by: participant)
        default:
            break
        }
    }

    /// An operator's "wrong language?" correction of message `seq`.
    private func correctLanguage(seq: Int, tag: String, by participant: Participant) async {
        guard participant.role == .operator else {
            return refuse(RelayError(.forbidden, "Only operators can correct a message's language."))
        }
        guard let language = LanguageCode(parsing: tag) else {
            return refuse(RelayError(.unsupportedLanguage, "Unknown language '\(tag.prefix(16))'. Supported: de, en, et, tr."))
        }
        do throws(RelayError) {
            try await relay.chat.correctLanguage(seq: seq, to: language, by: participant)
        } catch {
            refuse(error)
        }
    }

    private func setLanguage(_ tag: String, for participant: Participant) async {
        guard let language = LanguageCode(parsing: tag) else {
            return refuse(RelayError(.unsupportedLanguage, "Unknown language '\(tag.prefix(16))'. Supported: de, en, et, tr."))
        }
        do throws(RelayError) {
            try await relay.chat.setLanguage(language, for: participant)
            state.withLock { $0.joined[participant.conversationID]?.participant.language = language }
        } catch {
            refuse(error)
        }
    }

    /// The conversation a frame addresses: a visitor's own (named or not), an operator's named one.
    func resolveConversation(_ named: ConversationID?) -> ConversationID? {
        switch identity {
        case .visitor(let grant, _):
            if let named, named != grant.conversationID {
                refuse(RelayError(.forbidden, "This connection belongs to another conversation."))
                return nil
            }
            return grant.conversationID
        case .operator:
            guard let named else {
                refuse(RelayError(.invalidField, "Field 'conversationId' is missing."))
                return nil
            }
            return named
        }
    }

    /// The participant of a joined conversation; answers `not_joined` (or `forbidden`) and returns `nil` otherwise.
    func joinedParticipant(_ named: ConversationID?, clientMessageID: String? = nil) -> Participant? {
        guard let id = resolveConversation(named) else { return nil }
        guard let joined = state.withLock({ $0.joined[id] }) else {
            refuse(RelayError(.notJoined, "Send 'join' for conversation '\(id)' first."), clientMessageID: clientMessageID)
            return nil
        }
        return joined.participant
    }

    // MARK: Join

    private func join(_ named: ConversationID?, lastSeq: Int) async {
        guard let id = resolveConversation(named) else { return }
        do {
            let (conversation, participant) = try await participantForJoin(id)
            let participants = try await relay.store.participants(of: id)
            state.withLock { $0.joined[id] = Joined(participant: participant, cursor: lastSeq) }
            outbox.send(joinedFrame(conversation, participants: participants))
            await relay.bus.follow(.conversation(id), sink: outbox)
            _ = outbox.receive(.messagesReady(id, upTo: .max))  // an overflow closes the socket by itself
            if participant.role == .visitor, conversation.status == .waiting,
                relay.chat.presence.onlineCount(in: conversation.siteID) == 0
            {
                outbox.send(SystemFrame(.noOperatorOnline, conversation: id, language: participant.language))
            }
        } catch {
            refuse(ChatService.wireError(error))
        }
    }

    private func participantForJoin(_ id: ConversationID) async throws -> (Conversation, Participant) {
        switch identity {
        case .visitor(let grant, _):
            guard let conversation = try await relay.store.conversation(id),
                let participant = try await relay.store.participants(of: id).first(where: { $0.id == grant.participantID })
            else { throw RelayError(.unknownConversation, "There is no conversation '\(id)'.") }
            return (conversation, participant)
        case .operator(let account, _):
            return try await relay.chat.participant(for: account, in: id)
        }
    }

    private func joinedFrame(_ conversation: Conversation, participants: [Participant]) -> JoinedFrame {
        let visitor = participants.first { $0.role == .visitor }
        let assigned = participants.first { $0.role == .operator && $0.operatorID == conversation.assignedOperatorID }
        return JoinedFrame(
            conversationId: conversation.id.rawValue, status: conversation.status.rawValue,
            lastSeq: conversation.lastSeq,
            visitor: visitor.map { ParticipantView(name: $0.name, language: $0.language.rawValue) },
            operator: assigned.map {
                ParticipantView(
                    name: $0.name, language: $0.language.rawValue,
                    online: $0.operatorID.map(relay.chat.presence.isOnline) ?? false)
            })
    }

    // MARK: Messages

    private func send(_ text: String, clientMessageID: String, in named: ConversationID?) async {
        guard let participant = joinedParticipant(named, clientMessageID: clientMessageID) else { return }
        if let refusal = messageRateRefusal() { return refuse(refusal, clientMessageID: clientMessageID) }
        // A message analysed before it was stored (an engine that runs in process) is released for delivery right
        // after its ack, without waiting: the ack is held until then, and both leave for this socket in one write.
        var held = false
        defer { if held { emitter?.release() } }
        do throws(RelayError) {
            try await relay.chat.send(text, clientMessageID: clientMessageID, from: participant) { result in
                if result.message.language != nil {
                    emitter?.hold()
                    held = true
                }
                outbox.send(AckFrame(
                    conversationId: participant.conversationID.rawValue, clientMessageId: clientMessageID,
                    seq: result.message.seq))
            }
        } catch {
            if error.code == .internalError {
                logger.error("Storing a message failed", metadata: ["conversation.id": "\(participant.conversationID)",
                                                                    "error": "\(String(reflecting: error.underlying))"])
            }
            refuse(error, clientMessageID: clientMessageID)
        }
    }
}

extension ChatConnection {
    /// `rate_limited` when this connection, or its address, has sent too many messages; `nil` when one may pass.
    func messageRateRefusal() -> RelayError? {
        let limits = relay.configuration.limits
        if let wait = state.withLock({ $0.messageBucket.take() }) {
            let limit = Self.rate(limits.messagesPerSecond)
            return RelayError(
                .rateLimited, "Too many messages: \(limit) per second allowed. Retry in \(Self.milliseconds(wait)) ms.",
                retryAfter: wait)
        }
        if let wait = relay.messagesPerAddress.take(address) {
            let limit = Self.rate(limits.messagesPerSecondPerIP)
            let retry = Self.milliseconds(wait)
            return RelayError(
                .rateLimited, "Too many messages from this address: \(limit) per second allowed. Retry in \(retry) ms.",
                retryAfter: wait)
        }
        return nil
    }

    static func rate(_ perSecond: Double) -> String {
        perSecond >= 1 ? String(Int(perSecond)) : String(format: "%g", perSecond)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

extension ChatService {
    /// A `RelayError` for any error, with a message safe to send.
    static func wireError(_ error: any Error) -> RelayError {
        if let relay = error as? RelayError { return relay }
        if let store = error as? StoreError, store.code == .notFound {
            return RelayError(.unknownConversation, "There is no such conversation.")
        }
        return RelayError(.internalError, "The relay failed; retry later.", underlying: error)
    }
}
