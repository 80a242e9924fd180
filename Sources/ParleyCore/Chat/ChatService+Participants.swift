import Foundation
public import ParleyText

extension ChatService {
    /// Changes the language a participant reads in; later messages are translated into it.
    public func setLanguage(_ language: LanguageCode, for participant: Participant) async throws(RelayError) {
        guard supportedLanguages.contains(language) else {
            let list = supportedLanguages.map(\.rawValue).joined(separator: ", ")
            throw RelayError(.unsupportedLanguage, "Unknown language '\(language)'. Supported: \(list).")
        }
        do {
            try await store.setLanguage(language, of: participant.id)
        } catch {
            throw Self.relayError(for: error, conversation: participant.conversationID)
        }
        await bus.publish(
            .languageChanged(participant.conversationID, role: participant.role, language: language),
            to: .conversation(participant.conversationID))
    }

    /// An operator's request to translate message `seq` again into its language.
    public func retryTranslation(seq: Int, for participant: Participant) async throws(RelayError) {
        let message: ChatMessage?
        do {
            message = try await store.message(in: participant.conversationID, seq: seq)
        } catch {
            throw Self.relayError(for: error, conversation: participant.conversationID)
        }
        guard message != nil else {
            throw RelayError(.unknownMessage, "Message \(seq) does not exist in this conversation.")
        }
        pipeline.requestTranslation(participant.conversationID, seq: seq, into: participant.language, force: true)
    }

    /// An operator's correction of the detected language of message `seq` ("wrong language?"): the message is
    /// recorded in `language` (confidence 1), its translation for the operator is made again from that language, and
    /// when the visitor wrote it, the visitor's language becomes `language` too, so replies follow.
    public func correctLanguage(seq: Int, to language: LanguageCode, by participant: Participant) async throws(RelayError) {
        guard supportedLanguages.contains(language) else {
            let list = supportedLanguages.map(\.rawValue).joined(separator: ", ")
            throw RelayError(.unsupportedLanguage, "Unknown language '\(language)'. Supported: \(list).")
        }
        let conversation = participant.conversationID
        let sender: Participant?
        do {
            guard let message = try await store.message(in: conversation, seq: seq) else {
                throw RelayError(.unknownMessage, "Message \(seq) does not exist in this conversation.")
            }
            try await store.setDetection(language, confidence: 1, conversation: conversation, seq: seq)
            sender = try await store.participants(of: conversation).first { $0.id == message.senderID }
        } catch let error as RelayError {
            throw error
        } catch {
            throw Self.relayError(for: error, conversation: conversation)
        }
        if let sender, sender.role == .visitor, sender.language != language {
            try await setLanguage(language, for: sender)
        }
        pipeline.requestTranslation(conversation, seq: seq, into: participant.language, force: true)
    }

    /// Closes a conversation: nothing more can be sent; its visitor is told.
    public func close(_ conversation: Conversation) async throws {
        let updated = try await store.updateAssignment(
            conversation.id, status: .closed, operatorID: conversation.assignedOperatorID, at: .now)
        await bus.publish(.notice(conversation.id, .conversationClosed), to: .conversation(conversation.id))
        await bus.publish(.conversationClosed(conversation.id), to: .conversation(conversation.id))
        let visitor = try await visitor(of: updated.id)
        await bus.publish(.conversationChanged(ConversationSnapshot(updated, visitor: visitor)), to: .site(updated.siteID))
        if conversation.status == .waiting { await queueNews.changed(updated.siteID) }
    }

    /// Forwards a typing indicator.
    public func typing(_ active: Bool, from participant: Participant) async {
        await bus.publish(
            .typing(participant.conversationID, sender: participant.senderInfo, active: active),
            to: .conversation(participant.conversationID))
    }

    /// Forwards a read receipt.
    public func read(upTo seq: Int, from participant: Participant) async {
        await bus.publish(
            .read(participant.conversationID, sender: participant.senderInfo, seq: seq),
            to: .conversation(participant.conversationID))
    }
}

extension Participant {
    /// How this participant appears to the others.
    public var senderInfo: SenderInfo { SenderInfo(role: role, id: id, name: name) }
}
