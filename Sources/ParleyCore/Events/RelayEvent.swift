public import ParleyText

/// Who did something, as shown to the other side.
public struct SenderInfo: Sendable, Hashable, Codable {
    public var role: ParticipantRole
    public var id: ParticipantID?
    public var name: String

    public init(role: ParticipantRole, id: ParticipantID? = nil, name: String) {
        self.role = role
        self.id = id
        self.name = name
    }
}

/// What an ``EventBus`` carries to the connections that follow a topic.
///
/// Message events are wake-up calls, never the record: a connection re-reads the store by `seq` after its cursor.
public enum RelayEvent: Sendable, Hashable {
    /// Messages up to `seq` may be delivered: read the store after your cursor, up to `upTo`.
    case messagesReady(ConversationID, upTo: Int)
    /// A translation of message `seq` into `language` was stored (late, or retried).
    case translationStored(ConversationID, seq: Int, language: LanguageCode)
    case typing(ConversationID, sender: SenderInfo, active: Bool)
    case read(ConversationID, sender: SenderInfo, seq: Int)
    /// A participant's reading language changed.
    case languageChanged(ConversationID, role: ParticipantRole, language: LanguageCode)
    case presence(ConversationID, sender: SenderInfo, online: Bool)
    /// A notice for the conversation's visitor, rendered in each recipient's language.
    case notice(ConversationID, SystemNotice)
    /// A conversation of the site was created, assigned or changed status; the snapshot says how it is now, so a
    /// site's consoles need not each read it back. (Indirect: every queued event and every frame that holds one would
    /// otherwise be as large as the snapshot.)
    indirect case conversationChanged(ConversationSnapshot)
    /// The number of waiting conversations or online operators of the site changed (announced once per change).
    case queue(SiteID, QueueFigures)
    /// The conversation was closed; its visitors' sockets close.
    case conversationClosed(ConversationID)
    /// The operator's session ended (logout); its sockets close.
    case operatorLoggedOut(OperatorID)
}

/// A conversation as its site's operators see it in their lists, at the moment it changed.
public struct ConversationSnapshot: Sendable, Hashable {
    public var conversation: Conversation
    public var visitor: Participant?
    /// The operator the conversation was assigned to before this change, when that changed (so that operator's
    /// console learns it moved).
    public var formerOperatorID: OperatorID?

    public init(_ conversation: Conversation, visitor: Participant?, formerOperatorID: OperatorID? = nil) {
        self.conversation = conversation
        self.visitor = visitor
        self.formerOperatorID = formerOperatorID
    }

    /// Whether the operator's console should hear of it: it is on their list, or was until this change.
    public func concerns(_ operatorID: OperatorID) -> Bool {
        conversation.isListed(for: operatorID) || formerOperatorID == operatorID
    }
}

/// What an ``EventBus`` subscription follows.
public enum EventTopic: Sendable, Hashable {
    /// Everything about one conversation.
    case conversation(ConversationID)
    /// Site-wide news for its operators (conversation list, queue).
    case site(SiteID)
    /// One operator's account (logout).
    case `operator`(OperatorID)
}
