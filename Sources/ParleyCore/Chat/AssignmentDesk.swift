import Foundation
import Logging
import ParleyText

/// Hands conversations to operators, one decision at a time: a conversation goes to the online operator of its site
/// that ``Routing`` picks (by default the one with the fewest open conversations, ties by login). With nobody online
/// it waits; when an operator comes online the waiting conversations are handed out, oldest first. When an operator
/// goes offline for good (see ``OperatorDepartures``) or logs out, its open conversations are handed on the same way,
/// or wait.
actor AssignmentDesk {
    let store: any ChatStore
    let bus: any EventBus
    let presence: OperatorPresence
    let queueNews: QueueAnnouncer
    let routing: Routing
    let logger: Logger

    init(
        store: any ChatStore, bus: any EventBus, presence: OperatorPresence, queueNews: QueueAnnouncer,
        routing: Routing = .leastBusy, logger: Logger
    ) {
        self.store = store
        self.bus = bus
        self.presence = presence
        self.queueNews = queueNews
        self.routing = routing
        self.logger = logger
    }

    /// Assigns a waiting conversation if someone is online. Returns the conversation as it is afterwards.
    @discardableResult
    func assign(_ conversation: Conversation, visitor: Participant? = nil) async throws -> Conversation {
        guard conversation.status == .waiting else { return conversation }
        let language = try await visitorLanguage(of: conversation.id, visitor: visitor)
        guard let chosen = try await chooseOperator(in: conversation.siteID, for: language) else { return conversation }
        return try await hand(conversation, to: chosen, visitor: visitor, from: .waiting)
    }

    /// Hands out the site's waiting conversations, oldest first, while operators are online.
    func assignWaiting(in site: SiteID) async throws {
        let waiting = try await store.conversations(of: site, statuses: [.waiting], limit: 10_000)
        for conversation in waiting.sorted(by: { $0.createdAt < $1.createdAt }) {
            try await assign(conversation)
        }
    }

    /// Hands on the open conversations of an operator who left: each to the online operator with the fewest open
    /// conversations (never `account` itself), or back to waiting — the visitor is told nobody is online. With a
    /// `generation` (from ``OperatorPresence/generation(of:)`` when the operator went offline) nothing happens if the
    /// operator came back since. Returns how many conversations were handed on or re-queued; `nil` if it came back.
    @discardableResult
    func release(_ account: OperatorAccount, generation: Int?) async throws -> Int? {
        if let generation, !presence.isStillOffline(account.id, since: generation) { return nil }
        let assigned = try await store.conversations(of: account.siteID, statuses: [.assigned], limit: 100_000)
            .filter { $0.assignedOperatorID == account.id }
            .sorted { $0.createdAt < $1.createdAt }
        for conversation in assigned {
            await bus.publish(
                .presence(conversation.id, sender: SenderInfo(role: .operator, name: account.name), online: false),
                to: .conversation(conversation.id))
            let language = try await visitorLanguage(of: conversation.id, visitor: nil)
            if let chosen = try await chooseOperator(in: conversation.siteID, excluding: account.id, for: language) {
                try await hand(conversation, to: chosen, from: .assigned)
            } else {
                try await requeue(conversation)
            }
        }
        if !assigned.isEmpty {
            logger.info("Conversations of an operator handed on", metadata: [
                "operator.id": "\(account.id)", "conversations.count": "\(assigned.count)",
            ])
        }
        return assigned.count
    }

    /// Operators who are assigned open conversations but are not online (after a restart, say).
    func assignedButOffline() async throws -> [OperatorAccount] {
        var absent: [OperatorAccount] = []
        for site in try await store.sites() {
            let counts = try await store.assignmentCounts(of: site.id, statuses: [.assigned])
            for id in counts.keys.sorted(by: { $0.rawValue < $1.rawValue }) where !presence.isOnline(id) {
                if let account = try await store.operatorAccount(id) { absent.append(account) }
            }
        }
        return absent
    }

    /// The online operator of `site` that ``routing`` picks for a visitor who reads `language`, except `excluded`.
    private func chooseOperator(
        in site: SiteID, excluding excluded: OperatorID? = nil, for language: LanguageCode?
    ) async throws -> OperatorAccount? {
        let online = presence.online(in: site).filter { $0.id != excluded }
        guard !online.isEmpty else { return nil }
        let counts = try await store.assignmentCounts(of: site, statuses: ConversationStatus.open)
        return routing.choose(among: online, openConversations: counts, visitorLanguage: language)
    }

    /// The language the conversation's visitor reads, when ``routing`` asks for it (the store is read only then).
    private func visitorLanguage(
        of conversation: ConversationID, visitor: Participant?
    ) async throws -> LanguageCode? {
        guard case .language = routing else { return nil }
        if let visitor { return visitor.language }
        return try await store.participants(of: conversation).first { $0.role == .visitor }?.language
    }

    /// Hands the conversation to `chosen` if its stored status is still `expected`. The desk is an actor, but its awaits
    /// let another hand-over of the same conversation run between a decision and its write (a visitor's start and an
    /// operator's arrival, which hands out the waiting conversations it listed): the store's conditional update lets
    /// the first one through. Returns the conversation as stored afterwards.
    @discardableResult
    private func hand(
        _ conversation: Conversation, to chosen: OperatorAccount, visitor: Participant? = nil,
        from expected: ConversationStatus
    ) async throws -> Conversation {
        guard let updated = try await store.updateAssignment(
            conversation.id, status: .assigned, operatorID: chosen.id, at: .now, ifStatus: expected)
        else {
            return try await store.conversation(conversation.id) ?? conversation
        }
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
        try await announce(updated, visitor: visitor)
        return updated
    }

    /// Puts an assigned conversation back in the queue; its messages wait for the next operator.
    private func requeue(_ conversation: Conversation) async throws {
        guard let updated = try await store.updateAssignment(
            conversation.id, status: .waiting, operatorID: nil, at: .now, ifStatus: .assigned)
        else { return }
        logger.info("Conversation waits again", metadata: ["conversation.id": "\(conversation.id)"])
        await bus.publish(.notice(conversation.id, .noOperatorOnline), to: .conversation(conversation.id))
        try await announce(updated, visitor: nil)
    }

    /// Tells the site's operators about the conversation's new state, and the queue's.
    private func announce(_ updated: Conversation, visitor: Participant?) async throws {
        var visitor = visitor
        if visitor == nil { visitor = try await store.participants(of: updated.id).first { $0.role == .visitor } }
        await bus.publish(
            .conversationChanged(ConversationSnapshot(updated, visitor: visitor)), to: .site(updated.siteID))
        await queueNews.changed(updated.siteID)
    }
}
