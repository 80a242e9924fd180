import Foundation
import Logging

/// Hands conversations to operators, one decision at a time: a conversation goes to the online operator of its site
/// with the fewest open conversations (ties by login). With nobody online it waits; when an operator comes online
/// the waiting conversations are handed out, oldest first.
actor AssignmentDesk {
    let store: any ChatStore
    let bus: any EventBus
    let presence: OperatorPresence
    let queueNews: QueueAnnouncer
    let logger: Logger

    init(store: any ChatStore, bus: any EventBus, presence: OperatorPresence, queueNews: QueueAnnouncer, logger: Logger) {
        self.store = store
        self.bus = bus
        self.presence = presence
        self.queueNews = queueNews
        self.logger = logger
    }

    /// Assigns a waiting conversation if someone is online. Returns the conversation as it is afterwards.
    @discardableResult
    func assign(_ conversation: Conversation, visitor: Participant? = nil) async throws -> Conversation {
        guard conversation.status == .waiting else { return conversation }
        let online = presence.online(in: conversation.siteID)
        guard !online.isEmpty else { return conversation }
        let counts = try await store.assignmentCounts(of: conversation.siteID, statuses: ConversationStatus.open)
        let chosen = online.min { (counts[$0.id] ?? 0, $0.login) < (counts[$1.id] ?? 0, $1.login) }!
        let updated = try await store.updateAssignment(
            conversation.id, status: .assigned, operatorID: chosen.id, at: .now)
        let participant = Participant(
            id: .random(prefix: "p"), conversationID: conversation.id, role: .operator, operatorID: chosen.id,
            name: chosen.name, language: chosen.language)
        _ = try await store.addParticipant(participant)
        logger.info("Conversation assigned", metadata: ["conversation.id": "\(conversation.id)",
                                                        "operator.id": "\(chosen.id)"])
        await bus.publish(.notice(conversation.id, .operatorAssigned), to: .conversation(conversation.id))
        await bus.publish(
            .presence(conversation.id, sender: SenderInfo(role: .operator, name: chosen.name), online: true),
            to: .conversation(conversation.id))
        var visitor = visitor
        if visitor == nil { visitor = try await store.participants(of: conversation.id).first { $0.role == .visitor } }
        await bus.publish(.conversationChanged(ConversationSnapshot(updated, visitor: visitor)), to: .site(updated.siteID))
        await queueNews.changed(conversation.siteID)
        return updated
    }

    /// Hands out the site's waiting conversations, oldest first, while operators are online.
    func assignWaiting(in site: SiteID) async throws {
        let waiting = try await store.conversations(of: site, statuses: [.waiting], limit: 10_000)
        for conversation in waiting.sorted(by: { $0.createdAt < $1.createdAt }) {
            try await assign(conversation)
        }
    }
}
